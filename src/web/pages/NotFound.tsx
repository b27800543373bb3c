import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../page-title.ts';

export function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t('error.notFound.title'));
  return (
    <div className="container my-5">
      <p className="noi-error-code" aria-hidden="true">
        404
      </p>
      <h1>{t('error.notFound.title')}</h1>
      <p className="lead">{t('error.notFound.text')}</p>
      <Link to="/" className="btn btn-primary">
        {t('error.notFound.home')}
      </Link>
    </div>
  );
}

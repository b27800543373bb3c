import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useShell } from '../shell.ts';

export function Footer() {
  const { t } = useTranslation();
  const shell = useShell();
  return (
    <footer className="it-footer">
      <div className="it-footer-main">
        <div className="container py-4">
          <h2 className="h4 text-white">
            {t('app.name')}
            {shell ? ` · ${shell.city.name}` : ''}
          </h2>
          <p className="text-white mb-0">{t('footer.about')}</p>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container">
          <h2 className="visually-hidden">{t('footer.legal')}</h2>
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            <li className="list-inline-item">
              <Link to="/accessibilita">{t('footer.accessibility')}</Link>
            </li>
            <li className="list-inline-item">
              <Link to="/privacy">{t('footer.privacy')}</Link>
            </li>
            <li className="list-inline-item">
              <a href="/api/docs">{t('footer.api')}</a>
            </li>
            <li className="list-inline-item">
              <span className="text-white">{t('footer.source')}</span>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}

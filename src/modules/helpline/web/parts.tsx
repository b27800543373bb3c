import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../../../web/api.ts';
import { usePageTitle } from '../../../web/page-title.ts';
import { LoadFailure } from '../../identity/web/access.tsx';

/** "lunedì", "Monday". */
export const weekdayName = (t: TFunction, weekday: number): string => t(`helpline.weekday.${weekday}`);

/**
 * A 403 from the helpline, in its own words (the page is for its psychologists and its supervisor);
 * anything else as every page shows it.
 */
export function CallDenied({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  usePageTitle(t('helpline.denied.title'));
  if (error.status !== 403) return <LoadFailure error={error} onRetry={onRetry} />;
  return (
    <div className="container my-5">
      <h1>{t('helpline.denied.title')}</h1>
      <p className="lead">{t('helpline.denied.text')}</p>
      <Link to="/" className="btn btn-primary">
        {t('error.notFound.home')}
      </Link>
    </div>
  );
}

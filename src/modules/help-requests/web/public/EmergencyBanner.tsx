import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../../web/api.ts';
import { telHref } from '../../../directory/web/format.ts';
import type { Emergency } from './types.ts';

/** At the top of the home page while the city is in emergency mode; nothing otherwise. */
export function EmergencyBanner() {
  const { t } = useTranslation();
  const emergency = useApi<Emergency>('/api/v1/emergency');
  if (emergency.state !== 'ready' || !emergency.data.active) return null;
  const e = emergency.data;
  return (
    <section
      aria-labelledby="emergency-title"
      className="alert alert-danger noi-help-emergency mb-4"
      data-testid="emergency-banner"
    >
      <h2 id="emergency-title" className="h3">
        {t('helpRequests.emergency.title')}
      </h2>
      {e.message && <p className="lead noi-break">{e.message}</p>}
      {e.phone && (
        <p className="h4">
          {t('helpRequests.emergency.call')} <a href={telHref(e.phone)}>{e.phone}</a>
        </p>
      )}
      <p className="mb-0">
        <Link to="/chiedi-aiuto" className="btn btn-primary btn-lg">
          {t('helpRequests.emergency.ask')}
        </Link>
      </p>
    </section>
  );
}

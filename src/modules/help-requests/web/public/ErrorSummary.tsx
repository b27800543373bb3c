import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The errors of a form at its top, each a link to its field. It takes the focus when it appears
 * (and on each new attempt: `attempt`), so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({
  errors,
  attempt,
  detail,
}: {
  errors: { id: string; message: string }[];
  attempt: number;
  /** A problem that no field explains (the service is down, a rate limit, …). */
  detail?: string;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0 || Boolean(detail);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each attempt moves the focus here again
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [attempt, shown]);
  if (!shown) return null;
  return (
    <div
      ref={box}
      className="alert alert-danger noi-alert noi-help-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="help-summary-title"
      data-testid="error-summary"
    >
      <h2 id="help-summary-title" className="h4">
        {t('helpRequests.form.errors.title')}
      </h2>
      {detail && <p className="mb-2">{detail}</p>}
      {errors.length > 0 && (
        <ul className="mb-0">
          {errors.map((e) => (
            <li key={e.id}>
              <a
                href={`#${e.id}`}
                onClick={(ev) => {
                  const el = document.getElementById(e.id);
                  if (!el) return;
                  ev.preventDefault();
                  el.focus();
                  el.scrollIntoView({ block: 'center' });
                }}
              >
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

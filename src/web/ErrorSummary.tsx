import { useEffect, useRef } from 'react';

export interface FieldError {
  /** The id of the field the error is about: the link moves the focus there. */
  id: string;
  message: string;
}

/**
 * The errors of a form at its top, each a link to its field (GOV.UK / Designers Italia pattern).
 * It takes the focus when it appears and again on each new attempt (`attempt`), so keyboard and
 * screen-reader users land on it. `detail` is a problem no field explains (the service is down…).
 */
export function ErrorSummary({
  errors,
  attempt,
  detail,
  id,
  title,
  className = '',
  headingClassName = 'h5',
}: {
  errors: FieldError[];
  attempt: number;
  detail?: string;
  /** Prefix of the heading's id (`<id>-title`). */
  id: string;
  title: string;
  className?: string;
  headingClassName?: string;
}) {
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
      className={`alert alert-danger noi-alert ${className}`.trim()}
      role="alert"
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      data-testid="error-summary"
    >
      <h2 id={`${id}-title`} className={headingClassName}>
        {title}
      </h2>
      {detail && <p className="mb-2">{detail}</p>}
      {errors.length > 0 && (
        <ul className="mb-0">
          {errors.map((e) => (
            <li key={`${e.id}-${e.message}`}>
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

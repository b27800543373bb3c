import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

/** Previous / next pages of a list, as links that keep the other filters of the address. */
export function Pager({
  page,
  total,
  pageSize,
  label,
}: {
  page: number;
  total: number;
  pageSize: number;
  label: string;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  const to = (p: number) => {
    const next = new URLSearchParams(params);
    if (p <= 1) next.delete('page');
    else next.set('page', String(p));
    const qs = next.toString();
    return qs ? `?${qs}` : '?';
  };
  return (
    <nav className="pagination-wrapper" aria-label={label}>
      <ul className="pagination">
        <li className={`page-item${page <= 1 ? ' disabled' : ''}`}>
          {page > 1 ? (
            <Link className="page-link" to={to(page - 1)}>
              {t('identity.pager.previous')}
            </Link>
          ) : (
            <span className="page-link" aria-disabled="true">
              {t('identity.pager.previous')}
            </span>
          )}
        </li>
        <li className="page-item">
          <span className="page-link" aria-current="page">
            {t('identity.pager.position', { page, pages })}
          </span>
        </li>
        <li className={`page-item${page >= pages ? ' disabled' : ''}`}>
          {page < pages ? (
            <Link className="page-link" to={to(page + 1)}>
              {t('identity.pager.next')}
            </Link>
          ) : (
            <span className="page-link" aria-disabled="true">
              {t('identity.pager.next')}
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** The page number of the address (1 when absent or not a number). */
export function pageParam(params: URLSearchParams): number {
  const n = Number(params.get('page'));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

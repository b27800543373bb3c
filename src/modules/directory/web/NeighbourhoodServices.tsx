import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { ResultItem } from './parts.tsx';
import type { SearchResult } from './types.ts';

const shown = 10;

/** On a neighbourhood's page: the services based there, and a link to search them all. */
export function NeighbourhoodServices({ code }: { code: string }) {
  const { t } = useTranslation();
  const search = useApi<SearchResult>(
    `/api/v1/directory/services?neighbourhood=${encodeURIComponent(code)}&sort=name&pageSize=${shown}`,
  );
  const titleId = `directory-section-${code}`;
  const searchLink = `/servizi?neighbourhood=${encodeURIComponent(code)}`;
  return (
    <section aria-labelledby={titleId} className="my-4" data-testid="directory-section">
      <h2 id={titleId} className="h3">
        {t('directory.neighbourhood.title')}
      </h2>
      {search.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {search.state === 'error' && <p role="alert">{search.error.problem.detail}</p>}
      {search.state === 'ready' &&
        (search.data.total === 0 ? (
          <p>
            {t('directory.neighbourhood.none')}{' '}
            <Link to="/servizi">{t('directory.neighbourhood.searchAll')}</Link>
          </p>
        ) : (
          <>
            <p>{t('directory.neighbourhood.intro', { count: search.data.total })}</p>
            <ul className="noi-dir-results">
              {search.data.items.map((item) => (
                <li key={item.id}>
                  <ResultItem item={item} />
                </li>
              ))}
            </ul>
            <p className="mt-3">
              <Link to={searchLink} className="btn btn-outline-primary">
                {t('directory.neighbourhood.more')}
              </Link>
            </p>
          </>
        ))}
    </section>
  );
}

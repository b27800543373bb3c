import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { type ApiError, useApi } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ProblemAlert } from '../../identity/web/forms.tsx';
import { type EditableOrganization, editReach } from './edit-parts.tsx';

interface SearchResult {
  items: { id: string; name: string; organization: { id: string; name: string } }[];
  total: number;
}

const pageSize = 20;

/** /le-mie-schede: the organisations a person looks after, and their services, to keep up to date. */
export function MyEntriesPage() {
  const { t } = useTranslation();
  usePageTitle(t('directoryEdit.myEntries.title'));
  const { status, user, signedOut } = useCurrentUser();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signedOut ? '/accedi' : signInPath('/le-mie-schede')} replace />;
  const reach = editReach(user);
  return (
    <div className="container my-5">
      <h1>{t('directoryEdit.myEntries.title')}</h1>
      {reach.organisations.length === 0 && !reach.all ? (
        <p className="lead">{t('directoryEdit.myEntries.none')}</p>
      ) : (
        <>
          <p className="lead">{t('directoryEdit.myEntries.intro')}</p>
          {reach.organisations.map((id) => (
            <OrganizationEntries key={id} id={id} />
          ))}
          {reach.all && <CityEntries />}
        </>
      )}
    </div>
  );
}

function OrganizationEntries({ id }: { id: string }) {
  const { t } = useTranslation();
  const org = useApi<EditableOrganization>(`/api/v1/directory/organizations/${encodeURIComponent(id)}`);
  const titleId = `org-${id}-title`;
  if (org.state === 'loading') return <p aria-busy="true">{t('app.loading')}</p>;
  if (org.state === 'error') {
    if (org.error.status === 404 || org.error.status === 400)
      return (
        <section className="mt-5">
          <p>{t('directoryEdit.myEntries.missing', { ref: id })}</p>
        </section>
      );
    return <SectionFailure error={org.error} onRetry={org.reload} />;
  }
  const o = org.data;
  return (
    <section className="mt-5" aria-labelledby={titleId} data-testid="my-organization">
      <h2 id={titleId}>{o.name}</h2>
      <p className="d-flex flex-wrap gap-3">
        <Link to={`/organizzazioni/${o.id}/modifica`} className="btn btn-primary btn-sm">
          {t('directoryEdit.myEntries.editOrganization')}
          <span className="visually-hidden"> «{o.name}»</span>
        </Link>
        <Link to={`/organizzazioni/${o.id}`} className="btn btn-outline-primary btn-sm">
          {t('directoryEdit.myEntries.viewOrganization')}
          <span className="visually-hidden"> «{o.name}»</span>
        </Link>
      </p>
      <h3 className="h5">{t('directoryEdit.myEntries.services')}</h3>
      {o.services.length === 0 ? (
        <p>{t('directoryEdit.myEntries.noServices')}</p>
      ) : (
        <ul className="list-group noi-edit-list">
          {o.services.map((s) => (
            <li
              key={s.id}
              className="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2"
            >
              <span>
                <Link to={`/servizi/${s.id}`}>{s.name}</Link>
                {s.categories.length > 0 && (
                  <span className="noi-hint small mt-0">{s.categories.map((c) => c.name).join(', ')}</span>
                )}
              </span>
              <Link to={`/servizi/${s.id}/modifica`} className="btn btn-outline-primary btn-sm">
                {t('directoryEdit.edit')}
                <span className="visually-hidden"> «{s.name}»</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A part of the page that could not load: what went wrong, and a way to try again. */
function SectionFailure({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="mt-4">
      <ProblemAlert problem={error.problem} />
      <button type="button" className="btn btn-outline-primary btn-sm" onClick={onRetry}>
        {t('error.server.retry')}
      </button>
    </div>
  );
}

/** For the city: any service, found by name, with links to edit it and its organisation. */
function CityEntries() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const params = new URLSearchParams({ pageSize: String(pageSize) });
  if (query) params.set('q', query);
  else params.set('sort', 'name');
  const list = useApi<SearchResult>(`/api/v1/directory/services?${params}`);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };
  return (
    <section className="mt-5" aria-labelledby="city-entries-title">
      <h2 id="city-entries-title">{t('directoryEdit.myEntries.city.title')}</h2>
      <p>{t('directoryEdit.myEntries.city.intro')}</p>
      <p>
        <Link to="/servizi">{t('directoryEdit.myEntries.city.openMap')}</Link>
      </p>
      <form onSubmit={onSubmit} className="d-flex flex-wrap align-items-end gap-3">
        <div className="form-group noi-field mb-0 flex-grow-1">
          <label htmlFor="city-entries-q" className="active">
            {t('directoryEdit.myEntries.city.search')}
          </label>
          <input
            id="city-entries-q"
            type="search"
            className="form-control"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary">
          {t('directoryEdit.myEntries.city.searchButton')}
        </button>
      </form>
      <div className="mt-4">
        {list.state === 'loading' ? (
          <p aria-busy="true">{t('app.loading')}</p>
        ) : list.state === 'error' ? (
          <SectionFailure error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <p aria-live="polite">
              {t('directoryEdit.myEntries.city.count', { count: list.data.total })}
              {list.data.total > list.data.items.length &&
                ` ${t('directoryEdit.myEntries.city.more', { shown: list.data.items.length })}`}
            </p>
            {list.data.items.length > 0 && (
              <div className="table-responsive">
                <table className="table">
                  <caption className="visually-hidden">{t('directoryEdit.myEntries.city.results')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('directoryEdit.myEntries.city.service')}</th>
                      <th scope="col">{t('directoryEdit.myEntries.city.organization')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <Link to={`/servizi/${s.id}/modifica`}>
                            {t('directoryEdit.myEntries.editService', { name: s.name })}
                          </Link>
                        </td>
                        <td>
                          <Link to={`/organizzazioni/${s.organization.id}/modifica`}>
                            {t('directoryEdit.myEntries.editService', { name: s.organization.name })}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}

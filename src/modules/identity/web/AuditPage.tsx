import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { LoadFailure } from './access.tsx';
import { Field, SelectField } from './forms.tsx';
import it from './i18n/it.json';
import { formatDateTime, labelOr, scopeLabel, useZones } from './labels.ts';
import { Pager, pageParam } from './Pager.tsx';
import { type AuditEntry, type Page, pageSize } from './types.ts';

/** The filters of GET /api/v1/admin/audit that the form sets, as they appear in the address. */
const filterNames = ['actor', 'resource', 'resourceId', 'action', 'from', 'to', 'breakGlass'] as const;
type Filters = Record<(typeof filterNames)[number], string>;

const knownActions = Object.keys(it.identity.actions);
const knownResources = Object.keys(it.identity.resources);

function readFilters(params: URLSearchParams): Filters {
  return Object.fromEntries(filterNames.map((n) => [n, params.get(n) ?? ''])) as Filters;
}

/** Who did what, to which record, when: searchable, with the reasons given to break the glass. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('identity.audit.title'));
  const zones = useZones();
  /** "zone:nord" → "Zona Nord", "city" → "Tutta la città". */
  const scopeText = (scope: string | null) => {
    if (!scope) return '—';
    const [kind = '', ref = null] = scope.split(':', 2);
    return scopeLabel(t, { kind, ref }, zones) || labelOr(t, `identity.scopeKinds.${kind}`, kind);
  };
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const page = pageParam(params);
  const query = new URLSearchParams();
  for (const n of filterNames) if (applied[n]) query.set(n, applied[n]);
  if (page > 1) query.set('page', String(page));
  const list = useApi<Page<AuditEntry>>(`/api/v1/admin/audit${query.size ? `?${query}` : ''}`);
  const [form, setForm] = useState<Filters>(applied);
  const appliedKey = filterNames.map((n) => applied[n]).join('\u0001');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address (back and forward)
  useEffect(() => setForm(readFilters(params)), [appliedKey]);

  if (list.state === 'error' && list.error.status !== 400) {
    return <LoadFailure error={list.error} onRetry={list.reload} />;
  }

  const set = (name: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const n of filterNames) if (form[n].trim()) next.set(n, form[n].trim());
    setParams(next);
  };
  const onClear = () => {
    setForm(readFilters(new URLSearchParams()));
    setParams(new URLSearchParams());
  };
  const withCurrent = (codes: string[], current: string) =>
    current && !codes.includes(current) ? [...codes, current] : codes;

  return (
    <div className="container my-5">
      <h1>{t('identity.audit.title')}</h1>
      <p className="lead">{t('identity.audit.intro')}</p>
      <section aria-labelledby="audit-search-title" className="mb-4">
        <h2 id="audit-search-title" className="h4">
          {t('identity.audit.searchTitle')}
        </h2>
        <form onSubmit={onSubmit} className="mt-4">
          <div className="row g-3">
            <div className="col-12 col-md-6 col-lg-4">
              <Field
                id="audit-actor"
                label={t('identity.audit.actor')}
                hint={t('identity.audit.actorHint')}
                value={form.actor}
                onChange={set('actor')}
                spellCheck={false}
              />
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <SelectField
                id="audit-resource"
                label={t('identity.audit.resource')}
                value={form.resource}
                onChange={set('resource')}
                options={[
                  { value: '', label: t('identity.audit.anyResource') },
                  ...withCurrent(knownResources, form.resource).map((r) => ({
                    value: r,
                    label: labelOr(t, `identity.resources.${r}`, r),
                  })),
                ]}
              />
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <Field
                id="audit-resource-id"
                label={t('identity.audit.resourceId')}
                hint={t('identity.audit.resourceIdHint')}
                value={form.resourceId}
                onChange={set('resourceId')}
                spellCheck={false}
              />
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <SelectField
                id="audit-action"
                label={t('identity.audit.action')}
                value={form.action}
                onChange={set('action')}
                options={[
                  { value: '', label: t('identity.audit.anyAction') },
                  ...withCurrent(knownActions, form.action).map((a) => ({
                    value: a,
                    label: labelOr(t, `identity.actions.${a}`, a),
                  })),
                ]}
              />
            </div>
            <div className="col-6 col-lg-4">
              <Field
                id="audit-from"
                type="date"
                label={t('identity.audit.from')}
                value={form.from}
                onChange={set('from')}
              />
            </div>
            <div className="col-6 col-lg-4">
              <Field
                id="audit-to"
                type="date"
                label={t('identity.audit.to')}
                value={form.to}
                onChange={set('to')}
              />
            </div>
          </div>
          <div className="form-check mb-4">
            <input
              id="audit-break-glass"
              type="checkbox"
              checked={form.breakGlass === 'true'}
              onChange={(e) => set('breakGlass')(e.target.checked ? 'true' : '')}
            />
            <label htmlFor="audit-break-glass">{t('identity.audit.breakGlassOnly')}</label>
          </div>
          <div className="d-flex flex-wrap gap-3">
            <button type="submit" className="btn btn-primary">
              {t('identity.audit.search')}
            </button>
            <button type="button" className="btn btn-outline-primary" onClick={onClear}>
              {t('identity.audit.clear')}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="audit-list-title">
        <h2 id="audit-list-title" className="h4">
          {t('identity.audit.listTitle')}
        </h2>
        {list.state === 'loading' && <Loading />}
        {list.state === 'error' && (
          <div className="alert alert-danger" role="alert">
            <p className="mb-0">{list.error.problem.detail}</p>
            {list.error.problem.errors && (
              <ul className="mb-0 mt-2">
                {list.error.problem.errors.map((e) => (
                  <li key={`${e.field}-${e.message}`}>
                    {labelOr(t, `identity.audit.field.${e.field}`, e.field)}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {list.state === 'ready' && (
          <>
            <p aria-live="polite">{t('identity.audit.count', { count: list.data.total })}</p>
            {list.data.items.length > 0 && (
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus, so the table can be scrolled sideways with the keyboard on narrow screens
              <section className="table-responsive" tabIndex={0} aria-label={t('identity.audit.caption')}>
                <table className="table noi-audit">
                  <caption className="visually-hidden">{t('identity.audit.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('identity.audit.at')}</th>
                      <th scope="col">{t('identity.audit.who')}</th>
                      <th scope="col">{t('identity.audit.what')}</th>
                      <th scope="col">{t('identity.audit.record')}</th>
                      <th scope="col">{t('identity.audit.scope')}</th>
                      <th scope="col">{t('identity.audit.outcome')}</th>
                      <th scope="col">{t('identity.audit.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((row) => (
                      <tr
                        key={row.id}
                        className={row.action === 'break_glass' ? 'noi-break-glass' : undefined}
                      >
                        <td className="text-nowrap">
                          <time dateTime={row.at}>{formatDateTime(row.at, i18n.language)}</time>
                        </td>
                        <td className="noi-break">
                          {row.actorLabel ?? row.actorId ?? t('identity.audit.nobody')}
                        </td>
                        <td>
                          {labelOr(t, `identity.actions.${row.action}`, row.action)}
                          {row.sensitive && (
                            <span className="badge bg-warning text-dark ms-2">
                              {t('identity.audit.sensitive')}
                            </span>
                          )}
                        </td>
                        <td className="noi-break">
                          {labelOr(t, `identity.resources.${row.resource}`, row.resource)}
                          {row.resourceId && <div className="small">{row.resourceId}</div>}
                        </td>
                        <td>{scopeText(row.scope)}</td>
                        <td>{labelOr(t, `identity.outcomes.${row.outcome}`, row.outcome)}</td>
                        <td>{row.reason ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
            <Pager
              page={list.data.page}
              total={list.data.total}
              pageSize={pageSize}
              label={t('identity.audit.pages')}
            />
          </>
        )}
      </section>
    </div>
  );
}

import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { FilterSelect } from '../../../web/FilterSelect.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { useTerritory } from '../../community-points/web/parts.tsx';
import type { CommunityPointList } from '../../community-points/web/types.ts';
import { Breadcrumb } from '../../directory/web/parts.tsx';
import { byName, formatDate, formatWhen, programmeYear, yearLabel } from './format.ts';
import { PlaceFilter, partLabel, statusLabel } from './parts.tsx';
import { type InitiativeList, type InitiativeSummary, initiativeStatuses, programmeParts } from './types.ts';

const pageSize = 20;
const keys = ['zone', 'neighbourhood', 'communityPoint', 'programmePart', 'year', 'status'] as const;
type Filters = Record<(typeof keys)[number], string>;
const read = (p: URLSearchParams): Filters =>
  Object.fromEntries(keys.map((k) => [k, p.get(k) ?? ''])) as Filters;

/** The programme years from 2016/17 to this one, newest first. */
export function programmeYears(): number[] {
  const out: number[] = [];
  for (let y = programmeYear(); y >= 2016; y--) out.push(y);
  return out;
}

/** `/iniziative`: the initiatives of the hubs and of the city, with filters, each with its next event. */
export function InitiativesPage() {
  const { t } = useTranslation();
  usePageTitle(t('initiatives.list.title'));
  const [params, setParams] = useSearchParams();
  const applied = read(params);
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const territory = useTerritory();
  const points = useApi<CommunityPointList>('/api/v1/community-points');
  const hubs = useMemo(
    () => (points.state === 'ready' ? byName(points.data.items, (p) => p.name) : []),
    [points],
  );
  const query = new URLSearchParams();
  for (const k of keys) if (applied[k]) query.set(k, applied[k]);
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  const list = useApi<InitiativeList>(`/api/v1/initiatives?${query}`);
  const [form, setForm] = useState<Filters>(applied);
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address (back and forward)
  useEffect(() => setForm(read(params)), [key]);
  if (list.state === 'error' && list.error.status !== 400)
    return <ServerError error={list.error} onRetry={list.reload} />;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of keys) if (form[k]) next.set(k, form[k]);
    setParams(next);
  };
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    if (p <= 1) next.delete('page');
    else next.set('page', String(p));
    return `?${next}`;
  };
  const setValue = (k: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  const total = list.state === 'ready' ? list.data.total : 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="container my-4 noi-ini">
      <Breadcrumb trail={[]} current={t('initiatives.list.title')} />
      <h1>{t('initiatives.list.title')}</h1>
      <p className="lead">{t('initiatives.list.intro')}</p>
      <p className="d-flex flex-wrap gap-3">
        <Link to="/calendario" className="btn btn-primary">
          {t('initiatives.list.toCalendar')}
        </Link>
        <Link to="/iniziative/numeri" className="btn btn-outline-primary">
          {t('initiatives.list.toFigures')}
        </Link>
      </p>
      <section aria-labelledby="ini-filters-title" className="mb-4">
        <h2 id="ini-filters-title" className="h4">
          {t('initiatives.filter.title')}
        </h2>
        <form onSubmit={onSubmit}>
          <div className="row g-3">
            <PlaceFilter
              idPrefix="ini"
              zones={territory.zones}
              zone={form.zone}
              neighbourhood={form.neighbourhood}
              onChange={(p) => setForm((f) => ({ ...f, ...p }))}
            />
            <FilterSelect
              id="ini-hub"
              label={t('initiatives.filter.hub')}
              value={form.communityPoint}
              onChange={setValue('communityPoint')}
              any={t('initiatives.filter.anyHub')}
            >
              {hubs.map((h) => (
                <option key={h.slug} value={h.slug}>
                  {h.name}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect
              id="ini-part"
              label={t('initiatives.filter.part')}
              value={form.programmePart}
              onChange={setValue('programmePart')}
              any={t('initiatives.filter.anyPart')}
            >
              {programmeParts.map((p) => (
                <option key={p} value={p}>
                  {partLabel(t, p)}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect
              id="ini-year"
              label={t('initiatives.filter.year')}
              value={form.year}
              onChange={setValue('year')}
              any={t('initiatives.filter.anyYear')}
              hint={t('initiatives.filter.yearHint')}
            >
              {programmeYears().map((y) => (
                <option key={y} value={String(y)}>
                  {yearLabel(y)}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect
              id="ini-status"
              label={t('initiatives.filter.status')}
              value={form.status}
              onChange={setValue('status')}
              any={t('initiatives.filter.anyStatus')}
            >
              {initiativeStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(t, s)}
                </option>
              ))}
            </FilterSelect>
          </div>
          <div className="d-flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary">
              {t('initiatives.filter.apply')}
            </button>
            <button
              type="button"
              className="btn btn-outline-primary"
              onClick={() => {
                setForm(read(new URLSearchParams()));
                setParams(new URLSearchParams());
              }}
            >
              {t('initiatives.filter.clear')}
            </button>
          </div>
        </form>
      </section>
      <p role="status" className="fw-semibold" id="ini-count">
        {list.state === 'ready' && t('initiatives.list.count', { count: total })}
      </p>
      {list.state === 'loading' && <Loading />}
      {list.state === 'error' && (
        <div className="alert alert-warning" role="alert">
          {list.error.problem.detail}
        </div>
      )}
      {list.state === 'ready' && (
        <>
          <ul className="list-unstyled row g-3">
            {list.data.items.map((i) => (
              <li key={i.id} className="col-12 col-lg-6">
                <InitiativeCard initiative={i} />
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <nav aria-label={t('initiatives.list.pages')} className="my-4">
              <ul className="pagination">
                {page > 1 && (
                  <li className="page-item">
                    <Link className="page-link" to={pageLink(page - 1)}>
                      {t('initiatives.list.previous')}
                    </Link>
                  </li>
                )}
                <li className="page-item">
                  <span className="page-link" aria-current="page">
                    {t('initiatives.list.pageOf', { page, pages })}
                  </span>
                </li>
                {page < pages && (
                  <li className="page-item">
                    <Link className="page-link" to={pageLink(page + 1)}>
                      {t('initiatives.list.next')}
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          )}
        </>
      )}
    </div>
  );
}

/** One initiative: title as a link, hub, where, part of the programme, dates, next event. */
export function InitiativeCard({ initiative: i }: { initiative: InitiativeSummary }) {
  const { t } = useTranslation();
  const titleId = `ini-${i.slug}`;
  return (
    <article className="card card-bg h-100 noi-ini-card" aria-labelledby={titleId}>
      <div className="card-body">
        <h3 id={titleId} className="card-title h5">
          <Link to={`/iniziative/${i.slug}`}>{i.title}</Link>
        </h3>
        <p className="mb-2">
          <span className={`noi-ini-status noi-ini-status-${i.status}`}>{statusLabel(t, i.status)}</span>{' '}
          <span className="noi-ini-part">{partLabel(t, i.programmePart)}</span>
        </p>
        <dl className="noi-ini-facts mb-0">
          <dt>{t('initiatives.item.where')}</dt>
          <dd>
            {i.neighbourhood.name} ({i.zone.name})
          </dd>
          {i.communityPoint && (
            <>
              <dt>{t('initiatives.item.hub')}</dt>
              <dd>{i.communityPoint.name}</dd>
            </>
          )}
          <dt>{t('initiatives.item.dates')}</dt>
          <dd>
            {i.endsOn
              ? t('initiatives.item.fromTo', { from: formatDate(i.startsOn), to: formatDate(i.endsOn) })
              : t('initiatives.item.from', { from: formatDate(i.startsOn) })}
          </dd>
          <dt>{t('initiatives.item.nextEvent')}</dt>
          <dd>
            {i.nextEvent ? (
              <Link to={`/eventi/${i.nextEvent.id}`}>
                <time dateTime={i.nextEvent.startsAt}>{formatWhen(i.nextEvent.startsAt)}</time>
              </Link>
            ) : (
              t('initiatives.item.noNextEvent')
            )}
          </dd>
        </dl>
      </div>
    </article>
  );
}

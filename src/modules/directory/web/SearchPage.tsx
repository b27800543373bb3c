import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { usePageTitle } from '../../../web/page-title.ts';
import { useShell } from '../../../web/shell.ts';
import type { TerritoryData } from '../../territory/web/types.ts';
import { filterLanguages, languageName } from './format.ts';
import { ResultItem } from './parts.tsx';
import { ServiceMap } from './ServiceMap.tsx';
import type { Category, MapPoint, SearchResult } from './types.ts';

const pageSize = 10;
const positionKey = 'noi.directory.position';

/** The filters of the address bar (the search lives there: shareable, and Back works). */
const filterKeys = ['category', 'zone', 'neighbourhood', 'age', 'language', 'openNow'] as const;

type Position = { lat: number; lon: number };

/** The position "near me" was asked with: kept for this tab only, never put in the address. */
function storedPosition(): Position | null {
  try {
    const raw = sessionStorage.getItem(positionKey);
    if (!raw) return null;
    const p = JSON.parse(raw) as Position;
    return Number.isFinite(p.lat) && Number.isFinite(p.lon) ? p : null;
  } catch {
    return null;
  }
}

function validAge(value: string): number | null {
  if (!/^\d{1,3}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= 0 && n <= 120 ? n : null;
}

type Geo = { state: 'idle' } | { state: 'locating' } | { state: 'error'; message: string };

/** /servizi: search the city's services by words, topic, place, age, language, opening. */
export function SearchPage() {
  const { t, i18n } = useTranslation();
  const shell = useShell();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('directory.search.title'));

  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const zone = params.get('zone') ?? '';
  const neighbourhood = params.get('neighbourhood') ?? '';
  const ageParam = params.get('age') ?? '';
  const language = params.get('language') ?? '';
  const openNow = params.get('openNow') === 'true';
  const sortParam = params.get('sort');
  const sort = sortParam === 'distance' || sortParam === 'name' ? sortParam : 'relevance';
  const near = params.get('near') === 'me';
  const pageNumber = Number(params.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1;

  const [position, setPosition] = useState<Position | null>(storedPosition);
  const [geo, setGeo] = useState<Geo>({ state: 'idle' });

  const territory = useApi<TerritoryData>('/api/v1/territory');
  const categories = useApi<Category[]>('/api/v1/directory/categories');

  // The API's query, from the address.
  const apiQuery = new URLSearchParams();
  if (q.trim()) apiQuery.set('q', q.trim());
  if (category) apiQuery.set('category', category);
  if (zone) apiQuery.set('zone', zone);
  if (neighbourhood) apiQuery.set('neighbourhood', neighbourhood);
  const age = validAge(ageParam);
  if (age !== null) apiQuery.set('age', String(age));
  if (language) apiQuery.set('language', language);
  if (openNow) apiQuery.set('openNow', 'true');
  if (near && position) {
    apiQuery.set('lat', position.lat.toFixed(4));
    apiQuery.set('lon', position.lon.toFixed(4));
  }
  if (sort !== 'relevance') apiQuery.set('sort', sort);
  if (page > 1) apiQuery.set('page', String(page));
  apiQuery.set('pageSize', String(pageSize));
  const search = useApi<SearchResult>(`/api/v1/directory/services?${apiQuery}`);

  // Keep the last results on screen while the next ones load, so the page does not jump.
  const last = useRef<SearchResult | null>(null);
  if (search.state === 'ready') last.current = search.data;
  const result = search.state === 'error' ? null : last.current;

  // The text fields follow the address (Back and links change it).
  const [qInput, setQInput] = useState(q);
  const [ageInput, setAgeInput] = useState(ageParam);
  const [ageError, setAgeError] = useState(false);
  useEffect(() => setQInput(q), [q]);
  useEffect(() => {
    setAgeInput(ageParam);
    setAgeError(false);
  }, [ageParam]);

  /** A new address: the changes given, back to page 1 unless a page is given. */
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete('page');
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const ageField = useRef<HTMLInputElement>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmedAge = ageInput.trim();
    if (trimmedAge && validAge(trimmedAge) === null) {
      setAgeError(true);
      ageField.current?.focus();
      return;
    }
    setAgeError(false);
    update({ q: qInput.trim() || null, age: trimmedAge || null });
  };

  const zones = territory.state === 'ready' ? territory.data.zones : [];
  const zoneOf = (code: string) => zones.find((z) => z.neighbourhoods.some((n) => n.code === code))?.code;
  const onZone = (value: string) => {
    const keep = neighbourhood && (!value || zoneOf(neighbourhood) === value);
    update({ zone: value || null, neighbourhood: keep ? neighbourhood : null });
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo({ state: 'error', message: t('directory.search.geoUnsupported') });
      return;
    }
    setGeo({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const p = { lat: pos.coords.latitude, lon: pos.coords.longitude };
        try {
          sessionStorage.setItem(positionKey, JSON.stringify(p));
        } catch {
          // Private windows may refuse: the position is kept in memory only.
        }
        setPosition(p);
        setGeo({ state: 'idle' });
        update({ near: 'me', sort: 'distance' });
      },
      (error) => {
        setGeo({
          state: 'error',
          message:
            error.code === error.PERMISSION_DENIED
              ? t('directory.search.geoDenied')
              : t('directory.search.geoUnavailable'),
        });
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };
  const forgetPosition = () => {
    try {
      sessionStorage.removeItem(positionKey);
    } catch {
      // Nothing stored.
    }
    setPosition(null);
    setGeo({ state: 'idle' });
    update({ near: null, sort: sort === 'distance' && !neighbourhood ? null : sort });
  };

  // After moving to another page of results, take the focus to the results' heading.
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const shownPage = useRef(page);
  useEffect(() => {
    if (shownPage.current !== page) {
      shownPage.current = page;
      resultsHeading.current?.focus();
    }
  }, [page]);

  const categoryOptions = categories.state === 'ready' ? categories.data : [];
  const languageOptions = useMemo(() => {
    const codes: string[] = [...filterLanguages];
    if (language && !codes.includes(language)) codes.push(language);
    return codes
      .map((code) => ({ code, name: languageName(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  }, [language, i18n.language]);
  const zoneName = zones.find((z) => z.code === zone)?.name;
  const neighbourhoodsShown = zone ? zones.filter((z) => z.code === zone) : zones;

  const firstNumber = ((result?.page ?? page) - 1) * pageSize + 1;
  const points: MapPoint[] = useMemo(
    () =>
      (result?.items ?? []).map((item) => ({
        id: item.id,
        lat: item.location.latitude ?? Number.NaN,
        lon: item.location.longitude ?? Number.NaN,
        title: item.name,
        subtitle: item.organization.name,
        href: `/servizi/${item.id}`,
      })),
    [result],
  );
  const hasFilters = filterKeys.some((k) => params.has(k)) || near || sort !== 'relevance';

  let distanceNote: string | null = null;
  if (sort === 'distance') {
    if (near && position) distanceNote = t('directory.search.located');
    else if (near) distanceNote = t('directory.search.positionMissing');
    else if (neighbourhood) distanceNote = t('directory.search.distanceFromNeighbourhood');
    else distanceNote = t('directory.search.distanceNeedsPoint');
  }

  const statusText =
    search.state === 'loading'
      ? t('directory.search.searching')
      : result
        ? result.total === 0
          ? t('directory.search.none')
          : result.totalCapped
            ? t('directory.search.countCapped', { count: result.total })
            : q.trim()
              ? t('directory.search.countForQuery', { count: result.total, q: q.trim() })
              : t('directory.search.count', { count: result.total })
        : '';

  return (
    <div className="container my-4">
      <h1>{t('directory.search.title')}</h1>
      <p className="lead">
        {shell ? t('directory.search.intro', { city: shell.city.name }) : t('directory.search.introNoCity')}
      </p>

      <search>
        <form className="noi-dir-form" onSubmit={onSubmit} noValidate>
          <div className="noi-dir-field">
            <label htmlFor="dir-q" className="noi-dir-label h4 mb-2">
              {t('directory.search.q')}
            </label>
            <div className="d-flex flex-wrap gap-2 align-items-stretch">
              <input
                id="dir-q"
                name="q"
                type="search"
                className="form-control noi-dir-q flex-grow-1 w-auto"
                value={qInput}
                onChange={(e) => setQInput(e.target.value)}
                aria-describedby="dir-q-hint"
                autoComplete="off"
                enterKeyHint="search"
                maxLength={200}
              />
              <button type="submit" className="btn btn-primary">
                {t('directory.search.submit')}
              </button>
            </div>
            <small id="dir-q-hint" className="noi-dir-hint">
              {t('directory.search.qHint')}
            </small>
            <div className="noi-dir-examples">
              <span id="dir-examples" className="small">
                {t('directory.search.examples')}
              </span>
              <ul className="noi-dir-examples m-0" aria-labelledby="dir-examples">
                {(['example1', 'example2', 'example3'] as const).map((key) => {
                  const word = t(`directory.search.${key}`);
                  return (
                    <li key={key}>
                      <Link to={`/servizi?q=${encodeURIComponent(word)}`}>{word}</Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          </div>

          <fieldset className="noi-dir-filters">
            <legend>{t('directory.search.filters')}</legend>
            <p className="noi-dir-hint mt-0 mb-3">{t('directory.search.filtersHint')}</p>
            <div className="row">
              <div className="col-12 col-md-6 col-lg-4 noi-dir-field">
                <label htmlFor="dir-category" className="noi-dir-label">
                  {t('directory.search.category')}
                </label>
                <select
                  id="dir-category"
                  className="form-select"
                  value={category}
                  onChange={(e) => update({ category: e.target.value })}
                >
                  <option value="">{t('directory.search.anyCategory')}</option>
                  {categoryOptions.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.parentCode ? `\u2003${c.name}` : c.name}
                    </option>
                  ))}
                  {category && !categoryOptions.some((c) => c.code === category) && (
                    <option value={category}>{category}</option>
                  )}
                </select>
              </div>
              <div className="col-12 col-md-6 col-lg-4 noi-dir-field">
                <label htmlFor="dir-zone" className="noi-dir-label">
                  {t('directory.search.zone')}
                </label>
                <select
                  id="dir-zone"
                  className="form-select"
                  value={zone}
                  onChange={(e) => onZone(e.target.value)}
                >
                  <option value="">{t('directory.search.anyZone')}</option>
                  {zones.map((z) => (
                    <option key={z.code} value={z.code}>
                      {z.name}
                    </option>
                  ))}
                  {zone && territory.state === 'ready' && !zoneName && <option value={zone}>{zone}</option>}
                </select>
              </div>
              <div className="col-12 col-md-6 col-lg-4 noi-dir-field">
                <label htmlFor="dir-neighbourhood" className="noi-dir-label">
                  {t('directory.search.neighbourhood')}
                </label>
                <select
                  id="dir-neighbourhood"
                  className="form-select"
                  value={neighbourhood}
                  onChange={(e) => update({ neighbourhood: e.target.value })}
                >
                  <option value="">
                    {zoneName
                      ? t('directory.search.anyNeighbourhoodOfZone', { zone: zoneName })
                      : t('directory.search.anyNeighbourhood')}
                  </option>
                  {zone
                    ? neighbourhoodsShown.flatMap((z) =>
                        z.neighbourhoods.map((n) => (
                          <option key={n.code} value={n.code}>
                            {n.name}
                          </option>
                        )),
                      )
                    : neighbourhoodsShown.map((z) => (
                        <optgroup key={z.code} label={z.name}>
                          {z.neighbourhoods.map((n) => (
                            <option key={n.code} value={n.code}>
                              {n.name}
                            </option>
                          ))}
                        </optgroup>
                      ))}
                  {neighbourhood &&
                    territory.state === 'ready' &&
                    !neighbourhoodsShown.some((z) =>
                      z.neighbourhoods.some((n) => n.code === neighbourhood),
                    ) && <option value={neighbourhood}>{neighbourhood}</option>}
                </select>
              </div>
              <div className="col-12 col-md-6 col-lg-4 noi-dir-field">
                <label htmlFor="dir-age" className="noi-dir-label">
                  {t('directory.search.age')}
                </label>
                <input
                  ref={ageField}
                  id="dir-age"
                  name="age"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={120}
                  step={1}
                  className={`form-control${ageError ? ' is-invalid' : ''}`}
                  value={ageInput}
                  onChange={(e) => setAgeInput(e.target.value)}
                  aria-invalid={ageError || undefined}
                  aria-describedby={`dir-age-hint${ageError ? ' dir-age-error' : ''}`}
                />
                <small id="dir-age-hint" className="noi-dir-hint">
                  {t('directory.search.ageHint')}
                </small>
                {ageError && (
                  <div id="dir-age-error" className="noi-dir-error">
                    {t('directory.search.ageInvalid')}
                  </div>
                )}
              </div>
              <div className="col-12 col-md-6 col-lg-4 noi-dir-field">
                <label htmlFor="dir-language" className="noi-dir-label">
                  {t('directory.search.language')}
                </label>
                <select
                  id="dir-language"
                  className="form-select"
                  value={language}
                  onChange={(e) => update({ language: e.target.value })}
                >
                  <option value="">{t('directory.search.anyLanguage')}</option>
                  {languageOptions.map((l) => (
                    <option key={l.code} value={l.code}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="col-12 col-md-6 col-lg-4 noi-dir-field d-flex align-items-end">
                <div className="form-check mb-2">
                  <input
                    id="dir-open-now"
                    type="checkbox"
                    checked={openNow}
                    onChange={(e) => update({ openNow: e.target.checked ? 'true' : null })}
                  />
                  <label htmlFor="dir-open-now">{t('directory.search.openNow')}</label>
                </div>
              </div>
            </div>
            <div className="row align-items-start">
              <div className="col-12 col-md-6 col-lg-4 noi-dir-field">
                <label htmlFor="dir-sort" className="noi-dir-label">
                  {t('directory.search.sort')}
                </label>
                <select
                  id="dir-sort"
                  className="form-select"
                  value={sort}
                  onChange={(e) => update({ sort: e.target.value === 'relevance' ? null : e.target.value })}
                  aria-describedby={distanceNote ? 'dir-distance-note' : undefined}
                >
                  <option value="relevance">{t('directory.search.sortRelevance')}</option>
                  <option value="distance">{t('directory.search.sortDistance')}</option>
                  <option value="name">{t('directory.search.sortName')}</option>
                </select>
              </div>
              <div className="col-12 col-md-6 col-lg-8 noi-dir-field">
                <div className="d-flex flex-wrap gap-2 mt-md-4">
                  <button
                    type="button"
                    className="btn btn-outline-primary"
                    onClick={locate}
                    aria-describedby="dir-near-hint"
                    disabled={geo.state === 'locating'}
                  >
                    {t('directory.search.nearMe')}
                  </button>
                  {near && (
                    <button type="button" className="btn btn-outline-secondary" onClick={forgetPosition}>
                      {t('directory.search.forgetPosition')}
                    </button>
                  )}
                </div>
                <small id="dir-near-hint" className="noi-dir-hint">
                  {t('directory.search.nearMeHint')}
                </small>
                <div role="status" className="mt-1">
                  {geo.state === 'locating' && <p className="mb-0">{t('directory.search.locating')}</p>}
                  {geo.state === 'error' && <p className="mb-0 noi-dir-error">{geo.message}</p>}
                </div>
              </div>
            </div>
            {distanceNote && (
              <p id="dir-distance-note" className="mb-3">
                {distanceNote}
              </p>
            )}
            {hasFilters && (
              <p className="mb-3">
                <Link to={q.trim() ? `/servizi?q=${encodeURIComponent(q.trim())}` : '/servizi'}>
                  {t('directory.search.reset')}
                </Link>
              </p>
            )}
          </fieldset>
        </form>
      </search>

      <p role="status" className="noi-dir-status" data-testid="directory-count">
        {statusText}
      </p>

      {search.state === 'error' && (
        <div className="alert alert-danger" role="alert">
          <p className="mb-2">{t('directory.search.badRequest', { detail: search.error.problem.detail })}</p>
          {search.error.problem.errors?.length ? (
            <ul className="mb-2">
              {search.error.problem.errors.map((e) => (
                <li key={`${e.field}-${e.message}`}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="mb-0">
            <Link to="/servizi">{t('directory.search.reset')}</Link>
          </p>
        </div>
      )}

      {result?.correctedQuery && (
        <p className="lead">
          {t('directory.search.didYouMean')}{' '}
          <Link to={`/servizi?${withParam(params, 'q', result.correctedQuery)}`}>
            <strong>{result.correctedQuery}</strong>
          </Link>
          ? {t('directory.search.didYouMeanShown')}
        </p>
      )}

      {result && (
        <div className="row">
          <section
            className={`col-12 col-lg-7${search.state === 'loading' ? ' noi-dir-busy' : ''}`}
            aria-labelledby="dir-results-title"
            aria-busy={search.state === 'loading'}
          >
            <h2 id="dir-results-title" className="h3" tabIndex={-1} ref={resultsHeading}>
              {t('directory.search.resultsTitle')}
            </h2>
            {result.items.length > 0 ? (
              <ol
                className="noi-dir-results"
                start={firstNumber}
                aria-label={t('directory.search.listLabel')}
              >
                {result.items.map((item, i) => (
                  <li key={item.id}>
                    <ResultItem item={item} number={firstNumber + i} />
                  </li>
                ))}
              </ol>
            ) : (
              <EmptyState
                categories={categoryOptions.filter((c) => !c.parentCode)}
                q={q.trim()}
                hasFilters={hasFilters}
              />
            )}
            <Pager page={result.page} total={result.total} />
          </section>
          {result.items.length > 0 && (
            <section className="col-12 col-lg-5" aria-labelledby="dir-map-title">
              <div className="noi-dir-sticky">
                <h2 id="dir-map-title" className="h3">
                  {t('directory.search.mapTitle')}
                </h2>
                {points.some((p) => Number.isFinite(p.lat)) ? (
                  <ServiceMap
                    points={points}
                    numbered
                    firstNumber={firstNumber}
                    label={t('directory.search.mapLabel')}
                  />
                ) : (
                  <p>{t('directory.map.noPlaces')}</p>
                )}
              </div>
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function withParam(params: URLSearchParams, key: string, value: string): string {
  const next = new URLSearchParams(params);
  next.delete('page');
  next.set(key, value);
  return next.toString();
}

/** Nothing found: say so, and offer ways on. */
function EmptyState({
  categories,
  q,
  hasFilters,
}: {
  categories: Category[];
  q: string;
  hasFilters: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="callout">
      <h3 className="h4">{t('directory.search.emptyTitle')}</h3>
      <p>{t('directory.search.emptyIntro')}</p>
      <ul>
        {q && <li>{t('directory.search.emptyWords')}</li>}
        {hasFilters && (
          <li>
            {t('directory.search.emptyFilters')}{' '}
            <Link to={q ? `/servizi?q=${encodeURIComponent(q)}` : '/servizi'}>
              {t('directory.search.reset')}
            </Link>
          </li>
        )}
        {categories.length > 0 && (
          <li>
            {t('directory.search.emptyBrowse')}
            <ul>
              {categories.map((c) => (
                <li key={c.code}>
                  <Link to={`/servizi?category=${encodeURIComponent(c.code)}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          </li>
        )}
        <li>
          {t('directory.search.emptyAsk')} <Link to="/quartieri">{t('directory.search.emptyAskLink')}</Link>
        </li>
      </ul>
    </div>
  );
}

/** Previous / next page of results, as links that keep the search. */
function Pager({ page, total }: { page: number; total: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  const to = (p: number) => {
    const next = new URLSearchParams(params);
    if (p <= 1) next.delete('page');
    else next.set('page', String(p));
    return `/servizi?${next}`;
  };
  return (
    <nav className="pagination-wrapper mt-4" aria-label={t('directory.search.pager')}>
      <ul className="pagination flex-wrap">
        <li className={`page-item${page <= 1 ? ' disabled' : ''}`}>
          {page > 1 ? (
            <Link className="page-link" to={to(page - 1)}>
              {t('directory.search.previous')}
            </Link>
          ) : (
            <span className="page-link" aria-disabled="true">
              {t('directory.search.previous')}
            </span>
          )}
        </li>
        <li className="page-item">
          <span className="page-link" aria-current="page">
            {t('directory.search.position', { page, pages })}
          </span>
        </li>
        <li className={`page-item${page >= pages ? ' disabled' : ''}`}>
          {page < pages ? (
            <Link className="page-link" to={to(page + 1)}>
              {t('directory.search.next')}
            </Link>
          ) : (
            <span className="page-link" aria-disabled="true">
              {t('directory.search.next')}
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}

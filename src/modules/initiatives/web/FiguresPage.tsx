import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { useTerritory } from '../../community-points/web/parts.tsx';
import type { CommunityPointList } from '../../community-points/web/types.ts';
import { Breadcrumb } from '../../directory/web/parts.tsx';
import { byName, formatNumber, programmeYear, yearLabel } from './format.ts';
import { programmeYears } from './InitiativesPage.tsx';
import { partLabel } from './parts.tsx';
import { type InitiativeFigures, programmeParts } from './types.ts';

/** `/iniziative/numeri`: initiatives per hub in a programme year (table and chart), participants by neighbourhood. */
export function FiguresPage() {
  const { t } = useTranslation();
  usePageTitle(t('initiatives.figures.title'));
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('anno'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : programmeYear();
  const figures = useApi<InitiativeFigures>(`/api/v1/initiatives/figures?year=${year}`);
  const territory = useTerritory();
  const points = useApi<CommunityPointList>('/api/v1/community-points');
  const hubNames = useMemo(
    () => Object.fromEntries(points.state === 'ready' ? points.data.items.map((p) => [p.slug, p.name]) : []),
    [points],
  );
  if (figures.state === 'error' && figures.error.status !== 400)
    return <ServerError error={figures.error} onRetry={figures.reload} />;
  const data = figures.state === 'ready' ? figures.data : null;
  const below = data?.suppressedBelow ?? 5;
  const few = t('initiatives.figures.few', { count: below });
  const collator = new Intl.Collator(t('initiatives.locale'), { sensitivity: 'base' });
  const hubName = (slug: string) => (slug ? (hubNames[slug] ?? slug) : t('initiatives.figures.noHub'));
  const hubs = data
    ? Object.entries(data.initiativesByCommunityPoint)
        .map(([slug, n]) => ({ slug, name: hubName(slug), initiatives: n }))
        .sort((a, b) => b.initiatives - a.initiatives || collator.compare(a.name, b.name))
    : [];
  const total = data?.initiatives ?? 0;
  const neighbourhoods = data
    ? byName(
        Object.entries(data.participantsByNeighbourhood).map(([code, n]) => ({
          code,
          name: territory.names[code] ?? code,
          participants: n,
        })),
        (n) => n.name,
      )
    : [];
  const seats = data?.participants.seats;
  return (
    <div className="container my-4 noi-ini">
      <Breadcrumb
        trail={[{ to: '/iniziative', label: t('initiatives.list.title') }]}
        current={t('initiatives.figures.title')}
      />
      <h1>{t('initiatives.figures.title')}</h1>
      <p className="lead">{t('initiatives.figures.intro')}</p>
      <div className="select-wrapper noi-field noi-ini-narrow-select">
        <label htmlFor="fig-year">{t('initiatives.filter.year')}</label>
        <select
          id="fig-year"
          value={String(year)}
          onChange={(e) => setParams(new URLSearchParams({ anno: e.target.value }))}
          aria-describedby="fig-year-hint"
        >
          {programmeYears().map((y) => (
            <option key={y} value={String(y)}>
              {yearLabel(y)}
            </option>
          ))}
        </select>
        <small id="fig-year-hint" className="form-text noi-hint">
          {t('initiatives.filter.yearHint')}
        </small>
      </div>
      <div aria-live="polite">
        {figures.state === 'loading' && <Loading />}
        {figures.state === 'error' && <p role="alert">{figures.error.problem.detail}</p>}
        {data && (
          <>
            <p className="fw-semibold" data-testid="figures-total">
              {t('initiatives.figures.total', { count: total, year: yearLabel(year) })}{' '}
              {seats === null || seats === undefined
                ? t('initiatives.figures.participantsFew', { few })
                : t('initiatives.figures.participants', { count: seats, n: formatNumber(seats) })}
            </p>
            <div className="row">
              <div className="col-12 col-lg-6">
                <CountTable
                  testId="figures-hubs"
                  caption={t('initiatives.figures.byHub', { year: yearLabel(year) })}
                  labelHeader={t('initiatives.figures.hub')}
                  valueHeader={t('initiatives.figures.initiatives')}
                  empty={t('initiatives.figures.none')}
                  rows={hubs.map((h) => ({
                    key: h.slug || '-',
                    label: h.name,
                    value: formatNumber(h.initiatives),
                  }))}
                />
              </div>
              <div className="col-12 col-lg-6">
                <HubChart
                  rows={hubs.map((h) => ({
                    name: h.name,
                    value: h.initiatives,
                  }))}
                  label={t('initiatives.figures.chartLabel', { year: yearLabel(year) })}
                />
              </div>
            </div>
            <CountTable
              className="mt-4"
              testId="figures-parts"
              caption={t('initiatives.figures.byPart', { year: yearLabel(year) })}
              labelHeader={t('initiatives.filter.part')}
              valueHeader={t('initiatives.figures.initiatives')}
              empty={t('initiatives.figures.none')}
              rows={programmeParts.map((part) => ({
                key: part,
                label: partLabel(t, part),
                value: formatNumber(data.initiativesByProgrammePart[part] ?? 0),
              }))}
            />
            <CountTable
              className="mt-4"
              testId="figures-neighbourhoods"
              caption={t('initiatives.figures.byNeighbourhood', { year: yearLabel(year) })}
              labelHeader={t('initiatives.figures.neighbourhood')}
              valueHeader={t('initiatives.figures.people')}
              empty={t('initiatives.figures.none')}
              rows={neighbourhoods.map((n) => ({
                key: n.code,
                label: n.name,
                value: n.participants === null ? few : formatNumber(n.participants),
              }))}
            />
            <p className="small">{t('initiatives.figures.note', { count: below })}</p>
          </>
        )}
      </div>
    </div>
  );
}

/** A two-column table of counts (a name and a number per row) with its caption; says so when empty. */
function CountTable(props: {
  testId: string;
  caption: string;
  labelHeader: string;
  valueHeader: string;
  empty: string;
  rows: { key: string; label: string; value: string }[];
  className?: string;
}) {
  return (
    <div className={`table-responsive${props.className ? ` ${props.className}` : ''}`}>
      <table className="table table-sm noi-ini-table" data-testid={props.testId}>
        <caption className="noi-ini-caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.labelHeader}</th>
            <th scope="col" className="text-end">
              {props.valueHeader}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={2}>{props.empty}</td>
            </tr>
          ) : (
            props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="fw-normal">
                  {r.label}
                </th>
                <td className="text-end">{r.value}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A small bar chart of the same figures as the table beside it (the table is the accessible source). */
function HubChart({ rows, label }: { rows: { name: string; value: number }[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void (async () => {
      const echarts = await import('echarts/core');
      const { BarChart } = await import('echarts/charts');
      const { GridComponent, TooltipComponent, AriaComponent } = await import('echarts/components');
      const { CanvasRenderer } = await import('echarts/renderers');
      echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);
      if (disposed || !box.current) return;
      const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
      chart = instance;
      const shown = [...rows].reverse();
      instance.setOption({
        aria: { enabled: true, label: { description: label } },
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'item' },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#33485c' } },
        yAxis: {
          type: 'category',
          data: shown.map((r) => r.name),
          axisLabel: { color: '#17324d', fontSize: 12 },
        },
        series: [
          { type: 'bar', data: shown.map((r) => r.value), itemStyle: { color: '#0066cc' }, barMaxWidth: 18 },
        ],
      });
      window.addEventListener('resize', onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [rows, label]);
  return (
    <figure className="mb-2">
      <div
        ref={box}
        className="noi-ini-chart"
        style={{ height: `${Math.max(200, rows.length * 24 + 40)}px` }}
        role="img"
        aria-label={label}
        data-testid="figures-chart"
      />
    </figure>
  );
}

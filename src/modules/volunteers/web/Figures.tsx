import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { ProblemAlert } from '../../identity/web/forms.tsx';
import {
  type Check,
  describedBy,
  ErrorSummary,
  formatHours,
  formatMonth,
  HintAndError,
  romeMonth,
} from './parts.tsx';

type Cell = { tasks: number | null; hours: number | null };

/** GET /api/v1/volunteers/figures: tasks done and hours given, per month, per hub and per volunteer. */
export interface VolunteerFigures {
  from: string;
  to: string;
  totals: Cell & { volunteers: number | null };
  byMonth: (Cell & { month: string })[];
  byHub: (Cell & { communityPoint: { slug: string; name: string } | null })[];
  byVolunteer: (Cell & { volunteerId: string; displayName: string; communityPoint: string | null })[];
  /** Counts under this are null (suppressed) for people who may not see them. */
  suppressedBelow: number;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Hours and tasks per month, hub and volunteer, for a span of months (Europe/Rome). */
export function Figures() {
  const { t, i18n } = useTranslation();
  const [span, setSpan] = useState({ from: romeMonth(5), to: romeMonth(0) });
  const [form, setForm] = useState(span);
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const figures = useApi<VolunteerFigures>(
    `/api/v1/volunteers/figures?from=${encodeURIComponent(span.from)}&to=${encodeURIComponent(span.to)}`,
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const found: Check[] = [];
    if (!monthPattern.test(form.from))
      found.push({ id: 'fig-from', message: t('volunteers.figures.check.month') });
    if (!monthPattern.test(form.to))
      found.push({ id: 'fig-to', message: t('volunteers.figures.check.month') });
    if (!found.length && form.from > form.to)
      found.push({ id: 'fig-to', message: t('volunteers.figures.check.order') });
    setChecks(found);
    if (!found.length) setSpan(form);
  };
  const errorOf = (id: string) => checks.find((c) => c.id === id)?.message;
  const hours = (h: number) => formatHours(h, i18n.language);
  const totals = figures.state === 'ready' ? figures.data.totals : null;
  const below = figures.state === 'ready' ? figures.data.suppressedBelow : 5;
  return (
    <section aria-labelledby="vol-figures-title" className="mb-4">
      <h2 id="vol-figures-title" className="h4">
        {t('volunteers.figures.title')}
      </h2>
      <p>{t('volunteers.figures.intro')}</p>
      <ErrorSummary id="fig-errors" errors={checks} attempt={attempt} />
      <form noValidate onSubmit={onSubmit} className="d-flex flex-wrap gap-3 align-items-end mb-3">
        {(['from', 'to'] as const).map((k) => (
          <div className="noi-field" key={k}>
            <label htmlFor={`fig-${k}`} className="d-block">
              {t(`volunteers.figures.${k}`)}
            </label>
            <input
              id={`fig-${k}`}
              type="month"
              className={`form-control${errorOf(`fig-${k}`) ? ' is-invalid' : ''}`}
              value={form[k]}
              onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))}
              aria-invalid={errorOf(`fig-${k}`) ? true : undefined}
              aria-describedby={describedBy(
                `fig-${k}`,
                t('volunteers.figures.monthHint'),
                errorOf(`fig-${k}`),
              )}
            />
            <HintAndError
              id={`fig-${k}`}
              hint={t('volunteers.figures.monthHint')}
              error={errorOf(`fig-${k}`)}
            />
          </div>
        ))}
        <button type="submit" className="btn btn-primary mb-4">
          {t('volunteers.figures.show')}
        </button>
      </form>
      <div aria-live="polite">
        {figures.state === 'loading' && <Loading />}
        {figures.state === 'error' && <ProblemAlert problem={figures.error.problem} />}
        {figures.state === 'ready' && totals && (
          <>
            <p className="fw-semibold" data-testid="figures-total">
              {t('volunteers.figures.total', {
                hours:
                  totals.hours === null
                    ? t('volunteers.figures.suppressed', { count: below })
                    : hours(totals.hours),
                count: totals.tasks ?? 0,
                from: formatMonth(span.from, i18n.language),
                to: formatMonth(span.to, i18n.language),
              })}
            </p>
            <div className="row">
              <div className="col-12 col-lg-4">
                <FigureTable
                  caption={t('volunteers.figures.byMonth')}
                  head={t('volunteers.figures.month')}
                  below={below}
                  rows={figures.data.byMonth.map((r) => ({
                    key: r.month,
                    label: formatMonth(r.month, i18n.language),
                    ...r,
                  }))}
                />
              </div>
              <div className="col-12 col-lg-4">
                <FigureTable
                  caption={t('volunteers.figures.byHub')}
                  head={t('volunteers.figures.hub')}
                  below={below}
                  rows={figures.data.byHub.map((r) => ({
                    key: r.communityPoint?.slug ?? '-',
                    label: r.communityPoint?.name ?? t('volunteers.figures.noHub'),
                    ...r,
                  }))}
                />
              </div>
              <div className="col-12 col-lg-4">
                <FigureTable
                  caption={t('volunteers.figures.byVolunteer')}
                  head={t('volunteers.figures.volunteer')}
                  below={below}
                  rows={figures.data.byVolunteer.map((r) => ({
                    key: r.volunteerId,
                    label: r.displayName,
                    ...r,
                  }))}
                />
              </div>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

function FigureTable({
  caption,
  head,
  rows,
  below,
}: {
  caption: string;
  head: string;
  rows: { key: string; label: string; hours: number | null; tasks: number | null }[];
  below: number;
}) {
  const { t, i18n } = useTranslation();
  const few = t('volunteers.figures.suppressed', { count: below });
  return (
    <div className="table-responsive">
      <table className="table table-sm noi-vol-table">
        <caption className="noi-vol-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="text-end">
              {t('volunteers.figures.hours')}
            </th>
            <th scope="col" className="text-end">
              {t('volunteers.figures.tasks')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3}>{t('volunteers.figures.none')}</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="fw-normal">
                  {r.label}
                </th>
                <td className="text-end">{r.hours === null ? few : formatHours(r.hours, i18n.language)}</td>
                <td className="text-end">{r.tasks === null ? few : r.tasks}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

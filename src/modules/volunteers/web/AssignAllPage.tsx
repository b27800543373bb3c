import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../../web/api.ts';
import { useCurrentUser } from '../../../web/current-user.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { SignedIn } from '../../identity/web/access.tsx';
import { toProblem } from '../../identity/web/forms.tsx';
import { useTerritoryNames } from './hooks.ts';
import { type Check, describedBy, ErrorSummary, formatKm, HintAndError, StatusMessage } from './parts.tsx';
import type { Batch, BatchApplied } from './types.ts';

/** Who may run "assign all" (permission `volunteers.match`). */
export const matchRoles = ['operator', 'social_worker', 'city_admin', 'platform_admin'];
const strategies = ['optimal', 'greedy'] as const;

/** `/sportello/assegna-tutti`: in an emergency, a zone's open requests matched to volunteers at once. */
export function AssignAllPage() {
  const { t } = useTranslation();
  usePageTitle(t('volunteers.batch.title'));
  return (
    <SignedIn roles={matchRoles}>
      <AssignAll />
    </SignedIn>
  );
}

function AssignAll() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const names = useTerritoryNames();
  const ownZone = user?.assignments.find((a) => a.scope.kind === 'zone')?.scope.ref ?? '';
  const [zone, setZone] = useState(ownZone);
  const [strategy, setStrategy] = useState<string>('optimal');
  const [batch, setBatch] = useState<Batch | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [decided, setDecided] = useState<'applied' | 'discarded' | null>(null);
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (batch && !decided) resultHeading.current?.focus();
  }, [batch, decided]);

  const announce = (text: string) => setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 }));
  const fail = (error: unknown) => {
    const p = error instanceof ApiError ? error.problem : toProblem(error);
    setAttempt((n) => n + 1);
    const fe = p.errors?.find((x) => x.field.replace(/^body\./, '') === 'zoneCode');
    setChecks(fe ? [{ id: 'batch-zone', message: fe.message }] : []);
    setDetail(fe ? undefined : p.detail || p.title);
  };

  const propose = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found: Check[] = zone ? [] : [{ id: 'batch-zone', message: t('volunteers.batch.check.zone') }];
    setChecks(found);
    if (found.length) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.post<Batch>('/api/v1/matching/batches', { zoneCode: zone, strategy });
      setBatch(result);
      setDecided(null);
      setTicked(new Set(result.pairs.map((p) => p.requestId)));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!batch || busy) return;
    if (!ticked.size) {
      setAttempt((n) => n + 1);
      setChecks([{ id: 'batch-all', message: t('volunteers.batch.check.none') }]);
      return;
    }
    setBusy(true);
    setChecks([]);
    setDetail(undefined);
    try {
      const requestIds = batch.pairs.filter((p) => ticked.has(p.requestId)).map((p) => p.requestId);
      const result = await api.post<BatchApplied>(
        `/api/v1/matching/batches/${encodeURIComponent(batch.batchId)}/apply`,
        { requestIds },
      );
      const created = result.created.length;
      const skipped = result.skipped.length;
      setDecided('applied');
      announce(
        [
          t('volunteers.batch.applied', { count: created }),
          ...(skipped ? [t('volunteers.batch.skipped', { count: skipped })] : []),
        ].join(' '),
      );
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (!batch || busy) return;
    setBusy(true);
    try {
      await api.post(`/api/v1/matching/batches/${encodeURIComponent(batch.batchId)}/discard`, {});
      setDecided('discarded');
      announce(t('volunteers.batch.discarded'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const stats = batch?.stats ?? {};
  const totalKm = batch?.pairs.reduce((s, p) => s + p.distanceKm, 0) ?? 0;
  const unmatched = batch?.unmatched ?? [];

  return (
    <div className="container my-5 noi-vol">
      <nav aria-label={t('volunteers.desk.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/sportello">{t('volunteers.batch.desk')}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {t('volunteers.batch.title')}
          </li>
        </ol>
      </nav>
      <h1>{t('volunteers.batch.title')}</h1>
      <p className="lead">{t('volunteers.batch.intro')}</p>
      <p>{t('volunteers.batch.howItWorks')}</p>
      <StatusMessage message={message} />
      <ErrorSummary id="batch-errors" errors={checks} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void propose(e)} aria-busy={busy} className="mb-4">
        <div className="row">
          <div className="col-12 col-md-6">
            <div className="select-wrapper noi-field">
              <label htmlFor="batch-zone">{t('volunteers.batch.zone')}</label>
              <select
                id="batch-zone"
                value={zone}
                onChange={(e) => setZone(e.target.value)}
                aria-invalid={checks.some((c) => c.id === 'batch-zone') ? true : undefined}
                aria-describedby={describedBy(
                  'batch-zone',
                  undefined,
                  checks.find((c) => c.id === 'batch-zone')?.message,
                )}
              >
                <option value="">{t('volunteers.batch.chooseZone')}</option>
                {names.zones.map((z) => (
                  <option key={z.code} value={z.code}>
                    {z.name}
                  </option>
                ))}
              </select>
              <HintAndError id="batch-zone" error={checks.find((c) => c.id === 'batch-zone')?.message} />
            </div>
          </div>
        </div>
        <fieldset className="noi-vol-fieldset">
          <legend className="noi-vol-legend">{t('volunteers.batch.strategy')}</legend>
          {strategies.map((s) => (
            <div className="form-check" key={s}>
              <input
                id={`batch-strategy-${s}`}
                name="batch-strategy"
                type="radio"
                value={s}
                checked={strategy === s}
                onChange={() => setStrategy(s)}
                aria-describedby={`batch-strategy-${s}-hint`}
              />
              <label htmlFor={`batch-strategy-${s}`}>{t(`volunteers.batch.strategies.${s}`)}</label>
              <small id={`batch-strategy-${s}-hint`} className="d-block noi-hint ms-4">
                {t(`volunteers.batch.strategyHints.${s}`)}
              </small>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
          {busy && !batch ? t('volunteers.batch.proposing') : t('volunteers.batch.propose')}
        </button>
      </form>

      {batch && (
        <section aria-labelledby="batch-result-title">
          <h2 id="batch-result-title" ref={resultHeading} tabIndex={-1}>
            {t('volunteers.batch.resultTitle', { zone: names.zone(batch.zoneCode ?? zone) })}
          </h2>
          <p data-testid="batch-summary">
            {t('volunteers.batch.summary', {
              count: batch.pairs.length,
              unmatched: unmatched.length,
              km: formatKm(totalKm, t),
            })}
            {typeof stats.volunteers === 'number' &&
              ` ${t('volunteers.batch.volunteers', { count: stats.volunteers })}`}
          </p>
          {decided ? (
            <p className="fw-semibold">
              {decided === 'applied' ? t('volunteers.batch.nowApplied') : t('volunteers.batch.nowDiscarded')}
            </p>
          ) : batch.pairs.length > 0 ? (
            <>
              <div className="d-flex flex-wrap gap-2 mb-2" id="batch-all" tabIndex={-1}>
                <button
                  type="button"
                  className="btn btn-outline-primary btn-sm"
                  onClick={() => setTicked(new Set(batch.pairs.map((p) => p.requestId)))}
                >
                  {t('volunteers.batch.tickAll')}
                </button>
                <button
                  type="button"
                  className="btn btn-outline-primary btn-sm"
                  onClick={() => setTicked(new Set())}
                >
                  {t('volunteers.batch.tickNone')}
                </button>
              </div>
              <p aria-live="polite" id="batch-ticked">
                {t('volunteers.batch.ticked', { count: ticked.size, total: batch.pairs.length })}
              </p>
              <div className="table-responsive">
                <table className="table noi-vol-table">
                  <caption className="visually-hidden">{t('volunteers.batch.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('volunteers.batch.include')}</th>
                      <th scope="col">{t('volunteers.batch.request')}</th>
                      <th scope="col">{t('volunteers.batch.volunteer')}</th>
                      <th scope="col" className="text-end">
                        {t('volunteers.batch.distance')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {batch.pairs.map((p) => (
                      <tr key={p.requestId}>
                        <td>
                          <div className="form-check m-0">
                            <input
                              id={`pair-${p.requestId}`}
                              type="checkbox"
                              checked={ticked.has(p.requestId)}
                              onChange={(e) => toggle(p.requestId, e.target.checked)}
                            />
                            <label htmlFor={`pair-${p.requestId}`} className="noi-vol-boxonly">
                              <span className="visually-hidden">
                                {t('volunteers.batch.includeOne', {
                                  request: p.requestSummary,
                                  volunteer: p.volunteerName,
                                })}
                              </span>
                            </label>
                          </div>
                        </td>
                        <th scope="row" className="fw-normal">
                          <Link to={`/sportello/richieste/${encodeURIComponent(p.requestId)}`}>
                            {p.requestSummary}
                          </Link>
                        </th>
                        <td>{p.volunteerName}</td>
                        <td className="text-end">{formatKm(p.distanceKm, t)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="d-flex flex-wrap gap-2 mb-4">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy}
                  onClick={() => void apply()}
                >
                  {t('volunteers.batch.apply', { count: ticked.size })}
                </button>
                <button
                  type="button"
                  className="btn btn-outline-danger"
                  disabled={busy}
                  onClick={() => void discard()}
                >
                  {t('volunteers.batch.discard')}
                </button>
              </div>
            </>
          ) : (
            <p>{t('volunteers.batch.nothing')}</p>
          )}
          {unmatched.length > 0 && (
            <>
              <h3 className="h5">{t('volunteers.batch.unmatchedTitle', { count: unmatched.length })}</h3>
              <ul>
                {unmatched.map((u) => {
                  const id = typeof u === 'string' ? u : u.requestId;
                  const label = typeof u === 'string' ? u : (u.requestSummary ?? u.requestId);
                  return (
                    <li key={id}>
                      <Link to={`/sportello/richieste/${encodeURIComponent(id)}`}>{label}</Link>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}

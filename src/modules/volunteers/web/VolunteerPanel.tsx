import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../web/api.ts';
import { toProblem } from '../../identity/web/forms.tsx';
import { useKeptApi } from './hooks.ts';
import { type Check, describedBy, ErrorSummary, HintAndError, reasonText, StatusMessage } from './parts.tsx';
import type { Matches } from './types.ts';

const closed = ['resolved', 'closed', 'withdrawn'];
/** Candidates shown before "show all". */
const firstFew = 5;

/**
 * "Volontari" on the desk's page of a help request: the volunteers who fit it, best first, with
 * why; the operator ticks one or more, writes what the volunteer needs to know, and offers it.
 * Renders nothing for people who may not match volunteers, and for requests already over.
 */
export function VolunteerPanel({ request }: { request: { id: string; status: string; canManage: boolean } }) {
  if (!request.canManage || closed.includes(request.status)) return null;
  return <Panel requestId={request.id} />;
}

function Panel({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const matches = useKeptApi<Matches>(
    `/api/v1/help-requests/${encodeURIComponent(requestId)}/volunteer-matches`,
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [brief, setBrief] = useState('');
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const [all, setAll] = useState(false);

  // Not for this person (no `volunteers.match`), or the module is not there: no panel.
  if (matches.state === 'error' && [401, 403, 404].includes(matches.error.status)) return null;

  const candidates = matches.state === 'ready' ? matches.data.candidates : [];
  const shown = all ? candidates : candidates.slice(0, firstFew);
  const firstBox = candidates[0] ? `vm-${candidates[0].volunteerId}` : 'vm-none';
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found: Check[] = [];
    if (!picked.length) found.push({ id: firstBox, message: t('volunteers.match.check.pick') });
    if (brief.trim().length < 10) found.push({ id: 'vm-brief', message: t('volunteers.match.check.brief') });
    setChecks(found);
    if (found.length) return;
    setBusy(true);
    try {
      await api.post(`/api/v1/help-requests/${encodeURIComponent(requestId)}/volunteer-tasks`, {
        volunteerIds: picked,
        brief: brief.trim(),
      });
      const names = candidates.filter((c) => picked.includes(c.volunteerId)).map((c) => c.displayName);
      setMessage((m) => ({
        text: t('volunteers.match.offered', { count: names.length, names: names.join(', ') }),
        n: (m?.n ?? 0) + 1,
      }));
      setPicked([]);
      setBrief('');
      matches.reload();
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : toProblem(error);
      const placed: Check[] = [];
      for (const fe of p.errors ?? []) {
        const f = fe.field.replace(/^body\./, '').split('.')[0];
        if (f === 'brief') placed.push({ id: 'vm-brief', message: fe.message });
        if (f === 'volunteerIds') placed.push({ id: firstBox, message: fe.message });
      }
      setChecks(placed);
      if (!placed.length || placed.length < (p.errors?.length ?? 0)) setDetail(p.detail || p.title);
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (id: string) => checks.find((c) => c.id === id)?.message;

  return (
    <section
      className="card card-bg noi-console-panel noi-vol-card mb-4"
      aria-labelledby="req-volunteers-title"
    >
      <div className="card-body">
        <h2 id="req-volunteers-title" className="h4">
          {t('volunteers.match.title')}
        </h2>
        <p className="small">{t('volunteers.match.intro')}</p>
        <StatusMessage message={message} />
        <div aria-live="polite" aria-busy={matches.state === 'loading'}>
          {matches.state === 'loading' && <p>{t('volunteers.match.loading')}</p>}
          {matches.state === 'error' && (
            <div className="alert alert-danger noi-alert" role="alert">
              {matches.error.problem.detail || matches.error.problem.title}
            </div>
          )}
          {matches.state === 'ready' && matches.data.needsClearance && (
            <p className="small fw-semibold">
              {t('volunteers.match.needsClearance')}
              {(matches.data.withoutClearance ?? 0) > 0 &&
                ` ${t('volunteers.match.withoutClearance', { count: matches.data.withoutClearance })}`}
            </p>
          )}
          {matches.state === 'ready' && (
            <p id="vm-count">
              {candidates.length
                ? t('volunteers.match.count', { count: candidates.length })
                : t('volunteers.match.none')}
            </p>
          )}
        </div>
        {candidates.length > 0 && (
          <>
            <ErrorSummary id="vm-errors" errors={checks} attempt={attempt} detail={detail} />
            <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
              <fieldset className="noi-vol-fieldset">
                <legend className="noi-vol-legend">{t('volunteers.match.pick')}</legend>
                <ol className="list-unstyled noi-vol-candidates">
                  {shown.map((c, i) => {
                    const id = `vm-${c.volunteerId}`;
                    const err = id === firstBox ? errorOf(firstBox) : undefined;
                    return (
                      <li key={c.volunteerId} className="noi-vol-candidate">
                        <div className="form-check mb-1">
                          <input
                            id={id}
                            type="checkbox"
                            checked={picked.includes(c.volunteerId)}
                            onChange={(e) =>
                              setPicked((p) =>
                                e.target.checked
                                  ? [...p, c.volunteerId]
                                  : p.filter((x) => x !== c.volunteerId),
                              )
                            }
                            aria-describedby={[`${id}-why`, err ? `${firstBox}-error` : '']
                              .filter(Boolean)
                              .join(' ')}
                            aria-invalid={err ? true : undefined}
                          />
                          <label htmlFor={id}>
                            <span className="visually-hidden">
                              {t('volunteers.match.rank', { n: i + 1 })}{' '}
                            </span>
                            <span className="fw-semibold">{c.displayName}</span>
                          </label>
                        </div>
                        <div id={`${id}-why`} className="small noi-vol-why">
                          {c.reasons.length > 0 && (
                            <ul className="mb-0">
                              {c.reasons.map((r, j) => (
                                // biome-ignore lint/suspicious/noArrayIndexKey: the reasons never change order
                                <li key={j}>{reasonText(t, r)}</li>
                              ))}
                            </ul>
                          )}
                        </div>
                      </li>
                    );
                  })}
                </ol>
                {candidates.length > firstFew && (
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm mb-2"
                    onClick={() => setAll((a) => !a)}
                  >
                    {all
                      ? t('volunteers.match.showFew', { count: firstFew })
                      : t('volunteers.match.showAll', { count: candidates.length })}
                  </button>
                )}
                <HintAndError id={firstBox} error={errorOf(firstBox)} />
              </fieldset>
              <div className="form-group noi-field">
                <label htmlFor="vm-brief" className="active">
                  {t('volunteers.match.brief')}
                </label>
                <textarea
                  id="vm-brief"
                  rows={4}
                  maxLength={2000}
                  className={`form-control${errorOf('vm-brief') ? ' is-invalid' : ''}`}
                  value={brief}
                  onChange={(e) => setBrief(e.target.value)}
                  aria-invalid={errorOf('vm-brief') ? true : undefined}
                  aria-describedby={describedBy(
                    'vm-brief',
                    t('volunteers.match.briefHint'),
                    errorOf('vm-brief'),
                  )}
                />
                <HintAndError
                  id="vm-brief"
                  hint={t('volunteers.match.briefHint')}
                  error={errorOf('vm-brief')}
                />
              </div>
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t('volunteers.match.submit')}
              </button>
            </form>
          </>
        )}
      </div>
    </section>
  );
}

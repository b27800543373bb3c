import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Problem } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { Panel, usePolled } from '../../help-requests/web/console/parts.tsx';
import { SignedIn } from '../../identity/web/access.tsx';
import { fieldErrors, ProblemAlert, SelectField, toProblem } from '../../identity/web/forms.tsx';
import { CallDenied, weekdayName } from './parts.tsx';
import { type Coverage, type Rota, type Shift, type Stretch, weekdays } from './types.ts';

/** The supervisor's week: the rota per weekday, gaps and thin stretches flagged, shifts added and removed. */
export function RotaPage() {
  const { t } = useTranslation();
  usePageTitle(t('helpline.rota.title'));
  return (
    <SignedIn>
      <Week />
    </SignedIn>
  );
}

function Week() {
  const { t } = useTranslation();
  const rota = usePolled<Rota>('/api/v1/helpline/rota', 120_000);
  const coverage = usePolled<Coverage>('/api/v1/helpline/now', 120_000);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const statusBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) statusBox.current?.focus();
  }, [message]);
  if (rota.state === 'error') return <CallDenied error={rota.error} onRetry={rota.refresh} />;
  if (rota.state === 'loading') return <Loading />;
  const r = rota.data;
  const c = coverage.state === 'ready' ? coverage.data : null;
  const refresh = (text: string) => {
    setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 }));
    rota.refresh();
    coverage.refresh();
  };
  const remove = async (s: Shift) => {
    try {
      await api.delete(`/api/v1/helpline/rota/${s.id}`);
      refresh(
        t('helpline.rota.removed', {
          name: s.psychologist.name,
          day: weekdayName(t, s.weekday),
          start: s.start,
          end: s.end,
        }),
      );
    } catch (error) {
      setMessage((m) => ({ text: toProblem(error).detail, n: (m?.n ?? 0) + 1 }));
    }
  };
  const dayStretches = <S extends Stretch>(list: S[] | undefined, weekday: number) =>
    (list ?? []).filter((g) => g.weekday === weekday);

  return (
    <div className="container my-5">
      <h1>{t('helpline.rota.title')}</h1>
      <p className="lead">
        {t('helpline.rota.lead', { min: r.minPsychologists })}{' '}
        <Link to="/helpline">{t('helpline.rota.deskLink')}</Link>
      </p>
      <div
        ref={statusBox}
        role="status"
        tabIndex={-1}
        className={message ? 'alert alert-success noi-alert' : undefined}
      >
        {message && <span key={message.n}>{message.text}</span>}
      </div>
      <Panel id="rota-coverage" title={t('helpline.rota.coverage')}>
        {!c ? (
          <p className="mb-0">{t('app.loading')}</p>
        ) : (
          <>
            <p>
              {c.onNow.length
                ? t('helpline.rota.onNow', { names: c.onNow.map((o) => o.psychologist.name).join(', ') })
                : t('helpline.desk.nobodyOn')}
            </p>
            <p className="mb-0" id="rota-gap-count">
              {c.gaps.length === 0
                ? t('helpline.rota.noGaps')
                : t('helpline.rota.gapCount', { count: c.gaps.length })}{' '}
              {t('helpline.rota.thinCount', { count: c.understaffed.length, min: c.minPsychologists })}
            </p>
          </>
        )}
      </Panel>
      <div className="table-responsive">
        <table className="table noi-rota-table">
          <caption>{t('helpline.rota.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('helpline.rota.day')}</th>
              <th scope="col">{t('helpline.rota.open')}</th>
              <th scope="col">{t('helpline.rota.shifts')}</th>
              <th scope="col">{t('helpline.rota.gaps')}</th>
            </tr>
          </thead>
          <tbody>
            {r.days.map((d) => {
              const open = dayStretches(r.openingHours, d.weekday);
              const gaps = dayStretches(c?.gaps, d.weekday);
              const thin = dayStretches(c?.understaffed, d.weekday);
              return (
                <tr key={d.weekday}>
                  <th scope="row">{weekdayName(t, d.weekday)}</th>
                  <td>
                    {open.length
                      ? open.map((o) => `${o.start}–${o.end}`).join(', ')
                      : t('helpline.rota.closed')}
                  </td>
                  <td>
                    {d.shifts.length === 0 ? (
                      t('helpline.rota.noShifts')
                    ) : (
                      <ul className="noi-rota-shifts">
                        {d.shifts.map((s) => (
                          <li key={s.id}>
                            <span>
                              {s.start}–{s.end} {s.psychologist.name}
                            </span>
                            <button
                              type="button"
                              className="btn btn-outline-danger btn-xs py-0 px-2"
                              onClick={() => void remove(s)}
                            >
                              {t('helpline.rota.remove')}
                              <span className="visually-hidden">
                                {' '}
                                {t('helpline.rota.removeWhat', {
                                  name: s.psychologist.name,
                                  day: weekdayName(t, s.weekday),
                                  start: s.start,
                                  end: s.end,
                                })}
                              </span>
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {gaps.length === 0 && thin.length === 0 ? (
                      t('helpline.rota.covered')
                    ) : (
                      <ul className="noi-rota-shifts">
                        {gaps.map((g) => (
                          <li key={`g${g.start}`}>
                            <span className="noi-gap noi-gap-none">
                              {t('helpline.rota.gap', { start: g.start, end: g.end })}
                            </span>
                          </li>
                        ))}
                        {thin.map((g) => (
                          <li key={`u${g.start}`}>
                            <span className="noi-gap">
                              {t('helpline.rota.thin', { start: g.start, end: g.end, count: g.count })}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <AddShift rota={r} onAdded={refresh} />
    </div>
  );
}

function AddShift({ rota, onAdded }: { rota: Rota; onAdded: (text: string) => void }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [weekday, setWeekday] = useState('1');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('12:00');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const s = await api.post<Shift>('/api/v1/helpline/rota', {
        userId,
        weekday: Number(weekday),
        start,
        end,
      });
      onAdded(
        t('helpline.rota.added', {
          name: s.psychologist.name,
          day: weekdayName(t, s.weekday),
          start: s.start,
          end: s.end,
        }),
      );
    } catch (error) {
      setProblem(toProblem(error));
    }
    setBusy(false);
  };
  const errors = fieldErrors(problem);
  const timeField = (id: string, label: string, value: string, set: (v: string) => void, error?: string) => (
    <div className="form-group noi-field">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="HH:MM"
        className={`form-control noi-time-input${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <div id={`${id}-error`} className="noi-field-error">
          {error}
        </div>
      )}
    </div>
  );
  return (
    <Panel id="rota-add" title={t('helpline.rota.add')}>
      <ProblemAlert problem={problem} shownFields={['userId', 'weekday', 'start', 'end']} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <SelectField
          id="shift-user"
          label={t('helpline.rota.psychologist')}
          value={userId}
          onChange={setUserId}
          options={[
            { value: '', label: t('helpline.call.choose') },
            ...rota.psychologists.map((p) => ({ value: p.id, label: p.name })),
          ]}
          error={errors.userId}
        />
        <SelectField
          id="shift-weekday"
          label={t('helpline.rota.day')}
          value={weekday}
          onChange={setWeekday}
          options={weekdays.map((d) => ({ value: String(d), label: weekdayName(t, d) }))}
          error={errors.weekday}
        />
        <div className="d-flex flex-wrap gap-3">
          {timeField('shift-start', t('helpline.rota.start'), start, setStart, errors.start)}
          {timeField('shift-end', t('helpline.rota.end'), end, setEnd, errors.end)}
        </div>
        <p className="small">{t('helpline.rota.endHint')}</p>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('helpline.rota.addSubmit')}
        </button>
      </form>
    </Panel>
  );
}

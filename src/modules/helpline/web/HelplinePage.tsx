import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Problem } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { TextAreaField } from '../../directory/web-admin/edit-parts.tsx';
import { ageText, Panel, UrgencyBadge, useNow, usePolled } from '../../help-requests/web/console/parts.tsx';
import { SignedIn } from '../../identity/web/access.tsx';
import { fieldErrors, ProblemAlert, SelectField, toProblem } from '../../identity/web/forms.tsx';
import { CallDenied } from './parts.tsx';
import { type Call, type Coverage, type Note, outcomes, type Queue } from './types.ts';

type Run = (path: string, body: unknown, done: string) => Promise<Problem | null>;

/** The helpline's desk: who is on now, my calls (call, no answer, close, notes), the waiting queue. */
export function HelplinePage() {
  const { t } = useTranslation();
  usePageTitle(t('helpline.desk.title'));
  return (
    <SignedIn>
      <Desk />
    </SignedIn>
  );
}

function Desk() {
  const { t } = useTranslation();
  const queue = usePolled<Queue>('/api/v1/helpline/queue', 30_000);
  const now = usePolled<Coverage>('/api/v1/helpline/now', 60_000);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const statusBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) statusBox.current?.focus();
  }, [message]);

  if (queue.state === 'error') return <CallDenied error={queue.error} onRetry={queue.refresh} />;
  if (queue.state === 'loading') return <Loading />;
  const q = queue.data;
  const supervisor = q.role === 'supervisor';
  const onNow = now.state === 'ready' ? now.data.onNow : [];

  const run: Run = async (path, body, done) => {
    try {
      await api.post(`/api/v1/helpline/calls/${path}`, body);
      setMessage((m) => ({ text: done, n: (m?.n ?? 0) + 1 }));
      queue.refresh();
      return null;
    } catch (error) {
      queue.refresh();
      return toProblem(error);
    }
  };

  return (
    <div className="container my-5">
      <h1>{t('helpline.desk.title')}</h1>
      <p className="lead">
        {supervisor
          ? t('helpline.desk.supervisorLead')
          : q.onShift
            ? t('helpline.desk.onShift')
            : t('helpline.desk.offShift')}
      </p>
      {supervisor && (
        <p>
          <Link to="/helpline/turni">{t('helpline.desk.rotaLink')}</Link>
        </p>
      )}
      <div
        ref={statusBox}
        role="status"
        tabIndex={-1}
        className={message ? 'alert alert-success noi-alert' : undefined}
      >
        {message && <span key={message.n}>{message.text}</span>}
      </div>
      <div className="row">
        <div className="col-12 col-lg-8">
          <Panel id="helpline-mine" title={supervisor ? t('helpline.desk.inHand') : t('helpline.desk.mine')}>
            {q.active.length === 0 ? (
              <p className="mb-0">{t('helpline.desk.noneInHand')}</p>
            ) : (
              <ul className="noi-call-list">
                {q.active.map((c) => (
                  <li key={c.id}>
                    <ActiveCall call={c} run={run} supervisor={supervisor} />
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel id="helpline-waiting" title={t('helpline.desk.waiting')}>
            {!supervisor && !q.onShift ? (
              <p className="mb-0">{t('helpline.desk.waitingOffShift')}</p>
            ) : q.waiting.length === 0 ? (
              <p className="mb-0">{t('helpline.desk.noneWaiting')}</p>
            ) : (
              <>
                <p id="helpline-waiting-count">
                  {t('helpline.desk.waitingCount', { count: q.waiting.length })}
                </p>
                <ul className="noi-call-list">
                  {q.waiting.map((c) => (
                    <li key={c.id}>
                      <WaitingCall call={c} run={run} supervisor={supervisor} onNow={onNow} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Panel>
        </div>
        <div className="col-12 col-lg-4">
          <Panel id="helpline-on-now" title={t('helpline.desk.onNow')}>
            {now.state !== 'ready' ? (
              <p className="mb-0">{t('app.loading')}</p>
            ) : now.data.onNow.length === 0 ? (
              <p className="mb-0">{t('helpline.desk.nobodyOn')}</p>
            ) : (
              <ul className="mb-0">
                {now.data.onNow.map((o) => (
                  <li key={o.psychologist.id}>
                    {t('helpline.desk.onUntil', { name: o.psychologist.name, until: o.until })}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}

/** The facts of a call: first name, phone, language, urgency, how long waiting, the words. */
function CallFacts({ call, headingId }: { call: Call; headingId: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const phoneHref = call.phone ? `tel:${call.phone.replace(/[^\d+]/g, '')}` : '';
  return (
    <>
      <h3 id={headingId} className="h5 mb-2">
        {call.firstName} <span className="small fw-normal">({call.trackingCode})</span>
      </h3>
      <div className="d-flex flex-wrap gap-2 mb-2">
        <UrgencyBadge urgency={call.urgency} />
      </div>
      <dl className="noi-card-facts mb-2">
        <dt>{t('helpline.call.phone')}</dt>
        <dd>{call.phone ? <a href={phoneHref}>{call.phone}</a> : t('helpline.call.noPhone')}</dd>
        <dt>{t('helpline.call.language')}</dt>
        <dd>{t(`helpline.lang.${call.lang}`, { defaultValue: call.lang })}</dd>
        <dt>{t('helpline.call.waiting')}</dt>
        <dd>{ageText(t, call.waitingSince, now)}</dd>
        {call.attempts > 0 && (
          <>
            <dt>{t('helpline.call.attempts')}</dt>
            <dd>{call.attempts}</dd>
          </>
        )}
        {call.psychologist && (
          <>
            <dt>{t('helpline.call.psychologist')}</dt>
            <dd>{call.psychologist.name}</dd>
          </>
        )}
      </dl>
      <p className="noi-pre mb-2">{call.description}</p>
    </>
  );
}

function WaitingCall({
  call,
  run,
  supervisor,
  onNow,
}: {
  call: Call;
  run: Run;
  supervisor: boolean;
  onNow: Coverage['onNow'];
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [who, setWho] = useState('');
  const headingId = `call-${call.id}-title`;
  const act = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setProblem(null);
    const p = await run(`${call.id}/${path}`, body, done);
    setBusy(false);
    setProblem(p);
  };
  const onAssign = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) void act('assign', { userId: who }, t('helpline.done.assigned', { name: call.firstName }));
  };
  const errors = fieldErrors(problem);
  return (
    <article className="card card-bg noi-call mb-3" aria-labelledby={headingId}>
      <div className="card-body">
        <CallFacts call={call} headingId={headingId} />
        <ProblemAlert problem={problem} shownFields={['userId']} />
        {supervisor ? (
          <form onSubmit={onAssign} noValidate aria-busy={busy}>
            <SelectField
              id={`assign-${call.id}`}
              label={t('helpline.call.assignTo')}
              value={who}
              onChange={setWho}
              options={[
                { value: '', label: t('helpline.call.choose') },
                ...onNow.map((o) => ({ value: o.psychologist.id, label: o.psychologist.name })),
              ]}
              error={errors.userId}
            />
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('helpline.call.assign')}
            </button>
          </form>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void act('take', undefined, t('helpline.done.taken', { name: call.firstName }))}
          >
            {t('helpline.call.take', { name: call.firstName })}
          </button>
        )}
      </div>
    </article>
  );
}

function ActiveCall({ call, run, supervisor }: { call: Call; run: Run; supervisor: boolean }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [closing, setClosing] = useState('');
  const headingId = `call-${call.id}-title`;
  const act = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setProblem(null);
    const p = await run(`${call.id}/${path}`, body, done);
    setBusy(false);
    setProblem(p);
  };
  const onClose = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const body: Record<string, string> = { outcome };
    if (closing.trim()) body.note = closing.trim();
    void act('close', body, t('helpline.done.closed', { name: call.firstName }));
  };
  const errors = fieldErrors(problem);
  const urgent = call.urgency === 'critical' || call.urgency === 'high';
  return (
    <article
      className={`card card-bg noi-call mb-3${urgent ? ' noi-call-urgent' : ''}`}
      aria-labelledby={headingId}
    >
      <div className="card-body">
        <CallFacts call={call} headingId={headingId} />
        <ProblemAlert problem={problem} shownFields={['outcome', 'note']} />
        <div className="d-flex flex-wrap gap-2 mb-3">
          {!supervisor && (
            <button
              type="button"
              className="btn btn-outline-primary"
              disabled={busy}
              onClick={() =>
                void act('attempt', undefined, t('helpline.done.attempt', { name: call.firstName }))
              }
            >
              {t('helpline.call.noAnswer')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={busy}
            onClick={() =>
              void act('release', undefined, t('helpline.done.released', { name: call.firstName }))
            }
          >
            {t('helpline.call.release')}
          </button>
        </div>
        {!supervisor && (
          <form onSubmit={onClose} noValidate aria-busy={busy} className="mb-3">
            <SelectField
              id={`outcome-${call.id}`}
              label={t('helpline.call.outcome')}
              value={outcome}
              onChange={setOutcome}
              options={[
                { value: '', label: t('helpline.call.choose') },
                ...outcomes.map((o) => ({ value: o, label: t(`helpline.outcome.${o}`) })),
              ]}
              error={errors.outcome}
            />
            <TextAreaField
              id={`closing-note-${call.id}`}
              label={t('helpline.call.closingNote')}
              hint={t('helpline.call.closingNoteHint')}
              value={closing}
              onChange={setClosing}
              maxLength={4000}
              rows={2}
              error={errors.note}
            />
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('helpline.call.close')}
            </button>
          </form>
        )}
        <Notes call={call} />
      </div>
    </article>
  );
}

/** The call's notes, loaded when asked for (each read is recorded), and a new one. */
function Notes({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    try {
      setNotes((await api.get<{ items: Note[] }>(`/api/v1/helpline/calls/${call.id}/notes`)).items);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const note = await api.post<Note>(`/api/v1/helpline/calls/${call.id}/notes`, { text: text.trim() });
      setNotes((n) => [...(n ?? []), note]);
      setText('');
    } catch (error) {
      setProblem(toProblem(error));
    }
    setBusy(false);
  };
  const errors = fieldErrors(problem);
  const fmt = (v: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'it-IT', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Rome',
    }).format(new Date(v));
  return (
    <section aria-labelledby={`notes-${call.id}-title`}>
      <h4 id={`notes-${call.id}-title`} className="h6">
        {t('helpline.notes.title')}
      </h4>
      <p className="small">{t('helpline.notes.private')}</p>
      {notes === null ? (
        <button type="button" className="btn btn-outline-primary btn-sm mb-2" onClick={() => void load()}>
          {t('helpline.notes.show')}
        </button>
      ) : notes.length === 0 ? (
        <p>{t('helpline.notes.none')}</p>
      ) : (
        <ul className="noi-notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="small mb-0">
                <time dateTime={n.createdAt}>{fmt(n.createdAt)}</time> · {n.author.name}
              </p>
              <p className="noi-pre mb-2">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert problem={problem} shownFields={['text']} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <TextAreaField
          id={`note-${call.id}`}
          label={t('helpline.notes.new')}
          value={text}
          onChange={setText}
          maxLength={4000}
          rows={2}
          error={errors.text}
        />
        <button type="submit" className="btn btn-outline-primary" disabled={busy}>
          {t('helpline.notes.add')}
        </button>
      </form>
    </section>
  );
}

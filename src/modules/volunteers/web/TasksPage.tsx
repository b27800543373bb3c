import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, type Problem } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { SignedIn } from '../../identity/web/access.tsx';
import { ProblemAlert, toProblem } from '../../identity/web/forms.tsx';
import { useKeptApi } from './hooks.ts';
import {
  type Check,
  describedBy,
  ErrorSummary,
  formatHours,
  formatWhen,
  HintAndError,
  StatusMessage,
  taskStatusLabel,
} from './parts.tsx';
import type { MyTasks, VolunteerTask } from './types.ts';

/** The task's id, whatever the API calls it. */
export const taskIdOf = (task: VolunteerTask & { taskId?: string }) => task.id ?? task.taskId ?? '';

/** `/volontariato/compiti`: the volunteer's tasks: answer the offers, mark done, the hours given. */
export function TasksPage() {
  const { t } = useTranslation();
  usePageTitle(t('volunteers.tasks.title'));
  return (
    <SignedIn>
      <Tasks />
    </SignedIn>
  );
}

function Tasks() {
  const { t, i18n } = useTranslation();
  const list = useKeptApi<MyTasks>('/api/v1/volunteers/me/tasks');
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'error' && list.error.status === 404)
    return (
      <div className="container my-4 noi-vol">
        <h1>{t('volunteers.tasks.title')}</h1>
        <p className="lead">{t('volunteers.profile.none')}</p>
        <Link to="/volontariato" className="btn btn-primary">
          {t('volunteers.profile.signUp')}
        </Link>
      </div>
    );
  if (list.state === 'error') return <ServerError error={list.error} onRetry={list.reload} />;
  const items = list.data.items;
  const offered = items.filter((x) => x.status === 'offered');
  const accepted = items.filter((x) => x.status === 'accepted');
  const past = items.filter((x) => !['offered', 'accepted'].includes(x.status));
  const hoursTotal =
    list.data.hoursTotal ??
    items.filter((x) => x.status === 'done').reduce((s, x) => s + Number(x.hours ?? 0), 0);
  const done = (text: string) => {
    setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 }));
    list.reload();
  };
  return (
    <div className="container my-4 noi-vol">
      <h1>{t('volunteers.tasks.title')}</h1>
      <p className="lead">{t('volunteers.tasks.intro')}</p>
      <p className="noi-vol-hours" data-testid="hours-total">
        {t('volunteers.tasks.hoursTotal', { hours: formatHours(hoursTotal, i18n.language) })}
      </p>
      <StatusMessage message={message} />
      <TaskList
        id="tasks-offered"
        title={t('volunteers.tasks.offered', { count: offered.length })}
        empty={t('volunteers.tasks.noOffers')}
        tasks={offered}
        onDone={done}
      />
      <TaskList
        id="tasks-accepted"
        title={t('volunteers.tasks.accepted', { count: accepted.length })}
        empty={t('volunteers.tasks.noAccepted')}
        tasks={accepted}
        onDone={done}
      />
      <section aria-labelledby="tasks-past-title">
        <h2 id="tasks-past-title" className="h3">
          {t('volunteers.tasks.past')}
        </h2>
        {past.length === 0 ? (
          <p>{t('volunteers.tasks.noPast')}</p>
        ) : (
          <div className="table-responsive">
            <table className="table noi-vol-table">
              <caption className="visually-hidden">{t('volunteers.tasks.pastCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('volunteers.tasks.task')}</th>
                  <th scope="col">{t('volunteers.tasks.status')}</th>
                  <th scope="col">{t('volunteers.tasks.when')}</th>
                  <th scope="col">{t('volunteers.tasks.hours')}</th>
                </tr>
              </thead>
              <tbody>
                {past.map((task) => (
                  <tr key={taskIdOf(task)}>
                    <th scope="row" className="fw-normal noi-pre">
                      {task.brief}
                      {task.doneNote && <span className="d-block small">{task.doneNote}</span>}
                      {task.declineReason && <span className="d-block small">{task.declineReason}</span>}
                    </th>
                    <td>{taskStatusLabel(t, task.status)}</td>
                    <td>
                      <time dateTime={task.doneAt ?? task.respondedAt ?? task.offeredAt}>
                        {formatWhen(task.doneAt ?? task.respondedAt ?? task.offeredAt, i18n.language)}
                      </time>
                    </td>
                    <td>{task.status === 'done' ? formatHours(task.hours, i18n.language) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** A titled list of task cards (offered, or under way), or a sentence when there is none. */
function TaskList({
  id,
  title,
  empty,
  tasks,
  onDone,
}: {
  id: string;
  title: string;
  empty: string;
  tasks: VolunteerTask[];
  onDone: (text: string) => void;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="mb-4">
      <h2 id={`${id}-title`} className="h3">
        {title}
      </h2>
      {tasks.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="list-unstyled">
          {tasks.map((task) => (
            <li key={taskIdOf(task)}>
              <TaskCard task={task} onDone={onDone} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TaskCard({ task, onDone }: { task: VolunteerTask; onDone: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const id = taskIdOf(task);
  const [open, setOpen] = useState<'decline' | 'done' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/api/v1/volunteer-tasks/${encodeURIComponent(id)}/accept`, {});
      onDone(t('volunteers.tasks.doneAccepted'));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const titleId = `task-${id}-title`;
  return (
    <article className="card card-bg noi-vol-card mb-3" aria-labelledby={titleId}>
      <div className="card-body">
        <h3 id={titleId} className="h5">
          {task.category
            ? t(`volunteers.category.${task.category}`, { defaultValue: task.category })
            : t('volunteers.tasks.task')}
          {task.neighbourhood && ` · ${task.neighbourhood.name}`}
          <span className={`noi-vol-task noi-vol-task-${task.status} ms-2`}>
            {taskStatusLabel(t, task.status)}
          </span>
        </h3>
        <p className="noi-pre">{task.brief}</p>
        <dl className="noi-facts small">
          <dt>{t('volunteers.tasks.offeredAt')}</dt>
          <dd>
            <time dateTime={task.offeredAt}>{formatWhen(task.offeredAt, i18n.language)}</time>
          </dd>
          {task.communityPoint && (
            <>
              <dt>{t('volunteers.tasks.hub')}</dt>
              <dd>{task.communityPoint.name}</dd>
            </>
          )}
          {task.contact?.name && (
            <>
              <dt>{t('volunteers.tasks.person')}</dt>
              <dd>
                {task.contact.name}
                {task.contact.phone && (
                  <>
                    {' · '}
                    <a href={`tel:${task.contact.phone.replace(/[^\d+]/g, '')}`}>{task.contact.phone}</a>
                  </>
                )}
              </dd>
            </>
          )}
          {task.address && (
            <>
              <dt>{t('volunteers.tasks.address')}</dt>
              <dd>{task.address}</dd>
            </>
          )}
        </dl>
        <ProblemAlert problem={problem} />
        {task.status === 'offered' && (
          <div className="d-flex flex-wrap gap-2">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void accept()}>
              {t('volunteers.tasks.accept')}
            </button>
            <button
              type="button"
              className="btn btn-outline-primary"
              aria-expanded={open === 'decline'}
              aria-controls={`task-${id}-decline`}
              onClick={() => setOpen((o) => (o === 'decline' ? null : 'decline'))}
            >
              {t('volunteers.tasks.decline')}
            </button>
          </div>
        )}
        {task.status === 'accepted' && (
          <button
            type="button"
            className="btn btn-primary"
            aria-expanded={open === 'done'}
            aria-controls={`task-${id}-done`}
            onClick={() => setOpen((o) => (o === 'done' ? null : 'done'))}
          >
            {t('volunteers.tasks.markDone')}
          </button>
        )}
        <div id={`task-${id}-decline`}>
          {open === 'decline' && <DeclineForm id={id} onDone={onDone} onCancel={() => setOpen(null)} />}
        </div>
        <div id={`task-${id}-done`}>
          {open === 'done' && <DoneForm id={id} onDone={onDone} onCancel={() => setOpen(null)} />}
        </div>
      </div>
    </article>
  );
}

function DeclineForm({
  id,
  onDone,
  onCancel,
}: {
  id: string;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const fieldId = `task-${id}-reason`;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found =
      reason.trim().length < 3 ? [{ id: fieldId, message: t('volunteers.tasks.check.reason') }] : [];
    setChecks(found);
    if (found.length) return;
    setBusy(true);
    try {
      await api.post(`/api/v1/volunteer-tasks/${encodeURIComponent(id)}/decline`, { reason: reason.trim() });
      onDone(t('volunteers.tasks.doneDeclined'));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : toProblem(error);
      const field = p.errors?.find((x) => x.field.replace(/^body\./, '') === 'reason');
      if (field) setChecks([{ id: fieldId, message: field.message }]);
      else setDetail(p.detail || p.title);
    } finally {
      setBusy(false);
    }
  };
  const error = checks[0]?.message;
  return (
    <section aria-labelledby={`task-${id}-decline-title`} className="noi-vol-subform mt-3">
      <h4 id={`task-${id}-decline-title`} className="h6" ref={heading} tabIndex={-1}>
        {t('volunteers.tasks.declineTitle')}
      </h4>
      <ErrorSummary id={`task-${id}-decline-errors`} errors={checks} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <div className="form-group noi-field">
          <label htmlFor={fieldId} className="active">
            {t('volunteers.tasks.declineReason')}
          </label>
          <textarea
            id={fieldId}
            rows={2}
            maxLength={1000}
            className={`form-control${error ? ' is-invalid' : ''}`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(fieldId, t('volunteers.tasks.declineHint'), error)}
          />
          <HintAndError id={fieldId} hint={t('volunteers.tasks.declineHint')} error={error} />
        </div>
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('volunteers.tasks.declineSubmit')}
          </button>
          <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
            {t('volunteers.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DoneForm({
  id,
  onDone,
  onCancel,
}: {
  id: string;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [hours, setHours] = useState('');
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const noteId = `task-${id}-note`;
  const hoursId = `task-${id}-hours`;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found: Check[] = [];
    if (note.trim().length < 3) found.push({ id: noteId, message: t('volunteers.tasks.check.note') });
    const h = Number(hours.replace(',', '.'));
    if (!hours.trim() || !Number.isFinite(h) || h <= 0 || h > 24 || !Number.isInteger(h * 4))
      found.push({ id: hoursId, message: t('volunteers.tasks.check.hours') });
    setChecks(found);
    if (found.length) return;
    setBusy(true);
    try {
      await api.post(`/api/v1/volunteer-tasks/${encodeURIComponent(id)}/done`, {
        note: note.trim(),
        hours: h,
      });
      onDone(t('volunteers.tasks.doneDone', { hours: formatHours(h, i18n.language) }));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : toProblem(error);
      const placed: Check[] = [];
      for (const fe of p.errors ?? []) {
        const f = fe.field.replace(/^body\./, '');
        if (f === 'note') placed.push({ id: noteId, message: fe.message });
        if (f === 'hours') placed.push({ id: hoursId, message: fe.message });
      }
      setChecks(placed);
      if (!placed.length) setDetail(p.detail || p.title);
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (fid: string) => checks.find((c) => c.id === fid)?.message;
  return (
    <section aria-labelledby={`task-${id}-done-title`} className="noi-vol-subform mt-3">
      <h4 id={`task-${id}-done-title`} className="h6" ref={heading} tabIndex={-1}>
        {t('volunteers.tasks.doneTitle')}
      </h4>
      <ErrorSummary id={`task-${id}-done-errors`} errors={checks} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <div className="form-group noi-field">
          <label htmlFor={noteId} className="active">
            {t('volunteers.tasks.note')}
          </label>
          <textarea
            id={noteId}
            rows={2}
            maxLength={1000}
            className={`form-control${errorOf(noteId) ? ' is-invalid' : ''}`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={errorOf(noteId) ? true : undefined}
            aria-describedby={describedBy(noteId, t('volunteers.tasks.noteHint'), errorOf(noteId))}
          />
          <HintAndError id={noteId} hint={t('volunteers.tasks.noteHint')} error={errorOf(noteId)} />
        </div>
        <div className="form-group noi-field">
          <label htmlFor={hoursId} className="active">
            {t('volunteers.tasks.hoursGiven')}
          </label>
          <input
            id={hoursId}
            type="text"
            inputMode="decimal"
            className={`form-control noi-vol-narrow${errorOf(hoursId) ? ' is-invalid' : ''}`}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            aria-invalid={errorOf(hoursId) ? true : undefined}
            aria-describedby={describedBy(hoursId, t('volunteers.tasks.hoursHint'), errorOf(hoursId))}
          />
          <HintAndError id={hoursId} hint={t('volunteers.tasks.hoursHint')} error={errorOf(hoursId)} />
        </div>
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('volunteers.tasks.doneSubmit')}
          </button>
          <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
            {t('volunteers.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, type Problem, useApi } from '../../../../web/api.ts';
import { useCurrentUser } from '../../../../web/current-user.tsx';
import { Loading } from '../../../../web/Loading.tsx';
import { usePageTitle } from '../../../../web/page-title.ts';
import { NotFound } from '../../../../web/pages/NotFound.tsx';
import { TextAreaField } from '../../../directory/web-admin/edit-parts.tsx';
import { LoadFailure } from '../../../identity/web/access.tsx';
import { fieldErrors, ProblemAlert, SelectField, toProblem } from '../../../identity/web/forms.tsx';
import { VolunteerPanel } from '../../../volunteers/web/VolunteerPanel.tsx';
import { ActionForm, Disclosure, type Outcome } from './forms.tsx';
import {
  ageText,
  categoryLabel,
  formatWhen,
  Panel,
  queueLabel,
  reasonText,
  SlaText,
  StatusBadge,
  statusLabel,
  UrgencyBadge,
  urgencyLabel,
  useNow,
} from './parts.tsx';
import {
  type CommunityPoint,
  categories,
  type HelpRequestDetail,
  type HistoryEvent,
  terminalStatuses,
  urgencies,
} from './types.ts';

type Run = (path: string, body: unknown, done: string) => Promise<Outcome>;

/** One request: what the person needs, how to reach them, its urgency and why, what to do next, its story. */
export function RequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useApi<HelpRequestDetail>(`/api/v1/help-requests/${encodeURIComponent(id)}`);
  const [detail, setDetail] = useState<HelpRequestDetail | null>(null);
  const fresh = loaded.state === 'ready' ? loaded.data : null;
  useEffect(() => setDetail(fresh), [fresh]);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const [transferred, setTransferred] = useState<{ code: string; hub: string } | null>(null);
  const statusBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) statusBox.current?.focus();
  }, [message]);
  usePageTitle(
    detail ? t('helpConsole.request.title', { code: detail.trackingCode }) : t('helpConsole.request.loading'),
  );

  if (loaded.state === 'error') {
    // A malformed address is as unknown as a request the person may not see.
    if (loaded.error.status === 400) return <NotFound />;
    return <LoadFailure error={loaded.error} onRetry={loaded.reload} />;
  }
  if (transferred) return <Transferred {...transferred} />;
  if (!detail) return <Loading />;

  const announce = (text: string) => setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 }));
  const run: Run = async (path, body, done) => {
    try {
      if (path === 'transfer') {
        const moved = await api.post<{ communityPoint: { name: string } }>(
          `/api/v1/help-requests/${detail.id}/transfer`,
          body,
        );
        const hub = moved.communityPoint.name;
        try {
          // Still visible (a social worker of the zone, or someone of both hubs): show it again.
          setDetail(await api.get<HelpRequestDetail>(`/api/v1/help-requests/${detail.id}`));
          announce(t('helpConsole.done.transferred', { hub }));
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 404)) throw error;
          setTransferred({ code: detail.trackingCode, hub });
        }
        return null;
      }
      setDetail(await api.post<HelpRequestDetail>(`/api/v1/help-requests/${detail.id}/${path}`, body));
      announce(done);
      return null;
    } catch (error) {
      // Someone else moved the request meanwhile: show where it is now, with the problem.
      if (error instanceof ApiError && error.status === 409) {
        api.get<HelpRequestDetail>(`/api/v1/help-requests/${detail.id}`).then(setDetail, () => {});
      }
      return toProblem(error);
    }
  };

  return (
    <div className="container my-5">
      <nav aria-label={t('helpConsole.request.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/sportello">{t('helpConsole.inbox.title')}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {detail.trackingCode}
          </li>
        </ol>
      </nav>
      <h1>{t('helpConsole.request.title', { code: detail.trackingCode })}</h1>
      <p className="lead mb-2">
        {categoryLabel(t, detail.category)} · {detail.contact.name}
      </p>
      <div className="d-flex flex-wrap gap-2 mb-4">
        <UrgencyBadge urgency={detail.urgency} confirmed={detail.urgencyConfirmed} />
        <StatusBadge status={detail.status} />
        {detail.escalatedAt && <span className="noi-escalated">{t('helpConsole.escalatedBadge')}</span>}
      </div>
      <div
        ref={statusBox}
        role="status"
        tabIndex={-1}
        className={message ? 'alert alert-success noi-alert' : undefined}
      >
        {message && <span key={message.n}>{message.text}</span>}
      </div>
      <div className="row">
        <div className="col-12 col-lg-7">
          <RequestFacts detail={detail} />
          <History detail={detail} />
        </div>
        <div className="col-12 col-lg-5">
          <UrgencyPanel detail={detail} run={run} />
          {detail.canManage && <ActionsPanel detail={detail} run={run} />}
          <VolunteerPanel request={detail} />
          {detail.canManage && <NotesPanel detail={detail} run={run} />}
        </div>
      </div>
    </div>
  );
}

/** After a transfer to a hub this desk does not see: say so, and lead back to the desk. */
function Transferred({ code, hub }: { code: string; hub: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <div className="container my-5">
      <h1>{t('helpConsole.request.title', { code })}</h1>
      <div ref={box} className="alert alert-success noi-alert" role="status" tabIndex={-1}>
        {t('helpConsole.done.transferredAway', { hub })}
      </div>
      <Link to="/sportello" className="btn btn-primary">
        {t('helpConsole.request.backToInbox')}
      </Link>
    </div>
  );
}

function RequestFacts({ detail }: { detail: HelpRequestDetail }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const c = detail.circumstances;
  const circumstances: string[] = [];
  if (c.livesAlone === true) circumstances.push(t('helpConsole.circumstance.livesAlone'));
  if (typeof c.age === 'number') circumstances.push(t('helpConsole.circumstance.age', { age: c.age }));
  if (c.healthIssue === true) circumstances.push(t('helpConsole.circumstance.healthIssue'));
  if (c.noFood === true) circumstances.push(t('helpConsole.circumstance.noFood'));
  if (c.minorsInvolved === true) circumstances.push(t('helpConsole.circumstance.minorsInvolved'));
  const when = (v: string) => formatWhen(v, i18n.language);
  const phoneHref = detail.contact.phone ? `tel:${detail.contact.phone.replace(/[^\d+]/g, '')}` : '';
  return (
    <>
      <Panel id="req-need" title={t('helpConsole.request.need')}>
        <p className="noi-pre">{detail.description}</p>
        <h3 className="h6">{t('helpConsole.request.circumstances')}</h3>
        {circumstances.length ? (
          <ul>
            {circumstances.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        ) : (
          <p>{t('helpConsole.request.noCircumstances')}</p>
        )}
      </Panel>
      <Panel id="req-contact" title={t('helpConsole.request.contact')}>
        <dl className="noi-facts mb-0">
          <dt>{t('helpConsole.request.name')}</dt>
          <dd>{detail.contact.name}</dd>
          <dt>{t('helpConsole.request.phone')}</dt>
          <dd>
            {detail.contact.phone ? (
              <a href={phoneHref}>{detail.contact.phone}</a>
            ) : (
              t('helpConsole.request.notGiven')
            )}
          </dd>
          <dt>{t('helpConsole.request.email')}</dt>
          <dd className="noi-break">
            {detail.contact.email ? (
              <a href={`mailto:${detail.contact.email}`}>{detail.contact.email}</a>
            ) : (
              t('helpConsole.request.notGiven')
            )}
          </dd>
          <dt>{t('helpConsole.request.channel')}</dt>
          <dd>{t(`helpConsole.channel.${detail.channel}`, { defaultValue: detail.channel })}</dd>
        </dl>
      </Panel>
      <Panel id="req-place" title={t('helpConsole.request.place')}>
        <dl className="noi-facts mb-0">
          {detail.address && (
            <>
              <dt>{t('helpConsole.request.address')}</dt>
              <dd>{detail.address}</dd>
            </>
          )}
          <dt>{t('helpConsole.request.neighbourhood')}</dt>
          <dd>
            {detail.neighbourhood.name} · {detail.zone.name}
          </dd>
          <dt>{t('helpConsole.request.hub')}</dt>
          <dd>{detail.communityPoint?.name ?? queueLabel(t, detail.queue)}</dd>
          {detail.lat !== null && detail.lon !== null && (
            <>
              <dt>{t('helpConsole.request.point')}</dt>
              <dd>
                <a
                  href={`https://www.openstreetmap.org/?mlat=${detail.lat}&mlon=${detail.lon}#map=17/${detail.lat}/${detail.lon}`}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {t('helpConsole.request.openMap')}
                </a>
              </dd>
            </>
          )}
        </dl>
      </Panel>
      <Panel id="req-times" title={t('helpConsole.request.times')}>
        <dl className="noi-facts mb-0">
          <dt>{t('helpConsole.request.received')}</dt>
          <dd>
            <time dateTime={detail.createdAt}>{when(detail.createdAt)}</time> (
            {ageText(t, detail.createdAt, now)})
          </dd>
          <dt>{t('helpConsole.request.firstContact')}</dt>
          <dd>
            <SlaText
              slaDueAt={detail.slaDueAt}
              breached={detail.slaBreachedAt !== null}
              firstContactAt={detail.firstContactAt}
              status={detail.status}
              now={now}
            />
          </dd>
          {detail.slaBreachedAt && (
            <>
              <dt>{t('helpConsole.request.breachedAt')}</dt>
              <dd>
                <time dateTime={detail.slaBreachedAt}>{when(detail.slaBreachedAt)}</time>
              </dd>
            </>
          )}
          {detail.escalatedAt && (
            <>
              <dt>{t('helpConsole.request.escalatedAt')}</dt>
              <dd>
                <time dateTime={detail.escalatedAt}>{when(detail.escalatedAt)}</time>
              </dd>
            </>
          )}
          <dt>{t('helpConsole.request.assignee')}</dt>
          <dd>{detail.assignee?.name ?? t('helpConsole.nobody')}</dd>
          {detail.closedAt && (
            <>
              <dt>{t('helpConsole.request.closedAt')}</dt>
              <dd>
                <time dateTime={detail.closedAt}>{when(detail.closedAt)}</time>
              </dd>
            </>
          )}
          {detail.outcome && (
            <>
              <dt>{t('helpConsole.request.outcome')}</dt>
              <dd className="noi-pre">{detail.outcome}</dd>
            </>
          )}
        </dl>
      </Panel>
    </>
  );
}

/** Triage is possible while the request is new or waiting, or when it can go back to waiting. */
const canTriage = (d: HelpRequestDetail) =>
  d.canManage && (d.status === 'new' || d.status === 'triaged' || d.nextStatuses.includes('triaged'));

function UrgencyPanel({ detail, run }: { detail: HelpRequestDetail; run: Run }) {
  const { t } = useTranslation();
  return (
    <Panel id="req-urgency" title={t('helpConsole.triage.title')}>
      <p className="mb-2">
        <UrgencyBadge urgency={detail.urgency} confirmed={detail.urgencyConfirmed} />
      </p>
      <p>
        {detail.urgencyConfirmed ? t('helpConsole.triage.confirmed') : t('helpConsole.triage.suggestedIntro')}
      </p>
      {detail.urgencyReasons.length > 0 && (
        <>
          <h3 className="h6">{t('helpConsole.triage.why')}</h3>
          <ul>
            {detail.urgencyReasons.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the reasons never change order
              <li key={i}>{reasonText(t, r)}</li>
            ))}
          </ul>
        </>
      )}
      {detail.suggestedCategory && detail.suggestedCategory !== detail.category && (
        <p className="small">
          {t('helpConsole.triage.suggestedCategory', {
            category: categoryLabel(t, detail.suggestedCategory),
          })}
        </p>
      )}
      {canTriage(detail) && <TriageForm detail={detail} run={run} />}
    </Panel>
  );
}

function TriageForm({ detail, run }: { detail: HelpRequestDetail; run: Run }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState(detail.category);
  const [urgency, setUrgency] = useState(detail.urgency);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setCategory(detail.category);
    setUrgency(detail.urgency);
  }, [detail.category, detail.urgency]);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const body: Record<string, string> = { category, urgency };
    if (reason.trim()) body.reason = reason.trim();
    const result = await run(
      'triage',
      body,
      t('helpConsole.done.triaged', { urgency: urgencyLabel(t, urgency) }),
    );
    setBusy(false);
    if (result) setProblem(result);
    else setReason('');
  };
  const errors = fieldErrors(problem);
  return (
    <section aria-labelledby="triage-form-title" className="mt-3">
      <h3 id="triage-form-title" className="h5">
        {detail.urgencyConfirmed ? t('helpConsole.triage.change') : t('helpConsole.triage.confirm')}
      </h3>
      <ProblemAlert problem={problem} shownFields={['category', 'urgency', 'reason']} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <SelectField
          id="triage-category"
          label={t('helpConsole.triage.category')}
          value={category}
          onChange={setCategory}
          options={categories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
          error={errors.category}
        />
        <SelectField
          id="triage-urgency"
          label={t('helpConsole.triage.urgency')}
          value={urgency}
          onChange={setUrgency}
          options={urgencies.map((u) => ({ value: u, label: urgencyLabel(t, u) }))}
          error={errors.urgency}
        />
        <TextAreaField
          id="triage-reason"
          label={t('helpConsole.triage.reason')}
          hint={t('helpConsole.triage.reasonHint')}
          value={reason}
          onChange={setReason}
          maxLength={1000}
          rows={2}
          error={errors.reason}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('helpConsole.triage.submit')}
        </button>
      </form>
    </section>
  );
}

function ActionsPanel({ detail, run }: { detail: HelpRequestDetail; run: Run }) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const [open, setOpen] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const hubs = useApi<{ items: CommunityPoint[] }>('/api/v1/community-points');
  const next = detail.nextStatuses;
  const terminal = terminalStatuses.includes(detail.status);
  // A new state closes whatever form was open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the request changes on purpose
  useEffect(() => setOpen(null), [detail.status, detail.escalatedAt, detail.assignee?.id]);

  const direct = async (path: string, body: unknown, done: string) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const result = await run(path, body, done);
    setBusy(false);
    setProblem(result);
  };
  const toggle = (name: string) => setOpen((o) => (o === name ? null : name));
  const closeForm = () => setOpen(null);
  const mine = detail.assignee?.id === user?.id;
  const canAssign = next.includes('assigned') || (detail.status === 'assigned' && !mine);
  const canStart = next.includes('in_progress') && detail.status !== 'resolved';
  const canReopen = next.includes('in_progress') && detail.status === 'resolved';
  const canResolve = next.includes('resolved');
  const canUnassign = detail.status === 'assigned' && next.includes('triaged');
  const canClose = next.includes('closed');
  const canWithdraw = next.includes('withdrawn');
  const canAssignOther = !terminal && (next.includes('assigned') || detail.status === 'assigned');
  const canTransfer = !terminal;
  const canEscalate = !terminal && !detail.escalatedAt;
  const hubOptions =
    hubs.state === 'ready'
      ? hubs.data.items
          .filter((h) => h.active && h.id !== detail.communityPoint?.id)
          .sort((a, b) => a.name.localeCompare(b.name, 'it'))
          .map((h) => ({ value: h.slug, label: `${h.name} (${h.zone.name})` }))
      : [];
  const nothing =
    !canAssign &&
    !canStart &&
    !canReopen &&
    !canResolve &&
    !canUnassign &&
    !canClose &&
    !canWithdraw &&
    !canTransfer &&
    !canAssignOther &&
    !canEscalate;

  return (
    <Panel id="req-actions" title={t('helpConsole.actions.title')}>
      <ProblemAlert problem={problem} />
      {nothing && <p>{t('helpConsole.actions.none')}</p>}
      {detail.status === 'new' && !next.includes('assigned') && (
        <p className="small">{t('helpConsole.actions.triageFirst')}</p>
      )}
      <div className="d-flex flex-wrap gap-2 mb-3">
        {canAssign && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void direct('assign', {}, t('helpConsole.done.assigned'))}
          >
            {t('helpConsole.actions.assignToMe')}
          </button>
        )}
        {canStart && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void direct('transitions', { to: 'in_progress' }, t('helpConsole.done.started'))}
          >
            {t('helpConsole.actions.start')}
          </button>
        )}
        {canResolve && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void direct('transitions', { to: 'resolved' }, t('helpConsole.done.resolved'))}
          >
            {t('helpConsole.actions.resolve')}
          </button>
        )}
        {canUnassign && (
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={busy}
            onClick={() => void direct('transitions', { to: 'triaged' }, t('helpConsole.done.unassigned'))}
          >
            {t('helpConsole.actions.unassign')}
          </button>
        )}
      </div>
      <div className="d-flex flex-column gap-3">
        {canReopen && (
          <Disclosure
            id="act-reopen"
            label={t('helpConsole.actions.reopen')}
            open={open === 'reopen'}
            onToggle={() => toggle('reopen')}
          >
            <ActionForm
              id="reopen"
              title={t('helpConsole.actions.reopenTitle')}
              textField="reason"
              textLabel={t('helpConsole.actions.reason')}
              minLength={3}
              submitLabel={t('helpConsole.actions.reopenSubmit')}
              onSubmit={(b) =>
                run('transitions', { to: 'in_progress', ...b }, t('helpConsole.done.reopened'))
              }
              onCancel={closeForm}
            />
          </Disclosure>
        )}
        {canAssignOther && (
          <Disclosure
            id="act-assign-other"
            label={t('helpConsole.actions.assignOther')}
            open={open === 'assign-other'}
            onToggle={() => toggle('assign-other')}
          >
            <AssignOtherForm detail={detail} run={run} onCancel={closeForm} />
          </Disclosure>
        )}
        {canTransfer && (
          <Disclosure
            id="act-transfer"
            label={t('helpConsole.actions.transfer')}
            open={open === 'transfer'}
            onToggle={() => toggle('transfer')}
          >
            <ActionForm
              id="transfer"
              title={t('helpConsole.actions.transferTitle')}
              intro={t('helpConsole.actions.transferIntro')}
              choice={{
                field: 'communityPoint',
                label: t('helpConsole.actions.hub'),
                placeholder: t('helpConsole.actions.chooseHub'),
                options: hubOptions,
              }}
              textField="reason"
              textLabel={t('helpConsole.actions.reason')}
              textHint={t('helpConsole.actions.reasonHint', { count: 5 })}
              minLength={5}
              submitLabel={t('helpConsole.actions.transferSubmit')}
              confirmText={t('helpConsole.actions.transferConfirm')}
              onSubmit={(b) => run('transfer', b, '')}
              onCancel={closeForm}
            />
          </Disclosure>
        )}
        {canEscalate && (
          <Disclosure
            id="act-escalate"
            label={t('helpConsole.actions.escalate')}
            open={open === 'escalate'}
            onToggle={() => toggle('escalate')}
          >
            <ActionForm
              id="escalate"
              title={t('helpConsole.actions.escalateTitle')}
              intro={t('helpConsole.actions.escalateIntro', { zone: detail.zone.name })}
              textField="reason"
              textLabel={t('helpConsole.actions.reason')}
              textHint={t('helpConsole.actions.reasonHint', { count: 5 })}
              minLength={5}
              submitLabel={t('helpConsole.actions.escalateSubmit')}
              onSubmit={(b) =>
                run('escalate', b, t('helpConsole.done.escalated', { zone: detail.zone.name }))
              }
              onCancel={closeForm}
            />
          </Disclosure>
        )}
        {canClose && (
          <Disclosure
            id="act-close"
            label={t('helpConsole.actions.close')}
            open={open === 'close'}
            onToggle={() => toggle('close')}
          >
            <ActionForm
              id="close"
              title={t('helpConsole.actions.closeTitle')}
              textField="outcome"
              textLabel={t('helpConsole.actions.outcome')}
              textHint={t('helpConsole.actions.outcomeHint')}
              minLength={3}
              submitLabel={t('helpConsole.actions.closeSubmit')}
              confirmText={t('helpConsole.actions.closeConfirm')}
              onSubmit={(b) => run('transitions', { to: 'closed', ...b }, t('helpConsole.done.closed'))}
              onCancel={closeForm}
            />
          </Disclosure>
        )}
        {canWithdraw && (
          <Disclosure
            id="act-withdraw"
            label={t('helpConsole.actions.withdraw')}
            open={open === 'withdraw'}
            onToggle={() => toggle('withdraw')}
          >
            <ActionForm
              id="withdraw"
              title={t('helpConsole.actions.withdrawTitle')}
              textField="reason"
              textLabel={t('helpConsole.actions.reason')}
              minLength={3}
              submitLabel={t('helpConsole.actions.withdrawSubmit')}
              confirmText={t('helpConsole.actions.withdrawConfirm')}
              onSubmit={(b) => run('transitions', { to: 'withdrawn', ...b }, t('helpConsole.done.withdrawn'))}
              onCancel={closeForm}
            />
          </Disclosure>
        )}
      </div>
    </Panel>
  );
}

function NotesPanel({ detail, run }: { detail: HelpRequestDetail; run: Run }) {
  const { t, i18n } = useTranslation();
  return (
    <Panel id="req-notes" title={t('helpConsole.notes.title')}>
      <p className="small">{t('helpConsole.notes.intro')}</p>
      {detail.notes.length === 0 ? (
        <p>{t('helpConsole.notes.none')}</p>
      ) : (
        <ul className="list-unstyled noi-notes">
          {detail.notes.map((n) => (
            <li key={n.id} className="noi-note">
              <p className="small mb-1">
                <span className="fw-semibold">{n.authorName}</span>,{' '}
                <time dateTime={n.createdAt}>{formatWhen(n.createdAt, i18n.language)}</time>
              </p>
              <p className="noi-pre mb-0">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <ActionForm
        id="note"
        title={t('helpConsole.notes.add')}
        textField="text"
        textLabel={t('helpConsole.notes.text')}
        minLength={1}
        submitLabel={t('helpConsole.notes.submit')}
        onSubmit={(b) => run('notes', b, t('helpConsole.done.noted'))}
      />
    </Panel>
  );
}

function History({ detail }: { detail: HelpRequestDetail }) {
  const { t, i18n } = useTranslation();
  const hubs = useApi<{ items: CommunityPoint[] }>('/api/v1/community-points');
  const hubName = useMemo(() => {
    const names = new Map(hubs.state === 'ready' ? hubs.data.items.map((h) => [h.slug, h.name]) : []);
    return (slug: unknown) => (typeof slug === 'string' ? (names.get(slug) ?? slug) : '—');
  }, [hubs]);
  const describe = (e: HistoryEvent): string => {
    const d = e.data;
    switch (e.kind) {
      case 'created':
        return t('helpConsole.history.created', {
          channel: t(`helpConsole.channel.${String(d.channel ?? 'web')}`, {
            defaultValue: String(d.channel ?? ''),
          }),
        });
      case 'status':
        return t('helpConsole.history.status', {
          from: statusLabel(t, e.fromStatus ?? ''),
          to: statusLabel(t, e.toStatus ?? ''),
        });
      case 'triage': {
        const u = d.urgency as { from?: string; to?: string } | undefined;
        const c = d.category as { from?: string; to?: string } | undefined;
        const parts = [
          t('helpConsole.history.triage', { urgency: urgencyLabel(t, u?.to ?? '') }),
          ...(c?.to ? [t('helpConsole.history.category', { category: categoryLabel(t, c.to) })] : []),
        ];
        return parts.join(' ');
      }
      case 'assign':
        return t('helpConsole.history.assign', { name: String(d.assignee ?? '') });
      case 'transfer':
        return t('helpConsole.history.transfer', { from: hubName(d.from), to: hubName(d.to) });
      case 'escalate':
        return t('helpConsole.history.escalate');
      case 'note':
        return t('helpConsole.history.note');
      case 'sla_breach':
        return t('helpConsole.history.slaBreach');
      default:
        return t(`helpConsole.history.${e.kind}`, { defaultValue: e.kind });
    }
  };
  return (
    <Panel id="req-history" title={t('helpConsole.history.title')}>
      <ol className="noi-timeline">
        {detail.history.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at its end
          <li key={i}>
            <p className="small mb-0">
              <time dateTime={e.at}>{formatWhen(e.at, i18n.language)}</time>
              {e.actorName && ` · ${e.actorName}`}
            </p>
            <p className="mb-0">{describe(e)}</p>
            {e.reason && (
              <p className="small mb-0 noi-pre">
                {e.reason.startsWith('routing.')
                  ? t(`helpConsole.routing.${e.reason.slice('routing.'.length)}`, { defaultValue: e.reason })
                  : `${t('helpConsole.history.reason')} ${e.reason}`}
              </p>
            )}
          </li>
        ))}
      </ol>
    </Panel>
  );
}

/** Gives the request to another person of its hub (or, once escalated, of its zone's office). */
function AssignOtherForm({
  detail,
  run,
  onCancel,
}: {
  detail: HelpRequestDetail;
  run: Run;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const people = useApi<{ items: { id: string; name: string }[] }>(
    `/api/v1/help-requests/${detail.id}/assignees`,
  );
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  if (people.state === 'error') return <LoadFailure error={people.error} onRetry={people.reload} />;
  if (people.state === 'loading') return <Loading />;
  const options = people.data.items.filter((p) => p.id !== detail.assignee?.id);
  if (!options.length) return <p className="mt-2">{t('helpConsole.actions.noAssignees')}</p>;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const person = options.find((p) => p.id === chosen);
    if (!person) {
      setError(t('helpConsole.actions.chooseAssigneeError'));
      select.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const problem = await run(
      'assign',
      { assigneeId: person.id },
      t('helpConsole.done.assignedTo', { name: person.name }),
    );
    setBusy(false);
    if (problem) {
      setError(problem.detail ?? problem.title);
      select.current?.focus();
    }
  };
  return (
    <form className="noi-action-form mt-2" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <h3 className="h5">{t('helpConsole.actions.assignOtherTitle')}</h3>
      <p className="small">{t('helpConsole.actions.assignOtherIntro')}</p>
      <div className="mb-3">
        <label htmlFor="assign-other-person" className="form-label">
          {t('helpConsole.actions.assignee')}
        </label>
        <select
          ref={select}
          id="assign-other-person"
          className={`form-select${error ? ' is-invalid' : ''}`}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'assign-other-person-error' : undefined}
        >
          <option value="">{t('helpConsole.actions.chooseAssignee')}</option>
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {error && (
          <div id="assign-other-person-error" className="invalid-feedback d-block">
            {error}
          </div>
        )}
      </div>
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('helpConsole.actions.assignOtherSubmit')}
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
          {t('helpConsole.actions.cancel')}
        </button>
      </div>
    </form>
  );
}

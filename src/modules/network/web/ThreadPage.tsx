import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Problem, useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { LoadFailure } from '../../identity/web/access.tsx';
import { fieldErrors, ProblemAlert, toProblem } from '../../identity/web/forms.tsx';
import { KindLabel, NetworkGate, When } from './parts.tsx';
import { maxMessageLength, type NetworkMessage, type ThreadDetail } from './types.ts';

/** `/rete/:id`: a thread's messages and the reply form; opening it marks it read. */
export function ThreadPage() {
  const { t } = useTranslation();
  usePageTitle(t('network.thread.title'));
  return (
    <NetworkGate>
      <Thread />
    </NetworkGate>
  );
}

function Thread() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const thread = useApi<ThreadDetail>(`/api/v1/network/threads/${encodeURIComponent(id)}`);
  const [added, setAdded] = useState<NetworkMessage[]>([]);
  const ready = thread.state === 'ready';
  usePageTitle(ready ? thread.data.subject : t('network.thread.title'));
  // Opening the thread marks it read for my hubs.
  useEffect(() => {
    if (ready) void api.post(`/api/v1/network/threads/${encodeURIComponent(id)}/read`, {}).catch(() => {});
  }, [ready, id]);
  if (thread.state === 'loading') return <Loading />;
  if (thread.state === 'error') return <LoadFailure error={thread.error} onRetry={thread.reload} />;
  const th = thread.data;
  const messages = [...th.messages, ...added.filter((a) => !th.messages.some((m) => m.id === a.id))];
  return (
    <div className="container my-5 noi-net">
      <p>
        <Link to="/rete">{t('network.back')}</Link>
      </p>
      <h1>{th.subject}</h1>
      <p className="d-flex flex-wrap gap-2 align-items-center">
        <KindLabel kind={th.kind} />
        <span>{th.byCity ? t('network.thread.byCity') : t('network.thread.byHub')}</span>
      </p>
      <Participants thread={th} />
      <section aria-labelledby="net-messages-title">
        <h2 id="net-messages-title" className="h4">
          {t('network.thread.messages', { count: messages.length })}
        </h2>
        <ol className="list-unstyled noi-net-messages">
          {messages.map((m) => (
            <li key={m.id} className={`noi-net-message${m.mine ? ' noi-net-message-mine' : ''}`}>
              <article aria-labelledby={`net-m-${m.id}`}>
                <h3 id={`net-m-${m.id}`} className="h6 mb-1">
                  {m.authorName} · {m.hub ? m.hub.name : t('network.city')}
                  {m.mine && <span className="visually-hidden"> ({t('network.thread.mine')})</span>}
                </h3>
                <p className="small mb-2">
                  <When value={m.createdAt} />
                </p>
                <p className="noi-net-body mb-0">{m.body}</p>
              </article>
            </li>
          ))}
        </ol>
      </section>
      {th.writeAs.length > 0 && <ReplyForm thread={th} onSent={(m) => setAdded((a) => [...a, m])} />}
    </div>
  );
}

function Participants({ thread: th }: { thread: ThreadDetail }) {
  const { t } = useTranslation();
  if (th.kind === 'announcement')
    return (
      <details className="mb-4">
        <summary>{t('network.toAllHubs', { count: th.participants.length })}</summary>
        <p className="mt-2 mb-0">{th.participants.map((p) => p.name).join(', ')}</p>
      </details>
    );
  return (
    <p className="mb-4">
      {t('network.between', { hubs: th.participants.map((p) => p.name).join(', ') })}
      {th.byCity ? ` ${t('network.andCity')}` : ''}
    </p>
  );
}

function ReplyForm({ thread: th, onSent }: { thread: ThreadDetail; onSent: (m: NetworkMessage) => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [from, setFrom] = useState(th.writeAs[0]?.slug ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    if (!body.trim()) {
      setProblem({
        type: 'local',
        title: '',
        status: 400,
        detail: t('network.thread.checkReply'),
        errors: [{ field: 'body', message: t('network.thread.emptyReply') }],
      });
      return;
    }
    setBusy(true);
    try {
      const m = await api.post<NetworkMessage>(`/api/v1/network/threads/${th.id}/messages`, {
        body,
        ...(from ? { from } : {}),
      });
      onSent(m);
      setBody('');
      setProblem(null);
      setStatus(t('network.thread.sent'));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const describedBy = ['net-reply-hint', errors.body ? 'net-reply-error' : ''].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="net-reply-title" className="mt-4">
      <h2 id="net-reply-title" className="h4">
        {t('network.thread.reply')}
      </h2>
      <ProblemAlert problem={problem} shownFields={['body', 'from']} />
      <form onSubmit={onSubmit} noValidate>
        {th.writeAs.length > 1 && (
          <div className="select-wrapper noi-field mb-3">
            <label htmlFor="net-reply-from">{t('network.writeAs')}</label>
            <select id="net-reply-from" value={from ?? ''} onChange={(e) => setFrom(e.target.value)}>
              {th.writeAs.map((w) => (
                <option key={w.slug ?? ''} value={w.slug ?? ''}>
                  {w.slug ? w.name : t('network.city')}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="form-group noi-field">
          <label htmlFor="net-reply" className="active">
            {t('network.thread.yourReply')}
          </label>
          <textarea
            id="net-reply"
            className={`form-control${errors.body ? ' is-invalid' : ''}`}
            rows={5}
            maxLength={maxMessageLength}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={describedBy}
          />
          <small id="net-reply-hint" className="form-text noi-hint">
            {t('network.bodyHint', { max: maxMessageLength, left: maxMessageLength - body.length })}
          </small>
          {errors.body && (
            <div id="net-reply-error" className="noi-field-error">
              {errors.body}
            </div>
          )}
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('network.thread.send')}
        </button>
        <div className="mt-3" aria-live="polite" role="status">
          {status}
        </div>
      </form>
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api, useApi } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { ProposalForm } from './ProposalForm.tsx';
import { formatBytes, formatWhen, Section, StatusBadge, StatusMessage } from './parts.tsx';
import type { Proposal, ProposalListItem } from './types.ts';

function SignInFirst({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <p className="lead">
      {t('ideas.mine.signedOut')} <Link to={signInPath(path)}>{t('ideas.public.signIn')}</Link>
    </p>
  );
}

/** `/le-mie-proposte`: the person's proposals and where each stands. */
export function MyProposalsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('ideas.mine.title'));
  const { status, user } = useCurrentUser();
  const list = useApi<ProposalListItem[]>(user ? '/api/v1/proposals/mine' : null);
  return (
    <div className="container my-4 noi-idea">
      <h1>{t('ideas.mine.title')}</h1>
      {status === 'loading' ? (
        <Loading />
      ) : !user ? (
        <SignInFirst path="/le-mie-proposte" />
      ) : list.state === 'loading' ? (
        <Loading />
      ) : list.state === 'error' ? (
        <ServerError error={list.error} onRetry={list.reload} />
      ) : list.data.length === 0 ? (
        <p>
          {t('ideas.mine.none')} <Link to="/proposte">{t('ideas.mine.toCalls')}</Link>
        </p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('ideas.mine.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ideas.list.title')}</th>
              <th scope="col">{t('ideas.list.call')}</th>
              <th scope="col">{t('ideas.list.status')}</th>
              <th scope="col">{t('ideas.list.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/le-mie-proposte/${p.id}`}>{p.title}</Link>
                </td>
                <td>{p.call.title}</td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td>{formatWhen(p.updatedAt, i18n.language, false)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** What the proposal says (shared by the proposer's and the table's page). */
export function ProposalBody({ p }: { p: Proposal }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="noi-idea-facts">
      <dt>{t('ideas.detail.call')}</dt>
      <dd>
        <Link to={`/proposte/bandi/${p.call.slug}`}>{p.call.title}</Link>
      </dd>
      <dt>{t('ideas.detail.by')}</dt>
      <dd>
        {t(`ideas.kind.${p.kind}`)}
        {p.proposerName ? ` — ${p.proposerName}` : ''} ({p.proposer.displayName}
        {p.proposer.email && p.viewer.reviewer ? `, ${p.proposer.email}` : ''})
      </dd>
      <dt>{t('ideas.form.what')}</dt>
      <dd className="noi-idea-pre">{p.what}</dd>
      <dt>{t('ideas.form.whereText')}</dt>
      <dd>
        {p.whereText}
        {p.neighbourhoodName ? ` (${p.neighbourhoodName})` : ''}
      </dd>
      <dt>{t('ideas.form.forWhom')}</dt>
      <dd className="noi-idea-pre">{p.forWhom}</dd>
      <dt>{t('ideas.form.partners')}</dt>
      <dd className="noi-idea-pre">{p.partners || '—'}</dd>
      <dt>{t('ideas.form.ask')}</dt>
      <dd className="noi-idea-pre">{p.ask}</dd>
      <dt>{t('ideas.detail.files')}</dt>
      <dd>
        {p.files.length === 0 ? (
          '—'
        ) : (
          <ul className="mb-0">
            {p.files.map((f) => (
              <li key={f.id}>
                <a href={`/api/v1/proposals/${p.id}/files/${f.id}`} download={f.fileName}>
                  {f.fileName}
                </a>{' '}
                ({formatBytes(f.bytes, i18n.language)})
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

export function History({ p }: { p: Proposal }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="noi-idea-history">
      {p.events.map((e) => (
        <li key={e.id} className={e.public ? undefined : 'noi-idea-internal'}>
          <span className="small">{formatWhen(e.at, i18n.language)}</span>{' '}
          {e.kind === 'status' || e.kind === 'created' ? (
            <>
              {t('ideas.history.status')} <StatusBadge status={e.toStatus ?? ''} />
            </>
          ) : (
            t(`ideas.history.${e.kind}`, { defaultValue: e.kind })
          )}
          {e.actorName ? ` — ${e.actorName}` : ''}
          {!e.public && ` (${t('ideas.history.internal')})`}
          {e.text && <p className="mb-0 noi-idea-pre">{e.text}</p>}
        </li>
      ))}
    </ol>
  );
}

/** `/le-mie-proposte/:id`: status, reasons, history; change it when asked, withdraw it. */
export function MyProposalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const { status, user } = useCurrentUser();
  const loaded = useApi<Proposal>(user ? `/api/v1/proposals/${encodeURIComponent(id)}` : null);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(
    search.get('inviata') ? { text: t('ideas.mine.sent'), n: 0 } : null,
  );
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(loaded.state === 'ready' ? loaded.data.title : t('ideas.mine.title'));
  if (status === 'loading') return <Loading />;
  if (!user)
    return (
      <div className="container my-4">
        <h1>{t('ideas.mine.title')}</h1>
        <SignInFirst path={`/le-mie-proposte/${id}`} />
      </div>
    );
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error')
    return loaded.error.status === 404 || loaded.error.status === 400 ? (
      <NotFound />
    ) : (
      <ServerError error={loaded.error} onRetry={loaded.reload} />
    );
  const p = loaded.data;
  async function withdraw() {
    if (!window.confirm(t('ideas.mine.withdrawConfirm'))) return;
    try {
      await api.post(`/api/v1/proposals/${p.id}/withdraw`, {});
      setMessage({ text: t('ideas.mine.withdrawn'), n: Date.now() });
      loaded.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : String(e));
    }
  }
  return (
    <div className="container my-4 noi-idea">
      <p>
        <Link to="/le-mie-proposte">{t('ideas.mine.back')}</Link>
      </p>
      <h1>{p.title}</h1>
      <StatusMessage message={message} />
      {error && (
        <p className="alert alert-danger" role="alert">
          {error}
        </p>
      )}
      <Section id="idea-status" title={t('ideas.mine.statusTitle')}>
        <p className="lead">
          <StatusBadge status={p.status} />
        </p>
        <p>{t(`ideas.statusText.${p.status}`)}</p>
        {p.reasons && (
          <div className="noi-idea-reasons">
            <h3 className="h6">{t('ideas.mine.reasons')}</h3>
            <p className="noi-idea-pre mb-0" data-testid="proposal-reasons">
              {p.reasons}
            </p>
          </div>
        )}
        {p.initiative?.slug && (
          <p className="mt-3">
            <Link to={`/iniziative/${p.initiative.slug}`} className="btn btn-primary">
              {t('ideas.mine.initiative')}
            </Link>
          </p>
        )}
        <div className="d-flex flex-wrap gap-2 mt-3">
          {p.viewer.canEdit && !editing && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
              {p.status === 'changes_requested' ? t('ideas.mine.editResubmit') : t('ideas.mine.edit')}
            </button>
          )}
          {p.viewer.canWithdraw && (
            <button type="button" className="btn btn-outline-danger" onClick={withdraw}>
              {t('ideas.mine.withdraw')}
            </button>
          )}
        </div>
      </Section>
      {editing && (
        <Section id="idea-edit" title={t('ideas.mine.editTitle')}>
          <ProposalForm
            call={{ id: p.call.id, eligible: [p.kind], documents: p.call.documents }}
            proposal={p}
            onSaved={() => {
              setEditing(false);
              setMessage({ text: t('ideas.mine.saved'), n: Date.now() });
              loaded.reload();
            }}
          />
        </Section>
      )}
      <Section id="idea-body" title={t('ideas.detail.proposal')}>
        <ProposalBody p={p} />
      </Section>
      <Section id="idea-history" title={t('ideas.detail.history')}>
        <History p={p} />
      </Section>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { ProposalForm } from './ProposalForm.tsx';
import { docLabel, Section } from './parts.tsx';
import type { IdeaCall, IdeaCallPublic } from './types.ts';

/** `/proposte`: the open calls, in plain words. */
export function IdeasPage() {
  const { t } = useTranslation();
  usePageTitle(t('ideas.public.title'));
  const calls = useApi<IdeaCall[]>('/api/v1/idea-calls');
  return (
    <div className="container my-4 noi-idea">
      <h1>{t('ideas.public.title')}</h1>
      <p className="lead">{t('ideas.public.lead')}</p>
      <h2 className="h4">{t('ideas.public.howTitle')}</h2>
      <ol>
        <li>{t('ideas.public.how1')}</li>
        <li>{t('ideas.public.how2')}</li>
        <li>{t('ideas.public.how3')}</li>
        <li>{t('ideas.public.how4')}</li>
      </ol>
      <h2 className="h4 mt-4">{t('ideas.public.callsTitle')}</h2>
      {calls.state === 'loading' ? (
        <Loading />
      ) : calls.state === 'error' ? (
        <ServerError error={calls.error} onRetry={calls.reload} />
      ) : calls.data.length === 0 ? (
        <p>{t('ideas.public.none')}</p>
      ) : (
        <ul className="list-unstyled row">
          {calls.data.map((c) => (
            <li key={c.id} className="col-12 col-lg-6 mb-3">
              <article className="card card-bg h-100 noi-idea-card">
                <div className="card-body">
                  <h3 className="h5">
                    <Link to={`/proposte/bandi/${c.slug}`}>{c.title}</Link>
                  </h3>
                  <p>{c.body.length > 220 ? `${c.body.slice(0, 220)}…` : c.body}</p>
                  <p className="small mb-1">
                    {t('ideas.public.table')} {c.table.name}
                  </p>
                  {c.themes.length > 0 && (
                    <p className="small mb-0">
                      {t('ideas.public.themes')} {c.themes.join(', ')}
                    </p>
                  )}
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `/proposte/bandi/:slug`: a call, its accepted proposals and the form to propose. */
export function CallPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { status, user } = useCurrentUser();
  const call = useApi<IdeaCallPublic>(`/api/v1/idea-calls/${encodeURIComponent(slug)}`);
  usePageTitle(call.state === 'ready' ? call.data.title : t('ideas.public.title'));
  if (call.state === 'loading') return <Loading />;
  if (call.state === 'error')
    return call.error.status === 404 ? (
      <NotFound />
    ) : (
      <ServerError error={call.error} onRetry={call.reload} />
    );
  const c = call.data;
  const here = `/proposte/bandi/${c.slug}`;
  return (
    <div className="container my-4 noi-idea">
      <p>
        <Link to="/proposte">{t('ideas.public.back')}</Link>
      </p>
      <h1>{c.title}</h1>
      {c.status === 'closed' && <p className="alert alert-warning">{t('ideas.public.closed')}</p>}
      <div className="row">
        <div className="col-12 col-lg-8">
          {c.body.split(/\n+/).map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
        <div className="col-12 col-lg-4">
          <dl className="noi-idea-facts">
            <dt>{t('ideas.public.whoMay')}</dt>
            <dd>{c.eligible.map((k) => t(`ideas.kind.${k}`)).join(', ')}</dd>
            <dt>{t('ideas.public.table')}</dt>
            <dd>{c.table.name}</dd>
            {c.themes.length > 0 && (
              <>
                <dt>{t('ideas.public.themes')}</dt>
                <dd>{c.themes.join(', ')}</dd>
              </>
            )}
            <dt>{t('ideas.public.documents')}</dt>
            <dd>
              {c.documents.length === 0 ? (
                t('ideas.public.noDocuments')
              ) : (
                <ul className="mb-0">
                  {c.documents.map((d) => (
                    <li key={d.code}>
                      {docLabel(d, i18n.language)}
                      {d.required ? '' : ` (${t('ideas.form.optional')})`}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        </div>
      </div>
      {c.accepted.length > 0 && (
        <Section id="idea-accepted" title={t('ideas.public.accepted')}>
          <ul className="mb-0">
            {c.accepted.map((a) => (
              <li key={a.title + a.decidedAt}>
                {a.initiativeSlug ? <Link to={`/iniziative/${a.initiativeSlug}`}>{a.title}</Link> : a.title}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {c.status === 'open' && (
        <section aria-labelledby="idea-propose-title" className="mt-4">
          <h2 id="idea-propose-title">{t('ideas.public.propose')}</h2>
          {status === 'loading' ? (
            <Loading />
          ) : !user ? (
            <p className="lead">
              {t('ideas.public.signedOut')} <Link to={signInPath(here)}>{t('ideas.public.signIn')}</Link>
            </p>
          ) : (
            <ProposalForm call={c} onSaved={(id) => navigate(`/le-mie-proposte/${id}?inviata=1`)} />
          )}
        </section>
      )}
    </div>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api, useApi } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { History, ProposalBody } from './MyPages.tsx';
import {
  type Check,
  ErrorSummary,
  formatWhen,
  Section,
  StatusBadge,
  StatusMessage,
  useNeighbourhoods,
} from './parts.tsx';
import {
  criteria,
  type Proposal,
  type ProposalListItem,
  type ProposalStatus,
  type ThematicTable,
} from './types.ts';

const statuses: ProposalStatus[] = [
  'received',
  'under_review',
  'changes_requested',
  'accepted',
  'not_accepted',
  'withdrawn',
];

/** `/tavoli`: the proposals of my tables' calls, filtered by status. */
export function TablesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('ideas.tables.title'));
  const { status, user } = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const filter = search.get('stato') ?? '';
  const tables = useApi<ThematicTable[]>(user ? '/api/v1/thematic-tables/mine' : null);
  const list = useApi<ProposalListItem[]>(
    user ? `/api/v1/proposals/review${filter ? `?status=${encodeURIComponent(filter)}` : ''}` : null,
  );
  if (status === 'loading') return <Loading />;
  return (
    <div className="container my-4 noi-idea">
      <h1>{t('ideas.tables.title')}</h1>
      {!user ? (
        <p className="lead">
          <Link to={signInPath('/tavoli')}>{t('ideas.public.signIn')}</Link>
        </p>
      ) : (
        <>
          {tables.state === 'ready' && (
            <p className="lead">
              {tables.data.length
                ? t('ideas.tables.yours', { names: tables.data.map((x) => x.name).join(', ') })
                : t('ideas.tables.noTables')}
            </p>
          )}
          <form className="row g-2 align-items-end mb-3" onSubmit={(e) => e.preventDefault()}>
            <div className="col-auto">
              <label htmlFor="tables-status" className="form-label">
                {t('ideas.tables.filter')}
              </label>
              <select
                id="tables-status"
                className="form-select"
                value={filter}
                onChange={(e) => setSearch(e.target.value ? { stato: e.target.value } : {})}
              >
                <option value="">{t('ideas.tables.all')}</option>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`ideas.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </form>
          {list.state === 'loading' ? (
            <Loading />
          ) : list.state === 'error' ? (
            <ServerError error={list.error} onRetry={list.reload} />
          ) : list.data.length === 0 ? (
            <p>{t('ideas.tables.none')}</p>
          ) : (
            <div className="table-responsive">
              <table className="table">
                <caption className="visually-hidden">{t('ideas.tables.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ideas.list.title')}</th>
                    <th scope="col">{t('ideas.list.call')}</th>
                    <th scope="col">{t('ideas.list.by')}</th>
                    <th scope="col">{t('ideas.list.status')}</th>
                    <th scope="col">{t('ideas.list.average')}</th>
                    <th scope="col">{t('ideas.list.received')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link to={`/tavoli/proposte/${p.id}`}>{p.title}</Link>
                      </td>
                      <td>{p.call.title}</td>
                      <td>{p.proposerLabel}</td>
                      <td>
                        <StatusBadge status={p.status} />
                      </td>
                      <td>
                        {p.average ?? '—'} {p.reviewedByMe ? `(${t('ideas.list.reviewedByMe')})` : ''}
                      </td>
                      <td>{formatWhen(p.createdAt, i18n.language, false)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** `/tavoli/proposte/:id`: a proposal for its table: files, score grid, internal comments, the steps. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { status, user } = useCurrentUser();
  const loaded = useApi<Proposal>(user ? `/api/v1/proposals/${encodeURIComponent(id)}` : null);
  const [p, setP] = useState<Proposal | null>(null);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const fresh = loaded.state === 'ready' ? loaded.data : null;
  useEffect(() => {
    if (fresh) setP(fresh);
  }, [fresh]);
  usePageTitle(p?.title ?? t('ideas.tables.title'));
  if (status === 'loading') return <Loading />;
  if (!user)
    return (
      <div className="container my-4">
        <h1>{t('ideas.tables.title')}</h1>
        <Link to={signInPath(`/tavoli/proposte/${id}`)}>{t('ideas.public.signIn')}</Link>
      </div>
    );
  if (loaded.state === 'error')
    return loaded.error.status === 404 || loaded.error.status === 400 ? (
      <NotFound />
    ) : (
      <ServerError error={loaded.error} onRetry={loaded.reload} />
    );
  if (!p) return <Loading />;
  const done = (next: Proposal, text: string) => {
    setP(next);
    setMessage({ text, n: Date.now() });
  };
  return (
    <div className="container my-4 noi-idea">
      <p>
        <Link to="/tavoli">{t('ideas.tables.back')}</Link>
      </p>
      <h1>{p.title}</h1>
      <p className="lead">
        <StatusBadge status={p.status} /> · {p.table.name}
        {p.average !== null && ` · ${t('ideas.review.average', { value: p.average, n: p.reviews.length })}`}
      </p>
      <StatusMessage message={message} />
      {p.reasons && (
        <p className="noi-idea-reasons">
          <strong>{t('ideas.mine.reasons')}</strong> {p.reasons}
        </p>
      )}
      {p.initiative?.slug && (
        <p>
          <Link to={`/iniziative/${p.initiative.slug}`}>{t('ideas.mine.initiative')}</Link>
        </p>
      )}
      <Section id="review-body" title={t('ideas.detail.proposal')}>
        <ProposalBody p={p} />
      </Section>
      {p.viewer.transitions.length > 0 && (
        <Section id="review-steps" title={t('ideas.review.stepsTitle')}>
          <Steps p={p} onDone={(next) => done(next, t('ideas.review.stepDone'))} />
        </Section>
      )}
      <Section id="review-grid" title={t('ideas.review.gridTitle')}>
        <ReviewsTable p={p} />
        {p.viewer.canReview && <Grid p={p} onDone={(next) => done(next, t('ideas.review.saved'))} />}
      </Section>
      <Section id="review-history" title={t('ideas.review.historyTitle')}>
        <History p={p} />
        {p.viewer.reviewer && <Comment p={p} onDone={(next) => done(next, t('ideas.review.commented'))} />}
      </Section>
    </div>
  );
}

function ReviewsTable({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  if (p.reviews.length === 0) return <p>{t('ideas.review.noReviews')}</p>;
  return (
    <div className="table-responsive">
      <table className="table table-sm">
        <caption className="visually-hidden">{t('ideas.review.gridTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ideas.review.reviewer')}</th>
            {criteria.map((c) => (
              <th scope="col" key={c}>
                {t(`ideas.criteria.${c}`)}
              </th>
            ))}
            <th scope="col">{t('ideas.review.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {p.reviews.map((r) => (
            <tr key={r.reviewerId}>
              <th scope="row">{r.reviewerName}</th>
              {criteria.map((c) => (
                <td key={c}>{r.scores[c] ?? '—'}</td>
              ))}
              <td>{r.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Grid({ p, onDone }: { p: Proposal; onDone: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const [scores, setScores] = useState<Record<string, number>>(
    () => p.myReview?.scores ?? Object.fromEntries(criteria.map((c) => [c, 3])),
  );
  const [comment, setComment] = useState(p.myReview?.comment ?? '');
  const [error, setError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      onDone(await api.put<Proposal>(`/api/v1/proposals/${p.id}/review`, { scores, comment }));
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : String(e));
      setAttempt((n) => n + 1);
    }
  }
  return (
    <form onSubmit={submit} className="mt-3">
      <ErrorSummary errors={[]} detail={error} attempt={attempt} id="grid-errors" />
      <h3 className="h5">{p.myReview ? t('ideas.review.yourGridEdit') : t('ideas.review.yourGrid')}</h3>
      <div className="row">
        {criteria.map((c) => (
          <div className="col-12 col-md-6 col-lg-3 mb-3" key={c}>
            <label htmlFor={`grid-${c}`} className="form-label">
              {t(`ideas.criteria.${c}`)}
            </label>
            <select
              id={`grid-${c}`}
              className="form-select"
              value={scores[c]}
              onChange={(e) => setScores((s) => ({ ...s, [c]: Number(e.target.value) }))}
            >
              {[0, 1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div className="mb-3">
        <label htmlFor="grid-comment" className="form-label">
          {t('ideas.review.comment')}
        </label>
        <textarea
          id="grid-comment"
          className="form-control"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-primary">
        {t('ideas.review.saveGrid')}
      </button>
    </form>
  );
}

function Comment({ p, onDone }: { p: Proposal; onDone: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      onDone(await api.post<Proposal>(`/api/v1/proposals/${p.id}/comments`, { text }));
      setText('');
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? (e.problem.errors?.[0]?.message ?? e.problem.detail) : String(e));
    }
  }
  return (
    <form onSubmit={submit} className="mt-3">
      <label htmlFor="comment-text" className="form-label">
        {t('ideas.review.internalComment')}
      </label>
      <textarea
        id="comment-text"
        className="form-control"
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={error ? 'comment-error' : 'comment-hint'}
      />
      <small id="comment-hint" className="form-text">
        {t('ideas.review.internalHint')}
      </small>
      {error && (
        <div id="comment-error" className="noi-field-error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" className="btn btn-outline-primary mt-2">
        {t('ideas.review.addComment')}
      </button>
    </form>
  );
}

function Steps({ p, onDone }: { p: Proposal; onDone: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const zones = useNeighbourhoods();
  const [to, setTo] = useState<ProposalStatus>(p.viewer.transitions[0]!);
  const [reasons, setReasons] = useState('');
  const [neighbourhood, setNeighbourhood] = useState('');
  const [errors, setErrors] = useState<Check[]>([]);
  const [detail, setDetail] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const needsReasons = to !== 'under_review';
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setAttempt((n) => n + 1);
    setDetail(undefined);
    if (needsReasons && reasons.trim().length < 10) {
      setErrors([{ id: 'step-reasons', message: t('ideas.review.reasonsRequired') }]);
      return;
    }
    setErrors([]);
    try {
      const body: Record<string, unknown> = { to };
      if (needsReasons) body.reasons = reasons.trim();
      if (to === 'accepted' && neighbourhood) body.initiative = { neighbourhoodCode: neighbourhood };
      onDone(await api.post<Proposal>(`/api/v1/proposals/${p.id}/status`, body));
      setReasons('');
    } catch (e) {
      const problem = e instanceof ApiError ? e.problem : undefined;
      const mapped = (problem?.errors ?? []).map((x) => ({
        id: x.field.startsWith('initiative') ? 'step-neighbourhood' : 'step-reasons',
        message: x.message,
      }));
      setErrors(mapped);
      setDetail(mapped.length ? undefined : (problem?.detail ?? String(e)));
      setAttempt((n) => n + 1);
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} detail={detail} attempt={attempt} id="step-errors" />
      <fieldset className="mb-3">
        <legend className="h5">{t('ideas.review.nextStep')}</legend>
        {p.viewer.transitions.map((s) => (
          <div className="form-check" key={s}>
            <input
              className="form-check-input"
              type="radio"
              name="step-to"
              id={`step-${s}`}
              checked={to === s}
              onChange={() => setTo(s)}
            />
            <label className="form-check-label" htmlFor={`step-${s}`}>
              {t(`ideas.transition.${s}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {needsReasons && (
        <div className="mb-3">
          <label htmlFor="step-reasons" className="form-label">
            {t('ideas.review.reasons')} *
          </label>
          <textarea
            id="step-reasons"
            className="form-control"
            rows={4}
            value={reasons}
            onChange={(e) => setReasons(e.target.value)}
            aria-describedby="step-reasons-hint"
            aria-invalid={errors.some((x) => x.id === 'step-reasons')}
          />
          <small id="step-reasons-hint" className="form-text">
            {t('ideas.review.reasonsHint')}
          </small>
        </div>
      )}
      {to === 'accepted' && !p.neighbourhoodCode && (
        <div className="mb-3">
          <label htmlFor="step-neighbourhood" className="form-label">
            {t('ideas.review.initiativeNeighbourhood')}
          </label>
          <select
            id="step-neighbourhood"
            className="form-select"
            value={neighbourhood}
            onChange={(e) => setNeighbourhood(e.target.value)}
          >
            <option value="">—</option>
            {zones.map((z) => (
              <optgroup key={z.code} label={z.name}>
                {z.neighbourhoods.map((n) => (
                  <option key={n.code} value={n.code}>
                    {n.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      )}
      {to === 'accepted' && <p className="small">{t('ideas.review.acceptNote')}</p>}
      <button type="submit" className="btn btn-primary">
        {t('ideas.review.confirmStep')}
      </button>
    </form>
  );
}

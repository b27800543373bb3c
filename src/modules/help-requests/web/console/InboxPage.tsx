import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { signInPath, useCurrentUser } from '../../../../web/current-user.tsx';
import { Loading } from '../../../../web/Loading.tsx';
import { usePageTitle } from '../../../../web/page-title.ts';
import { Forbidden, LoadFailure } from '../../../identity/web/access.tsx';
import { Field, SelectField } from '../../../identity/web/forms.tsx';
import { Pager, pageParam } from '../../../identity/web/Pager.tsx';
import {
  ageText,
  categoryLabel,
  formatWhen,
  SlaText,
  StatusBadge,
  statusLabel,
  UrgencyBadge,
  urgencyLabel,
  useNow,
  usePolled,
} from './parts.tsx';
import {
  categories,
  type HelpRequestPage,
  type HelpRequestSummary,
  openStatuses,
  statuses,
  urgencies,
} from './types.ts';

const pageSize = 25;
const staffRoles = ['operator', 'social_worker'];
const adminRoles = ['city_admin', 'platform_admin'];

interface Filters {
  /** Statuses shown; empty means every status. */
  status: string[];
  category: string;
  urgency: string;
  escalated: boolean;
  q: string;
}

/** The filters in the address: `status` absent means the open ones, `status=all` every one. */
function readFilters(params: URLSearchParams): Filters {
  const raw = params.get('status');
  const status =
    raw === null
      ? [...openStatuses]
      : raw === 'all'
        ? []
        : raw.split(',').filter((s) => (statuses as readonly string[]).includes(s));
  return {
    status,
    category: params.get('category') ?? '',
    urgency: params.get('urgency') ?? '',
    escalated: params.get('escalated') === 'true',
    q: params.get('q') ?? '',
  };
}

function toParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  const isOpen = f.status.length === openStatuses.length && openStatuses.every((s) => f.status.includes(s));
  if (!isOpen)
    p.set(
      'status',
      f.status.length === 0 || f.status.length === statuses.length ? 'all' : f.status.join(','),
    );
  if (f.category) p.set('category', f.category);
  if (f.urgency) p.set('urgency', f.urgency);
  if (f.escalated) p.set('escalated', 'true');
  if (f.q.trim()) p.set('q', f.q.trim());
  return p;
}

/** The desk of operators and social workers: who is asking for help, most urgent and oldest first. */
export function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('helpConsole.inbox.title'));
  const { status, user } = useCurrentUser();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  const staff = user.roles.some((r) => staffRoles.includes(r));
  const admin = user.roles.some((r) => adminRoles.includes(r));
  if (!staff && admin) return <AdminInstead />;
  if (!staff) return <Forbidden />;
  return <Inbox admin={admin} />;
}

/** City admins do not see people's requests: they switch emergency mode and read the figures. */
function AdminInstead() {
  const { t } = useTranslation();
  return (
    <div className="container my-5">
      <h1>{t('helpConsole.inbox.title')}</h1>
      <p className="lead">{t('helpConsole.inbox.adminOnly')}</p>
      <Link to="/admin/emergenza" className="btn btn-primary">
        {t('helpConsole.inbox.emergencyLink')}
      </Link>
    </div>
  );
}

function Inbox({ admin }: { admin: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const page = pageParam(params);
  const query = new URLSearchParams();
  if (applied.status.length) query.set('status', applied.status.join(','));
  if (applied.category) query.set('category', applied.category);
  if (applied.urgency) query.set('urgency', applied.urgency);
  if (applied.escalated) query.set('escalated', 'true');
  if (applied.q.trim()) query.set('q', applied.q.trim());
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  const list = usePolled<HelpRequestPage>(`/api/v1/help-requests?${query}`);
  const [form, setForm] = useState<Filters>(applied);
  const appliedKey = toParams(applied).toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address (back and forward)
  useEffect(() => setForm(readFilters(params)), [appliedKey]);

  if (list.state === 'error' && list.error.status !== 400) {
    return <LoadFailure error={list.error} onRetry={list.refresh} />;
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setParams(toParams(form));
  };
  const onClear = () => {
    const empty = readFilters(new URLSearchParams());
    setForm(empty);
    setParams(new URLSearchParams());
  };
  const toggleStatus = (s: string, on: boolean) =>
    setForm((f) => ({
      ...f,
      status: on ? statuses.filter((x) => x === s || f.status.includes(x)) : f.status.filter((x) => x !== s),
    }));

  return (
    <div className="container my-5">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3 mb-4">
        <div>
          <h1>{t('helpConsole.inbox.title')}</h1>
          <p className="lead">{t('helpConsole.inbox.intro')}</p>
        </div>
        <div className="d-flex flex-wrap gap-2">
          <Link to="/chiedi-aiuto" className="btn btn-primary">
            {t('helpConsole.inbox.onBehalf')}
          </Link>
          {admin && (
            <Link to="/admin/emergenza" className="btn btn-outline-primary">
              {t('helpConsole.inbox.emergencyLink')}
            </Link>
          )}
        </div>
      </div>

      <section aria-labelledby="inbox-filters-title" className="mb-4">
        <h2 id="inbox-filters-title" className="h4">
          {t('helpConsole.inbox.filtersTitle')}
        </h2>
        <form onSubmit={onSubmit} className="mt-3">
          <fieldset className="noi-console-fieldset">
            <legend className="noi-console-legend">{t('helpConsole.inbox.status')}</legend>
            {statuses.map((s) => (
              <div className="form-check form-check-inline" key={s}>
                <input
                  id={`inbox-status-${s}`}
                  type="checkbox"
                  checked={form.status.includes(s)}
                  onChange={(e) => toggleStatus(s, e.target.checked)}
                />
                <label htmlFor={`inbox-status-${s}`}>{statusLabel(t, s)}</label>
              </div>
            ))}
            <p className="noi-hint small mb-0">{t('helpConsole.inbox.statusHint')}</p>
          </fieldset>
          <div className="row g-3">
            <div className="col-12 col-lg-4">
              <Field
                id="inbox-q"
                type="search"
                label={t('helpConsole.inbox.q')}
                hint={t('helpConsole.inbox.qHint')}
                value={form.q}
                onChange={(q) => setForm((f) => ({ ...f, q }))}
                spellCheck={false}
              />
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <SelectField
                id="inbox-category"
                label={t('helpConsole.inbox.category')}
                value={form.category}
                onChange={(category) => setForm((f) => ({ ...f, category }))}
                options={[
                  { value: '', label: t('helpConsole.inbox.anyCategory') },
                  ...categories.map((c) => ({ value: c, label: categoryLabel(t, c) })),
                ]}
              />
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <SelectField
                id="inbox-urgency"
                label={t('helpConsole.inbox.urgency')}
                value={form.urgency}
                onChange={(urgency) => setForm((f) => ({ ...f, urgency }))}
                options={[
                  { value: '', label: t('helpConsole.inbox.anyUrgency') },
                  ...urgencies.map((u) => ({ value: u, label: urgencyLabel(t, u) })),
                ]}
              />
            </div>
          </div>
          <div className="form-check mb-4">
            <input
              id="inbox-escalated"
              type="checkbox"
              checked={form.escalated}
              onChange={(e) => setForm((f) => ({ ...f, escalated: e.target.checked }))}
            />
            <label htmlFor="inbox-escalated">{t('helpConsole.inbox.escalatedOnly')}</label>
          </div>
          <div className="d-flex flex-wrap gap-3">
            <button type="submit" className="btn btn-primary">
              {t('helpConsole.inbox.apply')}
            </button>
            <button type="button" className="btn btn-outline-primary" onClick={onClear}>
              {t('helpConsole.inbox.clear')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="inbox-list-title">
        <h2 id="inbox-list-title" className="h4">
          {t('helpConsole.inbox.listTitle')}
        </h2>
        {list.state === 'error' && (
          <div className="alert alert-danger" role="alert">
            <p className="mb-0">{list.error.problem.detail || list.error.problem.title}</p>
          </div>
        )}
        {list.state === 'loading' && <Loading />}
        {list.state === 'ready' && (
          <>
            <div className="d-flex flex-wrap align-items-center gap-3 mb-3">
              <p className="mb-0 fw-semibold" aria-live="polite" id="inbox-count">
                {t('helpConsole.inbox.count', { count: list.data.total })}
              </p>
              <p className="mb-0 small text-muted-noi">
                {t('helpConsole.inbox.refreshedAt', {
                  time: formatWhen(new Date(list.refreshedAt).toISOString(), i18n.language),
                })}
                {' · '}
                {t('helpConsole.inbox.autoRefresh')}
              </p>
              <button type="button" className="btn btn-outline-primary btn-sm" onClick={list.refresh}>
                {t('helpConsole.inbox.refresh')}
              </button>
            </div>
            {list.data.items.length === 0 ? (
              <p>{t('helpConsole.inbox.none')}</p>
            ) : (
              <>
                <RequestTable items={list.data.items} now={now} />
                <RequestCards items={list.data.items} now={now} />
              </>
            )}
            <Pager
              page={list.data.page}
              total={list.data.total}
              pageSize={pageSize}
              label={t('helpConsole.inbox.pages')}
            />
          </>
        )}
      </section>
    </div>
  );
}

const requestPath = (id: string) => `/sportello/richieste/${id}`;

/** Larger screens: a table, one row per request. */
function RequestTable({ items, now }: { items: HelpRequestSummary[]; now: number }) {
  const { t } = useTranslation();
  return (
    <div className="d-none d-lg-block">
      <table className="table noi-inbox-table">
        <caption className="visually-hidden">{t('helpConsole.inbox.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('helpConsole.inbox.col.request')}</th>
            <th scope="col">{t('helpConsole.inbox.col.urgency')}</th>
            <th scope="col">{t('helpConsole.inbox.col.category')}</th>
            <th scope="col">{t('helpConsole.inbox.col.place')}</th>
            <th scope="col">{t('helpConsole.inbox.col.age')}</th>
            <th scope="col">{t('helpConsole.inbox.col.status')}</th>
            <th scope="col">{t('helpConsole.inbox.col.sla')}</th>
            <th scope="col">{t('helpConsole.inbox.col.assignee')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className={r.slaBreached && !r.firstContactAt ? 'noi-row-overdue' : undefined}>
              <th scope="row">
                <Link to={requestPath(r.id)} className="noi-code">
                  {r.trackingCode}
                </Link>
                <div className="fw-normal">{r.contactName}</div>
                <div className="fw-normal small noi-summary">{r.summary}</div>
              </th>
              <td>
                <UrgencyBadge urgency={r.urgency} confirmed={r.urgencyConfirmed} />
              </td>
              <td>{categoryLabel(t, r.category)}</td>
              <td>
                {r.neighbourhood.name}
                {r.communityPoint && <div className="small">{r.communityPoint.name}</div>}
              </td>
              <td>
                <time dateTime={r.createdAt}>{ageText(t, r.createdAt, now)}</time>
              </td>
              <td>
                <StatusBadge status={r.status} />
                {r.escalated && <div className="noi-escalated mt-1">{t('helpConsole.escalatedBadge')}</div>}
              </td>
              <td>
                <SlaText
                  slaDueAt={r.slaDueAt}
                  breached={r.slaBreached}
                  firstContactAt={r.firstContactAt}
                  status={r.status}
                  now={now}
                />
              </td>
              <td>{r.assignee?.name ?? t('helpConsole.nobody')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Phones and tablets: one card per request, the same facts. */
function RequestCards({ items, now }: { items: HelpRequestSummary[]; now: number }) {
  const { t } = useTranslation();
  return (
    <ul className="d-lg-none list-unstyled noi-inbox-cards">
      {items.map((r) => (
        <li key={r.id} className="card card-bg mb-3">
          <div className="card-body">
            <h3 className="h5 mb-1">
              <Link to={requestPath(r.id)} className="noi-code">
                {r.trackingCode}
              </Link>
            </h3>
            <p className="mb-2">
              {r.contactName} · {categoryLabel(t, r.category)}
            </p>
            <div className="d-flex flex-wrap gap-2 mb-2">
              <UrgencyBadge urgency={r.urgency} confirmed={r.urgencyConfirmed} />
              <StatusBadge status={r.status} />
              {r.escalated && <span className="noi-escalated">{t('helpConsole.escalatedBadge')}</span>}
            </div>
            <p className="small noi-summary mb-2">{r.summary}</p>
            <dl className="noi-facts noi-card-facts mb-0">
              <dt>{t('helpConsole.inbox.col.place')}</dt>
              <dd>
                {r.neighbourhood.name}
                {r.communityPoint ? ` · ${r.communityPoint.name}` : ''}
              </dd>
              <dt>{t('helpConsole.inbox.col.age')}</dt>
              <dd>
                <time dateTime={r.createdAt}>{ageText(t, r.createdAt, now)}</time>
              </dd>
              <dt>{t('helpConsole.inbox.col.sla')}</dt>
              <dd>
                <SlaText
                  slaDueAt={r.slaDueAt}
                  breached={r.slaBreached}
                  firstContactAt={r.firstContactAt}
                  status={r.status}
                  now={now}
                />
              </dd>
              <dt>{t('helpConsole.inbox.col.assignee')}</dt>
              <dd>{r.assignee?.name ?? t('helpConsole.nobody')}</dd>
            </dl>
          </div>
        </li>
      ))}
    </ul>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, type Problem, useApi } from '../../../web/api.ts';
import { useCurrentUser } from '../../../web/current-user.tsx';
import { formatDate } from '../../../web/i18n/index.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { AssignmentsEditor, assignmentErrors, cleanAssignments } from './AssignmentsEditor.tsx';
import { LoadFailure } from './access.tsx';
import { Notice, ProblemAlert, toProblem } from './forms.tsx';
import type { AdminUser, RoleAssignment } from './types.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One account: its details, its roles (editable), and switching it off and on. */
export function AdminUserPage() {
  const { id = '' } = useParams();
  const valid = uuid.test(id);
  const loaded = useApi<AdminUser>(valid ? `/api/v1/admin/users/${id}` : null);
  const [user, setUser] = useState<AdminUser | null>(null);
  const fresh = loaded.state === 'ready' ? loaded.data : null;
  // What the API last sent wins; changes made on this page replace it until the next load.
  useEffect(() => {
    if (fresh) setUser(fresh);
  }, [fresh]);
  if (!valid) return <NotFound />;
  if (loaded.state === 'error') return <LoadFailure error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.state === 'loading' || !user || user.id !== id) return <Loading />;
  return <UserDetail user={user} onChange={setUser} />;
}

function UserDetail({ user, onChange }: { user: AdminUser; onChange: (u: AdminUser) => void }) {
  const { t } = useTranslation();
  usePageTitle(user.displayName);
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created;
  return (
    <div className="container my-5">
      <nav aria-label={t('identity.user.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/admin/utenti">{t('nav.adminUsers')}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {user.displayName}
          </li>
        </ol>
      </nav>
      <h1>{user.displayName}</h1>
      {created && <Notice>{t('identity.user.created', { email: user.email })}</Notice>}
      <div className="row">
        <div className="col-12 col-lg-5">
          <section aria-labelledby="user-account-title" className="mb-5">
            <h2 id="user-account-title" className="h4">
              {t('identity.user.accountTitle')}
            </h2>
            <dl className="noi-facts">
              <dt>{t('identity.form.email')}</dt>
              <dd className="noi-break">
                {user.email}{' '}
                {user.emailVerified ? (
                  <span className="badge bg-success">{t('identity.profile.emailVerified')}</span>
                ) : (
                  <span className="badge bg-warning text-dark">{t('identity.profile.emailNotVerified')}</span>
                )}
              </dd>
              {user.fiscalCode && (
                <>
                  <dt>{t('identity.profile.fiscalCode')}</dt>
                  <dd>{user.fiscalCode}</dd>
                </>
              )}
              <dt>{t('identity.users.state')}</dt>
              <dd data-testid="user-state">
                {user.active ? t('identity.users.active') : t('identity.users.inactive')}
              </dd>
              <dt>{t('identity.user.createdAt')}</dt>
              <dd>{formatDate(user.createdAt, true)}</dd>
              <dt>{t('identity.users.lastLogin')}</dt>
              <dd>{user.lastLoginAt ? formatDate(user.lastLoginAt, true) : t('identity.users.never')}</dd>
            </dl>
            <ActiveSwitch user={user} onChange={onChange} />
            <h3 className="h5 mt-4">{t('identity.user.auditTitle')}</h3>
            <ul>
              <li>
                <Link to={`/admin/registro?actor=${encodeURIComponent(user.email)}`}>
                  {t('identity.user.auditByPerson')}
                </Link>
              </li>
              <li>
                <Link to={`/admin/registro?resource=user&resourceId=${user.id}`}>
                  {t('identity.user.auditOnAccount')}
                </Link>
              </li>
            </ul>
          </section>
        </div>
        <div className="col-12 col-lg-7">
          <RolesForm key={user.id} user={user} onChange={onChange} />
        </div>
      </div>
    </div>
  );
}

function ActiveSwitch({ user, onChange }: { user: AdminUser; onChange: (u: AdminUser) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    setMessage('');
    try {
      const updated = await api.post<AdminUser>(
        `/api/v1/admin/users/${user.id}/${user.active ? 'deactivate' : 'activate'}`,
      );
      setProblem(null);
      onChange(updated);
      setMessage(updated.active ? t('identity.user.activated') : t('identity.user.deactivated'));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <ProblemAlert problem={problem} />
      <p className="small">
        {user.active ? t('identity.user.deactivateHelp') : t('identity.user.activateHelp')}
      </p>
      <button
        type="button"
        className={`btn noi-instant ${user.active ? 'btn-outline-danger' : 'btn-primary'}`}
        onClick={() => void toggle()}
      >
        {user.active ? t('identity.user.deactivate') : t('identity.user.activate')}
      </button>
      <div aria-live="polite" className="mt-3">
        {message && <p className="noi-success mb-0">{message}</p>}
      </div>
    </div>
  );
}

function RolesForm({ user, onChange }: { user: AdminUser; onChange: (u: AdminUser) => void }) {
  const { t } = useTranslation();
  const { user: me } = useCurrentUser();
  const [assignments, setAssignments] = useState<RoleAssignment[]>(user.assignments);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(false);
    try {
      const updated = await api.put<AdminUser>(`/api/v1/admin/users/${user.id}/assignments`, {
        assignments: cleanAssignments(assignments),
      });
      setProblem(null);
      setAssignments(updated.assignments);
      onChange(updated);
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="user-roles-title" className="mb-5">
      <h2 id="user-roles-title" className="h4">
        {t('identity.user.rolesTitle')}
      </h2>
      <p>{t('identity.user.rolesIntro')}</p>
      <ProblemAlert problem={problem} shownFields={['assignments']} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="mt-4">
        <AssignmentsEditor
          id="user-assignment"
          value={assignments}
          onChange={(v) => {
            setAssignments(v);
            setSaved(false);
          }}
          allowPlatform={me?.roles.includes('platform_admin') ?? false}
          errors={assignmentErrors(problem?.errors)}
        />
        <button type="submit" className="btn btn-primary mt-4">
          {t('identity.user.saveRoles')}
        </button>
      </form>
      <div aria-live="polite" className="mt-3">
        {saved && <p className="noi-success mb-0">{t('identity.user.rolesSaved')}</p>}
      </div>
    </section>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type Problem, useApi } from '../../../web/api.ts';
import { useCurrentUser } from '../../../web/current-user.tsx';
import { formatDate } from '../../../web/i18n/index.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { AssignmentsEditor, assignmentErrors, cleanAssignments } from './AssignmentsEditor.tsx';
import { LoadFailure } from './access.tsx';
import { Field, fieldErrors, ProblemAlert, SelectField, toProblem } from './forms.tsx';
import { roleLabel, useDescribe } from './labels.ts';
import { Pager, pageParam } from './Pager.tsx';
import { type AdminUser, type Page, pageSize, type RoleAssignment, roleCodes } from './types.ts';

/** The city's accounts: search, filter by role, page through; and create a new one. */
export function AdminUsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.users.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const page = pageParam(params);
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (role) query.set('role', role);
  if (page > 1) query.set('page', String(page));
  const list = useApi<Page<AdminUser>>(`/api/v1/admin/users${query.size ? `?${query}` : ''}`);
  const [search, setSearch] = useState(q);
  const [roleFilter, setRoleFilter] = useState(role);
  useEffect(() => {
    setSearch(q);
    setRoleFilter(role);
  }, [q, role]);
  const [creating, setCreating] = useState(false);
  const describe = useDescribe();

  if (list.state === 'error') return <LoadFailure error={list.error} onRetry={list.reload} />;

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (search.trim()) next.set('q', search.trim());
    if (roleFilter) next.set('role', roleFilter);
    setParams(next);
  };

  return (
    <div className="container my-5">
      <h1>{t('identity.users.title')}</h1>
      <p className="lead">{t('identity.users.intro')}</p>
      <div className="mb-4">
        <button
          type="button"
          className="btn btn-primary"
          aria-expanded={creating}
          aria-controls="new-user"
          onClick={() => setCreating((c) => !c)}
        >
          {creating ? t('identity.users.closeCreate') : t('identity.users.create')}
        </button>
      </div>
      <div id="new-user">{creating && <CreateUser onCancel={() => setCreating(false)} />}</div>
      <section aria-labelledby="users-search-title" className="mb-4">
        <h2 id="users-search-title" className="h4">
          {t('identity.users.searchTitle')}
        </h2>
        <form onSubmit={onSearch} className="mt-4">
          <div className="row g-3 align-items-end">
            <div className="col-12 col-md-5">
              <Field
                id="users-q"
                type="search"
                label={t('identity.users.q')}
                value={search}
                onChange={setSearch}
                spellCheck={false}
              />
            </div>
            <div className="col-12 col-md-4">
              <SelectField
                id="users-role"
                label={t('identity.users.role')}
                value={roleFilter}
                onChange={setRoleFilter}
                options={[
                  { value: '', label: t('identity.users.allRoles') },
                  ...roleCodes.map((r) => ({ value: r, label: roleLabel(t, r) })),
                ]}
              />
            </div>
            <div className="col-12 col-md-3">
              <button type="submit" className="btn btn-primary mb-4">
                {t('identity.users.search')}
              </button>
            </div>
          </div>
        </form>
      </section>
      <section aria-labelledby="users-list-title">
        <h2 id="users-list-title" className="h4">
          {t('identity.users.listTitle')}
        </h2>
        {list.state === 'loading' ? (
          <Loading />
        ) : (
          <>
            <p aria-live="polite">{t('identity.users.count', { count: list.data.total })}</p>
            {list.data.items.length > 0 && (
              <div className="table-responsive">
                <table className="table table-striped">
                  <caption className="visually-hidden">{t('identity.users.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('identity.users.name')}</th>
                      <th scope="col">{t('identity.users.email')}</th>
                      <th scope="col">{t('identity.users.roles')}</th>
                      <th scope="col">{t('identity.users.state')}</th>
                      <th scope="col">{t('identity.users.lastLogin')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((u) => (
                      <tr key={u.id}>
                        <th scope="row">
                          <Link to={`/admin/utenti/${u.id}`}>{u.displayName}</Link>
                        </th>
                        <td className="noi-break">{u.email}</td>
                        <td>
                          {u.assignments.length === 0
                            ? t('identity.users.noRoles')
                            : u.assignments.map((a) => (
                                <div key={`${a.role}-${a.scope.kind}-${a.scope.ref ?? ''}`}>
                                  {describe(a)}
                                </div>
                              ))}
                        </td>
                        <td>{u.active ? t('identity.users.active') : t('identity.users.inactive')}</td>
                        <td>{u.lastLoginAt ? formatDate(u.lastLoginAt, true) : t('identity.users.never')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager
              page={list.data.page}
              total={list.data.total}
              pageSize={pageSize}
              label={t('identity.users.pages')}
            />
          </>
        )}
      </section>
    </div>
  );
}

/** A new account: the person gets an e-mail to choose their password. */
function CreateUser({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [assignments, setAssignments] = useState<RoleAssignment[]>([
    { role: 'citizen', scope: { kind: 'own', ref: null } },
  ]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    title.current?.focus();
  }, []);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const created = await api.post<AdminUser>('/api/v1/admin/users', {
        email: email.trim(),
        displayName: name.trim(),
        assignments: cleanAssignments(assignments),
      });
      navigate(`/admin/utenti/${created.id}`, { state: { created: true } });
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(problem);
  return (
    <section aria-labelledby="create-title" className="card card-bg mb-5">
      <div className="card-body">
        <h2 id="create-title" className="h4" ref={title} tabIndex={-1}>
          {t('identity.users.createTitle')}
        </h2>
        <p>{t('identity.users.createIntro')}</p>
        <ProblemAlert problem={problem} shownFields={['email', 'displayName', 'assignments']} />
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="mt-4">
          <Field
            id="create-email"
            label={t('identity.form.email')}
            type="email"
            autoComplete="off"
            required
            spellCheck={false}
            value={email}
            onChange={setEmail}
            error={errors.email}
          />
          <Field
            id="create-name"
            label={t('identity.users.fullName')}
            autoComplete="off"
            required
            value={name}
            onChange={setName}
            error={errors.displayName}
          />
          <h3 className="h5">{t('identity.users.rolesTitle')}</h3>
          <AssignmentsEditor
            id="create-assignment"
            value={assignments}
            onChange={setAssignments}
            allowPlatform={user?.roles.includes('platform_admin') ?? false}
            errors={assignmentErrors(problem?.errors)}
          />
          <div className="d-flex flex-wrap gap-3 mt-4">
            <button type="submit" className="btn btn-primary">
              {t('identity.users.createSubmit')}
            </button>
            <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
              {t('identity.users.cancel')}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}

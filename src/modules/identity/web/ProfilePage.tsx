import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiError, api, type Problem } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { Field, fieldErrors, ProblemAlert, toProblem } from './forms.tsx';
import { useDescribe } from './labels.ts';
import { checkNewPassword, minPasswordLength } from './password.ts';
import { isAdmin, type Me } from './types.ts';

/** My account: name, e-mail, roles, password, and signing out. */
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.profile.title'));
  const { status, user, signedOut } = useCurrentUser();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signedOut ? '/accedi' : signInPath('/profilo')} replace />;
  return (
    <div className="container my-5">
      <h1>{t('identity.profile.title')}</h1>
      <p className="lead">{t('identity.profile.intro')}</p>
      <div className="row">
        <div className="col-12 col-lg-7">
          <NameSection user={user} />
          <EmailSection user={user} />
          <PasswordSection user={user} />
        </div>
        <div className="col-12 col-lg-5">
          <RolesSection user={user} />
          <SignOutSection />
        </div>
      </div>
    </div>
  );
}

/** A failed call: a 401 means the session has ended, and the person is taken to sign in again. */
function useFailure(): (error: unknown) => Problem | null {
  const { setUser } = useCurrentUser();
  return (error) => {
    if (error instanceof ApiError && error.status === 401) {
      setUser(null);
      return null;
    }
    return toProblem(error);
  };
}

function NameSection({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { setUser } = useCurrentUser();
  const fail = useFailure();
  const [name, setName] = useState(user.displayName);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    setBusy(true);
    try {
      const me = await api.patch<Me>('/api/v1/me', { displayName: name.trim() });
      setProblem(null);
      setUser(me);
      setName(me.displayName);
      setSaved(true);
    } catch (error) {
      setProblem(fail(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="profile-name-title" className="mb-5">
      <h2 id="profile-name-title" className="h4">
        {t('identity.profile.nameTitle')}
      </h2>
      <ProblemAlert problem={problem} shownFields={['displayName']} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="mt-4">
        <Field
          id="profile-name"
          label={t('identity.profile.name')}
          autoComplete="name"
          required
          hint={t('identity.profile.nameHint')}
          value={name}
          onChange={(v) => {
            setName(v);
            setSaved(false);
          }}
          error={fieldErrors(problem).displayName}
        />
        <button type="submit" className="btn btn-primary">
          {t('identity.profile.saveName')}
        </button>
      </form>
      <div aria-live="polite" className="mt-3">
        {saved && <p className="noi-success mb-0">{t('identity.profile.nameSaved')}</p>}
      </div>
    </section>
  );
}

function EmailSection({ user }: { user: Me }) {
  const { t } = useTranslation();
  const fail = useFailure();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await api.post('/api/v1/auth/email/send-verification');
      setProblem(null);
      setSent(true);
    } catch (error) {
      setProblem(fail(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="profile-email-title" className="mb-5">
      <h2 id="profile-email-title" className="h4">
        {t('identity.profile.emailTitle')}
      </h2>
      <p className="mb-1 noi-break">{user.email}</p>
      <p>
        {user.emailVerified ? (
          <span className="badge bg-success">{t('identity.profile.emailVerified')}</span>
        ) : (
          <span className="badge bg-warning text-dark">{t('identity.profile.emailNotVerified')}</span>
        )}
      </p>
      {user.fiscalCode && (
        <p>
          {t('identity.profile.fiscalCode')}: <span className="noi-break">{user.fiscalCode}</span>
        </p>
      )}
      <ProblemAlert problem={problem} />
      {!user.emailVerified && (
        <>
          <p>{t('identity.profile.emailVerifyHelp')}</p>
          <button type="button" className="btn btn-outline-primary" onClick={() => void send()}>
            {t('identity.profile.sendVerification')}
          </button>
        </>
      )}
      <div aria-live="polite" className="mt-3">
        {sent && (
          <p className="noi-success mb-0">{t('identity.profile.verificationSent', { email: user.email })}</p>
        )}
      </div>
    </section>
  );
}

function RolesSection({ user }: { user: Me }) {
  const { t } = useTranslation();
  const describe = useDescribe();
  return (
    <section aria-labelledby="profile-roles-title" className="mb-5">
      <h2 id="profile-roles-title" className="h4">
        {t('identity.profile.rolesTitle')}
      </h2>
      {user.assignments.length === 0 ? (
        <p>{t('identity.profile.noRoles')}</p>
      ) : (
        <>
          <p>{t('identity.profile.rolesIntro')}</p>
          <ul data-testid="my-roles">
            {user.assignments.map((a) => (
              <li key={`${a.role}-${a.scope.kind}-${a.scope.ref ?? ''}`}>{describe(a)}</li>
            ))}
          </ul>
        </>
      )}
      {isAdmin(user.roles) && (
        <>
          <h3 className="h5 mt-4">{t('identity.profile.adminTitle')}</h3>
          <ul>
            <li>
              <Link to="/admin/utenti">{t('nav.adminUsers')}</Link>
            </li>
            <li>
              <Link to="/admin/registro">{t('nav.adminAudit')}</Link>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}

function PasswordSection({ user }: { user: Me }) {
  const { t } = useTranslation();
  const fail = useFailure();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    const errors = checkNewPassword(t, password, confirm, { password: 'password', confirm: 'confirm' });
    if (!current) errors.unshift({ field: 'current', message: t('identity.form.currentRequired') });
    if (errors.length > 0) {
      setProblem({ type: 'client', title: '', status: 400, detail: t('identity.form.fixErrors'), errors });
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/v1/me/password', { current, password });
      setProblem(null);
      setCurrent('');
      setPassword('');
      setConfirm('');
      setDone(true);
    } catch (error) {
      setProblem(fail(error));
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(problem);
  return (
    <section aria-labelledby="profile-password-title" className="mb-5">
      <h2 id="profile-password-title" className="h4">
        {t('identity.profile.passwordTitle')}
      </h2>
      <p>{t('identity.profile.passwordIntro')}</p>
      <ProblemAlert problem={problem} shownFields={['current', 'password', 'confirm']} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="mt-4">
        {/* The account's name, hidden: password managers file the new password under it. */}
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <Field
          id="profile-current-password"
          label={t('identity.form.currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={setCurrent}
          error={errors.current}
        />
        <Field
          id="profile-new-password"
          label={t('identity.form.newPassword')}
          type="password"
          autoComplete="new-password"
          required
          hint={t('identity.form.passwordHint', { min: minPasswordLength })}
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <Field
          id="profile-confirm-password"
          label={t('identity.form.confirmPassword')}
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={setConfirm}
          error={errors.confirm}
        />
        <button type="submit" className="btn btn-primary">
          {t('identity.profile.changePassword')}
        </button>
      </form>
      <div aria-live="polite" className="mt-3">
        {done && <p className="noi-success mb-0">{t('identity.profile.passwordChanged')}</p>}
      </div>
    </section>
  );
}

function SignOutSection() {
  const { t } = useTranslation();
  const { signOut } = useCurrentUser();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (everywhere: boolean) => {
    if (busy) return;
    setBusy(true);
    try {
      await signOut(everywhere);
      navigate('/accedi');
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="profile-signout-title" className="mb-5">
      <h2 id="profile-signout-title" className="h4">
        {t('identity.profile.signOutTitle')}
      </h2>
      <p>{t('identity.profile.signOutIntro')}</p>
      <ProblemAlert problem={problem} />
      <div className="d-flex flex-wrap gap-3">
        <button type="button" className="btn btn-primary" onClick={() => void run(false)}>
          {t('identity.profile.signOut')}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={() => void run(true)}>
          {t('identity.profile.signOutEverywhere')}
        </button>
      </div>
    </section>
  );
}

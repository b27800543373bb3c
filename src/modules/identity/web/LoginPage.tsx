import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, type Problem, useApi } from '../../../web/api.ts';
import { safeNextPath, useCurrentUser } from '../../../web/current-user.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { Field, fieldErrors, Notice, ProblemAlert, toProblem } from './forms.tsx';
import type { Me, Providers } from './types.ts';

/** Sign in with e-mail and password (or SPID / CIE where the city has it), then go on to `?next=`. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.login.title'));
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const { status, user, setUser, signedOut } = useCurrentUser();
  const providers = useApi<Providers>('/api/v1/auth/providers');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Back from SPID / CIE without success: the server says why in `?errore=`.
  const returned = params.get('errore');
  const [problem, setProblem] = useState<Problem | null>(() =>
    returned === 'spid' || returned === 'disattivato'
      ? {
          type: 'client',
          title: '',
          status: 401,
          detail: t(returned === 'spid' ? 'identity.login.oidcFailed' : 'identity.login.accountDisabled'),
        }
      : null,
  );
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (status === 'ready' && user && !done) return <Navigate to={next} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const empty: Record<string, string> = {};
    if (!email.trim()) empty.email = t('identity.form.emailRequired');
    if (!password) empty.password = t('identity.form.passwordRequired');
    setMissing(empty);
    if (Object.keys(empty).length > 0) {
      setProblem({ type: 'client', title: '', status: 400, detail: t('identity.form.fixErrors') });
      return;
    }
    setBusy(true);
    try {
      const result = await api.post<{ user: Me }>('/api/v1/auth/login', { email: email.trim(), password });
      setDone(true);
      setUser(result.user);
      navigate(next, { replace: true });
    } catch (error) {
      setPassword('');
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const errors = { ...fieldErrors(problem), ...missing };
  const oidc = providers.state === 'ready' ? providers.data.oidc : null;
  return (
    <div className="container my-5 noi-narrow">
      <h1>{t('identity.login.title')}</h1>
      <p className="lead">{t('identity.login.intro')}</p>
      {signedOut && !problem && (
        <Notice>
          {t(signedOut === 'everywhere' ? 'identity.login.signedOutAll' : 'identity.login.signedOut')}
        </Notice>
      )}
      <ProblemAlert problem={problem} shownFields={['email', 'password']} />
      {oidc && (
        <div className="mb-4">
          <a className="btn btn-primary" href={`/api/v1/auth/oidc/start?next=${encodeURIComponent(next)}`}>
            {oidc.label}
          </a>
          <p className="mt-3 mb-0">{t('identity.login.or')}</p>
        </div>
      )}
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="mt-4">
        <Field
          id="login-email"
          label={t('identity.form.email')}
          type="email"
          autoComplete="email"
          required
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={errors.email}
        />
        <Field
          id="login-password"
          label={t('identity.form.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <div className="d-flex flex-wrap align-items-center gap-4">
          <button type="submit" className="btn btn-primary">
            {busy ? t('identity.login.submitting') : t('identity.login.submit')}
          </button>
          <Link to="/password-dimenticata">{t('identity.login.forgot')}</Link>
        </div>
      </form>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Problem } from '../../../web/api.ts';
import { usePageTitle } from '../../../web/page-title.ts';
import { Field, fieldErrors, Notice, ProblemAlert, toProblem } from './forms.tsx';
import { checkNewPassword, minPasswordLength } from './password.ts';

/** A link that cannot be used: unknown, expired (410) or malformed (a 400 on the token). */
export function isDeadLink(problem: Problem): boolean {
  return problem.status === 410 || (problem.status === 400 && fieldErrors(problem).token !== undefined);
}

/** The message for a dead link, with the way to get a new one. */
export function ExpiredLink({ again, againLabel }: { again: string; againLabel: string }) {
  const { t } = useTranslation();
  return (
    <Notice kind="warning" focus>
      <h2 className="h5">{t('identity.link.expiredTitle')}</h2>
      <p>{t('identity.link.expiredText')}</p>
      <Link to={again} className="btn btn-primary">
        {againLabel}
      </Link>
    </Notice>
  );
}

/** Choose a new password with the mailed link's token. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<'form' | 'done' | 'expired'>(token ? 'form' : 'expired');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors = checkNewPassword(t, password, confirm, { password: 'password', confirm: 'confirm' });
    if (errors.length > 0) {
      setProblem({ type: 'client', title: '', status: 400, detail: t('identity.form.fixErrors'), errors });
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/v1/auth/password/reset', { token, password });
      setProblem(null);
      setState('done');
    } catch (error) {
      const p = toProblem(error);
      if (isDeadLink(p)) {
        setProblem(null);
        setState('expired');
      } else setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  const errors = fieldErrors(problem);
  return (
    <div className="container my-5 noi-narrow">
      <h1>{t('identity.reset.title')}</h1>
      {state === 'expired' && (
        <ExpiredLink again="/password-dimenticata" againLabel={t('identity.reset.askAgain')} />
      )}
      {state === 'done' && (
        <Notice focus>
          <p>{t('identity.reset.done')}</p>
          <Link to="/accedi" className="btn btn-primary">
            {t('identity.reset.signIn')}
          </Link>
        </Notice>
      )}
      {state === 'form' && (
        <>
          <p className="lead">{t('identity.reset.intro')}</p>
          <ProblemAlert problem={problem} shownFields={['password', 'confirm']} />
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="mt-4">
            <Field
              id="reset-password"
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
              id="reset-confirm"
              label={t('identity.form.confirmPassword')}
              type="password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={setConfirm}
              error={errors.confirm}
            />
            <button type="submit" className="btn btn-primary">
              {t('identity.reset.submit')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}

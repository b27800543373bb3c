import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Problem } from '../../../web/api.ts';
import { usePageTitle } from '../../../web/page-title.ts';
import { Field, fieldErrors, Notice, ProblemAlert, toProblem } from './forms.tsx';

/** Ask for a link to choose a new password: the answer never tells whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.forgot.title'));
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!email.trim()) {
      setProblem({
        type: 'client',
        title: '',
        status: 400,
        detail: t('identity.form.fixErrors'),
        errors: [{ field: 'email', message: t('identity.form.emailRequired') }],
      });
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/v1/auth/password/forgot', { email: email.trim() });
      setProblem(null);
      setSent(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const errors = fieldErrors(problem);
  return (
    <div className="container my-5 noi-narrow">
      <h1>{t('identity.forgot.title')}</h1>
      {sent ? (
        <>
          <Notice focus>
            <p className="mb-0">{t('identity.forgot.sent')}</p>
          </Notice>
          <p>{t('identity.forgot.sentHelp')}</p>
          <Link to="/accedi">{t('identity.forgot.backToLogin')}</Link>
        </>
      ) : (
        <>
          <p className="lead">{t('identity.forgot.intro')}</p>
          <ProblemAlert problem={problem} shownFields={['email']} />
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="mt-4">
            <Field
              id="forgot-email"
              label={t('identity.form.email')}
              type="email"
              autoComplete="email"
              required
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={errors.email}
            />
            <div className="d-flex flex-wrap align-items-center gap-4">
              <button type="submit" className="btn btn-primary">
                {t('identity.forgot.submit')}
              </button>
              <Link to="/accedi">{t('identity.forgot.backToLogin')}</Link>
            </div>
          </form>
        </>
      )}
    </div>
  );
}

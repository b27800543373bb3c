import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Problem } from '../../../web/api.ts';
import { useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { Notice, ProblemAlert, toProblem } from './forms.tsx';
import { ExpiredLink, isDeadLink } from './ResetPasswordPage.tsx';

/** One request per token, however often the page renders (a token can be used once). */
const attempts = new Map<string, Promise<void>>();

/** Confirms an e-mail address with the mailed link's token, as soon as the page opens. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.verify.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { user, refresh } = useCurrentUser();
  const [outcome, setOutcome] = useState<'pending' | 'done' | 'expired' | Problem>(
    token ? 'pending' : 'expired',
  );

  useEffect(() => {
    if (!token) return;
    let live = true;
    let attempt = attempts.get(token);
    if (!attempt) {
      attempt = api.post<void>('/api/v1/auth/email/verify', { token });
      attempts.set(token, attempt);
    }
    attempt.then(
      () => {
        if (!live) return;
        setOutcome('done');
        void refresh();
      },
      (error: unknown) => {
        if (!live) return;
        const p = toProblem(error);
        setOutcome(isDeadLink(p) ? 'expired' : p);
      },
    );
    return () => {
      live = false;
    };
  }, [token, refresh]);

  return (
    <div className="container my-5 noi-narrow">
      <h1>{t('identity.verify.title')}</h1>
      {outcome === 'pending' && <Loading />}
      {outcome === 'done' && (
        <Notice focus>
          <p>{t('identity.verify.done')}</p>
          <Link to={user ? '/profilo' : '/accedi'} className="btn btn-primary">
            {user ? t('identity.verify.toProfile') : t('identity.verify.signIn')}
          </Link>
        </Notice>
      )}
      {outcome === 'expired' && (
        <ExpiredLink
          again={user ? '/profilo' : '/accedi?next=%2Fprofilo'}
          againLabel={t('identity.verify.askAgain')}
        />
      )}
      {typeof outcome === 'object' && <ProblemAlert problem={outcome} />}
    </div>
  );
}

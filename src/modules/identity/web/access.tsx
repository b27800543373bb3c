import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { ApiError } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';

/** Shown when the API answers 403: the person is signed in but this page is not for them. */
export function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('identity.forbidden.title'));
  return (
    <div className="container my-5">
      <p className="noi-error-code" aria-hidden="true">
        403
      </p>
      <h1>{t('identity.forbidden.title')}</h1>
      <p className="lead">{t('identity.forbidden.text')}</p>
      <div className="d-flex flex-wrap gap-3">
        <Link to="/" className="btn btn-primary">
          {t('error.notFound.home')}
        </Link>
        <Link to="/profilo" className="btn btn-outline-primary">
          {t('identity.forbidden.profile')}
        </Link>
      </div>
    </div>
  );
}

/** What a page shows when loading failed: sign in (401), not for you (403), not found, or the error. */
export function LoadFailure({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const location = useLocation();
  if (error.status === 401) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (error.status === 403) return <Forbidden />;
  if (error.status === 404) return <NotFound />;
  return <ServerError error={error} onRetry={onRetry} />;
}

/**
 * A page for signed-in people: waits for the session, sends anyone signed out to sign in (and back
 * here afterwards) and, when `roles` is given, shows 403 to those with none of them.
 */
export function SignedIn({ roles, children }: { roles?: readonly string[]; children: ReactNode }) {
  const { status, user } = useCurrentUser();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signInPath(location.pathname)} replace />;
  if (roles && !user.roles.some((r) => roles.includes(r))) return <Forbidden />;
  return <>{children}</>;
}

import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { signInPath, useCurrentUser } from '../../../../web/current-user.tsx';
import { Loading } from '../../../../web/Loading.tsx';
import { Forbidden } from '../../../identity/web/access.tsx';

/** The roles that keep the register (permission `community_points.manage`). */
export const adminRoles = ['city_admin', 'platform_admin'];

/** The page for the city's admins only: sign in first when signed out, "not for you" for others. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { status, user } = useCurrentUser();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (!user.roles.some((r) => adminRoles.includes(r))) return <Forbidden />;
  return <>{children}</>;
}

export interface FieldCheck {
  /** The field's name in the API (`hours.0.closes`). */
  field: string;
  /** The id of the control to move to. */
  id: string;
  message: string;
}

/**
 * What to correct before sending, as links to the fields. It takes the focus when it appears, so
 * keyboard and screen-reader users hear it at once.
 */
export function ErrorSummary({ errors }: { errors: FieldCheck[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) box.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div ref={box} className="alert alert-danger noi-alert" role="alert" tabIndex={-1}>
      <p className="mb-1 fw-semibold">
        {t('communityPointsAdmin.form.errorSummary', { count: errors.length })}
      </p>
      <ul className="mb-0">
        {errors.map((e) => (
          <li key={`${e.id}-${e.message}`}>
            <a
              href={`#${e.id}`}
              onClick={(event) => {
                const field = document.getElementById(e.id);
                if (!field) return;
                event.preventDefault();
                field.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../current-user.tsx';

/** Right of the slim header: "Accedi" when signed out; the person's name and "Esci" when signed in. */
export function UserArea() {
  const { t } = useTranslation();
  const { status, user, signOut } = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  if (status === 'loading') return null;
  if (!user) {
    const here = location.pathname;
    const next = here === '/' || here === '/accedi' ? '' : `?next=${encodeURIComponent(here)}`;
    return (
      <Link to={`/accedi${next}`} className="btn btn-sm btn-light noi-user-link">
        {t('auth.signIn')}
      </Link>
    );
  }
  const onSignOut = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await signOut();
      navigate('/accedi');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="d-flex align-items-center gap-2 flex-wrap">
      <Link to="/profilo" className="text-white noi-user-name">
        {user.displayName}
        <span className="visually-hidden"> – {t('auth.yourProfile')}</span>
      </Link>
      <button type="button" className="btn btn-sm btn-outline-light" onClick={() => void onSignOut()}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}

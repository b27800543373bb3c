import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { Forbidden } from '../../identity/web/access.tsx';

/** Who uses the network (permission `network.use`). */
export const networkRoles = ['operator', 'city_admin', 'platform_admin'];

/** Signed out: to the sign-in page; not an operator or the city: 403; else the page. */
export function NetworkGate({ children }: { children: React.ReactNode }) {
  const { status, user } = useCurrentUser();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (!user.roles.some((r) => networkRoles.includes(r))) return <Forbidden />;
  return <>{children}</>;
}

/** Date and time for people, in Europe/Rome. */
export function When({ value }: { value: string }) {
  const { i18n } = useTranslation();
  const text = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'it-IT', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Rome',
  }).format(new Date(value));
  return <time dateTime={value}>{text}</time>;
}

/** "Avviso del Comune" or "Conversazione", as text with a border (not colour alone). */
export function KindLabel({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <span className={`noi-net-kind noi-net-kind-${kind}`}>{t(`network.kind.${kind}`)}</span>;
}

/** The unread count, in words ("3 non letti"): nothing when there is none. */
export function UnreadBadge({ count }: { count: number | null }) {
  const { t } = useTranslation();
  if (!count) return null;
  return <span className="noi-net-unread">{t('network.unread', { count })}</span>;
}

import type { WebModule } from '../../../web/module-types.ts';
import { AdminUserPage } from './AdminUserPage.tsx';
import { AdminUsersPage } from './AdminUsersPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { ForgotPasswordPage } from './ForgotPasswordPage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { LoginPage } from './LoginPage.tsx';
import { ProfilePage } from './ProfilePage.tsx';
import { ResetPasswordPage } from './ResetPasswordPage.tsx';
import { VerifyEmailPage } from './VerifyEmailPage.tsx';

/** Signing in and out, one's own profile, and the city admins' pages on accounts and the audit log. */
export const identityWeb: WebModule = {
  name: 'identity',
  routes: [
    { path: 'accedi', element: <LoginPage /> },
    { path: 'password-dimenticata', element: <ForgotPasswordPage /> },
    { path: 'reimposta-password', element: <ResetPasswordPage /> },
    { path: 'verifica-email', element: <VerifyEmailPage /> },
    { path: 'profilo', element: <ProfilePage /> },
    { path: 'admin/utenti', element: <AdminUsersPage /> },
    { path: 'admin/utenti/:id', element: <AdminUserPage /> },
    { path: 'admin/registro', element: <AuditPage /> },
  ],
  messages: { it, en },
};

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useApi } from '../api.ts';
import { CurrentUserProvider, useCurrentUser } from '../current-user.tsx';
import { type Shell, ShellContext } from '../shell.ts';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';

/** The frame of every page: skip link, header, demo banner, main landmark, footer. */
export function Layout() {
  return (
    <CurrentUserProvider>
      <Frame />
    </CurrentUserProvider>
  );
}

function Frame() {
  const { t } = useTranslation();
  const shell = useApi<Shell>('/api/v1/shell');
  const { status, user } = useCurrentUser();
  const main = useRef<HTMLElement>(null);
  const location = useLocation();
  const first = useRef(true);
  // After a navigation, move focus to the main content so screen-reader users hear the new page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [location.pathname]);
  // The navigation depends on who is signed in: ask for it again when that changes.
  const knownUser = useRef<string | null | undefined>(undefined);
  const userId = status === 'ready' ? (user?.id ?? null) : undefined;
  const reloadShell = shell.reload;
  useEffect(() => {
    if (userId === undefined) return;
    if (knownUser.current !== undefined && knownUser.current !== userId) reloadShell();
    knownUser.current = userId;
  }, [userId, reloadShell]);
  // Keep the last frame while it reloads, so the header does not flicker.
  const lastShell = useRef<Shell | null>(null);
  if (shell.state === 'ready') lastShell.current = shell.data;
  const data = lastShell.current;
  return (
    <ShellContext.Provider value={data}>
      <a className="visually-hidden-focusable noi-skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      {data?.city.isDemo && (
        <div className="noi-demo-banner" role="note">
          <div className="container">{t('app.demoBanner')}</div>
        </div>
      )}
      <main id="main" ref={main} tabIndex={-1} className="noi-main">
        <Outlet />
      </main>
      <Footer />
    </ShellContext.Provider>
  );
}

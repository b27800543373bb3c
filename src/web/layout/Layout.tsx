import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useApi } from '../api.ts';
import { type Shell, ShellContext } from '../shell.ts';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';

/** The frame of every page: skip link, header, demo banner, main landmark, footer. */
export function Layout() {
  const { t } = useTranslation();
  const shell = useApi<Shell>('/api/v1/shell');
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
  const data = shell.state === 'ready' ? shell.data : null;
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

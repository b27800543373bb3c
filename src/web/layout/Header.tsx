import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useShell } from '../shell.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserArea } from './UserArea.tsx';

/** Bootstrap Italia header: slim bar (city, language, who is signed in), centre (name), navigation from the manifests. */
export function Header() {
  const { t } = useTranslation();
  const shell = useShell();
  const [open, setOpen] = useState(false);
  const city = shell?.city.name ?? '';
  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="it-header-slim-wrapper-content d-flex flex-wrap justify-content-between align-items-center gap-2">
            <span className="navbar-brand text-white d-none d-sm-inline">
              {city ? t('app.cityOf', { city }) : ''}
            </span>
            <div className="d-flex flex-wrap align-items-center gap-3">
              <LanguageSwitch />
              <UserArea />
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="it-header-center-content-wrapper">
              <div className="it-brand-wrapper">
                <NavLink to="/" className="noi-brand">
                  <img src="/favicon.svg" alt="" width="48" height="48" className="me-3" />
                  <div className="it-brand-text">
                    <div className="it-brand-title">
                      {t('app.name')}
                      {city ? ` · ${city}` : ''}
                    </div>
                    <div className="it-brand-tagline d-none d-md-block">{t('app.tagline')}</div>
                  </div>
                </NavLink>
              </div>
            </div>
          </div>
        </div>
        <div className="it-header-navbar-wrapper">
          <div className="container">
            <nav className="navbar navbar-expand-lg has-megamenu" aria-label={t('app.mainNav')}>
              <button
                className="custom-navbar-toggler"
                type="button"
                aria-controls="noi-nav"
                aria-expanded={open}
                onClick={() => setOpen((o) => !o)}
              >
                <span className="noi-burger" aria-hidden="true">
                  ☰
                </span>
                <span className="visually-hidden">{open ? t('app.closeMenu') : t('app.menu')}</span>
              </button>
              <div className={`navbar-collapsable noi-collapse${open ? ' noi-open' : ''}`} id="noi-nav">
                <div className="menu-wrapper">
                  <ul className="navbar-nav">
                    <li className="nav-item">
                      <NavLink to="/" end className="nav-link" onClick={() => setOpen(false)}>
                        <span>{t('nav.home')}</span>
                      </NavLink>
                    </li>
                    {shell?.nav.map((item) => (
                      <li className="nav-item" key={item.path}>
                        <NavLink to={item.path} className="nav-link" onClick={() => setOpen(false)}>
                          <span>{t(`nav.${item.labelKey}`)}</span>
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            </nav>
          </div>
        </div>
      </div>
    </header>
  );
}

import { useTranslation } from 'react-i18next';
import { languages } from '../i18n/index.ts';

/** Italiano / English, as two buttons: the current one is pressed. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="noi-lang" aria-label={t('app.language')}>
      {languages.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className={`btn btn-sm ${i18n.language === lng ? 'btn-light' : 'btn-outline-light'}`}
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`app.languageNames.${lng}`)}
        </button>
      ))}
    </fieldset>
  );
}

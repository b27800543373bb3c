import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../page-title.ts';

/** A page of plain text from the catalogs: a title, an introduction and titled paragraphs. */
export function TextPage({ ns, sections }: { ns: string; sections: string[] }) {
  const { t } = useTranslation();
  usePageTitle(t(`${ns}.title`));
  return (
    <div className="container my-5 noi-text-page">
      <h1>{t(`${ns}.title`)}</h1>
      <p className="lead">{t(`${ns}.intro`)}</p>
      {sections.map((s) => (
        <section key={s} aria-labelledby={`${ns}-${s}`}>
          <h2 id={`${ns}-${s}`} className="h4 mt-4">
            {t(`${ns}.${s}Title`)}
          </h2>
          <p>{t(`${ns}.${s}`)}</p>
        </section>
      ))}
    </div>
  );
}

export const AccessibilityPage = () => (
  <TextPage ns="accessibility" sections={['status', 'limits', 'feedback', 'agid']} />
);
export const PrivacyPage = () => (
  <TextPage ns="privacy" sections={['controller', 'purposes', 'basis', 'retention', 'sharing', 'rights']} />
);

import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="container my-5" aria-live="polite" aria-busy="true">
      <p>{t('app.loading')}</p>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { ErrorSummary as FormErrorSummary } from '../../../../web/ErrorSummary.tsx';

/** The help form's error summary (src/web/ErrorSummary.tsx). */
export function ErrorSummary({
  errors,
  attempt,
  detail,
}: {
  errors: { id: string; message: string }[];
  attempt: number;
  /** A problem that no field explains (the service is down, a rate limit, …). */
  detail?: string;
}) {
  const { t } = useTranslation();
  return (
    <FormErrorSummary
      errors={errors}
      attempt={attempt}
      detail={detail}
      id="help-summary"
      title={t('helpRequests.form.errors.title')}
      className="noi-help-summary"
      headingClassName="h4"
    />
  );
}

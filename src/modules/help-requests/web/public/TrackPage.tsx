import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../../../../web/page-title.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { TextField } from './fields.tsx';
import { normaliseCode } from './types.ts';

/** The form that asks for a tracking code (on `/segui`, and again when a code is not found). */
export function TrackForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const normal = normaliseCode(code);
    setAttempt((n) => n + 1);
    if (!normal) {
      setError(t('helpRequests.track.codeInvalid'));
      return;
    }
    setError(undefined);
    navigate(`/segui/${normal}`);
  };
  return (
    <>
      <ErrorSummary errors={error ? [{ id: 'help-track-code', message: error }] : []} attempt={attempt} />
      <form noValidate onSubmit={onSubmit} className="noi-help-form noi-help-narrow">
        <TextField
          id="help-track-code"
          label={t('helpRequests.track.code')}
          hint={t('helpRequests.track.codeHint')}
          value={code}
          onChange={setCode}
          autoComplete="off"
          maxLength={20}
          error={error}
          className="noi-help-code-input"
        />
        <button type="submit" className="btn btn-primary btn-lg">
          {t('helpRequests.track.submit')}
        </button>
      </form>
    </>
  );
}

/** `/segui`: enter the code received when asking for help. */
export function TrackPage() {
  const { t } = useTranslation();
  usePageTitle(t('helpRequests.track.title'));
  return (
    <div className="container my-4 noi-help">
      <h1>{t('helpRequests.track.title')}</h1>
      <p className="lead">{t('helpRequests.track.intro')}</p>
      <TrackForm />
    </div>
  );
}

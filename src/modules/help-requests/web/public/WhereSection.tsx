import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../../web/api.ts';
import type { TerritoryData } from '../../../territory/web/types.ts';
import type { FieldErrors, HelpForm } from './form-state.ts';

interface Props {
  form: HelpForm;
  set: (patch: Partial<HelpForm>) => void;
  errors: FieldErrors;
}

/** Where the person is: a neighbourhood from the list, their position, or an address. */
export function WhereSection({ form, set, errors }: Props) {
  const { t, i18n } = useTranslation();
  const territory = useApi<TerritoryData>('/api/v1/territory');
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const neighbourhoods = useMemo(() => {
    if (territory.state !== 'ready') return [];
    const collator = new Intl.Collator('it', { sensitivity: 'base' });
    return territory.data.zones
      .flatMap((z) => z.neighbourhoods)
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [territory]);
  const error = errors.neighbourhoodCode;
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator;
  const locate = () => {
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        set({ position: { lat: p.coords.latitude, lon: p.coords.longitude } });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const format = (n: number) =>
    new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'it-IT', { maximumFractionDigits: 4 }).format(n);
  return (
    <fieldset
      className="noi-help-section"
      aria-describedby={`help-where-hint${error ? ' help-where-error' : ''}`}
    >
      <legend className="h3">{t('helpRequests.form.where')}</legend>
      <p id="help-where-hint" className="noi-hint">
        {t('helpRequests.form.whereHint')}
      </p>
      {error && (
        <div id="help-where-error" className="noi-field-error mb-2">
          {error}
        </div>
      )}
      <div className="noi-help-field">
        <label htmlFor="help-neighbourhoodCode" className="noi-help-label">
          {t('helpRequests.form.neighbourhood')}
        </label>
        <select
          id="help-neighbourhoodCode"
          name="neighbourhoodCode"
          className={`form-select${error ? ' is-invalid' : ''}`}
          value={form.neighbourhoodCode}
          onChange={(e) => set({ neighbourhoodCode: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'help-where-error' : undefined}
        >
          <option value="">{t('helpRequests.form.neighbourhoodNone')}</option>
          {neighbourhoods.map((n) => (
            <option key={n.code} value={n.code}>
              {n.name}
            </option>
          ))}
        </select>
      </div>
      {canLocate && (
        <div className="noi-help-field">
          <p className="noi-help-label mb-1">{t('helpRequests.form.or')}</p>
          {form.position ? (
            <p className="mb-0">
              <span className="noi-success">
                {t('helpRequests.form.positionSet', {
                  lat: format(form.position.lat),
                  lon: format(form.position.lon),
                })}
              </span>{' '}
              <button
                type="button"
                className="btn btn-outline-primary btn-sm"
                onClick={() => set({ position: null })}
              >
                {t('helpRequests.form.positionClear')}
              </button>
            </p>
          ) : (
            <button
              type="button"
              id="help-position"
              className="btn btn-outline-primary"
              onClick={locate}
              disabled={locating === 'busy'}
            >
              {locating === 'busy' ? t('helpRequests.form.positionBusy') : t('helpRequests.form.position')}
            </button>
          )}
          <div aria-live="polite">
            {locating === 'failed' && (
              <p className="noi-field-error">{t('helpRequests.form.positionFailed')}</p>
            )}
          </div>
        </div>
      )}
      <div className="noi-help-field">
        <label htmlFor="help-address" className="noi-help-label">
          {t('helpRequests.form.address')}
        </label>
        <small id="help-address-hint" className="noi-hint">
          {t('helpRequests.form.addressHint')}
        </small>
        <input
          id="help-address"
          name="address"
          type="text"
          autoComplete="street-address"
          maxLength={300}
          className={`form-control${errors.address ? ' is-invalid' : ''}`}
          value={form.address}
          onChange={(e) => set({ address: e.target.value })}
          aria-invalid={errors.address ? true : undefined}
          aria-describedby={`help-address-hint${errors.address ? ' help-address-error' : ''}`}
        />
        {errors.address && (
          <div id="help-address-error" className="noi-field-error">
            {errors.address}
          </div>
        )}
      </div>
    </fieldset>
  );
}

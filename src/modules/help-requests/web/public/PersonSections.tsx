import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CheckField, TextField } from './fields.tsx';
import type { FieldErrors, HelpForm } from './form-state.ts';

interface Props {
  form: HelpForm;
  set: (patch: Partial<HelpForm>) => void;
  errors: FieldErrors;
}

/** Staff only: whether they are entering the request for someone who phoned or came to the desk. */
export function OnBehalfSection({ form, set }: Omit<Props, 'errors'>) {
  const { t } = useTranslation();
  const options = [
    { value: '', label: t('helpRequests.form.onBehalf.no') },
    { value: 'phone', label: t('helpRequests.form.onBehalf.phone') },
    { value: 'desk', label: t('helpRequests.form.onBehalf.desk') },
  ] as const;
  return (
    <fieldset className="noi-help-section noi-help-staff">
      <legend className="h3">{t('helpRequests.form.onBehalf.title')}</legend>
      <p className="noi-hint">{t('helpRequests.form.onBehalf.hint')}</p>
      {options.map((o) => (
        <div key={o.value || 'none'} className="noi-help-check">
          <input
            type="radio"
            id={`help-onbehalf-${o.value || 'none'}`}
            name="onBehalfOf"
            checked={form.onBehalfOf === o.value}
            onChange={() => set({ onBehalfOf: o.value })}
          />
          <label htmlFor={`help-onbehalf-${o.value || 'none'}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Optional circumstances that help the hub see how urgent it is. */
export function CircumstancesSection({ form, set, errors }: Props) {
  const { t } = useTranslation();
  const onBehalf = form.onBehalfOf !== '';
  const k = (key: string) => t(`helpRequests.form.about.${key}${onBehalf ? 'Other' : ''}`);
  return (
    <fieldset className="noi-help-section">
      <legend className="h3">{t('helpRequests.form.about.title')}</legend>
      <p className="noi-hint">{t('helpRequests.form.about.hint')}</p>
      <CheckField
        id="help-livesAlone"
        label={k('livesAlone')}
        checked={form.livesAlone}
        onChange={(v) => set({ livesAlone: v })}
      />
      <CheckField
        id="help-healthIssue"
        label={k('healthIssue')}
        checked={form.healthIssue}
        onChange={(v) => set({ healthIssue: v })}
      />
      <CheckField
        id="help-noFood"
        label={k('noFood')}
        checked={form.noFood}
        onChange={(v) => set({ noFood: v })}
      />
      <CheckField
        id="help-minorsInvolved"
        label={k('minorsInvolved')}
        checked={form.minorsInvolved}
        onChange={(v) => set({ minorsInvolved: v })}
      />
      <TextField
        id="help-age"
        label={k('age')}
        hint={t('helpRequests.form.about.ageHint')}
        value={form.age}
        onChange={(v) => set({ age: v })}
        inputMode="numeric"
        maxLength={3}
        error={errors.age}
        className="noi-help-short"
      />
    </fieldset>
  );
}

/** How to reach the person: name, phone, e-mail (a phone or an e-mail is needed). */
export function ContactSection({ form, set, errors }: Props) {
  const { t } = useTranslation();
  const onBehalf = form.onBehalfOf !== '';
  return (
    <fieldset className="noi-help-section">
      <legend className="h3">
        {t(onBehalf ? 'helpRequests.form.contactOther' : 'helpRequests.form.contact')}
      </legend>
      <p className="noi-hint">{t('helpRequests.form.contactHint')}</p>
      <TextField
        id="help-name"
        label={t('helpRequests.form.name')}
        value={form.name}
        onChange={(v) => set({ name: v })}
        autoComplete={onBehalf ? 'off' : 'name'}
        maxLength={120}
        error={errors.name}
      />
      <TextField
        id="help-phone"
        label={t('helpRequests.form.phone')}
        hint={t('helpRequests.form.phoneHint')}
        value={form.phone}
        onChange={(v) => set({ phone: v })}
        type="tel"
        autoComplete={onBehalf ? 'off' : 'tel'}
        maxLength={40}
        error={errors.phone}
      />
      <TextField
        id="help-email"
        label={t('helpRequests.form.email')}
        value={form.email}
        onChange={(v) => set({ email: v })}
        type="email"
        autoComplete={onBehalf ? 'off' : 'email'}
        maxLength={254}
        error={errors.email}
      />
    </fieldset>
  );
}

/** Consent to the privacy notice (which opens in a new tab, so the form is not lost). */
export function ConsentField({ form, set, errors }: Props) {
  const { t } = useTranslation();
  return (
    <div className="noi-help-section">
      <CheckField
        id="help-consent"
        checked={form.consent}
        onChange={(v) => set({ consent: v })}
        error={errors.consent}
      >
        {t('helpRequests.form.consent')}{' '}
        <Link to="/privacy" target="_blank" rel="noopener">
          {t('helpRequests.form.privacyLink')}
          <span className="visually-hidden"> {t('helpRequests.form.newTab')}</span>
        </Link>
      </CheckField>
    </div>
  );
}

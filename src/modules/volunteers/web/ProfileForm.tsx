import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import {
  type Check,
  describedBy,
  ErrorSummary,
  HintAndError,
  languageName,
  neighbourhoodCodesOf,
  skillLabel,
  weekdayLabel,
} from './parts.tsx';
import {
  type CommunityPoint,
  languageChoices,
  skills,
  type Territory,
  type VolunteerBody,
  type VolunteerProfile,
  weekdays,
} from './types.ts';

interface Slot {
  key: number;
  weekday: string;
  start: string;
  end: string;
}

interface FormState {
  phone: string;
  skills: string[];
  languages: string[];
  psychologistRegistration: string;
  neighbourhoodCodes: string[];
  maxDistanceKm: string;
  maxTasks: string;
  availability: Slot[];
  communityPointSlug: string;
}

let slotKeys = 0;
const newSlot = (weekday = '1', start = '09:00', end = '12:00'): Slot => ({
  key: ++slotKeys,
  weekday,
  start,
  end,
});

function initialState(profile: VolunteerProfile | null): FormState {
  if (!profile)
    return {
      phone: '',
      skills: [],
      languages: ['it'],
      psychologistRegistration: '',
      neighbourhoodCodes: [],
      maxDistanceKm: '',
      maxTasks: '2',
      availability: [newSlot()],
      communityPointSlug: '',
    };
  return {
    phone: profile.phone ?? '',
    skills: [...profile.skills],
    languages: [...profile.languages],
    psychologistRegistration: profile.psychologistRegistration ?? '',
    neighbourhoodCodes: neighbourhoodCodesOf(profile),
    maxDistanceKm:
      profile.maxDistanceKm === null || profile.maxDistanceKm === undefined
        ? ''
        : String(Number(profile.maxDistanceKm)),
    maxTasks: String(profile.maxTasks),
    availability: profile.availability.map((a) => newSlot(String(a.weekday), a.start, a.end)),
    communityPointSlug: profile.communityPoint?.slug ?? '',
  };
}

const toggle = (list: string[], value: string, on: boolean) =>
  on ? (list.includes(value) ? list : [...list, value]) : list.filter((x) => x !== value);

const minutes = (hhmm: string) => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** Ids of the fields, for the error summary's links and the API's field errors. */
const ids = {
  phone: 'vol-phone',
  skills: `vol-skill-${skills[0]}`,
  languages: `vol-lang-${languageChoices[0]}`,
  psychologistRegistration: 'vol-psy-reg',
  neighbourhoodCodes: 'vol-neighbourhoods-first',
  maxDistanceKm: 'vol-max-distance',
  maxTasks: 'vol-max-tasks',
  availability: 'vol-slot-add',
  communityPointSlug: 'vol-hub',
} as const;
type FieldName = keyof typeof ids;
const fieldOrder = Object.keys(ids) as FieldName[];
const slotId = (key: number, part: 'weekday' | 'start' | 'end') => `vol-slot-${key}-${part}`;

/**
 * The volunteer's profile: what they can do, where, when and how much; used to sign up (POST) and
 * to change it later (PUT). Checked before sending; the API's field errors land on the fields.
 */
export function ProfileForm({
  profile,
  onSaved,
  onCancel,
}: {
  profile: VolunteerProfile | null;
  onSaved: (saved: VolunteerProfile) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const territory = useApi<Territory>('/api/v1/territory');
  const hubs = useApi<{ items: CommunityPoint[] }>('/api/v1/community-points');
  const [form, setForm] = useState<FormState>(() => initialState(profile));
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [detail, setDetail] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [slotNews, setSlotNews] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  const editing = profile !== null;

  if (territory.state === 'loading' || hubs.state === 'loading') return <Loading />;

  const validate = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!form.skills.length) out.skills = t('volunteers.form.check.skills');
    if (form.skills.includes('psychologist') && form.psychologistRegistration.trim().length < 3)
      out.psychologistRegistration = t('volunteers.form.check.psychologistRegistration');
    if (!form.languages.length) out.languages = t('volunteers.form.check.languages');
    if (!form.neighbourhoodCodes.length) out.neighbourhoodCodes = t('volunteers.form.check.neighbourhoods');
    const max = Number(form.maxTasks);
    if (!Number.isInteger(max) || max < 1 || max > 20) out.maxTasks = t('volunteers.form.check.maxTasks');
    if (form.maxDistanceKm.trim()) {
      const d = Number(form.maxDistanceKm.replace(',', '.'));
      if (!Number.isFinite(d) || d < 0.5 || d > 50)
        out.maxDistanceKm = t('volunteers.form.check.maxDistance');
    }
    if (form.phone.trim() && !/^[+\d][\d\s./-]{5,19}$/.test(form.phone.trim()))
      out.phone = t('volunteers.form.check.phone');
    if (!form.availability.length) out.availability = t('volunteers.form.check.availability');
    form.availability.forEach((s, i) => {
      const a = minutes(s.start);
      const b = minutes(s.end);
      if (Number.isNaN(a) || Number.isNaN(b) || a >= b) {
        out[slotId(s.key, 'end')] = t('volunteers.form.check.slotOrder', { n: i + 1 });
        return;
      }
      const clash = form.availability.findIndex(
        (o, j) => j < i && o.weekday === s.weekday && minutes(o.start) < b && a < minutes(o.end),
      );
      if (clash >= 0)
        out[slotId(s.key, 'start')] = t('volunteers.form.check.slotOverlap', { n: i + 1, other: clash + 1 });
    });
    return out;
  };

  const body = (): VolunteerBody => {
    const b: VolunteerBody = {
      skills: form.skills,
      languages: form.languages,
      neighbourhoodCodes: form.neighbourhoodCodes,
      maxTasks: Number(form.maxTasks),
      availability: form.availability.map((s) => ({
        weekday: Number(s.weekday),
        start: s.start,
        end: s.end,
      })),
    };
    if (form.phone.trim()) b.phone = form.phone.trim();
    if (form.skills.includes('psychologist'))
      b.psychologistRegistration = form.psychologistRegistration.trim();
    if (form.maxDistanceKm.trim()) b.maxDistanceKm = Number(form.maxDistanceKm.replace(',', '.'));
    if (form.communityPointSlug) b.communityPointSlug = form.communityPointSlug;
    return b;
  };

  /** Where an API field error goes: `body.availability.2.start` → that slot's start. */
  const placeOf = (field: string): string | null => {
    const path = field.replace(/^body\./, '').split('.');
    const head = path[0] ?? '';
    if (head === 'availability' && path[1] !== undefined) {
      const slot = form.availability[Number(path[1])];
      if (slot)
        return slotId(slot.key, path[2] === 'end' ? 'end' : path[2] === 'weekday' ? 'weekday' : 'start');
    }
    return head in ids ? head : null;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = validate();
    setAttempt((n) => n + 1);
    setDetail(undefined);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const saved = editing
        ? await api.put<VolunteerProfile>('/api/v1/volunteers/me', body())
        : await api.post<VolunteerProfile>('/api/v1/volunteers/me', body());
      onSaved(saved);
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      const placed: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const fe of problem?.errors ?? []) {
        const where = placeOf(fe.field);
        if (where && !placed[where]) placed[where] = fe.message;
        else if (!where) unplaced.push(fe.message);
      }
      setErrors(placed);
      setDetail(
        Object.keys(placed).length && !unplaced.length
          ? undefined
          : [problem?.detail ?? t('volunteers.errors.server'), ...unplaced].join(' '),
      );
    } finally {
      setBusy(false);
    }
  };

  const summary: Check[] = [
    ...fieldOrder
      .filter((f) => errors[f] && f !== 'availability')
      .map((f) => ({ id: ids[f], message: errors[f] as string })),
    ...(errors.availability ? [{ id: ids.availability, message: errors.availability }] : []),
    ...form.availability.flatMap((s) =>
      (['start', 'end'] as const)
        .map((p) => slotId(s.key, p))
        .filter((id) => errors[id])
        .map((id) => ({ id, message: errors[id] as string })),
    ),
  ];

  const addSlot = () => {
    const last = form.availability.at(-1);
    const slot = newSlot(last ? String((Number(last.weekday) % 7) + 1) : '1', last?.start, last?.end);
    set({ availability: [...form.availability, slot] });
    setSlotNews(t('volunteers.form.slotAdded', { n: form.availability.length + 1 }));
    requestAnimationFrame(() => document.getElementById(slotId(slot.key, 'weekday'))?.focus());
  };
  const removeSlot = (key: number, n: number) => {
    set({ availability: form.availability.filter((s) => s.key !== key) });
    setSlotNews(t('volunteers.form.slotRemoved', { n }));
    addButton.current?.focus();
  };
  const setSlot = (key: number, patch: Partial<Slot>) =>
    set({ availability: form.availability.map((s) => (s.key === key ? { ...s, ...patch } : s)) });

  const zones = territory.state === 'ready' ? territory.data.zones : [];
  const firstNeighbourhood = zones[0]?.neighbourhoods[0]?.code;
  const hubOptions =
    hubs.state === 'ready'
      ? hubs.data.items.filter((h) => h.active).sort((a, b) => a.name.localeCompare(b.name, 'it'))
      : [];
  const psychologist = form.skills.includes('psychologist');

  return (
    <>
      <ErrorSummary id="vol-form-errors" errors={summary} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy} className="noi-vol-form">
        <fieldset className="noi-vol-fieldset">
          <legend className="noi-vol-legend">{t('volunteers.form.skills')}</legend>
          <p id="vol-skills-hint" className="noi-hint">
            {t('volunteers.form.skillsHint')}
          </p>
          {skills.map((s) => (
            <div className="form-check" key={s}>
              <input
                id={`vol-skill-${s}`}
                type="checkbox"
                checked={form.skills.includes(s)}
                onChange={(e) => set({ skills: toggle(form.skills, s, e.target.checked) })}
                aria-describedby={
                  s === skills[0] ? describedBy('vol-skills', undefined, errors.skills) : undefined
                }
                aria-invalid={errors.skills ? true : undefined}
              />
              <label htmlFor={`vol-skill-${s}`}>
                {skillLabel(t, s)}
                <span className="d-block small noi-hint">{t(`volunteers.skillHint.${s}`)}</span>
              </label>
            </div>
          ))}
          <HintAndError id="vol-skills" error={errors.skills} />
          {psychologist && (
            <div className="form-group noi-field mt-3">
              <label htmlFor={ids.psychologistRegistration} className="active">
                {t('volunteers.form.psychologistRegistration')}
              </label>
              <input
                id={ids.psychologistRegistration}
                type="text"
                className={`form-control${errors.psychologistRegistration ? ' is-invalid' : ''}`}
                value={form.psychologistRegistration}
                maxLength={40}
                autoComplete="off"
                onChange={(e) => set({ psychologistRegistration: e.target.value })}
                aria-invalid={errors.psychologistRegistration ? true : undefined}
                aria-describedby={describedBy(
                  ids.psychologistRegistration,
                  t('volunteers.form.psychologistRegistrationHint'),
                  errors.psychologistRegistration,
                )}
              />
              <HintAndError
                id={ids.psychologistRegistration}
                hint={t('volunteers.form.psychologistRegistrationHint')}
                error={errors.psychologistRegistration}
              />
            </div>
          )}
        </fieldset>

        <fieldset className="noi-vol-fieldset">
          <legend className="noi-vol-legend">{t('volunteers.form.languages')}</legend>
          <div className="noi-vol-columns">
            {languageChoices.map((l) => (
              <div className="form-check" key={l}>
                <input
                  id={`vol-lang-${l}`}
                  type="checkbox"
                  checked={form.languages.includes(l)}
                  onChange={(e) => set({ languages: toggle(form.languages, l, e.target.checked) })}
                  aria-describedby={
                    l === languageChoices[0]
                      ? describedBy('vol-languages', undefined, errors.languages)
                      : undefined
                  }
                  aria-invalid={errors.languages ? true : undefined}
                />
                <label htmlFor={`vol-lang-${l}`}>
                  <span lang={l}>{languageName(l, l)}</span>
                  {languageName(l, l) !== languageName(l, t('volunteers.lang')) && (
                    <span lang={t('volunteers.lang')} className="noi-hint d-inline">
                      {' '}
                      ({languageName(l, t('volunteers.lang'))})
                    </span>
                  )}
                </label>
              </div>
            ))}
          </div>
          <HintAndError id="vol-languages" error={errors.languages} />
        </fieldset>

        <fieldset className="noi-vol-fieldset">
          <legend className="noi-vol-legend">{t('volunteers.form.where')}</legend>
          <p id="vol-neighbourhoods-hint" className="noi-hint">
            {t('volunteers.form.whereHint')}
          </p>
          <HintAndError id="vol-neighbourhoods" error={errors.neighbourhoodCodes} />
          <div className="row">
            {zones.map((z) => {
              const all = z.neighbourhoods.every((n) => form.neighbourhoodCodes.includes(n.code));
              return (
                <div className="col-12 col-md-6 col-xl-4" key={z.code}>
                  <fieldset className="noi-vol-zone">
                    <legend className="noi-vol-zone-legend">{z.name}</legend>
                    <div className="form-check">
                      <input
                        id={`vol-zone-${z.code}`}
                        type="checkbox"
                        checked={all}
                        onChange={(e) => {
                          const codes = z.neighbourhoods.map((n) => n.code);
                          set({
                            neighbourhoodCodes: e.target.checked
                              ? [...new Set([...form.neighbourhoodCodes, ...codes])]
                              : form.neighbourhoodCodes.filter((c) => !codes.includes(c)),
                          });
                        }}
                      />
                      <label htmlFor={`vol-zone-${z.code}`} className="fw-semibold">
                        {t('volunteers.form.wholeZone', { zone: z.name })}
                      </label>
                    </div>
                    {z.neighbourhoods.map((n) => {
                      const id = n.code === firstNeighbourhood ? ids.neighbourhoodCodes : `vol-nb-${n.code}`;
                      return (
                        <div className="form-check" key={n.code}>
                          <input
                            id={id}
                            type="checkbox"
                            data-code={n.code}
                            checked={form.neighbourhoodCodes.includes(n.code)}
                            onChange={(e) =>
                              set({
                                neighbourhoodCodes: toggle(form.neighbourhoodCodes, n.code, e.target.checked),
                              })
                            }
                            aria-describedby={
                              id === ids.neighbourhoodCodes
                                ? describedBy('vol-neighbourhoods', 'x', errors.neighbourhoodCodes)
                                : undefined
                            }
                            aria-invalid={errors.neighbourhoodCodes ? true : undefined}
                          />
                          <label htmlFor={id}>{n.name}</label>
                        </div>
                      );
                    })}
                  </fieldset>
                </div>
              );
            })}
          </div>
          <div className="row">
            <div className="col-12 col-md-6">
              <div className="form-group noi-field mt-3">
                <label htmlFor={ids.maxDistanceKm} className="active">
                  {t('volunteers.form.maxDistance')}
                </label>
                <input
                  id={ids.maxDistanceKm}
                  type="text"
                  inputMode="decimal"
                  className={`form-control${errors.maxDistanceKm ? ' is-invalid' : ''}`}
                  value={form.maxDistanceKm}
                  onChange={(e) => set({ maxDistanceKm: e.target.value })}
                  aria-invalid={errors.maxDistanceKm ? true : undefined}
                  aria-describedby={describedBy(
                    ids.maxDistanceKm,
                    t('volunteers.form.maxDistanceHint'),
                    errors.maxDistanceKm,
                  )}
                />
                <HintAndError
                  id={ids.maxDistanceKm}
                  hint={t('volunteers.form.maxDistanceHint')}
                  error={errors.maxDistanceKm}
                />
              </div>
            </div>
          </div>
        </fieldset>

        <fieldset className="noi-vol-fieldset">
          <legend className="noi-vol-legend">{t('volunteers.form.when')}</legend>
          <p id="vol-when-hint" className="noi-hint">
            {t('volunteers.form.whenHint')}
          </p>
          {form.availability.map((s, i) => {
            const n = i + 1;
            const startErr = errors[slotId(s.key, 'start')];
            const endErr = errors[slotId(s.key, 'end')];
            return (
              <fieldset className="noi-vol-slot" key={s.key}>
                <legend className="noi-vol-zone-legend">{t('volunteers.form.slot', { n })}</legend>
                <div className="d-flex flex-wrap gap-3 align-items-end">
                  <div className="select-wrapper noi-field">
                    <label htmlFor={slotId(s.key, 'weekday')}>{t('volunteers.form.weekday')}</label>
                    <select
                      id={slotId(s.key, 'weekday')}
                      value={s.weekday}
                      onChange={(e) => setSlot(s.key, { weekday: e.target.value })}
                    >
                      {weekdays.map((d) => (
                        <option key={d} value={String(d)}>
                          {weekdayLabel(t, d)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="noi-field">
                    <label htmlFor={slotId(s.key, 'start')} className="d-block">
                      {t('volunteers.form.from')}
                    </label>
                    <input
                      id={slotId(s.key, 'start')}
                      type="time"
                      step={900}
                      className={`form-control${startErr ? ' is-invalid' : ''}`}
                      value={s.start}
                      onChange={(e) => setSlot(s.key, { start: e.target.value })}
                      aria-invalid={startErr ? true : undefined}
                      aria-describedby={describedBy(slotId(s.key, 'start'), undefined, startErr)}
                    />
                  </div>
                  <div className="noi-field">
                    <label htmlFor={slotId(s.key, 'end')} className="d-block">
                      {t('volunteers.form.to')}
                    </label>
                    <input
                      id={slotId(s.key, 'end')}
                      type="time"
                      step={900}
                      className={`form-control${endErr ? ' is-invalid' : ''}`}
                      value={s.end}
                      onChange={(e) => setSlot(s.key, { end: e.target.value })}
                      aria-invalid={endErr ? true : undefined}
                      aria-describedby={describedBy(slotId(s.key, 'end'), undefined, endErr)}
                    />
                  </div>
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm mb-2"
                    onClick={() => removeSlot(s.key, n)}
                  >
                    {t('volunteers.form.removeSlot', { n })}
                  </button>
                </div>
                <HintAndError id={slotId(s.key, 'start')} error={startErr} />
                <HintAndError id={slotId(s.key, 'end')} error={endErr} />
              </fieldset>
            );
          })}
          <button
            ref={addButton}
            id={ids.availability}
            type="button"
            className="btn btn-outline-primary"
            onClick={addSlot}
            aria-describedby={describedBy('vol-availability', undefined, errors.availability)}
          >
            {t('volunteers.form.addSlot')}
          </button>
          <HintAndError id="vol-availability" error={errors.availability} />
          <p className="visually-hidden" aria-live="polite">
            {slotNews}
          </p>
        </fieldset>

        <fieldset className="noi-vol-fieldset">
          <legend className="noi-vol-legend">{t('volunteers.form.howMuch')}</legend>
          <div className="row">
            <div className="col-12 col-md-6">
              <div className="form-group noi-field">
                <label htmlFor={ids.maxTasks} className="active">
                  {t('volunteers.form.maxTasks')}
                </label>
                <input
                  id={ids.maxTasks}
                  type="number"
                  min={1}
                  max={20}
                  step={1}
                  inputMode="numeric"
                  className={`form-control${errors.maxTasks ? ' is-invalid' : ''}`}
                  value={form.maxTasks}
                  onChange={(e) => set({ maxTasks: e.target.value })}
                  aria-invalid={errors.maxTasks ? true : undefined}
                  aria-describedby={describedBy(
                    ids.maxTasks,
                    t('volunteers.form.maxTasksHint'),
                    errors.maxTasks,
                  )}
                />
                <HintAndError
                  id={ids.maxTasks}
                  hint={t('volunteers.form.maxTasksHint')}
                  error={errors.maxTasks}
                />
              </div>
            </div>
          </div>
        </fieldset>

        <fieldset className="noi-vol-fieldset">
          <legend className="noi-vol-legend">{t('volunteers.form.contact')}</legend>
          <div className="row">
            <div className="col-12 col-md-6">
              <div className="form-group noi-field">
                <label htmlFor={ids.phone} className="active">
                  {t('volunteers.form.phone')}
                </label>
                <input
                  id={ids.phone}
                  type="tel"
                  autoComplete="tel"
                  className={`form-control${errors.phone ? ' is-invalid' : ''}`}
                  value={form.phone}
                  maxLength={20}
                  onChange={(e) => set({ phone: e.target.value })}
                  aria-invalid={errors.phone ? true : undefined}
                  aria-describedby={describedBy(ids.phone, t('volunteers.form.phoneHint'), errors.phone)}
                />
                <HintAndError id={ids.phone} hint={t('volunteers.form.phoneHint')} error={errors.phone} />
              </div>
            </div>
            <div className="col-12 col-md-6">
              <div className="select-wrapper noi-field">
                <label htmlFor={ids.communityPointSlug}>{t('volunteers.form.hub')}</label>
                <select
                  id={ids.communityPointSlug}
                  value={form.communityPointSlug}
                  onChange={(e) => set({ communityPointSlug: e.target.value })}
                  aria-invalid={errors.communityPointSlug ? true : undefined}
                  aria-describedby={describedBy(
                    ids.communityPointSlug,
                    t('volunteers.form.hubHint'),
                    errors.communityPointSlug,
                  )}
                >
                  <option value="">{t('volunteers.form.hubAny')}</option>
                  {hubOptions.map((h) => (
                    <option key={h.slug} value={h.slug}>
                      {h.name} ({h.zone.name})
                    </option>
                  ))}
                </select>
                <HintAndError
                  id={ids.communityPointSlug}
                  hint={t('volunteers.form.hubHint')}
                  error={errors.communityPointSlug}
                />
              </div>
            </div>
          </div>
        </fieldset>

        <div className="d-flex flex-wrap gap-2 mt-3">
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
            {busy
              ? t('volunteers.form.sending')
              : editing
                ? t('volunteers.form.save')
                : t('volunteers.form.submit')}
          </button>
          {onCancel && (
            <button type="button" className="btn btn-outline-primary btn-lg" onClick={onCancel}>
              {t('volunteers.form.cancel')}
            </button>
          )}
        </div>
      </form>
    </>
  );
}

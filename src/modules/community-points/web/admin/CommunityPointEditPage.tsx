import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api, type Problem, useApi } from '../../../../web/api.ts';
import { useCurrentUser } from '../../../../web/current-user.tsx';
import { Loading } from '../../../../web/Loading.tsx';
import { usePageTitle } from '../../../../web/page-title.ts';
import { NotFound } from '../../../../web/pages/NotFound.tsx';
import { Breadcrumb } from '../../../directory/web/parts.tsx';
import {
  CheckboxField,
  FieldGroup,
  InputField,
  looksLikeEmail,
  TextAreaField,
} from '../../../directory/web-admin/edit-parts.tsx';
import { Forbidden, LoadFailure } from '../../../identity/web/access.tsx';
import { fieldErrors, Notice, ProblemAlert, toProblem } from '../../../identity/web/forms.tsx';
import type { TerritoryData } from '../../../territory/web/types.ts';
import { dayName } from '../format.ts';
import { useTerritory } from '../parts.tsx';
import type { CommunityPoint, CommunityPointInput, CommunityPointRegister } from '../types.ts';
import { AdminOnly, ErrorSummary, type FieldCheck } from './admin-parts.tsx';
import { PointPicker } from './PointPicker.tsx';

const slugPattern = /^[a-z0-9-]{1,60}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const days = [1, 2, 3, 4, 5, 6, 7];
/** The fields the form shows: their server errors are shown by them, the others in the alert. */
const shownFields = [
  'slug',
  'name',
  'description',
  'hostName',
  'address',
  'lat',
  'lon',
  'phone',
  'email',
  'hours',
  'neighbourhoodCodes',
  'active',
];

interface HoursRow {
  key: number;
  day: string;
  opens: string;
  closes: string;
}

interface Form {
  slug: string;
  name: string;
  description: string;
  hostName: string;
  address: string;
  lat: string;
  lon: string;
  phone: string;
  email: string;
  neighbourhoodCodes: string[];
  hours: HoursRow[];
  active: boolean;
}

let rowKey = 0;
const nextKey = () => ++rowKey;

const emptyForm = (): Form => ({
  slug: '',
  name: '',
  description: '',
  hostName: '',
  address: '',
  lat: '',
  lon: '',
  phone: '',
  email: '',
  neighbourhoodCodes: [],
  hours: [],
  active: true,
});

const formOf = (p: CommunityPoint): Form => ({
  slug: p.slug,
  name: p.name,
  description: p.description,
  hostName: p.hostName,
  address: p.address,
  lat: String(p.lat),
  lon: String(p.lon),
  phone: p.phone ?? '',
  email: p.email ?? '',
  neighbourhoodCodes: [...p.neighbourhoodCodes],
  hours: [...p.hours]
    .sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens))
    .map((h) => ({ key: nextKey(), day: String(h.day), opens: h.opens, closes: h.closes })),
  active: p.active,
});

/** "Sant'Eufemia 2" → "sant-eufemia-2": a code for the address, from the name. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^punto comunit[aà]\s+/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** A coordinate as people write it ("45,5390" or "45.5390"), or null. */
function coordinate(value: string): number | null {
  const text = value.trim().replace(',', '.');
  if (!/^-?\d{1,3}(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/** `/admin/punti-comunita/nuovo` and `/admin/punti-comunita/:slug/modifica`. */
export function CommunityPointEditPage({ mode }: { mode: 'new' | 'edit' }) {
  return (
    <AdminOnly>
      <EditLoader mode={mode} />
    </AdminOnly>
  );
}

function EditLoader({ mode }: { mode: 'new' | 'edit' }) {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  // Just created: the new hub comes along, while the register loads again.
  const created = (location.state as { created?: CommunityPoint } | null)?.created;
  const register = useApi<CommunityPointRegister>('/api/v1/admin/community-points');
  // Keep what was loaded while it reloads (on a change of language): the form keeps its edits.
  const last = useRef<CommunityPointRegister | null>(null);
  if (register.state === 'ready') last.current = register.data;
  const point =
    mode === 'edit'
      ? (last.current?.items.find((p) => p.slug === slug) ?? (created?.slug === slug ? created : undefined))
      : undefined;
  usePageTitle(
    mode === 'new'
      ? t('communityPointsAdmin.form.newTitle')
      : t('communityPointsAdmin.form.editTitle', { name: point?.name ?? slug }),
  );
  if (register.state === 'error') return <LoadFailure error={register.error} onRetry={register.reload} />;
  if (!last.current) return <Loading />;
  if (mode === 'edit' && !point) return <NotFound />;
  return (
    <Editor
      key={point?.slug ?? 'new'}
      point={point ?? null}
      created={created !== undefined && created.slug === point?.slug}
      taken={last.current.items.map((p) => p.slug)}
      onSaved={register.reload}
    />
  );
}

function Editor({
  point,
  created,
  taken,
  onSaved,
}: {
  point: CommunityPoint | null;
  /** Shown right after it was created: say so. */
  created: boolean;
  taken: string[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { setUser } = useCurrentUser();
  const navigate = useNavigate();
  const territory = useTerritory();
  const isNew = point === null;
  const [form, setForm] = useState<Form>(() => (point ? formOf(point) : emptyForm()));
  const [slugTouched, setSlugTouched] = useState(false);
  const [checks, setChecks] = useState<FieldCheck[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<{ kind: 'created' | 'saved'; n: number } | null>(() =>
    created ? { kind: 'created', n: 1 } : null,
  );
  const [busy, setBusy] = useState(false);
  const [forbidden, setForbidden] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => {
      const next = { ...f, [key]: value };
      if (key === 'name' && isNew && !slugTouched) next.slug = slugFrom(String(value));
      return next;
    });
    setNotice(null);
  };
  const setRow = (key: number, part: Partial<HoursRow>) =>
    set(
      'hours',
      form.hours.map((h) => (h.key === key ? { ...h, ...part } : h)),
    );
  const addRow = () => {
    const key = nextKey();
    const previous = form.hours[form.hours.length - 1];
    set('hours', [
      ...form.hours,
      {
        key,
        day: previous ? String(Math.min(Number(previous.day) + 1, 7)) : '1',
        opens: previous?.opens ?? '09:00',
        closes: previous?.closes ?? '12:00',
      },
    ]);
    // The new row's first field takes the focus, once it is drawn.
    setTimeout(() => document.getElementById(`cp-hours-${key}-day`)?.focus(), 0);
  };
  const removeRow = (key: number) => {
    set(
      'hours',
      form.hours.filter((h) => h.key !== key),
    );
    addButton.current?.focus();
  };

  const validate = (): FieldCheck[] => {
    const found: FieldCheck[] = [];
    const e = (field: string, id: string, key: string, params: Record<string, unknown> = {}) =>
      found.push({ field, id, message: t(`communityPointsAdmin.form.errors.${key}`, params) });
    if (isNew) {
      if (!slugPattern.test(form.slug.trim())) e('slug', 'cp-slug', 'slug');
      else if (taken.includes(form.slug.trim()))
        e('slug', 'cp-slug', 'slugTaken', { slug: form.slug.trim() });
    }
    if (form.name.trim().length < 3) e('name', 'cp-name', 'name');
    if (form.hostName.trim().length < 2) e('hostName', 'cp-hostName', 'hostName');
    if (form.address.trim().length < 3) e('address', 'cp-address', 'address');
    const lat = coordinate(form.lat);
    const lon = coordinate(form.lon);
    if (lat === null || lat < -90 || lat > 90) e('lat', 'cp-lat', 'lat');
    if (lon === null || lon < -180 || lon > 180) e('lon', 'cp-lon', 'lon');
    if (form.email.trim() && !looksLikeEmail(form.email.trim())) e('email', 'cp-email', 'email');
    if (form.neighbourhoodCodes.length === 0) {
      const first = territory.zones[0]?.neighbourhoods[0]?.code;
      e('neighbourhoodCodes', first ? `cp-hood-${first}` : 'cp-neighbourhoods', 'neighbourhoods');
    }
    form.hours.forEach((h, i) => {
      const n = i + 1;
      if (!timePattern.test(h.opens)) e(`hours.${i}.opens`, `cp-hours-${h.key}-opens`, 'opens', { n });
      else if (!timePattern.test(h.closes))
        e(`hours.${i}.closes`, `cp-hours-${h.key}-closes`, 'closes', { n });
      else if (h.opens >= h.closes) e(`hours.${i}.closes`, `cp-hours-${h.key}-closes`, 'order', { n });
    });
    return found;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    setProblem(null);
    const found = validate();
    setChecks(found);
    if (found.length) return;
    const slug = isNew ? form.slug.trim() : point.slug;
    const body: CommunityPointInput = {
      name: form.name.trim(),
      description: form.description.trim(),
      hostName: form.hostName.trim(),
      // Not on the form: kept as it is (the link to the host's entry in the directory).
      hostOrganizationId: point?.hostOrganizationId ?? null,
      address: form.address.trim(),
      lat: coordinate(form.lat) as number,
      lon: coordinate(form.lon) as number,
      phone: form.phone.trim() || null,
      email: form.email.trim() || null,
      hours: form.hours.map((h) => ({ day: Number(h.day), opens: h.opens, closes: h.closes })),
      neighbourhoodCodes: form.neighbourhoodCodes,
      active: form.active,
    };
    setBusy(true);
    try {
      const next = await api.put<CommunityPoint>(
        `/api/v1/community-points/${encodeURIComponent(slug)}${isNew ? '?createOnly=true' : ''}`,
        body,
      );
      onSaved();
      if (isNew) {
        navigate(`/admin/punti-comunita/${next.slug}/modifica`, { replace: true, state: { created: next } });
        return;
      }
      setForm(formOf(next));
      setNotice((x) => ({ kind: 'saved', n: (x?.n ?? 0) + 1 }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setUser(null);
      else if (error instanceof ApiError && error.status === 403) setForbidden(true);
      else setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  if (forbidden) return <Forbidden />;
  const server = fieldErrors(problem);
  // A point outside the city: the API says so in its own words; show them by the coordinates.
  if (problem?.code === 'outside_city') server.lat = problem.detail;
  const errorOf = (field: string) =>
    checks.find((c) => c.field === field)?.message ??
    server[field] ??
    Object.entries(server).find(([k]) => k.startsWith(`${field}.`) && !/^hours\.\d/.test(k))?.[1];
  const f = (key: string) => `communityPointsAdmin.form.${key}`;
  const title = isNew ? t(f('newTitle')) : t(f('editTitle'), { name: point.name });
  const lat = coordinate(form.lat);
  const lon = coordinate(form.lon);
  const zones: TerritoryData['zones'] = territory.zones;

  return (
    <div className="container my-5">
      <Breadcrumb
        trail={[{ to: '/admin/punti-comunita', label: t('communityPointsAdmin.list.title') }]}
        current={isNew ? t(f('newTitle')) : point.name}
      />
      <h1>{title}</h1>
      <p className="lead">{t(isNew ? f('newIntro') : f('editIntro'))}</p>
      {notice && (
        <Notice key={notice.n} focus>
          <p className="mb-1">{t(f(notice.kind))}</p>
          <p className="mb-0">
            <Link to={`/punti-comunita/${point?.slug ?? form.slug}`}>{t(f('seePublic'))}</Link>
            {' · '}
            <Link to="/admin/punti-comunita">{t(f('backToList'))}</Link>
          </p>
        </Notice>
      )}
      <ErrorSummary errors={checks} />
      <ProblemAlert problem={problem} shownFields={shownFields} />
      <div className="row">
        <div className="col-12 col-lg-8">
          <p className="small">{t(f('required'))}</p>
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="noi-cp-form">
            {isNew ? (
              <InputField
                id="cp-slug"
                label={t(f('slug'))}
                hint={t(f('slugHint'))}
                required
                maxLength={60}
                value={form.slug}
                onChange={(v) => {
                  setSlugTouched(true);
                  set('slug', v);
                }}
                error={errorOf('slug')}
              />
            ) : (
              <p>
                <span className="fw-semibold">{t(f('slugShown'))}:</span> <code>{point.slug}</code>{' '}
                <span className="small text-muted">{t(f('slugFixed'))}</span>
              </p>
            )}
            <InputField
              id="cp-name"
              label={t(f('name'))}
              hint={t(f('nameHint'))}
              required
              maxLength={200}
              value={form.name}
              onChange={(v) => set('name', v)}
              error={errorOf('name')}
            />
            <InputField
              id="cp-hostName"
              label={t(f('hostName'))}
              hint={t(f('hostNameHint'))}
              required
              maxLength={200}
              autoComplete="organization"
              value={form.hostName}
              onChange={(v) => set('hostName', v)}
              error={errorOf('hostName')}
            />
            <TextAreaField
              id="cp-description"
              label={t(f('description'))}
              hint={t(f('descriptionHint'))}
              maxLength={4000}
              rows={4}
              value={form.description}
              onChange={(v) => set('description', v)}
              error={errorOf('description')}
            />

            <FieldGroup id="cp-place" legend={t(f('placeLegend'))} hint={t(f('placeHint'))}>
              <InputField
                id="cp-address"
                label={t(f('address'))}
                hint={t(f('addressHint'))}
                required
                maxLength={300}
                value={form.address}
                onChange={(v) => set('address', v)}
                error={errorOf('address')}
              />
              <div className="row">
                <div className="col-12 col-md-6">
                  <InputField
                    id="cp-lat"
                    label={t(f('lat'))}
                    hint={t(f('latHint'))}
                    required
                    maxLength={20}
                    value={form.lat}
                    onChange={(v) => set('lat', v)}
                    error={errorOf('lat')}
                  />
                </div>
                <div className="col-12 col-md-6">
                  <InputField
                    id="cp-lon"
                    label={t(f('lon'))}
                    hint={t(f('lonHint'))}
                    required
                    maxLength={20}
                    value={form.lon}
                    onChange={(v) => set('lon', v)}
                    error={errorOf('lon')}
                  />
                </div>
              </div>
              <PointPicker
                lat={lat}
                lon={lon}
                onPick={(a, b) => {
                  setForm((x) => ({ ...x, lat: String(a), lon: String(b) }));
                  setNotice(null);
                }}
              />
            </FieldGroup>

            <FieldGroup id="cp-contacts" legend={t(f('contactsLegend'))} hint={t(f('contactsHint'))}>
              <InputField
                id="cp-phone"
                type="tel"
                label={t(f('phone'))}
                maxLength={40}
                value={form.phone}
                onChange={(v) => set('phone', v)}
                error={errorOf('phone')}
              />
              <InputField
                id="cp-email"
                type="email"
                label={t(f('email'))}
                hint={t(f('emailHint'))}
                maxLength={254}
                value={form.email}
                onChange={(v) => set('email', v)}
                error={errorOf('email')}
              />
            </FieldGroup>

            <FieldGroup
              id="cp-neighbourhoods"
              legend={t(f('neighbourhoods'))}
              hint={t(f('neighbourhoodsHint'))}
              error={errorOf('neighbourhoodCodes')}
            >
              {!territory.ready && zones.length === 0 && <Loading />}
              <div className="row">
                {zones.map((z) => (
                  <div key={z.code} className="col-12 col-md-6">
                    <fieldset className="noi-cp-zone">
                      <legend className="noi-cp-zone-legend">{z.name}</legend>
                      {z.neighbourhoods.map((n) => (
                        <CheckboxField
                          key={n.code}
                          id={`cp-hood-${n.code}`}
                          label={n.name}
                          checked={form.neighbourhoodCodes.includes(n.code)}
                          onChange={(on) =>
                            set(
                              'neighbourhoodCodes',
                              on
                                ? [...form.neighbourhoodCodes, n.code]
                                : form.neighbourhoodCodes.filter((c) => c !== n.code),
                            )
                          }
                        />
                      ))}
                    </fieldset>
                  </div>
                ))}
              </div>
            </FieldGroup>

            <FieldGroup id="cp-hours" legend={t(f('hours'))} hint={t(f('hoursHint'))} error={server.hours}>
              {form.hours.length === 0 && <p>{t(f('hoursNone'))}</p>}
              <ol className="noi-cp-hours-rows">
                {form.hours.map((h, i) => {
                  const n = i + 1;
                  const opensError = errorOf(`hours.${i}.opens`);
                  const closesError = errorOf(`hours.${i}.closes`) ?? errorOf(`hours.${i}.day`);
                  return (
                    <li key={h.key}>
                      <fieldset className="noi-cp-hours-row">
                        <legend className="noi-cp-zone-legend">{t(f('hoursRow'), { n })}</legend>
                        <div className="noi-cp-hours-fields">
                          <div className="noi-field">
                            <label htmlFor={`cp-hours-${h.key}-day`} className="fw-semibold d-block">
                              {t(f('day'))}
                            </label>
                            <select
                              id={`cp-hours-${h.key}-day`}
                              className="form-select"
                              value={h.day}
                              onChange={(e) => setRow(h.key, { day: e.target.value })}
                            >
                              {days.map((d) => (
                                <option key={d} value={String(d)}>
                                  {dayName(d)}
                                </option>
                              ))}
                            </select>
                          </div>
                          <TimeField
                            id={`cp-hours-${h.key}-opens`}
                            label={t(f('opens'))}
                            value={h.opens}
                            onChange={(v) => setRow(h.key, { opens: v })}
                            error={opensError}
                          />
                          <TimeField
                            id={`cp-hours-${h.key}-closes`}
                            label={t(f('closes'))}
                            value={h.closes}
                            onChange={(v) => setRow(h.key, { closes: v })}
                            error={closesError}
                          />
                          <div className="noi-field">
                            <button
                              type="button"
                              className="btn btn-outline-danger btn-sm"
                              onClick={() => removeRow(h.key)}
                            >
                              {t(f('removeHours'), { n })}
                            </button>
                          </div>
                        </div>
                      </fieldset>
                    </li>
                  );
                })}
              </ol>
              <button ref={addButton} type="button" className="btn btn-outline-primary mb-3" onClick={addRow}>
                {t(f('addHours'))}
              </button>
            </FieldGroup>

            <FieldGroup id="cp-state" legend={t(f('stateLegend'))} hint={t(f('activeHint'))}>
              <CheckboxField
                id="cp-active"
                label={t(f('active'))}
                checked={form.active}
                onChange={(v) => set('active', v)}
              />
            </FieldGroup>

            <div className="d-flex flex-wrap gap-3 align-items-center">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {isNew ? t(f('create')) : t(f('save'))}
              </button>
              <Link to="/admin/punti-comunita">{t(f('backToList'))}</Link>
            </div>
          </form>
        </div>
      </div>
    </div>
  );
}

/** A time of day (HH:MM, 24 hours), with its error tied to it. */
function TimeField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <div className="noi-field">
      <label htmlFor={id} className="fw-semibold d-block">
        {label}
      </label>
      <input
        id={id}
        type="time"
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        step={300}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <div id={`${id}-error`} className="noi-field-error">
          {error}
        </div>
      )}
    </div>
  );
}

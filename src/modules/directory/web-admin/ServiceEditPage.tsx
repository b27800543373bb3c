import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { ApiError, api, type Problem, useApi } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { Forbidden, LoadFailure } from '../../identity/web/access.tsx';
import { Notice, ProblemAlert, SelectField, toProblem } from '../../identity/web/forms.tsx';
import {
  type Category,
  CheckboxField,
  type EditableService,
  EditBreadcrumb,
  errorsByField,
  FieldGroup,
  InputField,
  looksLikeEmail,
  looksLikeUrl,
  mayEdit,
  orNull,
  same,
  TextAreaField,
  uuidPattern,
} from './edit-parts.tsx';

/** Languages offered as checkboxes: the most spoken in Italian cities besides Italian. */
const commonLanguages = [
  'it',
  'en',
  'fr',
  'es',
  'de',
  'pt',
  'ro',
  'sq',
  'uk',
  'ru',
  'ar',
  'zh',
  'ur',
  'pa',
  'hi',
  'bn',
];
const statuses = ['active', 'inactive', 'defunct'] as const;

/** What the API takes (PATCH /api/v1/directory/services/:id), every field. */
interface ServiceValues {
  name: string;
  alternateName: string | null;
  description: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: string;
  applicationProcess: string;
  eligibilityDescription: string;
  minimumAge: number | null;
  maximumAge: number | null;
  targetGroups: string[];
  free: boolean;
  feesDescription: string;
  languages: string[];
  categories: string[];
}
type Key = keyof ServiceValues;
const keys: Key[] = [
  'name',
  'alternateName',
  'description',
  'url',
  'email',
  'phone',
  'status',
  'applicationProcess',
  'eligibilityDescription',
  'minimumAge',
  'maximumAge',
  'targetGroups',
  'free',
  'feesDescription',
  'languages',
  'categories',
];
const unordered = new Set<Key>(['languages', 'categories']);

/** What the form holds: text as typed. */
interface ServiceForm {
  name: string;
  alternateName: string;
  description: string;
  url: string;
  email: string;
  phone: string;
  status: string;
  applicationProcess: string;
  eligibilityDescription: string;
  minimumAge: string;
  maximumAge: string;
  targetGroups: string;
  free: boolean;
  feesDescription: string;
  languages: string[];
  otherLanguages: string;
  categories: string[];
}

const valuesOf = (s: EditableService): ServiceValues => ({
  name: s.name,
  alternateName: s.alternateName,
  description: s.description,
  url: s.url,
  email: s.email,
  phone: s.phone,
  status: s.status,
  applicationProcess: s.applicationProcess,
  eligibilityDescription: s.eligibilityDescription,
  minimumAge: s.minimumAge,
  maximumAge: s.maximumAge,
  targetGroups: s.targetGroups,
  free: s.free,
  feesDescription: s.feesDescription,
  languages: s.languages,
  categories: s.categories.map((c) => c.code),
});

const formOf = (v: ServiceValues): ServiceForm => ({
  name: v.name,
  alternateName: v.alternateName ?? '',
  description: v.description,
  url: v.url ?? '',
  email: v.email ?? '',
  phone: v.phone ?? '',
  status: v.status,
  applicationProcess: v.applicationProcess,
  eligibilityDescription: v.eligibilityDescription,
  minimumAge: v.minimumAge === null ? '' : String(v.minimumAge),
  maximumAge: v.maximumAge === null ? '' : String(v.maximumAge),
  targetGroups: v.targetGroups.join(', '),
  free: v.free,
  feesDescription: v.feesDescription,
  languages: v.languages,
  otherLanguages: '',
  categories: v.categories,
});

/** "3" → 3, "" → null, anything else → undefined (not an age). */
function age(text: string): number | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  if (!/^\d{1,3}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 120 ? n : undefined;
}

const unique = (list: string[]) => [...new Set(list)];

/** /servizi/:id/modifica: every field of a service, for its organisation's admin or the city. */
export function ServiceEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const { status, user } = useCurrentUser();
  const valid = uuidPattern.test(id);
  const loaded = useApi<EditableService>(valid ? `/api/v1/directory/services/${id}` : null);
  const categories = useApi<Category[]>('/api/v1/directory/categories');
  // Keep what was loaded while it reloads (e.g. on a change of language): the form keeps its edits.
  const last = useRef<EditableService | null>(null);
  if (loaded.state === 'ready') last.current = loaded.data;
  const lastCategories = useRef<Category[] | null>(null);
  if (categories.state === 'ready') lastCategories.current = categories.data;
  usePageTitle(
    last.current ? t('directoryEdit.service.title', { name: last.current.name }) : t('directoryEdit.edit'),
  );
  if (!valid) return <NotFound />;
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signInPath(location.pathname)} replace />;
  if (loaded.state === 'error') return <LoadFailure error={loaded.error} onRetry={loaded.reload} />;
  if (categories.state === 'error')
    return <LoadFailure error={categories.error} onRetry={categories.reload} />;
  const service = last.current?.id === id ? last.current : null;
  if (!service || !lastCategories.current) return <Loading />;
  if (!mayEdit(user, service.organization.id)) return <Forbidden />;
  return <ServiceEditor key={service.id} service={service} categories={lastCategories.current} />;
}

function ServiceEditor({ service, categories }: { service: EditableService; categories: Category[] }) {
  const { t, i18n } = useTranslation();
  const { setUser } = useCurrentUser();
  const [name, setName] = useState(service.name);
  const [baseline, setBaseline] = useState<ServiceValues>(() => valuesOf(service));
  const [form, setForm] = useState<ServiceForm>(() => formOf(valuesOf(service)));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(0);
  const [unchanged, setUnchanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [forbidden, setForbidden] = useState(false);
  // The languages shown as checkboxes: the common ones and any the service already has.
  const [languageChoices, setLanguageChoices] = useState(() =>
    unique([...commonLanguages, ...service.languages]),
  );
  const languageNames = useMemo(() => {
    const lang = i18n.language === 'en' ? 'en' : 'it';
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([lang], { type: 'language' });
    } catch {
      names = null;
    }
    return (code: string) => {
      const n = names?.of(code) ?? code;
      return n === code ? code : `${n.charAt(0).toLocaleUpperCase(lang)}${n.slice(1)} (${code})`;
    };
  }, [i18n.language]);

  const set = <K extends keyof ServiceForm>(key: K, value: ServiceForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(0);
    setUnchanged(false);
  };
  const toggle = (key: 'languages' | 'categories', code: string, on: boolean) =>
    set(key, on ? unique([...form[key], code]) : form[key].filter((c) => c !== code));

  /** The form as the API takes it, or the errors to fix first. */
  const read = (): { values: ServiceValues; errors: { field: string; message: string }[] } => {
    const errors: { field: string; message: string }[] = [];
    const fail = (field: string, key: string, params?: Record<string, unknown>) =>
      errors.push({ field, message: t(`directoryEdit.errors.${key}`, params) });
    const minimumAge = age(form.minimumAge);
    const maximumAge = age(form.maximumAge);
    const other = form.otherLanguages
      .split(/[\s,;]+/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const targetGroups = unique(
      form.targetGroups
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    );
    const values: ServiceValues = {
      name: form.name.trim(),
      alternateName: orNull(form.alternateName),
      description: form.description.trim(),
      url: orNull(form.url),
      email: orNull(form.email),
      phone: orNull(form.phone),
      status: form.status,
      applicationProcess: form.applicationProcess.trim(),
      eligibilityDescription: form.eligibilityDescription.trim(),
      minimumAge: minimumAge ?? null,
      maximumAge: maximumAge ?? null,
      targetGroups,
      free: form.free,
      feesDescription: form.feesDescription.trim(),
      languages: unique([...form.languages, ...other]),
      categories: form.categories,
    };
    if (values.name.length < 2) fail('name', 'name');
    if (values.url && !looksLikeUrl(values.url)) fail('url', 'url');
    if (values.email && !looksLikeEmail(values.email)) fail('email', 'email');
    if (minimumAge === undefined) fail('minimumAge', 'age');
    if (maximumAge === undefined) fail('maximumAge', 'age');
    if (
      values.minimumAge !== null &&
      values.maximumAge !== null &&
      minimumAge !== undefined &&
      values.minimumAge > values.maximumAge
    )
      fail('minimumAge', 'ageOrder');
    if (targetGroups.length > 20 || targetGroups.some((g) => g.length > 60))
      fail('targetGroups', 'targetGroups');
    const badCodes = other.filter((c) => !/^[a-z]{2}$/.test(c));
    if (badCodes.length > 0) fail('otherLanguages', 'languageCodes', { codes: badCodes.join(', ') });
    else if (values.languages.length === 0) fail('languages', 'languages');
    else if (values.languages.length > 20) fail('languages', 'tooManyLanguages');
    if (values.categories.length < 1 || values.categories.length > 10) fail('categories', 'categories');
    return { values, errors };
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(0);
    setUnchanged(false);
    const { values, errors } = read();
    if (errors.length > 0) {
      setProblem({ type: 'client', title: '', status: 400, detail: t('directoryEdit.fixErrors'), errors });
      return;
    }
    const patch: Partial<ServiceValues> = {};
    for (const key of keys) {
      if (!same(values[key], baseline[key], unordered.has(key))) Object.assign(patch, { [key]: values[key] });
    }
    if (Object.keys(patch).length === 0) {
      setProblem(null);
      setUnchanged(true);
      return;
    }
    setBusy(true);
    try {
      const updated = await api.patch<EditableService>(`/api/v1/directory/services/${service.id}`, patch);
      const next = valuesOf(updated);
      setBaseline(next);
      setForm(formOf(next));
      setLanguageChoices((choices) => unique([...choices, ...next.languages]));
      setName(updated.name);
      setProblem(null);
      setSaved((n) => n + 1);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setUser(null);
      else if (error instanceof ApiError && error.status === 403) setForbidden(true);
      else setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  if (forbidden) return <Forbidden />;
  const errors = errorsByField(problem);
  const tops = categories.filter((c) => !c.parentCode);
  const childrenOf = (code: string) => categories.filter((c) => c.parentCode === code);
  const f = (key: string) => `directoryEdit.service.${key}`;
  return (
    <div className="container my-5">
      <EditBreadcrumb name={name} to={`/servizi/${service.id}`} />
      <h1>{t('directoryEdit.service.title', { name })}</h1>
      <p className="lead">{t('directoryEdit.service.intro')}</p>
      <p>
        {t('directoryEdit.service.organization')}{' '}
        <Link to={`/organizzazioni/${service.organization.id}/modifica`}>
          {t('directoryEdit.service.editOrganization', { name: service.organization.name })}
        </Link>
      </p>
      <ProblemAlert problem={problem} shownFields={[...keys, 'otherLanguages']} />
      {saved > 0 && (
        <Notice key={saved} focus>
          <p className="mb-1">{t('directoryEdit.service.saved')}</p>
          <Link to={`/servizi/${service.id}`}>{t('directoryEdit.service.back')}</Link>
        </Notice>
      )}
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="noi-edit-form">
        <section aria-labelledby="service-about-title" className="mt-4">
          <h2 id="service-about-title" className="h4">
            {t(f('aboutTitle'))}
          </h2>
          <InputField
            id="service-name"
            label={t(f('name'))}
            required
            maxLength={200}
            value={form.name}
            onChange={(v) => set('name', v)}
            error={errors.name}
          />
          <InputField
            id="service-alternateName"
            label={t(f('alternateName'))}
            hint={t(f('alternateNameHint'))}
            maxLength={200}
            value={form.alternateName}
            onChange={(v) => set('alternateName', v)}
            error={errors.alternateName}
          />
          <TextAreaField
            id="service-description"
            label={t(f('description'))}
            hint={t(f('descriptionHint'))}
            maxLength={4000}
            rows={5}
            value={form.description}
            onChange={(v) => set('description', v)}
            error={errors.description}
          />
          <SelectField
            id="service-status"
            label={t(f('status'))}
            value={form.status}
            onChange={(v) => set('status', v)}
            options={[
              ...statuses.map((s) => ({ value: s, label: t(`directoryEdit.status.${s}`) })),
              ...(statuses.includes(form.status as never)
                ? []
                : [{ value: form.status, label: form.status }]),
            ]}
            error={errors.status}
          />
          <FieldGroup
            id="service-categories"
            legend={t(f('categories'))}
            hint={t(f('categoriesHint'))}
            error={errors.categories}
          >
            <div className="row">
              {tops.map((top) => {
                const kids = childrenOf(top.code);
                return (
                  <div key={top.code} className="col-12 col-md-6 mb-2">
                    <CheckboxField
                      id={`service-category-${top.code}`}
                      label={top.name}
                      checked={form.categories.includes(top.code)}
                      onChange={(on) => toggle('categories', top.code, on)}
                    />
                    {kids.length > 0 && (
                      <fieldset className="noi-edit-subgroup">
                        <legend className="visually-hidden">
                          {t(f('subcategories'), { name: top.name })}
                        </legend>
                        {kids.map((kid) => (
                          <CheckboxField
                            key={kid.code}
                            id={`service-category-${kid.code}`}
                            label={kid.name}
                            checked={form.categories.includes(kid.code)}
                            onChange={(on) => toggle('categories', kid.code, on)}
                          />
                        ))}
                      </fieldset>
                    )}
                  </div>
                );
              })}
            </div>
          </FieldGroup>
        </section>

        <section aria-labelledby="service-contacts-title" className="mt-5">
          <h2 id="service-contacts-title" className="h4">
            {t(f('contactsTitle'))}
          </h2>
          <InputField
            id="service-url"
            type="url"
            label={t(f('url'))}
            hint={t('directoryEdit.urlHint')}
            maxLength={300}
            value={form.url}
            onChange={(v) => set('url', v)}
            error={errors.url}
          />
          <InputField
            id="service-email"
            type="email"
            label={t(f('email'))}
            hint={t('directoryEdit.emailHint')}
            maxLength={254}
            value={form.email}
            onChange={(v) => set('email', v)}
            error={errors.email}
          />
          <InputField
            id="service-phone"
            type="tel"
            label={t(f('phone'))}
            maxLength={40}
            value={form.phone}
            onChange={(v) => set('phone', v)}
            error={errors.phone}
          />
        </section>

        <section aria-labelledby="service-who-title" className="mt-5">
          <h2 id="service-who-title" className="h4">
            {t(f('whoTitle'))}
          </h2>
          <TextAreaField
            id="service-eligibilityDescription"
            label={t(f('eligibilityDescription'))}
            hint={t(f('eligibilityDescriptionHint'))}
            maxLength={2000}
            rows={3}
            value={form.eligibilityDescription}
            onChange={(v) => set('eligibilityDescription', v)}
            error={errors.eligibilityDescription}
          />
          <div className="row">
            <div className="col-12 col-md-6">
              <InputField
                id="service-minimumAge"
                type="number"
                label={t(f('minimumAge'))}
                hint={t(f('ageHint'))}
                value={form.minimumAge}
                onChange={(v) => set('minimumAge', v)}
                error={errors.minimumAge}
              />
            </div>
            <div className="col-12 col-md-6">
              <InputField
                id="service-maximumAge"
                type="number"
                label={t(f('maximumAge'))}
                hint={t(f('ageHint'))}
                value={form.maximumAge}
                onChange={(v) => set('maximumAge', v)}
                error={errors.maximumAge}
              />
            </div>
          </div>
          <InputField
            id="service-targetGroups"
            label={t(f('targetGroups'))}
            hint={t(f('targetGroupsHint'))}
            value={form.targetGroups}
            onChange={(v) => set('targetGroups', v)}
            error={errors.targetGroups}
          />
          <FieldGroup
            id="service-languages"
            legend={t(f('languages'))}
            hint={t(f('languagesHint'))}
            error={errors.languages}
          >
            <div className="row">
              {languageChoices.map((code) => (
                <div key={code} className="col-12 col-sm-6 col-lg-3">
                  <CheckboxField
                    id={`service-language-${code}`}
                    label={languageNames(code)}
                    checked={form.languages.includes(code)}
                    onChange={(on) => toggle('languages', code, on)}
                  />
                </div>
              ))}
            </div>
            <InputField
              id="service-otherLanguages"
              label={t(f('otherLanguages'))}
              hint={t(f('otherLanguagesHint'))}
              value={form.otherLanguages}
              onChange={(v) => set('otherLanguages', v)}
              error={errors.otherLanguages}
            />
          </FieldGroup>
        </section>

        <section aria-labelledby="service-access-title" className="mt-5">
          <h2 id="service-access-title" className="h4">
            {t(f('accessTitle'))}
          </h2>
          <TextAreaField
            id="service-applicationProcess"
            label={t(f('applicationProcess'))}
            hint={t(f('applicationProcessHint'))}
            maxLength={2000}
            rows={3}
            value={form.applicationProcess}
            onChange={(v) => set('applicationProcess', v)}
            error={errors.applicationProcess}
          />
          <div className="mt-4">
            <CheckboxField
              id="service-free"
              label={t(f('free'))}
              checked={form.free}
              onChange={(on) => set('free', on)}
            />
            {errors.free && (
              <div id="service-free-error" className="noi-field-error">
                {errors.free}
              </div>
            )}
          </div>
          <TextAreaField
            id="service-feesDescription"
            label={t(f('feesDescription'))}
            hint={t(f('feesDescriptionHint'))}
            maxLength={1000}
            rows={3}
            value={form.feesDescription}
            onChange={(v) => set('feesDescription', v)}
            error={errors.feesDescription}
          />
        </section>

        <div className="d-flex flex-wrap gap-3 align-items-center mt-4">
          <button type="submit" className="btn btn-primary">
            {busy ? t('directoryEdit.saving') : t('directoryEdit.save')}
          </button>
          <Link to={`/servizi/${service.id}`} className="btn btn-outline-primary">
            {t('directoryEdit.service.back')}
          </Link>
        </div>
        <div aria-live="polite" className="mt-3">
          {unchanged && <p className="mb-0">{t('directoryEdit.unchanged')}</p>}
        </div>
      </form>
    </div>
  );
}

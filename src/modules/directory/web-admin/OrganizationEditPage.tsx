import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { ApiError, api, type Problem, useApi } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { Forbidden, LoadFailure } from '../../identity/web/access.tsx';
import { Notice, ProblemAlert, toProblem } from '../../identity/web/forms.tsx';
import {
  type EditableOrganization,
  EditBreadcrumb,
  errorsByField,
  InputField,
  looksLikeEmail,
  looksLikeUrl,
  mayEdit,
  orNull,
  same,
  TextAreaField,
  uuidPattern,
} from './edit-parts.tsx';

/** What the API takes (PATCH /api/v1/directory/organizations/:id). */
interface OrganizationValues {
  name: string;
  alternateName: string | null;
  description: string;
  email: string | null;
  website: string | null;
  phone: string | null;
}
type Key = keyof OrganizationValues;
const keys: Key[] = ['name', 'alternateName', 'description', 'email', 'website', 'phone'];
type OrganizationForm = Record<Key, string>;

const valuesOf = (o: EditableOrganization): OrganizationValues => ({
  name: o.name,
  alternateName: o.alternateName,
  description: o.description,
  email: o.email,
  website: o.website,
  phone: o.phone,
});

const formOf = (v: OrganizationValues): OrganizationForm => ({
  name: v.name,
  alternateName: v.alternateName ?? '',
  description: v.description,
  email: v.email ?? '',
  website: v.website ?? '',
  phone: v.phone ?? '',
});

/** /organizzazioni/:id/modifica: an organisation's name, description and contacts. */
export function OrganizationEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const { status, user } = useCurrentUser();
  const valid = uuidPattern.test(id);
  const loaded = useApi<EditableOrganization>(valid ? `/api/v1/directory/organizations/${id}` : null);
  // Keep what was loaded while it reloads (e.g. on a change of language): the form keeps its edits.
  const last = useRef<EditableOrganization | null>(null);
  if (loaded.state === 'ready') last.current = loaded.data;
  usePageTitle(
    last.current
      ? t('directoryEdit.organization.title', { name: last.current.name })
      : t('directoryEdit.edit'),
  );
  if (!valid) return <NotFound />;
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signInPath(location.pathname)} replace />;
  if (loaded.state === 'error') return <LoadFailure error={loaded.error} onRetry={loaded.reload} />;
  const organization = last.current?.id === id ? last.current : null;
  if (!organization) return <Loading />;
  if (!mayEdit(user, organization.id)) return <Forbidden />;
  return <OrganizationEditor key={organization.id} organization={organization} />;
}

function OrganizationEditor({ organization }: { organization: EditableOrganization }) {
  const { t } = useTranslation();
  const { setUser } = useCurrentUser();
  const [name, setName] = useState(organization.name);
  const [baseline, setBaseline] = useState<OrganizationValues>(() => valuesOf(organization));
  const [form, setForm] = useState<OrganizationForm>(() => formOf(valuesOf(organization)));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(0);
  const [unchanged, setUnchanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [forbidden, setForbidden] = useState(false);

  const set = (key: Key, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(0);
    setUnchanged(false);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(0);
    setUnchanged(false);
    const values: OrganizationValues = {
      name: form.name.trim(),
      alternateName: orNull(form.alternateName),
      description: form.description.trim(),
      email: orNull(form.email),
      website: orNull(form.website),
      phone: orNull(form.phone),
    };
    const errors: { field: string; message: string }[] = [];
    if (values.name.length < 2) errors.push({ field: 'name', message: t('directoryEdit.errors.orgName') });
    if (values.email && !looksLikeEmail(values.email))
      errors.push({ field: 'email', message: t('directoryEdit.errors.email') });
    if (values.website && !looksLikeUrl(values.website))
      errors.push({ field: 'website', message: t('directoryEdit.errors.url') });
    if (errors.length > 0) {
      setProblem({ type: 'client', title: '', status: 400, detail: t('directoryEdit.fixErrors'), errors });
      return;
    }
    const patch: Partial<OrganizationValues> = {};
    for (const key of keys) {
      if (!same(values[key], baseline[key])) Object.assign(patch, { [key]: values[key] });
    }
    if (Object.keys(patch).length === 0) {
      setProblem(null);
      setUnchanged(true);
      return;
    }
    setBusy(true);
    try {
      const updated = await api.patch<EditableOrganization>(
        `/api/v1/directory/organizations/${organization.id}`,
        patch,
      );
      const next = valuesOf(updated);
      setBaseline(next);
      setForm(formOf(next));
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
  const f = (key: string) => `directoryEdit.organization.${key}`;
  return (
    <div className="container my-5">
      <EditBreadcrumb name={name} to={`/organizzazioni/${organization.id}`} />
      <h1>{t(f('title'), { name })}</h1>
      <p className="lead">{t(f('intro'))}</p>
      <ProblemAlert problem={problem} shownFields={keys} />
      {saved > 0 && (
        <Notice key={saved} focus>
          <p className="mb-1">{t(f('saved'))}</p>
          <Link to={`/organizzazioni/${organization.id}`}>{t(f('back'))}</Link>
        </Notice>
      )}
      <div className="row">
        <div className="col-12 col-lg-8">
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="noi-edit-form">
            <InputField
              id="organization-name"
              label={t(f('name'))}
              required
              maxLength={200}
              autoComplete="organization"
              value={form.name}
              onChange={(v) => set('name', v)}
              error={errors.name}
            />
            <InputField
              id="organization-alternateName"
              label={t(f('alternateName'))}
              hint={t(f('alternateNameHint'))}
              maxLength={200}
              value={form.alternateName}
              onChange={(v) => set('alternateName', v)}
              error={errors.alternateName}
            />
            <TextAreaField
              id="organization-description"
              label={t(f('description'))}
              hint={t(f('descriptionHint'))}
              maxLength={4000}
              rows={5}
              value={form.description}
              onChange={(v) => set('description', v)}
              error={errors.description}
            />
            <InputField
              id="organization-email"
              type="email"
              label={t(f('email'))}
              hint={t('directoryEdit.emailHint')}
              maxLength={254}
              value={form.email}
              onChange={(v) => set('email', v)}
              error={errors.email}
            />
            <InputField
              id="organization-website"
              type="url"
              label={t(f('website'))}
              hint={t('directoryEdit.urlHint')}
              maxLength={300}
              value={form.website}
              onChange={(v) => set('website', v)}
              error={errors.website}
            />
            <InputField
              id="organization-phone"
              type="tel"
              label={t(f('phone'))}
              maxLength={40}
              value={form.phone}
              onChange={(v) => set('phone', v)}
              error={errors.phone}
            />
            <div className="d-flex flex-wrap gap-3 align-items-center mt-4">
              <button type="submit" className="btn btn-primary">
                {busy ? t('directoryEdit.saving') : t('directoryEdit.save')}
              </button>
              <Link to={`/organizzazioni/${organization.id}`} className="btn btn-outline-primary">
                {t(f('back'))}
              </Link>
            </div>
            <div aria-live="polite" className="mt-3">
              {unchanged && <p className="mb-0">{t('directoryEdit.unchanged')}</p>}
            </div>
          </form>
        </div>
        <div className="col-12 col-lg-4">
          <section aria-labelledby="organization-services-title" className="mt-5">
            <h2 id="organization-services-title" className="h4">
              {t(f('services'))}
            </h2>
            {organization.services.length === 0 ? (
              <p>{t('directoryEdit.myEntries.noServices')}</p>
            ) : (
              <ul className="list-unstyled">
                {organization.services.map((s) => (
                  <li key={s.id} className="mb-2">
                    <Link to={`/servizi/${s.id}/modifica`}>
                      {t('directoryEdit.myEntries.editService', { name: s.name })}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

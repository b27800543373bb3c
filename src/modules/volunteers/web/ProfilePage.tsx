import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { SignedIn } from '../../identity/web/access.tsx';
import { useTerritoryNames } from './hooks.ts';
import { ProfileForm } from './ProfileForm.tsx';
import {
  clearanceOf,
  formatWhen,
  languageName,
  neighbourhoodCodesOf,
  StatusMessage,
  skillLabel,
  VolunteerStatusBadge,
  weekdayLabel,
} from './parts.tsx';
import type { VolunteerProfile } from './types.ts';

/** `/volontariato/profilo`: the volunteer's own profile, and its edit. */
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('volunteers.profile.title'));
  return (
    <SignedIn>
      <Profile />
    </SignedIn>
  );
}

function Profile() {
  const { t } = useTranslation();
  const mine = useApi<VolunteerProfile>('/api/v1/volunteers/me');
  const [profile, setProfile] = useState<VolunteerProfile | null>(null);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const fresh = mine.state === 'ready' ? mine.data : null;
  useEffect(() => {
    if (fresh) setProfile(fresh);
  }, [fresh]);
  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);

  if (mine.state === 'loading') return <Loading />;
  if (mine.state === 'error' && mine.error.status === 404)
    return (
      <div className="container my-4 noi-vol">
        <h1>{t('volunteers.profile.title')}</h1>
        <p className="lead">{t('volunteers.profile.none')}</p>
        <Link to="/volontariato" className="btn btn-primary">
          {t('volunteers.profile.signUp')}
        </Link>
      </div>
    );
  if (mine.state === 'error') return <ServerError error={mine.error} onRetry={mine.reload} />;
  if (!profile) return <Loading />;

  return (
    <div className="container my-4 noi-vol">
      <h1>{t('volunteers.profile.title')}</h1>
      <p className="lead">
        {t('volunteers.join.yourStatus')} <VolunteerStatusBadge status={profile.status} />
      </p>
      <p>{t(`volunteers.statusText.${profile.status}`, { defaultValue: '' })}</p>
      <StatusMessage message={message} focus={!editing} />
      {editing ? (
        <section aria-labelledby="vol-edit-title">
          <h2 id="vol-edit-title" ref={heading} tabIndex={-1}>
            {t('volunteers.profile.editTitle')}
          </h2>
          <ProfileForm
            profile={profile}
            onSaved={(saved) => {
              setProfile(saved);
              setEditing(false);
              setMessage((m) => ({ text: t('volunteers.profile.saved'), n: (m?.n ?? 0) + 1 }));
            }}
            onCancel={() => {
              setEditing(false);
              requestAnimationFrame(() => editButton.current?.focus());
            }}
          />
        </section>
      ) : (
        <>
          <ProfileFacts profile={profile} />
          <div className="d-flex flex-wrap gap-2">
            <button
              ref={editButton}
              type="button"
              className="btn btn-primary"
              onClick={() => {
                setMessage(null);
                setEditing(true);
              }}
            >
              {t('volunteers.profile.edit')}
            </button>
            <Link to="/volontariato/compiti" className="btn btn-outline-primary">
              {t('volunteers.join.toTasks')}
            </Link>
          </div>
        </>
      )}
    </div>
  );
}

/** The profile as a list of facts (also used on the desk's page of a volunteer). */
export function ProfileFacts({ profile, staff = false }: { profile: VolunteerProfile; staff?: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useTerritoryNames();
  const clearance = clearanceOf(profile);
  const codes = neighbourhoodCodesOf(profile);
  const maxDistance =
    profile.maxDistanceKm === null || profile.maxDistanceKm === undefined
      ? null
      : Number(profile.maxDistanceKm);
  return (
    <dl className="noi-facts noi-vol-facts">
      {staff && profile.displayName && (
        <>
          <dt>{t('volunteers.profile.name')}</dt>
          <dd>{profile.displayName}</dd>
        </>
      )}
      {staff && profile.email && (
        <>
          <dt>{t('volunteers.profile.email')}</dt>
          <dd className="noi-break">
            <a href={`mailto:${profile.email}`}>{profile.email}</a>
          </dd>
        </>
      )}
      <dt>{staff ? t('volunteers.desk.skill') : t('volunteers.form.skills')}</dt>
      <dd>{profile.skills.map((s) => skillLabel(t, s)).join(', ') || '—'}</dd>
      {profile.psychologistRegistration && (
        <>
          <dt>{t('volunteers.form.psychologistRegistration')}</dt>
          <dd>{profile.psychologistRegistration}</dd>
        </>
      )}
      <dt>{staff ? t('volunteers.desk.languages') : t('volunteers.form.languages')}</dt>
      <dd>{profile.languages.map((l) => languageName(l, i18n.language)).join(', ') || '—'}</dd>
      <dt>{t('volunteers.profile.neighbourhoods')}</dt>
      <dd>
        {codes.length ? codes.map((c) => names.neighbourhood(c)).join(', ') : '—'}
        {maxDistance !== null && (
          <span className="d-block small">{t('volunteers.profile.maxDistance', { km: maxDistance })}</span>
        )}
      </dd>
      <dt>{staff ? t('volunteers.desk.when') : t('volunteers.form.when')}</dt>
      <dd>
        {profile.availability.length ? (
          <ul className="mb-0">
            {[...profile.availability]
              .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
              .map((a) => (
                <li key={`${a.weekday}-${a.start}`}>
                  {t('volunteers.profile.slot', {
                    day: weekdayLabel(t, a.weekday),
                    start: a.start,
                    end: a.end,
                  })}
                </li>
              ))}
          </ul>
        ) : (
          '—'
        )}
      </dd>
      <dt>{t('volunteers.form.maxTasks')}</dt>
      <dd>{profile.maxTasks}</dd>
      <dt>{t('volunteers.form.phone')}</dt>
      <dd>{profile.phone || t('volunteers.profile.notGiven')}</dd>
      <dt>{t('volunteers.profile.hub')}</dt>
      <dd>{profile.communityPoint?.name ?? t('volunteers.profile.noHub')}</dd>
      <dt>{t('volunteers.profile.clearance')}</dt>
      <dd>
        {clearance
          ? t(clearance.byName ? 'volunteers.profile.clearedBy' : 'volunteers.profile.cleared', {
              date: formatWhen(clearance.at, i18n.language, false),
              name: clearance.byName,
            })
          : t('volunteers.profile.notCleared')}
        {staff && clearance?.note && <span className="d-block small noi-pre">{clearance.note}</span>}
      </dd>
    </dl>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { StatusMessage, VolunteerStatusBadge } from './parts.tsx';
import type { VolunteerProfile } from './types.ts';

/** `/volontariato`: what volunteering is, in plain words, and the sign-up for a signed-in person. */
export function VolunteerPage() {
  const { t } = useTranslation();
  const { status, user } = useCurrentUser();
  usePageTitle(t('volunteers.join.title'));
  return (
    <div className="container my-4 noi-vol">
      <h1>{t('volunteers.join.title')}</h1>
      <p className="lead">{t('volunteers.join.lead')}</p>
      <div className="row">
        <div className="col-12 col-lg-8">
          <h2 className="h4">{t('volunteers.join.whatTitle')}</h2>
          <p>{t('volunteers.join.what')}</p>
          <h2 className="h4">{t('volunteers.join.howTitle')}</h2>
          <ol>
            <li>{t('volunteers.join.how1')}</li>
            <li>{t('volunteers.join.how2')}</li>
            <li>{t('volunteers.join.how3')}</li>
            <li>{t('volunteers.join.how4')}</li>
          </ol>
          <h2 className="h4">{t('volunteers.join.askTitle')}</h2>
          <p>{t('volunteers.join.ask')}</p>
        </div>
      </div>
      <section aria-labelledby="vol-signup-title" className="mt-4">
        <h2 id="vol-signup-title">{t('volunteers.join.signupTitle')}</h2>
        {status === 'loading' ? (
          <Loading />
        ) : !user ? (
          <p className="lead">
            {t('volunteers.join.signedOut')}{' '}
            <Link to={signInPath('/volontariato')}>{t('volunteers.join.signIn')}</Link>
          </p>
        ) : (
          <SignUp />
        )}
      </section>
    </div>
  );
}

function SignUp() {
  const { t } = useTranslation();
  const mine = useApi<VolunteerProfile>('/api/v1/volunteers/me');
  const [profile, setProfile] = useState<VolunteerProfile | null>(null);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const fresh = mine.state === 'ready' ? mine.data : null;
  useEffect(() => {
    if (fresh) setProfile(fresh);
  }, [fresh]);
  if (mine.state === 'loading') return <Loading />;
  if (mine.state === 'error' && mine.error.status !== 404)
    return <ServerError error={mine.error} onRetry={mine.reload} />;
  if (!profile)
    return (
      <>
        <p>{t('volunteers.join.formIntro')}</p>
        <ProfileForm
          profile={null}
          onSaved={(saved) => {
            setProfile(saved);
            setMessage({ text: t('volunteers.join.sent'), n: 1 });
          }}
        />
      </>
    );
  return (
    <>
      <StatusMessage message={message} />
      <MyStatus profile={profile} />
    </>
  );
}

/** Where the volunteer stands: applied (waiting), active, paused or left, and where to go next. */
export function MyStatus({ profile }: { profile: VolunteerProfile }) {
  const { t } = useTranslation();
  return (
    <div className="card card-bg noi-vol-card" data-testid="volunteer-status">
      <div className="card-body">
        <h3 className="h5">
          {t('volunteers.join.yourStatus')} <VolunteerStatusBadge status={profile.status} />
        </h3>
        <p>{t(`volunteers.statusText.${profile.status}`, { defaultValue: '' })}</p>
        {profile.statusReason && (
          <p className="small">
            {t('volunteers.join.reason')} {profile.statusReason}
          </p>
        )}
        <div className="d-flex flex-wrap gap-2">
          <Link to="/volontariato/profilo" className="btn btn-outline-primary">
            {t('volunteers.join.toProfile')}
          </Link>
          {profile.status === 'active' && (
            <Link to="/volontariato/compiti" className="btn btn-primary">
              {t('volunteers.join.toTasks')}
            </Link>
          )}
        </div>
      </div>
    </div>
  );
}

import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type Problem, useApi } from '../../../web/api.ts';
import { useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { LoadFailure } from '../../identity/web/access.tsx';
import { fieldErrors, ProblemAlert, toProblem } from '../../identity/web/forms.tsx';
import { NetworkGate } from './parts.tsx';
import { type HubList, maxMessageLength, maxSubjectLength, type ThreadDetail } from './types.ts';

/** `/rete/nuova`: a conversation with other hubs (picked by zone), or the city's announcement to all. */
export function NewThreadPage() {
  const { t } = useTranslation();
  usePageTitle(t('network.new.title'));
  return (
    <NetworkGate>
      <NewThread />
    </NetworkGate>
  );
}

function NewThread() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useCurrentUser();
  const hubs = useApi<HubList>('/api/v1/community-points');
  const isCity = Boolean(user?.roles.some((r) => r === 'city_admin' || r === 'platform_admin'));
  const myHubs = useMemo(
    () =>
      (user?.assignments ?? [])
        .filter((a) => a.role === 'operator' && a.scope.kind === 'community_point' && a.scope.ref)
        .map((a) => a.scope.ref as string),
    [user],
  );
  const [kind, setKind] = useState<'announcement' | 'conversation'>(isCity ? 'announcement' : 'conversation');
  const [from, setFrom] = useState(isCity ? '' : (myHubs[0] ?? ''));
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  if (hubs.state === 'loading') return <Loading />;
  if (hubs.state === 'error') return <LoadFailure error={hubs.error} onRetry={hubs.reload} />;
  const active = hubs.data.items.filter((h) => h.active);
  const zones = [...new Map(active.map((h) => [h.zone.code, h.zone])).values()];
  const errors = fieldErrors(problem);
  const writeAsOptions = [
    ...myHubs.map((slug) => ({ value: slug, label: active.find((h) => h.slug === slug)?.name ?? slug })),
    ...(isCity ? [{ value: '', label: t('network.city') }] : []),
  ];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const local: { field: string; message: string }[] = [];
    if (!subject.trim()) local.push({ field: 'subject', message: t('network.new.needSubject') });
    if (kind === 'conversation' && !chosen.filter((s) => s !== from).length)
      local.push({ field: 'hubs', message: t('network.new.needHubs') });
    if (!body.trim()) local.push({ field: 'body', message: t('network.new.needBody') });
    if (local.length) {
      setProblem({ type: 'local', title: '', status: 400, detail: t('network.new.check'), errors: local });
      return;
    }
    setBusy(true);
    try {
      const created = await api.post<ThreadDetail>('/api/v1/network/threads', {
        kind,
        subject,
        body,
        ...(kind === 'conversation' ? { hubs: chosen.filter((s) => s !== from) } : {}),
        ...(kind === 'conversation' && from ? { from } : {}),
      });
      navigate(`/rete/${created.id}`);
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };
  const toggle = (slug: string, on: boolean) =>
    setChosen((c) => (on ? [...c, slug] : c.filter((s) => s !== slug)));
  const described = (id: string, hint: boolean) =>
    [hint ? `${id}-hint` : '', errors[id.replace('net-', '')] ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <div className="container my-5 noi-net">
      <h1>{t('network.new.title')}</h1>
      <p className="lead">{isCity ? t('network.new.introCity') : t('network.new.intro')}</p>
      <ProblemAlert problem={problem} shownFields={['subject', 'body', 'hubs', 'from', 'kind']} />
      <form onSubmit={onSubmit} noValidate className="noi-net-form">
        {isCity && (
          <fieldset className="noi-net-fieldset">
            <legend className="noi-net-legend">{t('network.new.kind')}</legend>
            {(['announcement', 'conversation'] as const).map((k) => (
              <div className="form-check" key={k}>
                <input
                  id={`net-kind-${k}`}
                  name="net-kind"
                  type="radio"
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                <label htmlFor={`net-kind-${k}`}>
                  {t(`network.new.kind_${k}`)}
                  <span className="d-block small noi-hint">
                    {t(`network.new.kindHint_${k}`, { count: active.length })}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
        )}
        {kind === 'conversation' && writeAsOptions.length > 1 && (
          <div className="select-wrapper noi-field mb-3">
            <label htmlFor="net-from">{t('network.writeAs')}</label>
            <select id="net-from" value={from} onChange={(e) => setFrom(e.target.value)}>
              {writeAsOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'conversation' && (
          <fieldset className="noi-net-fieldset" aria-describedby={described('net-hubs', true)}>
            <legend className="noi-net-legend">{t('network.new.hubs')}</legend>
            <p id="net-hubs-hint" className="small noi-hint">
              {t('network.new.hubsHint')}
            </p>
            {errors.hubs && (
              <div id="net-hubs-error" className="noi-field-error">
                {errors.hubs}
              </div>
            )}
            {zones.map((z) => (
              <fieldset key={z.code} className="noi-net-zone">
                <legend className="noi-net-zone-legend">{z.name}</legend>
                <div className="noi-net-columns">
                  {active
                    .filter((h) => h.zone.code === z.code && h.slug !== from)
                    .map((h) => (
                      <div className="form-check" key={h.slug}>
                        <input
                          id={`net-hub-${h.slug}`}
                          type="checkbox"
                          checked={chosen.includes(h.slug)}
                          onChange={(e) => toggle(h.slug, e.target.checked)}
                        />
                        <label htmlFor={`net-hub-${h.slug}`}>{h.name}</label>
                      </div>
                    ))}
                </div>
              </fieldset>
            ))}
          </fieldset>
        )}
        <div className="form-group noi-field">
          <label htmlFor="net-subject" className="active">
            {t('network.new.subject')}
          </label>
          <input
            id="net-subject"
            type="text"
            className={`form-control${errors.subject ? ' is-invalid' : ''}`}
            maxLength={maxSubjectLength}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            aria-invalid={errors.subject ? true : undefined}
            aria-describedby={described('net-subject', false)}
          />
          {errors.subject && (
            <div id="net-subject-error" className="noi-field-error">
              {errors.subject}
            </div>
          )}
        </div>
        <div className="form-group noi-field">
          <label htmlFor="net-body" className="active">
            {t('network.new.body')}
          </label>
          <textarea
            id="net-body"
            className={`form-control${errors.body ? ' is-invalid' : ''}`}
            rows={6}
            maxLength={maxMessageLength}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={described('net-body', true)}
          />
          <small id="net-body-hint" className="form-text noi-hint">
            {t('network.bodyHint', { max: maxMessageLength, left: maxMessageLength - body.length })}
          </small>
          {errors.body && (
            <div id="net-body-error" className="noi-field-error">
              {errors.body}
            </div>
          )}
        </div>
        <p className="small">{t('network.new.mailNote')}</p>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {kind === 'announcement' ? t('network.new.sendAnnouncement') : t('network.new.send')}
        </button>
      </form>
    </div>
  );
}

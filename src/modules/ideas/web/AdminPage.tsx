import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { type Check, ErrorSummary, Section, StatusMessage } from './parts.tsx';
import type { CallDocument, IdeaCallAdmin, ProposerKind, ThematicTable } from './types.ts';

const kinds: ProposerKind[] = ['citizen', 'group', 'organisation'];
let keys = 0;
/** A stable React key for a document row being edited. */
const nextKey = () => `doc-row-${++keys}`;

/** `/admin/bandi`: the city's calls and thematic tables. */
export function AdminCallsPage() {
  const { t } = useTranslation();
  usePageTitle(t('ideas.admin.title'));
  const calls = useApi<IdeaCallAdmin[]>('/api/v1/idea-calls/manage');
  const tables = useApi<ThematicTable[]>('/api/v1/thematic-tables');
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const [editing, setEditing] = useState<IdeaCallAdmin | 'new' | null>(null);
  const say = (text: string) => setMessage({ text, n: Date.now() });
  if (calls.state === 'loading' || tables.state === 'loading') return <Loading />;
  if (calls.state === 'error') return <ServerError error={calls.error} onRetry={calls.reload} />;
  if (tables.state === 'error') return <ServerError error={tables.error} onRetry={tables.reload} />;
  async function setStatus(c: IdeaCallAdmin, action: 'close' | 'reopen') {
    await api.post(`/api/v1/idea-calls/${c.id}/${action}`);
    say(t(`ideas.admin.done.${action}`, { title: c.title }));
    calls.reload();
  }
  return (
    <div className="container my-4 noi-idea">
      <h1>{t('ideas.admin.title')}</h1>
      <StatusMessage message={message} />
      <Section id="admin-calls" title={t('ideas.admin.calls')}>
        <div className="table-responsive">
          <table className="table">
            <caption className="visually-hidden">{t('ideas.admin.calls')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ideas.list.title')}</th>
                <th scope="col">{t('ideas.public.table')}</th>
                <th scope="col">{t('ideas.list.status')}</th>
                <th scope="col">{t('ideas.admin.proposals')}</th>
                <th scope="col">{t('ideas.admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/proposte/bandi/${c.slug}`}>{c.title}</Link>
                  </td>
                  <td>{c.table.name}</td>
                  <td>{t(`ideas.callStatus.${c.status}`)}</td>
                  <td>
                    {Object.values(c.counts).reduce((s, n) => s + n, 0)}
                    {Object.keys(c.counts).length > 0 && (
                      <span className="small">
                        {' '}
                        (
                        {Object.entries(c.counts)
                          .map(([s, n]) => `${t(`ideas.status.${s}`)}: ${n}`)
                          .join(', ')}
                        )
                      </span>
                    )}
                  </td>
                  <td className="text-nowrap">
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-primary me-2"
                      onClick={() => setEditing(c)}
                    >
                      {t('ideas.admin.edit')}
                      <span className="visually-hidden"> {c.title}</span>
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-secondary"
                      onClick={() => setStatus(c, c.status === 'open' ? 'close' : 'reopen')}
                    >
                      {c.status === 'open' ? t('ideas.admin.close') : t('ideas.admin.reopen')}
                      <span className="visually-hidden"> {c.title}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editing === null && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('ideas.admin.newCall')}
          </button>
        )}
        {editing !== null && (
          <CallForm
            key={editing === 'new' ? 'new' : editing.id}
            call={editing === 'new' ? null : editing}
            tables={tables.data}
            onCancel={() => setEditing(null)}
            onSaved={(title) => {
              setEditing(null);
              say(t('ideas.admin.callSaved', { title }));
              calls.reload();
            }}
          />
        )}
      </Section>
      <Section id="admin-tables" title={t('ideas.admin.tables')}>
        {tables.data.map((tb) => (
          <TableCard
            key={tb.id}
            table={tb}
            onChanged={(text) => {
              say(text);
              tables.reload();
            }}
          />
        ))}
        <NewTable
          onSaved={(name) => {
            say(t('ideas.admin.tableSaved', { name }));
            tables.reload();
          }}
        />
      </Section>
    </div>
  );
}

function CallForm({
  call,
  tables,
  onSaved,
  onCancel,
}: {
  call: IdeaCallAdmin | null;
  tables: ThematicTable[];
  onSaved: (title: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(call?.title ?? '');
  const [body, setBody] = useState(call?.body ?? '');
  const [themes, setThemes] = useState(call?.themes.join(', ') ?? '');
  const [eligible, setEligible] = useState<ProposerKind[]>(call?.eligible ?? [...kinds]);
  const [tableId, setTableId] = useState(call?.table.id ?? tables[0]?.id ?? '');
  const [docs, setDocs] = useState<(CallDocument & { key: string })[]>(() =>
    (call?.documents ?? []).map((d) => ({ ...d, key: nextKey() })),
  );
  const [errors, setErrors] = useState<Check[]>([]);
  const [detail, setDetail] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setAttempt((n) => n + 1);
    const payload = {
      title,
      body,
      themes: themes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      eligible,
      documents: docs.map(({ key: _key, ...d }) => d),
      tableId,
    };
    try {
      if (call) await api.put(`/api/v1/idea-calls/${call.id}`, payload);
      else await api.post('/api/v1/idea-calls', payload);
      onSaved(title);
    } catch (e) {
      const problem = e instanceof ApiError ? e.problem : undefined;
      const mapped = (problem?.errors ?? []).map((x) => ({
        id: `call-${x.field.split('.')[0]}`,
        message: `${t(`ideas.admin.field.${x.field.split('.')[0]}`, { defaultValue: x.field })}: ${x.message}`,
      }));
      setErrors(mapped);
      setDetail(mapped.length ? undefined : (problem?.detail ?? String(e)));
    }
  }
  return (
    <form onSubmit={submit} noValidate className="mt-3 noi-idea-form" aria-labelledby="call-form-title">
      <h3 id="call-form-title" className="h5">
        {call ? t('ideas.admin.editCall', { title: call.title }) : t('ideas.admin.newCall')}
      </h3>
      <ErrorSummary errors={errors} detail={detail} attempt={attempt} id="call-errors" />
      <div className="mb-3">
        <label htmlFor="call-title" className="form-label">
          {t('ideas.admin.field.title')}
        </label>
        <input
          id="call-title"
          className="form-control"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="mb-3">
        <label htmlFor="call-body" className="form-label">
          {t('ideas.admin.field.body')}
        </label>
        <textarea
          id="call-body"
          className="form-control"
          rows={5}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </div>
      <div className="mb-3">
        <label htmlFor="call-themes" className="form-label">
          {t('ideas.admin.field.themes')}
        </label>
        <input
          id="call-themes"
          className="form-control"
          value={themes}
          onChange={(e) => setThemes(e.target.value)}
        />
      </div>
      <fieldset className="mb-3" id="call-eligible" tabIndex={-1}>
        <legend className="h6">{t('ideas.admin.field.eligible')}</legend>
        {kinds.map((k) => (
          <div className="form-check" key={k}>
            <input
              id={`call-eligible-${k}`}
              type="checkbox"
              className="form-check-input"
              checked={eligible.includes(k)}
              onChange={(e) => setEligible((l) => (e.target.checked ? [...l, k] : l.filter((x) => x !== k)))}
            />
            <label className="form-check-label" htmlFor={`call-eligible-${k}`}>
              {t(`ideas.kind.${k}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="mb-3">
        <label htmlFor="call-tableId" className="form-label">
          {t('ideas.admin.field.tableId')}
        </label>
        <select
          id="call-tableId"
          className="form-select"
          value={tableId}
          onChange={(e) => setTableId(e.target.value)}
        >
          {tables.map((tb) => (
            <option key={tb.id} value={tb.id}>
              {tb.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="mb-3" id="call-documents" tabIndex={-1}>
        <legend className="h6">{t('ideas.admin.field.documents')}</legend>
        {docs.map((d, i) => (
          <div className="row g-2 align-items-end mb-2" key={d.key}>
            <div className="col-md-2">
              <label className="form-label" htmlFor={`doc-code-${i}`}>
                {t('ideas.admin.docCode')}
              </label>
              <input
                id={`doc-code-${i}`}
                className="form-control"
                value={d.code}
                onChange={(e) =>
                  setDocs((l) => l.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))
                }
              />
            </div>
            <div className="col-md-4">
              <label className="form-label" htmlFor={`doc-it-${i}`}>
                {t('ideas.admin.docLabelIt')}
              </label>
              <input
                id={`doc-it-${i}`}
                className="form-control"
                value={d.label.it}
                onChange={(e) =>
                  setDocs((l) =>
                    l.map((x, j) => (j === i ? { ...x, label: { ...x.label, it: e.target.value } } : x)),
                  )
                }
              />
            </div>
            <div className="col-md-3">
              <label className="form-label" htmlFor={`doc-en-${i}`}>
                {t('ideas.admin.docLabelEn')}
              </label>
              <input
                id={`doc-en-${i}`}
                className="form-control"
                value={d.label.en}
                onChange={(e) =>
                  setDocs((l) =>
                    l.map((x, j) => (j === i ? { ...x, label: { ...x.label, en: e.target.value } } : x)),
                  )
                }
              />
            </div>
            <div className="col-md-2 form-check">
              <input
                id={`doc-req-${i}`}
                type="checkbox"
                className="form-check-input"
                checked={d.required}
                onChange={(e) =>
                  setDocs((l) => l.map((x, j) => (j === i ? { ...x, required: e.target.checked } : x)))
                }
              />
              <label className="form-check-label" htmlFor={`doc-req-${i}`}>
                {t('ideas.admin.docRequired')}
              </label>
            </div>
            <div className="col-md-1">
              <button
                type="button"
                className="btn btn-sm btn-outline-danger"
                onClick={() => setDocs((l) => l.filter((_, j) => j !== i))}
              >
                {t('ideas.admin.remove')}
                <span className="visually-hidden"> {d.code}</span>
              </button>
            </div>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-sm btn-outline-primary"
          onClick={() =>
            setDocs((l) => [
              ...l,
              {
                code: `doc${l.length + 1}`,
                label: { it: '', en: '' },
                required: true,
                key: nextKey(),
              },
            ])
          }
        >
          {t('ideas.admin.addDoc')}
        </button>
      </fieldset>
      <button type="submit" className="btn btn-primary me-2">
        {t('ideas.admin.save')}
      </button>
      <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
        {t('ideas.admin.cancel')}
      </button>
    </form>
  );
}

interface Person {
  userId: string;
  displayName: string;
  email: string;
  roles: string[];
}

function TableCard({ table, onChanged }: { table: ThematicTable; onChanged: (text: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `table-${table.slug}`;
  async function setMembers(ids: string[], text: string) {
    try {
      await api.put(`/api/v1/thematic-tables/${table.id}/members`, { userIds: ids });
      setFound(null);
      setQ('');
      onChanged(text);
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : String(e));
    }
  }
  async function search(ev: FormEvent) {
    ev.preventDefault();
    setFound(await api.get<Person[]>(`/api/v1/thematic-tables/people?q=${encodeURIComponent(q)}`));
  }
  const ids = table.members.map((m) => m.userId);
  return (
    <article className="mb-4 noi-idea-table" aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`} className="h5">
        {table.name}
      </h3>
      {table.description && <p>{table.description}</p>}
      {error && (
        <p className="alert alert-danger" role="alert">
          {error}
        </p>
      )}
      <h4 className="h6">{t('ideas.admin.members')}</h4>
      {table.members.length === 0 ? (
        <p>{t('ideas.admin.noMembers')}</p>
      ) : (
        <ul>
          {table.members.map((m) => (
            <li key={m.userId}>
              {m.displayName} ({m.email}){' '}
              <button
                type="button"
                className="btn btn-link btn-sm p-0"
                onClick={() =>
                  setMembers(
                    ids.filter((x) => x !== m.userId),
                    t('ideas.admin.memberRemoved', { name: m.displayName, table: table.name }),
                  )
                }
              >
                {t('ideas.admin.remove')}
                <span className="visually-hidden"> {m.displayName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={search} className="row g-2 align-items-end">
        <div className="col-auto">
          <label htmlFor={`${base}-q`} className="form-label">
            {t('ideas.admin.findPerson')}
          </label>
          <input id={`${base}-q`} className="form-control" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="col-auto">
          <button type="submit" className="btn btn-outline-primary">
            {t('ideas.admin.search')}
          </button>
        </div>
      </form>
      {found && (
        <ul className="mt-2">
          {found.length === 0 && <li>{t('ideas.admin.nobody')}</li>}
          {found
            .filter((p) => !ids.includes(p.userId))
            .map((p) => (
              <li key={p.userId}>
                {p.displayName} ({p.email}
                {p.roles.length ? `, ${p.roles.join(', ')}` : ''}){' '}
                <button
                  type="button"
                  className="btn btn-link btn-sm p-0"
                  onClick={() =>
                    setMembers(
                      [...ids, p.userId],
                      t('ideas.admin.memberAdded', { name: p.displayName, table: table.name }),
                    )
                  }
                >
                  {t('ideas.admin.add')}
                  <span className="visually-hidden"> {p.displayName}</span>
                </button>
              </li>
            ))}
        </ul>
      )}
    </article>
  );
}

function NewTable({ onSaved }: { onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      await api.post('/api/v1/thematic-tables', { name, description });
      setName('');
      setDescription('');
      setError(undefined);
      onSaved(name);
    } catch (e) {
      setError(e instanceof ApiError ? (e.problem.errors?.[0]?.message ?? e.problem.detail) : String(e));
      setAttempt((n) => n + 1);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-table-title">
      <h3 id="new-table-title" className="h5">
        {t('ideas.admin.newTable')}
      </h3>
      <ErrorSummary errors={[]} detail={error} attempt={attempt} id="table-errors" />
      <div className="mb-3">
        <label htmlFor="table-name" className="form-label">
          {t('ideas.admin.tableName')}
        </label>
        <input
          id="table-name"
          className="form-control"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="mb-3">
        <label htmlFor="table-description" className="form-label">
          {t('ideas.admin.tableDescription')}
        </label>
        <textarea
          id="table-description"
          className="form-control"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-primary">
        {t('ideas.admin.createTable')}
      </button>
    </form>
  );
}

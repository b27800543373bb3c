import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, type Session, signIn } from '../../../test/auth.ts';
import { createUser } from '../identity/service/accounts.ts';
import { sanitiseFileName, sniffType, tinyPdf } from './files.ts';
import { demoTableMemberEmail } from './seed.ts';

let t: TestApp;
let brescia: number;
let citizen: Session;
let member: Session;
let admin: Session;
let stranger: Session;
let foreignAdmin: Session;
let callId: string;
let callSlug: string;

const pdf = tinyPdf('Il nostro progetto');
const b64 = (b: Buffer) => b.toString('base64');
const count = async (table: string) =>
  (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

const proposal = (over: Record<string, unknown> = {}) => ({
  callId,
  kind: 'citizen',
  title: 'Merende in cortile',
  what: 'Una merenda al mese nel cortile del condominio per conoscere i vicini anziani.',
  whereText: 'Cortile di via Milano 10',
  neighbourhoodCode: 'porta-milano',
  forWhom: 'Vicini anziani e famiglie',
  partners: 'Parrocchia, Bar Centrale',
  ask: 'Tavoli e sedie in prestito',
  files: [{ documentCode: 'progetto', fileName: 'progetto.pdf', contentBase64: b64(pdf) }],
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });
  const { rows } = await t.database.pool.query<{ city_id: number }>(
    "SELECT city_id FROM cities WHERE code = 'brescia'",
  );
  brescia = rows[0]!.city_id;
  citizen = await signIn(t.app, demo.citizen);
  member = await signIn(t.app, demoTableMemberEmail);
  admin = await signIn(t.app, demo.admin);
  await createUser(t.database.pool, brescia, {
    email: 'altro.cittadino@example.org',
    displayName: 'Altro Cittadino',
    password: 'una-password-lunga-1',
    verified: true,
    assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
  });
  stranger = await signIn(t.app, 'altro.cittadino@example.org', { password: 'una-password-lunga-1' });
  foreignAdmin = await signIn(t.app, demo.admin, { host: 'testopoli.localhost' });
  const calls = await t.app.inject({
    method: 'GET',
    url: '/api/v1/idea-calls',
    headers: { host: 'localhost' },
  });
  const call = calls.json().find((c: { slug: string }) => c.slug === 'idee-per-non-sentirsi-soli');
  callId = call.id;
  callSlug = call.slug;
});
afterAll(async () => {
  await t?.close();
});

describe('demo data', () => {
  it('has three tables, three open calls and twelve proposals', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/idea-calls',
      headers: { host: 'localhost' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(3);
    const tables = await admin.inject({ method: 'GET', url: '/api/v1/thematic-tables' });
    expect(tables.json()).toHaveLength(3);
    expect(tables.json()[0].members.map((m: { email: string }) => m.email)).toContain(demoTableMemberEmail);
    const mine = await citizen.inject({ method: 'GET', url: '/api/v1/proposals/mine' });
    expect(mine.json()).toHaveLength(12);
  });

  it('shows publicly only the titles of accepted proposals', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/idea-calls/${callSlug}`,
      headers: { host: 'localhost' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted.map((a: { title: string }) => a.title)).toEqual(['Spesa sospesa']);
    expect(res.body).not.toContain('Una telefonata al giorno');
  });
});

describe('the whole workflow', () => {
  it('submits, reviews, asks for changes, resubmits, accepts and creates the initiative', async () => {
    const outbox = await count('mail_outbox');
    const sent = await citizen.inject({ method: 'POST', url: '/api/v1/proposals', payload: proposal() });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id as string;
    // The proposer, and each member of the call's table (by name of the proposal, no personal data).
    const { rows: members } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM proposals p
         JOIN idea_calls c ON c.city_id = p.city_id AND c.call_id = p.call_id
         JOIN thematic_table_members m ON m.city_id = c.city_id AND m.table_id = c.table_id
         JOIN users u ON u.city_id = m.city_id AND u.user_id = m.user_id AND u.active
        WHERE p.proposal_id = $1 AND u.user_id <> p.proposer_id`,
      [id],
    );
    expect(members[0]!.n).toBeGreaterThan(0);
    expect(await count('mail_outbox')).toBe(outbox + 1 + members[0]!.n);

    const mine = await citizen.inject({ method: 'GET', url: `/api/v1/proposals/${id}` });
    expect(mine.json()).toMatchObject({
      status: 'received',
      viewer: { proposer: true, reviewer: false, canEdit: true },
    });
    const file = mine.json().files[0];
    expect(file).toMatchObject({
      documentCode: 'progetto',
      contentType: 'application/pdf',
      fileName: 'progetto.pdf',
    });

    const list = await member.inject({ method: 'GET', url: '/api/v1/proposals/review?status=received' });
    expect(list.json().map((p: { id: string }) => p.id)).toContain(id);

    const start = await member.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/status`,
      payload: { to: 'under_review' },
    });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json().status).toBe('under_review');

    const review = await member.inject({
      method: 'PUT',
      url: `/api/v1/proposals/${id}/review`,
      payload: {
        scores: { relevance: 4, feasibility: 3, involvement: 5, sustainability: 4 },
        comment: 'Bella idea',
      },
    });
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json().average).toBe(4);
    const again = await member.inject({
      method: 'PUT',
      url: `/api/v1/proposals/${id}/review`,
      payload: {
        scores: { relevance: 5, feasibility: 5, involvement: 5, sustainability: 5 },
        comment: 'Rivista',
      },
    });
    expect(again.json().reviews).toHaveLength(1);
    expect(again.json().average).toBe(5);

    const comment = await member.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/comments`,
      payload: { text: 'Nota interna: sentire il Punto Comunità' },
    });
    expect(comment.statusCode).toBe(200);

    const ask = await member.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/status`,
      payload: { to: 'changes_requested', reasons: 'Indicate le date e chi porta i tavoli.' },
    });
    expect(ask.json().status).toBe('changes_requested');

    const seen = await citizen.inject({ method: 'GET', url: `/api/v1/proposals/${id}` });
    expect(seen.json().reasons).toBe('Indicate le date e chi porta i tavoli.');
    expect(seen.body).not.toContain('Nota interna');
    expect(seen.json().reviews).toEqual([]);
    expect(seen.json().average).toBeNull();

    const edit = await citizen.inject({
      method: 'PUT',
      url: `/api/v1/proposals/${id}`,
      payload: {
        ...proposal({ what: 'Una merenda il primo sabato del mese; i tavoli li porta la parrocchia.' }),
        callId: undefined,
      },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().status).toBe('under_review');
    expect(edit.json().files).toHaveLength(1);

    const accept = await member.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/status`,
      payload: { to: 'accepted', reasons: 'Accolta: coinvolge il vicinato con poco.' },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json().initiative.slug).toBeTruthy();
    const { rows } = await t.database.pool.query(
      'SELECT i.title, i.neighbourhood_code, p.initiative_id = i.initiative_id AS linked FROM proposals p JOIN initiatives i ON i.city_id = p.city_id AND i.proposal_id = p.proposal_id WHERE p.proposal_id = $1',
      [id],
    );
    expect(rows).toEqual([{ title: 'Merende in cortile', neighbourhood_code: 'porta-milano', linked: true }]);

    const final = await citizen.inject({ method: 'GET', url: `/api/v1/proposals/${id}` });
    expect(final.json()).toMatchObject({
      status: 'accepted',
      reasons: 'Accolta: coinvolge il vicinato con poco.',
    });
    expect(
      final
        .json()
        .events.map((e: { toStatus: string | null }) => e.toStatus)
        .filter(Boolean),
    ).toEqual(['received', 'under_review', 'changes_requested', 'under_review', 'accepted']);
    const mails = await t.database.pool.query<{ subject: string }>(
      'SELECT subject FROM mail_outbox WHERE "to" = $1 AND subject LIKE \'%Merende in cortile%\' ORDER BY mail_id',
      [demo.citizen],
    );
    expect(mails.rows.length).toBe(5);
    const tableMails = await t.database.pool.query<{ subject: string; text: string }>(
      'SELECT subject, text FROM mail_outbox WHERE "to" = $1 AND subject LIKE \'%Merende in cortile%\' ORDER BY mail_id',
      [demoTableMemberEmail],
    );
    expect(tableMails.rows.map((m) => m.subject)).toEqual([
      'Nuova proposta da valutare: «Merende in cortile»',
      'Proposta modificata da rivalutare: «Merende in cortile»',
    ]);
    expect(tableMails.rows[0]!.text).toContain(`/tavoli/proposte/${id}`);
    expect(tableMails.rows[0]!.text).not.toContain(demo.citizen);

    // Review closed after the decision; forbidden transition → 409, nothing changed.
    const late = await member.inject({
      method: 'PUT',
      url: `/api/v1/proposals/${id}/review`,
      payload: { scores: { relevance: 1, feasibility: 1, involvement: 1, sustainability: 1 }, comment: '' },
    });
    expect(late.statusCode).toBe(409);
    const back = await member.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/status`,
      payload: { to: 'under_review' },
    });
    expect(back.statusCode).toBe(409);
    expect(back.headers['content-type']).toContain('application/problem+json');

    const pub = await t.app.inject({
      method: 'GET',
      url: `/api/v1/idea-calls/${callSlug}`,
      headers: { host: 'localhost' },
    });
    expect(pub.json().accepted.map((a: { title: string }) => a.title)).toContain('Merende in cortile');
  });

  it('answers a retry with the same Idempotency-Key with the first proposal, creating nothing', async () => {
    const before = await count('proposals');
    const send = (title: string) =>
      citizen.inject({
        method: 'POST',
        url: '/api/v1/proposals',
        headers: { 'idempotency-key': 'proposta-ripetuta-0001' },
        payload: proposal({ title }),
      });
    const first = await send('Una sola volta');
    const again = await send('Una sola volta');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await count('proposals')).toBe(before + 1);
    const other = await send('Un altro testo');
    expect(other.statusCode).toBe(409);
    expect(await count('proposals')).toBe(before + 1);
  });

  it('lets the proposer withdraw before a decision, and not after', async () => {
    const sent = await citizen.inject({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: proposal({ title: 'Da ritirare' }),
    });
    const id = sent.json().id;
    const byMember = await member.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/withdraw`,
      payload: {},
    });
    expect(byMember.statusCode).toBe(403);
    const w = await citizen.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/withdraw`,
      payload: { reason: 'Non riesco' },
    });
    expect(w.json().status).toBe('withdrawn');
    const twice = await citizen.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/withdraw`,
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
  });
});

describe('bad input changes nothing', () => {
  it('refuses missing parts, a missing required document, wrong files, too big, a closed call', async () => {
    const before = await count('proposals');
    const files = await count('proposal_files');
    const post = (payload: object) => citizen.inject({ method: 'POST', url: '/api/v1/proposals', payload });

    const missing = await post({ callId, kind: 'citizen', title: 'Solo il titolo' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['what', 'whereText', 'forWhom', 'ask']),
    );

    const noDoc = await post(proposal({ files: [] }));
    expect(noDoc.statusCode).toBe(400);
    expect(noDoc.json().errors[0]).toMatchObject({ field: 'documents.progetto' });
    expect(noDoc.json().errors[0].message).toContain('Descrizione del progetto');

    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 1)]);
    const wrong = await post(
      proposal({ files: [{ documentCode: 'progetto', fileName: 'progetto.pdf', contentBase64: b64(exe) }] }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('files.0');
    expect(wrong.json().errors[0].message).toContain('non è un PDF');

    const big = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024, 32)]);
    const tooBig = await post(
      proposal({ files: [{ documentCode: 'progetto', fileName: 'grande.pdf', contentBase64: b64(big) }] }),
    );
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');

    const notEligible = await citizen.inject({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: proposal({ kind: 'organisation', proposerName: 'Org' }),
    });
    expect(notEligible.statusCode).toBe(400);
    expect(notEligible.json().errors.map((e: { field: string }) => e.field)).toContain('organizationId');

    const badPlace = await post(proposal({ neighbourhoodCode: 'atlantide' }));
    expect(badPlace.statusCode).toBe(400);

    const close = await admin.inject({ method: 'POST', url: `/api/v1/idea-calls/${callId}/close` });
    expect(close.json().status).toBe('closed');
    const closed = await post(proposal());
    expect(closed.statusCode).toBe(409);
    await admin.inject({ method: 'POST', url: `/api/v1/idea-calls/${callId}/reopen` });

    expect(await count('proposals')).toBe(before);
    expect(await count('proposal_files')).toBe(files);
  });

  it('sanitises file names and accepts PNG, JPEG, ODT and DOCX by content', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const sent = await citizen.inject({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: proposal({
        title: 'Con allegati',
        files: [
          { documentCode: 'progetto', fileName: '../../etc/<pro"getto>.exe', contentBase64: b64(pdf) },
          { documentCode: 'budget', fileName: 'foto.pdf', contentBase64: b64(png) },
        ],
      }),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const p = await citizen.inject({ method: 'GET', url: `/api/v1/proposals/${sent.json().id}` });
    const got = p
      .json()
      .files.map((f: { fileName: string; contentType: string }) => [f.fileName, f.contentType]);
    expect(got.sort()).toEqual([
      ['foto.png', 'image/png'],
      ['progetto.pdf', 'application/pdf'],
    ]);
  });

  it('refuses changes to a call by bad input', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/v1/idea-calls',
      payload: { title: 'X', body: 'corto', eligible: [], tableId: callId },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('content sniffing', () => {
  const zip = (first: string, content: string, extra = '') =>
    Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(22),
      Buffer.from([first.length, 0, 0, 0]),
      Buffer.from(first + content + extra, 'latin1'),
    ]);
  it('knows ODT, DOCX, JPEG and refuses other zips and executables', () => {
    expect(sniffType(zip('mimetype', 'application/vnd.oasis.opendocument.text'))).toBe(
      'application/vnd.oasis.opendocument.text',
    );
    expect(sniffType(zip('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'))).toBeNull();
    expect(sniffType(zip('[Content_Types].xml', '<Types/>', 'word/document.xml'))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(sniffType(zip('a.txt', 'ciao'))).toBeNull();
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull();
    expect(sanitiseFileName('C:\\temp\\..\\re\u0000port.docx', 'application/pdf')).toBe('report.pdf');
  });
});

describe('access', () => {
  let id: string;
  let fileId: string;
  beforeAll(async () => {
    const sent = await citizen.inject({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: proposal({ title: 'Per l’accesso' }),
    });
    id = sent.json().id;
    fileId = (await citizen.inject({ method: 'GET', url: `/api/v1/proposals/${id}` })).json().files[0].id;
  });

  it('shows a proposal to its proposer, the table and the city, and not to others', async () => {
    for (const s of [citizen, member, admin])
      expect((await s.inject({ method: 'GET', url: `/api/v1/proposals/${id}` })).statusCode).toBe(200);
    expect((await stranger.inject({ method: 'GET', url: `/api/v1/proposals/${id}` })).statusCode).toBe(404);
    expect((await foreignAdmin.inject({ method: 'GET', url: `/api/v1/proposals/${id}` })).statusCode).toBe(
      404,
    );
    const anon = await t.app.inject({
      method: 'GET',
      url: `/api/v1/proposals/${id}`,
      headers: { host: 'localhost' },
    });
    expect(anon.statusCode).toBe(401);
  });

  it('lets the same people download the files, audited', async () => {
    const url = `/api/v1/proposals/${id}/files/${fileId}`;
    const res = await member.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect((await stranger.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await foreignAdmin.inject({ method: 'GET', url })).statusCode).toBe(404);
    const { rows } = await t.database.pool.query(
      "SELECT 1 FROM audit_log WHERE resource = 'proposal_file' AND action = 'read' AND resource_id = $1",
      [fileId],
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('lets only reviewers review, and only the city manage calls and tables', async () => {
    const s = await citizen.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/status`,
      payload: { to: 'under_review' },
    });
    expect(s.statusCode).toBe(403);
    const x = await stranger.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/status`,
      payload: { to: 'under_review' },
    });
    expect(x.statusCode).toBe(404);
    const list = await stranger.inject({ method: 'GET', url: '/api/v1/proposals/review' });
    expect(list.json()).toEqual([]);
    for (const sess of [citizen, member, stranger])
      expect((await sess.inject({ method: 'GET', url: '/api/v1/thematic-tables' })).statusCode).toBe(403);
    const foreign = await foreignAdmin.inject({ method: 'POST', url: `/api/v1/idea-calls/${callId}/close` });
    expect(foreign.statusCode).toBe(404);
  });

  it('lets the city create a table, seat members and open a call for it', async () => {
    const table = await admin.inject({
      method: 'POST',
      url: '/api/v1/thematic-tables',
      payload: { name: 'Tavolo lavoro', description: 'Idee per il lavoro' },
    });
    expect(table.statusCode).toBe(201);
    const people = await admin.inject({ method: 'GET', url: '/api/v1/thematic-tables/people?q=altro' });
    const uid = people.json()[0].userId;
    const seated = await admin.inject({
      method: 'PUT',
      url: `/api/v1/thematic-tables/${table.json().id}/members`,
      payload: { userIds: [uid] },
    });
    expect(seated.json().members.map((m: { displayName: string }) => m.displayName)).toEqual([
      'Altro Cittadino',
    ]);
    const call = await admin.inject({
      method: 'POST',
      url: '/api/v1/idea-calls',
      payload: {
        title: 'Idee per il lavoro',
        body: 'Proposte per aiutare chi cerca lavoro nel quartiere.',
        eligible: ['citizen'],
        documents: [],
        tableId: table.json().id,
      },
    });
    expect(call.statusCode, call.body).toBe(201);
    expect(call.json().slug).toBe('idee-per-il-lavoro');
    const sent = await citizen.inject({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: proposal({ callId: call.json().id, files: [] }),
    });
    expect(sent.statusCode).toBe(201);
    const review = await stranger.inject({ method: 'GET', url: '/api/v1/proposals/review' });
    expect(review.json().map((p: { id: string }) => p.id)).toEqual([sent.json().id]);
    expect(
      (await member.inject({ method: 'GET', url: `/api/v1/proposals/${sent.json().id}` })).statusCode,
    ).toBe(404);
  });
});

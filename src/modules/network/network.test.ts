import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, type Session, signIn } from '../../../test/auth.ts';
import { createUser } from '../identity/service/accounts.ts';
import { cleanText, maxMessageLength } from './schemas.ts';
import { threadTag } from './service.ts';

const op = (slug: string) => `operatore.${slug}@demo.cittadelnoi.it`;
const hubMail = (slug: string) => `pc.${slug}@demo.cittadelnoi.it`;

let t: TestApp;
let brescia: number;
let admin: Session;
let lamarmora: Session;
let sanpolino: Session;
let mompiano: Session;
beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });
  const { rows } = await t.database.pool.query<{ city_id: number }>(
    "SELECT city_id FROM cities WHERE code = 'brescia'",
  );
  brescia = rows[0]!.city_id;
  admin = await signIn(t.app, demo.admin);
  lamarmora = await signIn(t.app, op('lamarmora'));
  sanpolino = await signIn(t.app, op('sanpolino'));
  mompiano = await signIn(t.app, op('mompiano'));
});
afterAll(async () => {
  await t?.close();
});

interface Summary {
  id: string;
  kind: string;
  subject: string;
  unread: number | null;
  hubCount: number;
  byCity: boolean;
}
interface Detail extends Summary {
  participants: { slug: string }[];
  messages: { id: number; body: string; hub: { slug: string } | null; mine: boolean; authorName: string }[];
  writeAs: { slug: string | null }[];
}

const list = async (s: Session, query = '') => {
  const res = await s.inject({ method: 'GET', url: `/api/v1/network/threads${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Summary[]; total: number; unreadTotal: number };
};
const open = async (s: Session, id: string) => {
  const res = await s.inject({ method: 'GET', url: `/api/v1/network/threads/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
};
const start = (s: Session, payload: Record<string, unknown>) =>
  s.inject({ method: 'POST', url: '/api/v1/network/threads', payload });
const post = (s: Session, id: string, payload: Record<string, unknown>) =>
  s.inject({ method: 'POST', url: `/api/v1/network/threads/${id}/messages`, payload });
const mailsTo = async (to: string, tag: string) =>
  (
    await t.database.pool.query<{ subject: string; text: string }>(
      `SELECT subject, text FROM mail_outbox WHERE "to" = $1 AND subject LIKE '%' || $2 || '%' ORDER BY mail_id`,
      [to, tag],
    )
  ).rows;
/** Moves the thread's mails back in time, as if `minutes` had passed. */
const age = (tag: string, minutes: number) =>
  t.database.pool.query(
    `UPDATE mail_outbox SET created_at = created_at - make_interval(mins => $2) WHERE subject LIKE '%' || $1 || '%'`,
    [tag, minutes],
  );

describe('the demo network', () => {
  it('has the city’s announcement to all 19 hubs, with replies, and a Lamarmora–Sanpolino conversation', async () => {
    const l = await list(lamarmora);
    const ann = l.items.find((i) => i.kind === 'announcement')!;
    expect(ann.hubCount).toBe(19);
    expect(ann.byCity).toBe(true);
    expect(ann.unread).toBe(3);
    const conv = l.items.find((i) => i.kind === 'conversation')!;
    expect(conv.unread).toBe(1);
    expect(l.unreadTotal).toBe(4);
    const a = await list(admin);
    expect(a.items.map((i) => i.kind)).toEqual(['announcement']);
    expect(a.items[0]!.unread).toBeNull();
    // A hub outside the conversation sees only the announcement.
    const m = await list(mompiano);
    expect(m.items.map((i) => i.kind)).toEqual(['announcement']);
    expect(m.items[0]!.unread).toBe(1);
  });
});

describe('a hub reads and replies to the announcement', () => {
  it('opens it, marks it read, replies; the others are mailed once (flood rule), not its own hub', async () => {
    const ann = (await list(lamarmora, '?kind=announcement')).items[0]!;
    const d = await open(lamarmora, ann.id);
    expect(d.messages.length).toBe(3);
    expect(d.participants.length).toBe(19);
    expect(d.writeAs).toEqual([{ slug: 'lamarmora', name: expect.any(String) }]);
    const read = await lamarmora.inject({ method: 'POST', url: `/api/v1/network/threads/${ann.id}/read` });
    expect(read.statusCode).toBe(204);
    expect((await list(lamarmora, '?kind=announcement')).items[0]!.unread).toBe(0);

    const res = await post(lamarmora, ann.id, { body: '  Da Lamarmora veniamo in due.\u0007\r\nGrazie!  ' });
    expect(res.statusCode, res.body).toBe(201);
    const msg = res.json() as { body: string; hub: { slug: string }; mine: boolean };
    expect(msg.body).toBe('Da Lamarmora veniamo in due.\nGrazie!');
    expect(msg.hub.slug).toBe('lamarmora');
    expect(msg.mine).toBe(true);
    // Its own reply is not unread for it; it is for the others.
    expect((await list(lamarmora, '?kind=announcement')).items[0]!.unread).toBe(0);
    expect((await list(mompiano, '?kind=announcement')).items[0]!.unread).toBe(2);

    const tag = threadTag(ann.id);
    expect(await mailsTo(hubMail('lamarmora'), tag)).toEqual([]);
    const toMompiano = await mailsTo(hubMail('mompiano'), tag);
    expect(toMompiano.length).toBe(1);
    expect(toMompiano[0]!.text).toContain(`/rete/${ann.id}`);
    expect(toMompiano[0]!.text).not.toContain('veniamo in due');
    const { rows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE subject LIKE '%' || $1 || '%'`,
      [tag],
    );
    expect(rows[0]!.n).toBe(18);

    // Within 15 minutes a second message mails nobody new …
    expect((await post(mompiano, ann.id, { body: 'Perfetto, a giovedì.' })).statusCode).toBe(201);
    expect((await mailsTo(hubMail('mompiano'), tag)).length).toBe(1);
    expect((await mailsTo(hubMail('sanpolino'), tag)).length).toBe(1);
    // … except Lamarmora, which had not been mailed in this thread yet.
    expect((await mailsTo(hubMail('lamarmora'), tag)).length).toBe(1);
    // After 15 minutes the next message mails again.
    await age(tag, 16);
    expect((await post(admin, ann.id, { body: 'Grazie a tutti, confermato.' })).statusCode).toBe(201);
    expect((await mailsTo(hubMail('sanpolino'), tag)).length).toBe(2);
  });

  it('lets the city reply in its announcement as the city', async () => {
    const ann = (await list(admin)).items[0]!;
    const d = await open(admin, ann.id);
    expect(d.writeAs).toEqual([{ slug: null, name: expect.any(String) }]);
    const last = d.messages[d.messages.length - 1]!;
    expect(last.hub).toBeNull();
    expect(last.mine).toBe(true);
    // The city keeps no read mark: marking read is accepted and changes nothing.
    expect(
      (await admin.inject({ method: 'POST', url: `/api/v1/network/threads/${ann.id}/read` })).statusCode,
    ).toBe(204);
  });
});

describe('conversations between hubs', () => {
  let id: string;
  it('Lamarmora starts one with Chiesanuova and Folzano: they see it unread and get a mail', async () => {
    const res = await start(lamarmora, {
      kind: 'conversation',
      subject: 'Prestito di sedie per la festa',
      body: 'Qualcuno può prestarci 30 sedie per sabato?',
      hubs: ['chiesanuova', 'folzano', 'lamarmora', 'folzano'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as Detail;
    id = d.id;
    expect(d.participants.map((p) => p.slug).sort()).toEqual(['chiesanuova', 'folzano', 'lamarmora']);
    expect(d.byCity).toBe(false);
    const chiesanuova = await signIn(t.app, op('chiesanuova'));
    const c = (await list(chiesanuova, '?kind=conversation')).items.find((i) => i.id === id)!;
    expect(c.unread).toBe(1);
    expect((await list(chiesanuova, '?unread=true')).items.some((i) => i.id === id)).toBe(true);
    expect((await mailsTo(hubMail('folzano'), threadTag(id))).length).toBe(1);
    expect((await mailsTo(hubMail('lamarmora'), threadTag(id))).length).toBe(0);
    // The reply of Chiesanuova reaches Lamarmora (not mailed yet) and not Folzano (mailed < 15 min ago).
    expect((await post(chiesanuova, id, { body: 'Noi ne abbiamo 20.' })).statusCode).toBe(201);
    expect((await mailsTo(hubMail('lamarmora'), threadTag(id))).length).toBe(1);
    expect((await mailsTo(hubMail('folzano'), threadTag(id))).length).toBe(1);
  });

  it('is out of reach of other hubs and of the city (404), and they cannot write in it', async () => {
    expect((await sanpolino.inject({ method: 'GET', url: `/api/v1/network/threads/${id}` })).statusCode).toBe(
      404,
    );
    expect((await admin.inject({ method: 'GET', url: `/api/v1/network/threads/${id}` })).statusCode).toBe(
      404,
    );
    expect((await post(sanpolino, id, { body: 'Ci siamo anche noi' })).statusCode).toBe(404);
    expect((await post(admin, id, { body: 'Il Comune' })).statusCode).toBe(404);
    expect(
      (await sanpolino.inject({ method: 'POST', url: `/api/v1/network/threads/${id}/read` })).statusCode,
    ).toBe(404);
    expect((await list(admin)).items.some((i) => i.id === id)).toBe(false);
  });

  it('mails a hub once even when two messages arrive at the same moment', async () => {
    const res = await start(sanpolino, {
      kind: 'conversation',
      subject: 'Turni di agosto',
      body: 'Chi resta aperto ad agosto?',
      hubs: ['mompiano', 'lamarmora'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const threadId = (res.json() as Detail).id;
    const tag = threadTag(threadId);
    await age(tag, 16);
    const answers = await Promise.all([
      post(mompiano, threadId, { body: 'Noi la prima settimana.' }),
      post(lamarmora, threadId, { body: 'Noi tutto il mese.' }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    // Sanpolino (the author: not mailed for its own message) gets exactly one mail for the two answers.
    expect((await mailsTo(hubMail('sanpolino'), tag)).length).toBe(1);
    const { rows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE subject LIKE '%' || $1 || '%' AND created_at > now() - interval '15 minutes'`,
      [tag],
    );
    // Since the aged mails: Sanpolino once, and each answerer once for the other's answer.
    expect(rows[0]!.n).toBe(3);
  });

  it('the city starts a conversation with chosen hubs and reads it; other hubs do not', async () => {
    const res = await start(admin, {
      kind: 'conversation',
      subject: 'Zona Sud: orari estivi',
      body: 'Vi chiediamo gli orari di luglio e agosto.',
      hubs: ['lamarmora', 'sanpolino'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as Detail;
    expect(d.byCity).toBe(true);
    expect((await list(admin)).items.some((i) => i.id === d.id)).toBe(true);
    expect((await post(sanpolino, d.id, { body: 'Luglio come sempre, agosto chiusi.' })).statusCode).toBe(
      201,
    );
    expect((await open(admin, d.id)).messages.length).toBe(2);
    expect(
      (await mompiano.inject({ method: 'GET', url: `/api/v1/network/threads/${d.id}` })).statusCode,
    ).toBe(404);
  });
});

describe('bad input: clear errors, nothing changed', () => {
  const count = async () =>
    (
      await t.database.pool.query<{ n: number }>(
        'SELECT (SELECT count(*) FROM network_threads) + (SELECT count(*) FROM network_messages) AS n',
      )
    ).rows[0]!.n;

  it('refuses empty, blank and too long messages and subjects', async () => {
    const before = await count();
    const ann = (await list(lamarmora, '?kind=announcement')).items[0]!;
    for (const body of ['', '   \n\t ', '\u0000\u0007', 'x'.repeat(maxMessageLength + 1)]) {
      const res = await post(lamarmora, ann.id, { body });
      expect(res.statusCode, body.slice(0, 10)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await post(lamarmora, ann.id, {})).statusCode).toBe(400);
    expect(
      (await start(lamarmora, { kind: 'conversation', subject: '', body: 'x', hubs: ['sanpolino'] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await start(lamarmora, { kind: 'conversation', subject: 'a\nb', body: 'x', hubs: ['sanpolino'] }))
        .statusCode,
    ).toBe(400);
    expect(await count()).toBe(before);
  });

  it('refuses a conversation with no other hub, with an unknown hub or a hub of another city', async () => {
    const before = await count();
    for (const hubs of [[], ['lamarmora'], undefined]) {
      const res = await start(lamarmora, { kind: 'conversation', subject: 'Solo noi', body: 'Ciao', hubs });
      expect(res.statusCode, JSON.stringify(hubs)).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain('hubs');
    }
    for (const hubs of [['testopoli-nord'], ['sanpolino', 'non-esiste']]) {
      const res = await start(lamarmora, { kind: 'conversation', subject: 'Altrove', body: 'Ciao', hubs });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('hubs');
    }
    expect(await count()).toBe(before);
  });

  it('lets only the city send announcements, and only as the city', async () => {
    const res = await start(lamarmora, { kind: 'announcement', subject: 'A tutti', body: 'Ciao a tutti' });
    expect(res.statusCode).toBe(403);
    expect(
      (await start(admin, { kind: 'announcement', subject: 'A tutti', body: 'Ciao', from: 'lamarmora' }))
        .statusCode,
    ).toBe(400);
  });

  it('asks an operator of two hubs which one writes, and refuses a hub not theirs', async () => {
    const user = await createUser(t.database.pool, brescia, {
      email: 'operatore.due.hub@example.org',
      displayName: 'Operatrice di due Punti',
      password: 'una-password-lunga-1',
      verified: true,
      assignments: [
        { role: 'operator', scope: { kind: 'community_point', ref: 'folzano' } },
        { role: 'operator', scope: { kind: 'community_point', ref: 'chiesanuova' } },
      ],
    });
    expect(user.id).toBeTruthy();
    const two = await signIn(t.app, 'operatore.due.hub@example.org', { password: 'una-password-lunga-1' });
    const body = { kind: 'conversation', subject: 'Da chi?', body: 'Ciao', hubs: ['sanpolino'] };
    const res = await start(two, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('from');
    expect((await start(two, { ...body, from: 'lamarmora' })).statusCode).toBe(400);
    const ok = await start(two, { ...body, from: 'folzano' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as Detail).messages[0]!.hub!.slug).toBe('folzano');
  });
});

describe('access', () => {
  it('is closed to citizens, social workers and researchers, and to the signed-out', async () => {
    for (const email of [demo.citizen, demo.nord, demo.researcher]) {
      const s = await signIn(t.app, email);
      expect((await s.inject({ method: 'GET', url: '/api/v1/network/threads' })).statusCode, email).toBe(403);
      expect(
        (await start(s, { kind: 'conversation', subject: 'x', body: 'y', hubs: ['lamarmora'] })).statusCode,
      ).toBe(403);
    }
    const anon = await t.app.inject({
      method: 'GET',
      url: '/api/v1/network/threads',
      headers: { host: 'localhost' },
    });
    expect(anon.statusCode).toBe(401);
  });

  it('keeps each city’s network apart', async () => {
    const foreign = await signIn(t.app, demo.admin, { host: 'testopoli.localhost' });
    const theirs = await list(foreign);
    expect(theirs.items.length).toBe(1);
    expect(theirs.items[0]!.hubCount).toBe(1);
    const ours = (await list(admin)).items[0]!;
    expect(
      (await foreign.inject({ method: 'GET', url: `/api/v1/network/threads/${ours.id}` })).statusCode,
    ).toBe(404);
    expect((await post(foreign, ours.id, { body: 'Da Testopoli' })).statusCode).toBe(404);
    expect(
      (await admin.inject({ method: 'GET', url: `/api/v1/network/threads/${theirs.items[0]!.id}` }))
        .statusCode,
    ).toBe(404);
    // A Brescia session does not work on Testopoli's host.
    const cross = await t.app.inject({
      method: 'GET',
      url: '/api/v1/network/threads',
      headers: { host: 'testopoli.localhost', cookie: admin.cookie },
    });
    expect(cross.statusCode).toBe(401);
  });
});

describe('cleanText', () => {
  it('keeps text as text: strips control and direction characters, keeps new lines and markup as typed', () => {
    expect(cleanText('a\u0000b\u202Ec\r\nd\te')).toBe('abc\nd\te');
    expect(cleanText('<b>ciao</b>')).toBe('<b>ciao</b>');
  });
});

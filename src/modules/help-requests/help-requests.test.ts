import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, type Session, signIn } from '../../../test/auth.ts';

let t: TestApp;
const op = (slug: string) => `operatore.${slug}@demo.cittadelnoi.it`;
let lamarmora: Session;
let sanpolino: Session;
let sud: Session;
let nord: Session;

beforeAll(async () => {
  t = await buildTestApp({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '10000' },
  });
  lamarmora = await signIn(t.app, op('lamarmora'));
  sanpolino = await signIn(t.app, op('sanpolino'));
  sud = await signIn(t.app, demo.sud);
  nord = await signIn(t.app, demo.nord);
});
afterAll(async () => {
  await t?.close();
});

const valid = {
  category: 'shopping',
  description: 'Vivo sola e non riesco a fare la spesa da quando sono caduta.',
  neighbourhoodCode: 'lamarmora',
  contact: { name: 'Persona di prova', phone: '030 123456', email: 'prova@example.org' },
  consent: true,
  circumstances: { livesAlone: true, age: 84 },
};

const submit = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/help-requests',
    headers: { host: 'localhost', ...headers },
    payload: payload as object,
  });

const count = async (table: string) =>
  (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

describe('POST /api/v1/help-requests', () => {
  it('takes a request, routes it to the hub of the neighbourhood, suggests its urgency, mails person and hub', async () => {
    const mails = await count('mail_outbox');
    const res = await submit(valid);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'new',
      neighbourhood: { code: 'lamarmora', name: 'Lamarmora' },
      zone: { code: 'sud' },
      queue: 'community_point',
      communityPoint: {
        name: 'Punto Comunità Lamarmora',
        neighbourhoodCodes: ['lamarmora', 'porta-cremona-volta'],
      },
    });
    expect(body.trackingCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(['high', 'critical']).toContain(body.urgency);
    expect(await count('mail_outbox')).toBe(mails + 2);
    const { rows } = await t.database.pool.query(
      `SELECT kind, to_status, reason FROM help_request_events WHERE help_request_id = $1`,
      [body.id],
    );
    expect(rows).toEqual([{ kind: 'created', to_status: 'new', reason: 'routing.hub' }]);
    const audit = await t.database.pool.query(
      `SELECT action, sensitive FROM audit_log WHERE resource = 'help_request' AND resource_id = $1`,
      [body.id],
    );
    expect(audit.rows).toEqual([{ action: 'create', sensitive: true }]);
  });

  it('places a request by its point, and by a neighbourhood named in the address', async () => {
    const byPoint = await submit({ ...valid, neighbourhoodCode: undefined, lat: 45.5367, lon: 10.2713 });
    expect(byPoint.statusCode).toBe(201);
    expect(byPoint.json().zone.code).toBe('est');
    const byAddress = await submit({
      ...valid,
      neighbourhoodCode: undefined,
      address: 'Via dei Mille 3, quartiere Sanpolino',
    });
    expect(byAddress.statusCode).toBe(201);
    expect(byAddress.json().neighbourhood.code).toBe('sanpolino');
  });

  it('sends psychological support to the helpline queue, with no hub', async () => {
    const res = await submit({
      ...valid,
      category: 'psychological_support',
      description: 'Mi sento molto in ansia.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ queue: 'helpline', communityPoint: null });
  });

  it('returns the first answer to a retry with the same Idempotency-Key, and creates nothing new', async () => {
    const key = randomUUID();
    const before = await count('help_requests');
    const [a, b] = await Promise.all([
      submit(valid, { 'idempotency-key': key }),
      submit(valid, { 'idempotency-key': key }),
    ]);
    const c = await submit(valid, { 'idempotency-key': key });
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    expect(b.json()).toEqual(a.json());
    expect(c.json()).toEqual(a.json());
    expect(c.headers['idempotent-replayed']).toBe('true');
    expect(await count('help_requests')).toBe(before + 1);
    const other = await submit(
      { ...valid, description: 'Altro testo, altra richiesta.' },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(409);
    expect(await count('help_requests')).toBe(before + 1);
  });

  it('refuses bad input with a problem naming the field, and changes nothing', async () => {
    const before = await count('help_requests');
    const cases: [unknown, string][] = [
      [{ ...valid, consent: undefined }, 'consent'],
      [{ ...valid, consent: false }, 'consent'],
      [{ ...valid, neighbourhoodCode: undefined }, 'neighbourhoodCode'],
      [{ ...valid, neighbourhoodCode: undefined, lat: 41.9, lon: 12.49 }, 'lat'],
      [{ ...valid, neighbourhoodCode: undefined, lat: 45.54 }, 'lon'],
      [{ ...valid, neighbourhoodCode: 'atlantide' }, 'neighbourhoodCode'],
      [{ ...valid, neighbourhoodCode: undefined, address: 'Via Roma 1' }, 'neighbourhoodCode'],
      [{ ...valid, contact: { name: 'X' } }, 'contact.phone'],
      [{ ...valid, contact: { name: 'X', email: 'not-an-email' } }, 'contact.email'],
      [{ ...valid, description: 'x'.repeat(10_000) }, 'description'],
      [{ ...valid, category: 'magic' }, 'category'],
      [{ ...valid, onBehalfOf: { channel: 'phone' } }, ''],
      [{ ...valid, lat: 'abc', lon: 10 }, 'lat'],
    ];
    for (const [payload, field] of cases) {
      const res = await submit(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 120)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (field) expect(JSON.stringify(res.json()), field).toContain(field);
    }
    expect((await submit(valid, { 'idempotency-key': 'short' })).statusCode).toBe(400);
    expect(await count('help_requests')).toBe(before);
  });

  it('keeps HTML and script as text', async () => {
    const html = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const res = await submit({
      ...valid,
      description: `Aiuto ${html}`,
      contact: { ...valid.contact, name: html },
    });
    expect(res.statusCode).toBe(201);
    const detail = await lamarmora.inject({ method: 'GET', url: `/api/v1/help-requests/${res.json().id}` });
    expect(detail.json().description).toBe(`Aiuto ${html}`);
    expect(detail.json().contact.name).toBe(html);
  });

  it('lets an operator take a request on behalf of a person, recorded as such; anonymous callers cannot', async () => {
    const res = await lamarmora.inject({
      method: 'POST',
      url: '/api/v1/help-requests',
      payload: { ...valid, onBehalfOf: { channel: 'phone' } },
    });
    expect(res.statusCode).toBe(201);
    const row = (
      await t.database.pool.query(
        'SELECT channel, taken_by, citizen_id FROM help_requests WHERE help_request_id = $1',
        [res.json().id],
      )
    ).rows[0];
    expect(row.channel).toBe('phone');
    expect(row.taken_by).toBeTruthy();
    expect(row.citizen_id).toBeNull();
    expect((await submit({ ...valid, onBehalfOf: { channel: 'phone' } })).statusCode).toBe(403);
  });

  it('shows a signed-in citizen their own request, and no one else’s', async () => {
    const citizen = await signIn(t.app, demo.citizen);
    const mine = await citizen.inject({ method: 'POST', url: '/api/v1/help-requests', payload: valid });
    expect(mine.statusCode).toBe(201);
    const list = await citizen.inject({ method: 'GET', url: '/api/v1/help-requests' });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([mine.json().id]);
    const own = await citizen.inject({ method: 'GET', url: `/api/v1/help-requests/${mine.json().id}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ notes: [], canManage: false, nextStatuses: [] });
    const someone = await submit(valid);
    expect(
      (await citizen.inject({ method: 'GET', url: `/api/v1/help-requests/${someone.json().id}` })).statusCode,
    ).toBe(404);
    const act = await citizen.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${mine.json().id}/transitions`,
      payload: { to: 'in_progress' },
    });
    expect(act.statusCode).toBe(403);
  });
});

describe('tracking', () => {
  it('shows status and dates by code (any spelling), and no personal data', async () => {
    const created = (await submit(valid)).json();
    const code = created.trackingCode as string;
    for (const spelled of [code, code.toLowerCase(), code.replace('-', '')]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/help-requests/track/${spelled}` });
      expect(res.statusCode, spelled).toBe(200);
      expect(res.json()).toMatchObject({ trackingCode: code, status: 'new', steps: [{ status: 'new' }] });
      const text = res.body;
      for (const secret of ['Persona di prova', '030 123456', 'prova@example.org', 'spesa', created.id])
        expect(text).not.toContain(secret);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help-requests/track/AAAA-AAAA' })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help-requests/track/%3Cscript%3E' })).statusCode,
    ).toBe(404);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/help-requests/track/${code}`,
      headers: { host: 'testopoli.localhost' },
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('scope: who sees a request', () => {
  it('the hub sees it and the read is audited; another hub, the zone (before escalation), another city do not', async () => {
    const { id } = (await submit(valid)).json();
    const read = await lamarmora.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      canManage: true,
      nextStatuses: ['triaged', 'assigned', 'withdrawn', 'closed'],
    });
    const audit = await t.database.pool.query(
      `SELECT scope FROM audit_log WHERE action = 'read' AND resource = 'help_request' AND resource_id = $1`,
      [id],
    );
    expect(audit.rows).toEqual([{ scope: 'community_point:lamarmora' }]);
    for (const s of [sanpolino, sud, nord])
      expect((await s.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).statusCode).toBe(404);
    const admin = await signIn(t.app, demo.admin);
    expect((await admin.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).statusCode).toBe(403);
    const foreign = await signIn(t.app, demo.admin, { host: 'testopoli.localhost' });
    expect((await foreign.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).statusCode).toBe(
      403,
    );
    const list = (
      await sanpolino.inject({ method: 'GET', url: '/api/v1/help-requests?pageSize=100' })
    ).json();
    expect(list.items.some((i: { id: string }) => i.id === id)).toBe(false);
  });

  it('lists a hub’s requests, open first, overdue first, most urgent first, with filters and search', async () => {
    // One request of the hub past its first-contact time, however low its urgency.
    const late = (
      await submit({ ...valid, circumstances: {}, description: 'Serve aiuto con una pratica.' })
    ).json();
    await t.database.pool.query(
      `UPDATE help_requests SET urgency = 'low', sla_due_at = now() - interval '1 hour' WHERE help_request_id = $1`,
      [late.id],
    );
    const res = await lamarmora.inject({
      method: 'GET',
      url: '/api/v1/help-requests?open=true&pageSize=100',
    });
    expect(res.statusCode).toBe(200);
    type Item = {
      id: string;
      urgency: string;
      status: string;
      communityPoint: { slug: string };
      firstContactAt: string | null;
      slaDueAt: string;
    };
    const items = res.json().items as Item[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((i) => i.communityPoint.slug === 'lamarmora')).toBe(true);
    expect(items.every((i) => !['resolved', 'closed', 'withdrawn'].includes(i.status))).toBe(true);
    const rank = { critical: 0, high: 1, normal: 2, low: 3 } as Record<string, number>;
    const overdue = (i: Item) => (i.firstContactAt === null && Date.parse(i.slaDueAt) < Date.now() ? 0 : 1);
    const keys = items.map((i) => overdue(i) * 10 + rank[i.urgency]!);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(overdue(items.find((i) => i.id === late.id)!)).toBe(0);
    expect(items.findIndex((i) => i.id === late.id)).toBeLessThan(
      items.findIndex((i) => overdue(i) === 1 && i.urgency !== 'low'),
    );
    const created = (
      await submit({ ...valid, contact: { ...valid.contact, name: 'Ermenegilda Cercabile' } })
    ).json();
    const byName = (
      await lamarmora.inject({ method: 'GET', url: '/api/v1/help-requests?q=cercabile' })
    ).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    const byCode = (
      await lamarmora.inject({
        method: 'GET',
        url: `/api/v1/help-requests?q=${created.trackingCode.toLowerCase()}`,
      })
    ).json();
    expect(byCode.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    const bad = await lamarmora.inject({ method: 'GET', url: '/api/v1/help-requests?status=flying' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('workflow', () => {
  it('triage → assign → in progress → resolved, each step in the history with who and why; mails the person', async () => {
    const { id } = (await submit(valid)).json();
    const mails = await count('mail_outbox');
    const triaged = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/triage`,
      payload: { urgency: 'normal', category: 'shopping', reason: 'Ha una vicina che aiuta' },
    });
    expect(triaged.statusCode).toBe(200);
    expect(triaged.json()).toMatchObject({ status: 'triaged', urgency: 'normal', urgencyConfirmed: true });
    expect(triaged.json().firstContactAt).toBeTruthy();
    const assigned = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/assign`,
      payload: {},
    });
    expect(assigned.json()).toMatchObject({
      status: 'assigned',
      assignee: { name: 'Operatore Punto Comunità Lamarmora (demo)' },
    });
    await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/transitions`,
      payload: { to: 'in_progress' },
    });
    await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/notes`,
      payload: { text: 'Spesa fatta dal volontario.' },
    });
    const done = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/transitions`,
      payload: { to: 'resolved' },
    });
    expect(done.statusCode).toBe(200);
    const d = done.json();
    expect(d.status).toBe('resolved');
    expect(d.closedAt).toBeTruthy();
    expect(d.history.map((h: { kind: string }) => h.kind)).toEqual([
      'created',
      'triage',
      'assign',
      'status',
      'note',
      'status',
    ]);
    expect(d.history[1]).toMatchObject({
      reason: 'Ha una vicina che aiuta',
      actorName: expect.stringContaining('Lamarmora'),
    });
    expect(d.notes.map((n: { text: string }) => n.text)).toEqual(['Spesa fatta dal volontario.']);
    expect(await count('mail_outbox')).toBe(mails + 2); // assigned, resolved
  });

  it('refuses moves the status machine forbids, a close without outcome, and changes nothing', async () => {
    const { id } = (await submit(valid)).json();
    const before = (await lamarmora.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).json();
    const bad = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/transitions`,
      payload: { to: 'resolved' },
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const noOutcome = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/transitions`,
      payload: { to: 'closed' },
    });
    expect(noOutcome.statusCode).toBe(400);
    expect(JSON.stringify(noOutcome.json())).toContain('outcome');
    const noReason = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/transitions`,
      payload: { to: 'withdrawn' },
    });
    expect(noReason.statusCode).toBe(400);
    const after = (await lamarmora.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).json();
    expect(after.status).toBe(before.status);
    expect(after.history.length).toBe(before.history.length);
    const closed = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/transitions`,
      payload: { to: 'closed', outcome: 'La persona ha trovato aiuto in famiglia.' },
    });
    expect(closed.json()).toMatchObject({
      status: 'closed',
      outcome: 'La persona ha trovato aiuto in famiglia.',
      nextStatuses: [],
    });
    const again = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/transitions`,
      payload: { to: 'in_progress', reason: 'riapro' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('transfers to another hub with a reason: the new hub sees it, the old one no longer', async () => {
    const { id } = (await submit(valid)).json();
    const res = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/transfer`,
      payload: { communityPoint: 'sanpolino', reason: 'La persona abita ora a Sanpolino' },
    });
    expect(res.statusCode).toBe(200);
    expect((await lamarmora.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).statusCode).toBe(
      404,
    );
    const there = await sanpolino.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` });
    expect(there.json()).toMatchObject({ communityPoint: { slug: 'sanpolino' } });
    expect(there.json().history.at(-1)).toMatchObject({
      kind: 'transfer',
      reason: 'La persona abita ora a Sanpolino',
    });
  });

  it('refuses a transfer to a hub of another city or to nowhere, and changes nothing', async () => {
    const { id } = (await submit(valid)).json();
    const { rows } = await t.database.pool.query<{ community_point_id: string }>(
      `INSERT INTO community_points (city_id, slug, name, host_name, address, lat, lon, neighbourhood_code, zone_code)
       SELECT city_id, 'altrove', 'Punto altrove', 'Host', 'Via 1', 0, 0, 'x', 'y' FROM cities WHERE code = 'testopoli'
       RETURNING community_point_id`,
    );
    for (const target of [rows[0]!.community_point_id, 'altrove', 'lamarmora', randomUUID()]) {
      const res = await lamarmora.inject({
        method: 'POST',
        url: `/api/v1/help-requests/${id}/transfer`,
        payload: { communityPoint: target, reason: 'Prova di trasferimento' },
      });
      expect(res.statusCode, target).toBe(400);
      expect(JSON.stringify(res.json())).toContain('communityPoint');
    }
    const d = (await lamarmora.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).json();
    expect(d.communityPoint.slug).toBe('lamarmora');
    expect(d.history.length).toBe(1);
  });

  it("escalates to the zone's social workers, who then see and work it; the other zone does not", async () => {
    const { id } = (await submit(valid)).json();
    const res = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/escalate`,
      payload: { reason: 'Serve una valutazione del servizio sociale' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().escalatedAt).toBeTruthy();
    const seen = await sud.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canManage).toBe(true);
    const note = await sud.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/notes`,
      payload: { text: 'Presa visione.' },
    });
    expect(note.statusCode).toBe(200);
    expect((await nord.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).statusCode).toBe(404);
    const twice = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/escalate`,
      payload: { reason: 'di nuovo, per prova' },
    });
    expect(twice.statusCode).toBe(409);
    const list = (
      await sud.inject({ method: 'GET', url: '/api/v1/help-requests?escalated=true&pageSize=100' })
    ).json();
    expect(list.items.some((i: { id: string }) => i.id === id)).toBe(true);
  });
});

describe('assigning to someone else', () => {
  it("lists the hub's operators (and, once escalated, the zone's social workers) and assigns to one of them", async () => {
    const { id } = (await submit(valid)).json();
    const url = `/api/v1/help-requests/${id}/assignees`;
    const names = async (s: Session) =>
      ((await s.inject({ method: 'GET', url })).json().items as { id: string; name: string }[]).map(
        (i) => i.name,
      );
    const before = await names(lamarmora);
    expect(before.length).toBeGreaterThan(0);
    expect(before).toEqual([...before].sort((a, b) => a.localeCompare(b, 'it')));
    expect(before.some((n) => /Zona Sud/.test(n))).toBe(false);
    // Another hub, another zone, a citizen, no one: not theirs.
    expect((await sanpolino.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await nord.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url, headers: { host: 'localhost' } })).statusCode).toBe(401);

    await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/escalate`,
      payload: { reason: 'Serve il servizio sociale' },
    });
    const after = (await lamarmora.inject({ method: 'GET', url })).json().items as {
      id: string;
      name: string;
    }[];
    const worker = after.find((i) => /Zona Sud/.test(i.name));
    expect(worker).toBeTruthy();
    const assigned = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/assign`,
      payload: { assigneeId: worker!.id },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignee).toEqual(worker);

    // Someone not on the list (an operator of another hub) is refused, and nothing changes.
    const other = (await sanpolino.inject({ method: 'GET', url: '/api/v1/me' })).json().id as string;
    const refused = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${id}/assign`,
      payload: { assigneeId: other },
    });
    expect(refused.statusCode).toBe(400);
    const now = (await lamarmora.inject({ method: 'GET', url: `/api/v1/help-requests/${id}` })).json();
    expect(now.assignee).toEqual(worker);
  });
});

describe('figures and emergency mode', () => {
  it('publishes counts by neighbourhood and category, suppressing those under 5', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/help-requests/figures' });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.total).toBeGreaterThanOrEqual(120);
    const values = [...Object.values(f.byNeighbourhood), ...Object.values(f.byCategory)] as (number | null)[];
    expect(values.every((v) => v === null || v >= 5)).toBe(true);
    expect(values.some((v) => v === null)).toBe(true);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help-requests/figures?from=2026-13-01' }))
        .statusCode,
    ).toBe(400);
  });

  it('lets the city admin switch emergency mode, visible at once to everyone', async () => {
    const admin = await signIn(t.app, demo.admin);
    const value = {
      active: true,
      phone: '030 0000000',
      message: 'Emergenza freddo',
      categories: ['food', 'medicines'],
    };
    const put = await admin.inject({ method: 'PUT', url: '/api/v1/emergency', payload: value });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/emergency' })).json()).toEqual(value);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/emergency',
      headers: { host: 'testopoli.localhost' },
    });
    expect(other.json().active).toBe(false);
    const noPhone = await admin.inject({
      method: 'PUT',
      url: '/api/v1/emergency',
      payload: { ...value, phone: null },
    });
    expect(noPhone.statusCode).toBe(400);
    expect(
      (await lamarmora.inject({ method: 'PUT', url: '/api/v1/emergency', payload: value })).statusCode,
    ).toBe(403);
    await admin.inject({ method: 'PUT', url: '/api/v1/emergency', payload: { ...value, active: false } });
  });
});

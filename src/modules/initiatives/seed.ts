import { randomUUID } from 'node:crypto';
import { withTransaction } from '../../kernel/db/transaction.ts';
import type { SeedContext } from '../../kernel/module.ts';
import type { ProgrammePart } from './service/create.ts';
import { slugify } from './service/slug.ts';

/** mulberry32: a small deterministic PRNG, so every seeded city gets the same initiatives. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the hubs did, by part of the programme: a title, a description, and the hour events start. */
const catalogue: { part: ProgrammePart; title: string; description: string; hour: number; open?: boolean }[] =
  [
    {
      part: 'community_points',
      title: 'Festa di quartiere',
      description:
        'Una giornata in piazza con le associazioni, la musica e i piatti delle famiglie del quartiere.',
      hour: 15,
      open: true,
    },
    {
      part: 'community_points',
      title: 'Il caffè del Punto Comunità',
      description: 'Ogni settimana un caffè insieme per conoscersi, raccontare bisogni e proporre idee.',
      hour: 10,
    },
    {
      part: 'community_points',
      title: 'Orto condiviso',
      description: 'Un orto curato insieme da vicini di casa, scuole e volontari.',
      hour: 17,
    },
    {
      part: 'families',
      title: 'Laboratorio genitori e figli',
      description: 'Attività creative per bambini da 3 a 10 anni con i loro genitori.',
      hour: 16,
    },
    {
      part: 'families',
      title: 'Spazio gioco 0-6 anni',
      description: 'Uno spazio per i più piccoli e uno scambio di esperienze tra mamme e papà.',
      hour: 10,
    },
    {
      part: 'youth',
      title: 'Doposcuola solidale',
      description:
        'Aiuto nei compiti per ragazze e ragazzi delle medie, con studenti universitari volontari.',
      hour: 15,
    },
    {
      part: 'youth',
      title: 'Torneo di calcetto di quartiere',
      description: 'Squadre miste di ragazzi del quartiere, con gli allenatori delle società sportive.',
      hour: 17,
      open: true,
    },
    {
      part: 'work',
      title: 'Laboratorio di sartoria',
      description: 'Cucito e riparazioni: imparare un mestiere e rimettersi in gioco.',
      hour: 9,
    },
    {
      part: 'work',
      title: 'Corso di informatica di base',
      description: 'Usare il computer e lo smartphone: posta, SPID, curriculum e ricerca del lavoro.',
      hour: 18,
    },
    {
      part: 'poverty',
      title: 'Cena solidale',
      description: 'Una cena preparata insieme con i prodotti donati dai negozi del quartiere.',
      hour: 19,
    },
    {
      part: 'poverty',
      title: 'Mercatino del baratto',
      description: 'Abiti, giochi e libri che cambiano casa senza soldi.',
      hour: 10,
      open: true,
    },
    {
      part: 'elderly_disability',
      title: 'Gruppo di cammino',
      description:
        'Camminate di un’ora per il quartiere con un accompagnatore, per stare bene e in compagnia.',
      hour: 9,
      open: true,
    },
    {
      part: 'elderly_disability',
      title: 'Ginnastica dolce',
      description: 'Esercizi leggeri per persone anziane, con un’istruttrice.',
      hour: 10,
    },
    {
      part: 'elderly_disability',
      title: 'Tombolata al centro anziani',
      description: 'Un pomeriggio di gioco e merenda con gli ospiti del centro diurno e i volontari.',
      hour: 15,
    },
    {
      part: 'governance',
      title: 'Assemblea di quartiere',
      description:
        'Il consiglio di quartiere, le associazioni e i cittadini discutono le priorità dell’anno.',
      hour: 20,
      open: true,
    },
    {
      part: 'governance',
      title: 'Passeggiata di comunità',
      description: 'Una passeggiata per mappare insieme luoghi, risorse e bisogni del quartiere.',
      hour: 10,
      open: true,
    },
  ];
const partnerNames = [
  'ACLI provinciali',
  'Caritas diocesana',
  'Cooperativa La Mongolfiera',
  'Associazione Genitori',
  'Parrocchia del quartiere',
  'Oratorio',
  'AUSER',
  'Istituto comprensivo',
  'Consiglio di quartiere',
  'Gruppo Alpini',
];
const firstNames = ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Andrea', 'Sara', 'Matteo', 'Elena'];
const moreNames = ['Davide', 'Paola', 'Stefano', 'Anna', 'Fatima', 'Ion', 'Olena', 'Ahmed', 'Mei', 'Amadou'];
const initials = 'BCDFGLMPRSTVZ';

interface Hub {
  community_point_id: string;
  slug: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  neighbourhood_code: string;
  hood_name: string;
}

interface SeedInitiative {
  initiative_id: string;
  slug: string;
  title: string;
  description: string;
  neighbourhood_code: string;
  community_point_id: string;
  partners: { name: string }[];
  status: string;
  starts_on: string;
  ends_on: string | null;
  programme_part: string;
  created_by: string | null;
}

interface SeedEvent {
  event_id: string;
  initiative_id: string;
  series_id: string | null;
  title: string;
  description: string;
  place: string;
  lat: number;
  lon: number;
  neighbourhood_code: string;
  /** Local day (Europe/Rome) and hour. */
  day: string;
  hour: number;
  hours: number;
  capacity: number | null;
  registered_count: number;
  waiting_count: number;
  organiser_id: string | null;
}

interface SeedRegistration {
  event_id: string;
  user_id: string | null;
  name: string;
  phone: string | null;
  seats: number;
  status: 'registered' | 'waiting';
  attended: boolean;
  attendance_by: string | null;
}

const dayPlus = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Demo initiatives. The programme's figure: 74 initiatives in 2018/19 over the 19 hubs (a city with
 * fewer hubs: two per hub), every hub at least two, completed, with past events, registrations and
 * attendance; plus a current initiative for the first hubs (up to six) this month and next, with
 * upcoming events: a weekly walking group, an event with places and registrations (the demo citizen
 * among them), one full with a waiting line, and one two days ago whose attendance is still open.
 * Bulk statements. Runs once per city.
 */
export async function seedInitiatives(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const pool = ctx.database.pool;
  const city = ctx.city;
  const { rowCount } = await pool.query('SELECT 1 FROM initiatives WHERE city_id = $1 LIMIT 1', [city.id]);
  if (rowCount) return;
  const { rows: hubs } = await pool.query<Hub>(
    `SELECT cp.community_point_id, cp.slug, cp.name, cp.address, cp.lat, cp.lon, cp.neighbourhood_code,
            n.name AS hood_name
       FROM community_points cp JOIN neighbourhoods n ON n.city_id = cp.city_id AND n.code = cp.neighbourhood_code
      WHERE cp.city_id = $1 AND cp.active ORDER BY cp.slug`,
    [city.id],
  );
  if (!hubs.length) return;
  const { rows: staff } = await pool.query<{
    email: string;
    user_id: string;
    hub: string | null;
    role: string;
  }>(
    `SELECT u.email, u.user_id, r.scope_ref AS hub, r.role FROM users u
       JOIN role_assignments r ON r.city_id = u.city_id AND r.user_id = u.user_id
      WHERE u.city_id = $1 AND u.is_demo AND r.role IN ('city_admin', 'operator', 'citizen')`,
    [city.id],
  );
  const admin = staff.find((s) => s.role === 'city_admin')?.user_id ?? null;
  const operatorOf = (slug: string) =>
    staff.find((s) => s.role === 'operator' && s.hub === slug)?.user_id ?? admin;
  const citizen = staff.find((s) => s.email === 'cittadino@demo.cittadelnoi.it');

  const rand = prng(2018);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const personName = () => `${rand() < 0.5 ? pick(firstNames) : pick(moreNames)} ${pick([...initials])}.`;
  const phone = () => `333 ${String(1_000_000 + Math.floor(rand() * 8_999_999))}`;

  const initiatives: SeedInitiative[] = [];
  const events: SeedEvent[] = [];
  const registrations: SeedRegistration[] = [];
  const slugs = new Set<string>();
  const uniqueSlug = (title: string) => {
    let s = slugify(title);
    for (let i = 2; slugs.has(s); i++) s = `${slugify(title)}-${i}`;
    slugs.add(s);
    return s;
  };
  /** Registrations for an event: `taken` seats registered (attended with probability `attend`), `waiting` more. */
  const fill = (e: SeedEvent, taken: number, waiting: number, attend: number, by: string | null) => {
    let seats = 0;
    while (seats < taken) {
      const n = Math.min(taken - seats, rand() < 0.15 ? 2 : 1);
      const attended = rand() < attend;
      registrations.push({
        event_id: e.event_id,
        user_id: null,
        name: personName(),
        phone: phone(),
        seats: n,
        status: 'registered',
        attended,
        attendance_by: attended ? by : null,
      });
      seats += n;
    }
    for (let i = 0; i < waiting; i++)
      registrations.push({
        event_id: e.event_id,
        user_id: null,
        name: personName(),
        phone: phone(),
        seats: 1,
        status: 'waiting',
        attended: false,
        attendance_by: null,
      });
    e.registered_count = seats;
    e.waiting_count = waiting;
  };
  const newEvent = (
    i: SeedInitiative,
    hub: Hub,
    c: (typeof catalogue)[number],
    day: string,
    capacity: number | null,
    series: string | null = null,
  ): SeedEvent => {
    const e: SeedEvent = {
      event_id: randomUUID(),
      initiative_id: i.initiative_id,
      series_id: series,
      title: c.title,
      description: c.description,
      place: `${hub.name}, ${hub.address}`,
      lat: hub.lat,
      lon: hub.lon,
      neighbourhood_code: hub.neighbourhood_code,
      day,
      hour: c.hour,
      hours: c.hour >= 19 ? 2 : c.hour === 15 && c.open ? 4 : 2,
      capacity,
      registered_count: 0,
      waiting_count: 0,
      organiser_id: operatorOf(hub.slug),
    };
    events.push(e);
    return e;
  };

  // 2018/19: 74 initiatives over the 19 hubs (two per hub elsewhere), every hub at least two.
  const total = hubs.length >= 19 ? 74 : hubs.length * 2;
  const perHub = hubs.map(() => 2);
  for (let k = 0; k < total - 2 * hubs.length; k++) perHub[(k * 7 + 3) % hubs.length]!++;
  let n = 0;
  hubs.forEach((hub, h) => {
    for (let j = 0; j < perHub[h]!; j++, n++) {
      const c = catalogue[(n * 5 + h) % catalogue.length]!;
      const starts = dayPlus('2018-09-10', (n * 37 + h * 11) % 280);
      const ends = dayPlus(starts, 28 + ((n * 13) % 90));
      const initiative: SeedInitiative = {
        initiative_id: randomUUID(),
        slug: uniqueSlug(`${c.title} ${hub.slug} 2018`),
        title: `${c.title} – ${hub.hood_name}`,
        description: c.description,
        neighbourhood_code: hub.neighbourhood_code,
        community_point_id: hub.community_point_id,
        partners: [{ name: partnerNames[(n * 3) % partnerNames.length]! }],
        status: 'completed',
        starts_on: starts,
        ends_on: ends < '2019-08-31' ? ends : '2019-08-31',
        programme_part: c.part,
        created_by: operatorOf(hub.slug),
      };
      initiatives.push(initiative);
      const count = 2 + (n % 3);
      for (let k = 0; k < count; k++) {
        const capacity = c.open ? null : 15 + ((n + k) % 4) * 5;
        const e = newEvent(initiative, hub, c, dayPlus(starts, k * 14), capacity);
        if (capacity) fill(e, Math.floor(capacity * (0.6 + rand() * 0.4)), 0, 0.82, e.organiser_id);
      }
    }
  });

  // Now: a current initiative for the first hubs (up to six), this month and next.
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
  const monthStart = `${today.slice(0, 7)}-01`;
  const next = new Date(`${monthStart}T12:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 2);
  next.setUTCDate(0);
  const monthEnd = next.toISOString().slice(0, 10);
  const current = [
    catalogue.find((c) => c.title === 'Gruppo di cammino')!,
    catalogue.find((c) => c.title === 'Cena solidale')!,
    catalogue.find((c) => c.title === 'Laboratorio genitori e figli')!,
    catalogue.find((c) => c.title === 'Doposcuola solidale')!,
    catalogue.find((c) => c.title === 'Festa di quartiere')!,
    catalogue.find((c) => c.title === 'Corso di informatica di base')!,
  ];
  hubs.slice(0, 6).forEach((hub, h) => {
    const c = current[h]!;
    const year = today.slice(0, 4);
    const initiative: SeedInitiative = {
      initiative_id: randomUUID(),
      slug: uniqueSlug(`${c.title} ${hub.slug} ${year}`),
      title: `${c.title} – ${hub.hood_name}`,
      description: c.description,
      neighbourhood_code: hub.neighbourhood_code,
      community_point_id: hub.community_point_id,
      partners: [
        { name: partnerNames[h % partnerNames.length]! },
        { name: 'Comune di Brescia – Servizi sociali' },
      ],
      status: 'running',
      starts_on: monthStart,
      ends_on: monthEnd,
      programme_part: c.part,
      created_by: operatorOf(hub.slug),
    };
    if (city.code !== 'brescia') initiative.partners[1] = { name: `Comune di ${city.name}` };
    initiatives.push(initiative);
    const by = operatorOf(hub.slug);
    if (h === 0) {
      // A weekly walking group (open to all), a full workshop with a waiting line, and one two days ago.
      const series = randomUUID();
      for (let k = 0; k < 6; k++) newEvent(initiative, hub, c, dayPlus(today, 2 + k * 7), null, series);
      const lab = catalogue.find((x) => x.title === 'Laboratorio di sartoria')!;
      fill(
        newEvent(
          initiative,
          hub,
          { ...lab, title: `${c.title}: merenda e laboratorio` },
          dayPlus(today, 9),
          10,
        ),
        10,
        3,
        0,
        null,
      );
      fill(
        newEvent(initiative, hub, { ...c, title: `${c.title}: camminata speciale` }, dayPlus(today, -2), 20),
        8,
        0,
        0,
        by,
      );
    } else {
      const e = newEvent(initiative, hub, c, dayPlus(today, 3 + h * 4), c.open ? null : 30);
      if (!c.open) fill(e, 6 + h * 2, 0, 0, null);
      newEvent(initiative, hub, c, dayPlus(today, 17 + h * 4), c.open ? null : 30);
    }
  });
  // The demo citizen holds a registration (their "my registrations" page has something).
  const withPlaces = events.find(
    (e) => e.capacity !== null && e.day > today && e.registered_count < e.capacity && e.waiting_count === 0,
  );
  if (citizen && withPlaces) {
    registrations.push({
      event_id: withPlaces.event_id,
      user_id: citizen.user_id,
      name: 'Cittadino (demo)',
      phone: null,
      seats: 2,
      status: 'registered',
      attended: false,
      attendance_by: null,
    });
    withPlaces.registered_count += 2;
  }

  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO initiatives (city_id, initiative_id, slug, title, description, neighbourhood_code, community_point_id,
                                partners, status, starts_on, ends_on, programme_part, created_by, is_demo, created_at)
       SELECT $1, x.initiative_id, x.slug, x.title, x.description, x.neighbourhood_code, x.community_point_id,
              x.partners, x.status, x.starts_on, x.ends_on, x.programme_part, x.created_by, true,
              least(now(), x.starts_on::timestamptz - interval '20 days')
         FROM jsonb_to_recordset($2::jsonb) AS x(initiative_id uuid, slug text, title text, description text,
              neighbourhood_code text, community_point_id uuid, partners jsonb, status text, starts_on date,
              ends_on date, programme_part text, created_by uuid)`,
      [city.id, JSON.stringify(initiatives)],
    );
    await client.query(
      `INSERT INTO community_events (city_id, event_id, initiative_id, series_id, title, description, place, lat, lon,
                                     neighbourhood_code, starts_at, ends_at, capacity, registered_count, waiting_count,
                                     organiser_id, is_demo)
       SELECT $1, x.event_id, x.initiative_id, x.series_id, x.title, x.description, x.place, x.lat, x.lon,
              x.neighbourhood_code, (x.day + make_interval(hours => x.hour)) AT TIME ZONE 'Europe/Rome',
              (x.day + make_interval(hours => x.hour + x.hours)) AT TIME ZONE 'Europe/Rome',
              x.capacity, x.registered_count, x.waiting_count, x.organiser_id, true
         FROM jsonb_to_recordset($2::jsonb) AS x(event_id uuid, initiative_id uuid, series_id uuid, title text,
              description text, place text, lat float8, lon float8, neighbourhood_code text, day date, hour int,
              hours int, capacity int, registered_count int, waiting_count int, organiser_id uuid)`,
      [city.id, JSON.stringify(events)],
    );
    await client.query(
      `INSERT INTO event_registrations (city_id, event_id, user_id, name, phone, seats, status, attended_at,
                                        attendance_by, created_at, updated_at)
       SELECT $1, e.event_id, (a.j->>'user_id')::uuid, a.j->>'name', a.j->>'phone', (a.j->>'seats')::smallint,
              a.j->>'status', CASE WHEN (a.j->>'attended')::boolean THEN e.starts_at + interval '10 minutes' END,
              (a.j->>'attendance_by')::uuid,
              least(now(), e.starts_at - interval '5 days'), least(now(), e.starts_at - interval '5 days')
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS a(j, ord)
         JOIN community_events e ON e.city_id = $1 AND e.event_id = (a.j->>'event_id')::uuid
        ORDER BY a.ord`,
      [city.id, JSON.stringify(registrations)],
    );
  });
  ctx.log(
    `initiatives: ${initiatives.length} demo initiatives, ${events.length} events, ${registrations.length} registrations`,
  );
}

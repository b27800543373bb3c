import { createHash, randomUUID } from 'node:crypto';
import { demoPassword, hashPassword } from '../../kernel/auth/crypto.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import type { SeedContext } from '../../kernel/module.ts';
import { locatePoint } from '../territory/index.ts';
import { computeProposal } from './service/batches.ts';
import { categorySkills, type Skill } from './service/rules.ts';

/** The demo volunteer who can sign in (password as the other demo accounts). */
export const demoVolunteerEmail = 'volontario@demo.cittadelnoi.it';
/** The other demo volunteers (no password: they cannot sign in): `volontario.001@…`. */
export const demoVolunteerEmailOf = (i: number) =>
  `volontario.${String(i).padStart(3, '0')}@demo.cittadelnoi.it`;

/** mulberry32: a small deterministic PRNG, so every seeded city gets the same volunteers. */
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

const firstNames = [
  'Giulia',
  'Marco',
  'Francesca',
  'Luca',
  'Chiara',
  'Andrea',
  'Sara',
  'Matteo',
  'Elena',
  'Davide',
  'Paola',
  'Stefano',
  'Anna',
  'Roberto',
  'Marta',
  'Giorgio',
  'Silvia',
  'Alessandro',
  'Laura',
  'Pietro',
  'Federica',
  'Simone',
  'Valentina',
  'Lorenzo',
  'Irene',
  'Fatima',
  'Ion',
  'Olena',
  'Ahmed',
  'Mei',
  'Amadou',
  'Ana',
];
const surnames = [
  'Bertoni',
  'Ferrari',
  'Gatti',
  'Lombardi',
  'Bonetti',
  'Zanotti',
  'Pasini',
  'Marchetti',
  'Belotti',
  'Rizzi',
  'Sala',
  'Bianchi',
  'Colombo',
  'Ghidini',
  'Mazzoleni',
  'Pedretti',
  'Tonelli',
  'Vezzoli',
  'Facchi',
  'Lancini',
  'Moretti',
  'Cavalli',
  'Benedetti',
  'Popescu',
  'Kovalenko',
  'El Amrani',
  'Chen',
  'Diallo',
  'Silva',
  'Rinaldi',
];
const otherSkills: [Skill, number][] = [
  ['shopping', 0.6],
  ['medicines', 0.45],
  ['company', 0.4],
  ['escort', 0.25],
  ['paperwork', 0.25],
  ['digital', 0.3],
  ['driving', 0.2],
  ['languages', 0.12],
];
const otherLanguages: [string, number][] = [
  ['en', 0.4],
  ['fr', 0.1],
  ['es', 0.08],
  ['de', 0.05],
  ['ar', 0.05],
  ['ro', 0.05],
  ['uk', 0.04],
  ['zh', 0.02],
];
/** Availability patterns of a day (minutes), never overlapping within a day. */
const dayPatterns: [number, number][][] = [
  [[540, 720]],
  [[900, 1080]],
  [[1080, 1260]],
  [
    [540, 720],
    [900, 1080],
  ],
  [[600, 780]],
];

interface Hood {
  code: string;
  zone_code: string;
  point_lat: number;
  point_lon: number;
  hub_id: string | null;
  hub_slug: string | null;
}

interface DemoVolunteer {
  user_id: string;
  email: string;
  display_name: string;
  status: 'applied' | 'active' | 'paused' | 'left';
  phone: string;
  skills: string[];
  languages: string[];
  psychologist_registration: string | null;
  lat: number;
  lon: number;
  max_distance_km: number;
  max_tasks: number;
  cleared_days_ago: number | null;
  community_point_id: string | null;
  decided_by: string | null;
  created_days_ago: number;
  hoods: string[];
  slots: [number, number, number][];
}

/**
 * Demo volunteers: about 300 over Brescia's neighbourhoods (3 per neighbourhood in a smaller city),
 * deterministic, at points inside the city, with varied skills, languages and availability; about a
 * fifth psychologists (fake registration numbers) for the helpline; most active, some applied,
 * paused or gone. One of them, `volontario@demo.cittadelnoi.it`, signs in with the demo password
 * and holds an accepted and an offered task. Tasks done on the resolved demo requests give the
 * figures their hours. Bulk statements, not one round trip per volunteer. Runs once per city.
 */
export async function seedVolunteers(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const pool = ctx.database.pool;
  const city = ctx.city;
  const { rowCount } = await pool.query('SELECT 1 FROM volunteers WHERE city_id = $1 LIMIT 1', [city.id]);
  if (rowCount) return;
  const { rows: hoods } = await pool.query<Hood>(
    `SELECT n.code, n.zone_code, n.point_lat, n.point_lon, hub.community_point_id AS hub_id, hub.slug AS hub_slug
       FROM neighbourhoods n
       LEFT JOIN LATERAL (SELECT cp.community_point_id, cp.slug FROM community_point_neighbourhoods s
                            JOIN community_points cp ON cp.city_id = s.city_id AND cp.community_point_id = s.community_point_id
                           WHERE s.city_id = n.city_id AND s.neighbourhood_code = n.code AND cp.active
                           ORDER BY cp.slug LIMIT 1) hub ON true
      WHERE n.city_id = $1 ORDER BY n.code`,
    [city.id],
  );
  if (!hoods.length) return;
  const { rows: staff } = await pool.query<{ email: string; user_id: string; hub: string | null }>(
    `SELECT u.email, u.user_id, r.scope_ref AS hub FROM users u
       JOIN role_assignments r ON r.city_id = u.city_id AND r.user_id = u.user_id
      WHERE u.city_id = $1 AND u.is_demo AND r.role IN ('city_admin', 'operator')`,
    [city.id],
  );
  const admin = staff.find((s) => s.email === 'admin@demo.cittadelnoi.it')?.user_id ?? null;
  const operatorOf = (slug: string | null) => staff.find((s) => s.hub === slug && slug)?.user_id ?? admin;
  const byZone = new Map<string, Hood[]>();
  for (const h of hoods) byZone.set(h.zone_code, [...(byZone.get(h.zone_code) ?? []), h]);

  const rand = prng(Number.parseInt(createHash('sha256').update(city.code).digest('hex').slice(0, 8), 16));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const n = hoods.length >= 20 ? 300 : hoods.length * 3;
  const volunteers: DemoVolunteer[] = [];
  for (let i = 0; i < n; i++) {
    const hood = hoods[i % hoods.length]!;
    // A point near the neighbourhood's own, inside the city; its neighbourhood is where it falls.
    let lat = hood.point_lat + (gauss() * 0.5) / 111.2;
    let lon = hood.point_lon + (gauss() * 0.5) / 78;
    let home = await locatePoint(ctx.database.db, city, lat, lon);
    if (!home) {
      lat = hood.point_lat;
      lon = hood.point_lon;
      home = await locatePoint(ctx.database.db, city, lat, lon);
    }
    const homeHood = hoods.find((h) => h.code === home?.neighbourhood.code) ?? hood;
    const served = [homeHood.code];
    if (rand() < 0.5) {
      const other = pick(byZone.get(homeHood.zone_code) ?? [homeHood]);
      if (!served.includes(other.code)) served.push(other.code);
    }
    const psychologist = i % 5 === 1;
    const r = rand();
    const status: DemoVolunteer['status'] =
      i === 0 || psychologist
        ? i % 25 === 11
          ? 'paused'
          : 'active'
        : r < 0.08
          ? 'applied'
          : r < 0.13
            ? 'paused'
            : r < 0.15
              ? 'left'
              : 'active';
    let skills: string[];
    if (i === 0) skills = ['shopping', 'medicines', 'company', 'digital'];
    else if (psychologist) skills = rand() < 0.3 ? ['psychologist', 'company'] : ['psychologist'];
    else {
      skills = otherSkills.filter(([, p]) => rand() < p).map(([s]) => s);
      if (!skills.length) skills = [pick(otherSkills)[0]];
    }
    const languages = ['it', ...otherLanguages.filter(([, p]) => rand() < p).map(([l]) => l)];
    if (skills.includes('languages') && languages.length === 1) languages.push(pick(otherLanguages)[0]);
    const days = [1, 2, 3, 4, 5, 6, 7].filter(() => rand() < 0.4);
    if (!days.length) days.push(1 + Math.floor(rand() * 7));
    const slots = days.flatMap((d) => pick(dayPatterns).map(([s, e]): [number, number, number] => [d, s, e]));
    if (i === 0) for (let d = 1; d <= 7; d++) if (!days.includes(d)) slots.push([d, 540, 1260]);
    const decided = status !== 'applied';
    volunteers.push({
      user_id: randomUUID(),
      email: i === 0 ? demoVolunteerEmail : demoVolunteerEmailOf(i),
      display_name:
        i === 0
          ? 'Volontario (demo)'
          : `${firstNames[(i * 7) % firstNames.length]} ${surnames[(i * 11) % surnames.length]}`,
      status,
      phone: `333 ${String(1_000_000 + ((i * 7919) % 9_000_000)).slice(0, 7)}`,
      skills,
      languages,
      psychologist_registration: psychologist ? `LOM-${String(10_000 + ((i * 3571) % 89_999))}` : null,
      lat,
      lon,
      max_distance_km: skills.includes('driving') ? 8 : 2 + Math.floor(rand() * 4),
      max_tasks: i === 0 ? 3 : 1 + Math.floor(rand() * 3),
      cleared_days_ago:
        i === 0 || (status === 'active' && rand() < 0.45) ? 30 + Math.floor(rand() * 370) : null,
      community_point_id: homeHood.hub_id,
      decided_by: decided ? operatorOf(homeHood.hub_slug) : null,
      created_days_ago: 20 + Math.floor(rand() * 500),
      hoods: served,
      slots,
    });
  }

  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO users (city_id, user_id, email, display_name, email_verified_at, is_demo, created_at)
       SELECT $1, x.user_id, x.email, x.display_name, now(), true, now() - make_interval(days => x.created_days_ago)
         FROM jsonb_to_recordset($2::jsonb) AS x(user_id uuid, email text, display_name text, created_days_ago int)`,
      [city.id, JSON.stringify(volunteers)],
    );
    await client.query('UPDATE users SET password_hash = $3 WHERE city_id = $1 AND email = $2', [
      city.id,
      demoVolunteerEmail,
      await hashPassword(demoPassword),
    ]);
    await client.query(
      `INSERT INTO role_assignments (city_id, user_id, role, scope_kind, scope_ref)
       SELECT $1::int, x.user_id, 'citizen', 'own', NULL FROM jsonb_to_recordset($2::jsonb) AS x(user_id uuid)
       UNION ALL
       SELECT $1::int, x.user_id, 'volunteer', 'own', NULL FROM jsonb_to_recordset($2::jsonb) AS x(user_id uuid, status text)
        WHERE x.status IN ('active', 'paused')`,
      [city.id, JSON.stringify(volunteers)],
    );
    await client.query(
      `INSERT INTO volunteers (city_id, user_id, status, phone, skills, languages, psychologist_registration, lat, lon,
                               max_distance_km, max_tasks, cleared_at, cleared_by, clearance_note, community_point_id,
                               decided_by, decided_at, is_demo, created_at, updated_at)
       SELECT $1, x.user_id, x.status, x.phone, x.skills, x.languages, x.psychologist_registration, x.lat, x.lon,
              x.max_distance_km, x.max_tasks,
              now() - make_interval(days => x.cleared_days_ago), CASE WHEN x.cleared_days_ago IS NOT NULL THEN $3::uuid END,
              CASE WHEN x.cleared_days_ago IS NOT NULL THEN 'Certificato del casellario giudiziale verificato (demo)' END,
              x.community_point_id, x.decided_by,
              CASE WHEN x.decided_by IS NOT NULL THEN now() - make_interval(days => x.created_days_ago - 5) END,
              true, now() - make_interval(days => x.created_days_ago), now()
         FROM jsonb_to_recordset($2::jsonb) AS x(user_id uuid, status text, phone text, skills text[], languages text[],
              psychologist_registration text, lat float8, lon float8, max_distance_km numeric, max_tasks int,
              cleared_days_ago int, community_point_id uuid, decided_by uuid, created_days_ago int)`,
      [city.id, JSON.stringify(volunteers), admin],
    );
    await client.query(
      `INSERT INTO volunteer_neighbourhoods (city_id, user_id, neighbourhood_code)
       SELECT $1, x.user_id, h FROM jsonb_to_recordset($2::jsonb) AS x(user_id uuid, hoods text[]), unnest(x.hoods) AS h`,
      [city.id, JSON.stringify(volunteers)],
    );
    await client.query(
      `INSERT INTO volunteer_availability (city_id, user_id, weekday, start_minute, end_minute)
       SELECT $1, x.user_id, (s->>0)::smallint, (s->>1)::smallint, (s->>2)::smallint
         FROM jsonb_to_recordset($2::jsonb) AS x(user_id uuid, slots jsonb), jsonb_array_elements(x.slots) AS s`,
      [city.id, JSON.stringify(volunteers)],
    );
  });

  const tasks = await seedTasks(ctx, volunteers, operatorOf, admin);

  // A past "assign all" proposal of the first zone (discarded), so the batch pages have an example.
  if (admin) {
    const zone = hoods[0]!.zone_code;
    const { stored, strategy } = await computeProposal(pool, city, zone, null, 'optimal', 'it');
    await pool.query(
      `INSERT INTO matching_batches (city_id, zone_code, strategy, status, proposal, created_by, created_at, decided_by, decided_at)
       VALUES ($1, $2, $3, 'discarded', $4, $5, now() - interval '3 days', $5, now() - interval '3 days')`,
      [city.id, zone, strategy, JSON.stringify(stored), admin],
    );
  }
  ctx.log(`volunteers: ${volunteers.length} demo volunteers, ${tasks} demo tasks`);
}

/**
 * Done tasks on the resolved demo requests (the nearest active volunteer serving the neighbourhood
 * with the skill, hours 1–4), and for the demo volunteer an accepted and an offered task on open
 * requests near them (the accepted one moves its request to `assigned`).
 */
async function seedTasks(
  ctx: SeedContext,
  volunteers: DemoVolunteer[],
  operatorOf: (slug: string | null) => string | null,
  admin: string | null,
): Promise<number> {
  const pool = ctx.database.pool;
  const city = ctx.city;
  if (!admin) return 0;
  const { rows: requests } = await pool.query<{
    help_request_id: string;
    category: string;
    status: string;
    neighbourhood_code: string;
    hub_slug: string | null;
    created_at: Date;
    closed_at: Date | null;
  }>(
    `SELECT h.help_request_id, h.category, h.status, h.neighbourhood_code, cp.slug AS hub_slug, h.created_at, h.closed_at
       FROM help_requests h
       LEFT JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
      WHERE h.city_id = $1 AND h.queue <> 'helpline' ORDER BY h.created_at, h.help_request_id`,
    [city.id],
  );
  const active = volunteers.filter((v) => v.status === 'active');
  const demo = volunteers[0]!;
  const load = new Map<string, number>();
  const fits = (v: DemoVolunteer, category: string, hood: string) =>
    v.hoods.includes(hood) && (categorySkills[category] ?? []).every((s) => v.skills.includes(s));
  interface Task {
    task_id: string;
    help_request_id: string;
    user_id: string;
    status: string;
    brief: string;
    offered_by: string;
    offered_at: string;
    responded_at: string | null;
    done_at: string | null;
    done_note: string | null;
    hours: number | null;
  }
  const tasks: Task[] = [];
  const briefs: Record<string, string> = {
    shopping: 'Spesa settimanale: la persona ti darà la lista al telefono.',
    food: 'Ritiro e consegna di un pacco alimentare.',
    medicines: 'Ritiro dei farmaci in farmacia con la ricetta.',
    company: 'Una telefonata o una visita di compagnia.',
    escort: 'Accompagnamento a una visita medica.',
    paperwork: 'Aiuto a compilare una domanda.',
    housing: 'Aiuto con i documenti per l’affitto.',
    work: 'Aiuto a scrivere il curriculum al computer.',
    other: 'Informazioni sulle attività del quartiere.',
  };
  let k = 0;
  for (const r of requests) {
    if (r.status !== 'resolved' || !r.closed_at) continue;
    const candidates = active.filter(
      (v) => fits(v, r.category, r.neighbourhood_code) && v.skills[0] !== 'psychologist',
    );
    const v =
      k % 9 === 0 && fits(demo, r.category, r.neighbourhood_code)
        ? demo
        : candidates[k % Math.max(1, candidates.length)];
    k++;
    if (!v) continue;
    const offered = new Date(r.created_at.getTime() + 86_400_000);
    const done = new Date(Math.max(offered.getTime() + 3 * 3_600_000, r.closed_at.getTime() - 86_400_000));
    tasks.push({
      task_id: randomUUID(),
      help_request_id: r.help_request_id,
      user_id: v.user_id,
      status: 'done',
      brief: briefs[r.category] ?? briefs.other!,
      offered_by: operatorOf(r.hub_slug) ?? admin,
      offered_at: offered.toISOString(),
      responded_at: new Date(offered.getTime() + 2 * 3_600_000).toISOString(),
      done_at: done.toISOString(),
      done_note: 'Fatto, tutto bene (demo).',
      hours: 1 + (k % 7) * 0.5,
    });
  }
  // The demo volunteer: one accepted, one offered, on open requests they can help with.
  const open = requests.filter(
    (r) =>
      ['new', 'triaged'].includes(r.status) &&
      (categorySkills[r.category] ?? []).every((s) => demo.skills.includes(s)),
  );
  const accepted = open[0];
  const offered = open.find((r) => r !== accepted);
  const now = Date.now();
  for (const [r, status] of [
    [accepted, 'accepted'],
    [offered, 'offered'],
  ] as const) {
    if (!r) continue;
    tasks.push({
      task_id: randomUUID(),
      help_request_id: r.help_request_id,
      user_id: demo.user_id,
      status,
      brief: briefs[r.category] ?? briefs.other!,
      offered_by: operatorOf(r.hub_slug) ?? admin,
      offered_at: new Date(now - 26 * 3_600_000).toISOString(),
      responded_at: status === 'accepted' ? new Date(now - 24 * 3_600_000).toISOString() : null,
      done_at: null,
      done_note: null,
      hours: null,
    });
    load.set(demo.user_id, (load.get(demo.user_id) ?? 0) + 1);
  }
  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO volunteer_tasks (city_id, task_id, help_request_id, user_id, status, brief, offered_by, offered_at,
                                    responded_at, done_at, done_note, hours, reasons, updated_at)
       SELECT $1, x.task_id, x.help_request_id, x.user_id, x.status, x.brief, x.offered_by, x.offered_at, x.responded_at,
              x.done_at, x.done_note, x.hours, '[{"code":"same_neighbourhood"}]', coalesce(x.done_at, x.offered_at)
         FROM jsonb_to_recordset($2::jsonb) AS x(task_id uuid, help_request_id uuid, user_id uuid, status text, brief text,
              offered_by uuid, offered_at timestamptz, responded_at timestamptz, done_at timestamptz, done_note text,
              hours numeric)`,
      [city.id, JSON.stringify(tasks)],
    );
    await client.query(
      `INSERT INTO help_request_events (city_id, help_request_id, at, actor_id, kind, data)
       SELECT $1, x.help_request_id, x.offered_at, x.offered_by, 'volunteer_offer', '{"demo":true}'
         FROM jsonb_to_recordset($2::jsonb) AS x(help_request_id uuid, offered_at timestamptz, offered_by uuid)`,
      [city.id, JSON.stringify(tasks)],
    );
    if (accepted) {
      await client.query(
        `UPDATE help_requests SET status = 'assigned', updated_at = now() WHERE city_id = $1 AND help_request_id = $2`,
        [city.id, accepted.help_request_id],
      );
      await client.query(
        `INSERT INTO help_request_events (city_id, help_request_id, at, actor_id, kind, from_status, to_status, data)
         VALUES ($1, $2, now() - interval '24 hours', $3, 'volunteer_accept', $4, 'assigned', '{"demo":true}')`,
        [city.id, accepted.help_request_id, demo.user_id, accepted.status],
      );
    }
  });
  return tasks.length;
}

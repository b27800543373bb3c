import type { SeedContext } from '../../kernel/module.ts';
import { createHelpRequest } from './service/intake.ts';
import type { HelpCategory } from './triage.ts';

/** Demo requests: realistic needs, invented people (no real names), spread over the hubs and statuses. */
const needs: { category: HelpCategory; description: string; livesAlone?: boolean; age?: number }[] = [
  {
    category: 'shopping',
    description: 'Vivo sola e da quando sono caduta non riesco a fare la spesa.',
    livesAlone: true,
    age: 82,
  },
  {
    category: 'medicines',
    description: 'Mi servirebbe qualcuno che ritiri i farmaci in farmacia con la ricetta del medico.',
    age: 77,
  },
  {
    category: 'company',
    description: 'Mio padre è solo tutto il giorno: una telefonata ogni tanto gli farebbe bene.',
    livesAlone: true,
    age: 88,
  },
  {
    category: 'escort',
    description: "Devo andare a una visita all'ospedale e non ho nessuno che mi accompagni.",
    age: 79,
  },
  { category: 'paperwork', description: 'Non riesco a compilare la domanda ISEE e a fare lo SPID.' },
  {
    category: 'food',
    description: 'Abbiamo perso il lavoro e facciamo fatica a comprare da mangiare per i bambini.',
  },
  {
    category: 'housing',
    description: "Ho ricevuto una lettera di sfratto e non so a chi rivolgermi per l'affitto.",
  },
  { category: 'work', description: 'Cerco lavoro, mi servirebbe aiuto per scrivere il curriculum.' },
  {
    category: 'psychological_support',
    description: 'Da quando è morto mio marito mi sento molto in ansia e non dormo.',
  },
  {
    category: 'other',
    description: 'Vorrei sapere quali attività ci sono nel quartiere per le persone anziane.',
  },
];
const names = ['Persona demo A', 'Persona demo B', 'Persona demo C', 'Persona demo D', 'Persona demo E'];
const flows: string[][] = [
  [],
  ['triaged'],
  ['triaged', 'assigned'],
  ['triaged', 'assigned', 'in_progress'],
  ['triaged', 'assigned', 'in_progress', 'resolved'],
];

/**
 * About 120 demo requests over the last 60 days, through the same intake as real ones, then moved
 * along their statuses (as the demo operator of their hub), so the console and the figures are
 * meaningful. Runs once per city.
 */
export async function seedHelpRequests(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const pool = ctx.database.pool;
  const { rowCount } = await pool.query('SELECT 1 FROM help_requests WHERE city_id = $1 LIMIT 1', [
    ctx.city.id,
  ]);
  if (rowCount) return;
  const { rows: hoods } = await pool.query<{ code: string }>(
    'SELECT code FROM neighbourhoods WHERE city_id = $1 ORDER BY code',
    [ctx.city.id],
  );
  const { rows: hubs } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM community_points WHERE city_id = $1',
    [ctx.city.id],
  );
  if (!hoods.length || !hubs[0]?.n) return;
  let made = 0;
  for (let i = 0; i < 120; i++) {
    const need = needs[i % needs.length]!;
    const hood = hoods[(i * 7) % hoods.length]!;
    const { result } = await createHelpRequest(
      ctx.database,
      ctx.city,
      {
        category: need.category,
        description: need.description,
        neighbourhoodCode: hood.code,
        contact: { name: names[i % names.length]!, phone: `030 000 ${String(2000 + i).padStart(4, '0')}` },
        consent: true,
        circumstances: { livesAlone: need.livesAlone, age: need.age },
      },
      {
        userId: null,
        label: 'demo',
        staff: false,
        citizen: false,
        requestId: 'seed',
        ip: '127.0.0.1',
        lang: 'it',
      },
      { notify: false },
    );
    const daysAgo = (i * 37) % 60;
    const created = new Date(Date.now() - daysAgo * 86_400_000 - (i % 9) * 3_600_000);
    const flow = daysAgo > 20 ? flows[4]! : flows[i % flows.length]!;
    const escalate = result.queue === 'community_point' && i % 11 === 0;
    await pool.query(
      `UPDATE help_requests SET is_demo = true, created_at = $3, updated_at = $3,
              sla_due_at = $3::timestamptz + (sla_due_at - created_at),
              status = $4, first_contact_at = CASE WHEN $5 THEN $3::timestamptz + interval '3 hours' END,
              urgency_confirmed_at = CASE WHEN $5 THEN $3::timestamptz + interval '3 hours' END,
              closed_at = CASE WHEN $4 = 'resolved' THEN $3::timestamptz + interval '5 days' END,
              escalated_at = CASE WHEN $6 THEN $3::timestamptz + interval '1 day' END
        WHERE city_id = $1 AND help_request_id = $2`,
      [ctx.city.id, result.id, created, flow.at(-1) ?? 'new', flow.length > 0, escalate],
    );
    await pool.query(`UPDATE help_request_events SET at = $3 WHERE city_id = $1 AND help_request_id = $2`, [
      ctx.city.id,
      result.id,
      created,
    ]);
    let from = 'new';
    for (const [k, to] of flow.entries()) {
      await pool.query(
        `INSERT INTO help_request_events (city_id, help_request_id, at, kind, from_status, to_status, data)
         VALUES ($1, $2, $3::timestamptz + make_interval(hours => $4), 'status', $5, $6, '{"demo":true}')`,
        [ctx.city.id, result.id, created, 3 + k * 24, from, to],
      );
      from = to;
    }
    if (escalate)
      await pool.query(
        `INSERT INTO help_request_events (city_id, help_request_id, at, kind, reason, data)
         VALUES ($1, $2, $3::timestamptz + interval '1 day', 'escalate', 'Situazione complessa: serve il servizio sociale (demo)', '{"demo":true}')`,
        [ctx.city.id, result.id, created],
      );
    made++;
  }
  ctx.log(`help requests: ${made} demo requests`);
}

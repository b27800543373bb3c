import { demoPassword } from '../../kernel/auth/crypto.ts';
import type { SeedContext } from '../../kernel/module.ts';
import { createUser } from '../identity/service/accounts.ts';
import { isPsychologistSql } from './service/actor.ts';

export const demoPsychologist = 'psicologo@demo.cittadelnoi.it';
export const demoSupervisor = 'supervisore.helpline@demo.cittadelnoi.it';

/** Shifts of the demo rota: four a day, 09:00–21:00. */
const parts = [
  [9 * 60, 12 * 60],
  [12 * 60, 15 * 60],
  [15 * 60, 18 * 60],
  [18 * 60, 21 * 60],
] as const;
/** Left empty on purpose, so the demo shows a gap: Sunday 18:00–21:00. */
const emptySlot = 6 * 4 + 3;

async function userIdOf(ctx: SeedContext, email: string): Promise<string | undefined> {
  const { rows } = await ctx.database.pool.query<{ user_id: string }>(
    'SELECT user_id FROM users WHERE city_id = $1 AND lower(email) = $2',
    [ctx.city.id, email],
  );
  return rows[0]?.user_id;
}

/**
 * Demo data of the helpline (never in production): a psychologist and the supervisor of the README,
 * a weekly rota for every active psychologist of the city (made by the volunteers module's seed, or
 * only ours when there are none), and the demo psychologist's calls for the helpline requests already
 * in hand. Each part runs once per city.
 */
export async function seedHelpline(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const pool = ctx.database.pool;
  const city = ctx.city.id;

  let psychologist = await userIdOf(ctx, demoPsychologist);
  if (!psychologist)
    psychologist = (
      await createUser(pool, city, {
        email: demoPsychologist,
        displayName: 'Psicologa della linea di ascolto (demo)',
        assignments: [{ role: 'volunteer', scope: { kind: 'own', ref: null } }],
        password: demoPassword,
        verified: true,
        isDemo: true,
      })
    ).id;
  await pool.query(
    `INSERT INTO volunteers (city_id, user_id, status, phone, skills, languages, psychologist_registration,
                             decided_at, is_demo)
     VALUES ($1, $2, 'active', '030 000 9001', ARRAY['psychologist', 'company'], ARRAY['it', 'en'], 'LOM-00001',
             now(), true)
     ON CONFLICT DO NOTHING`,
    [city, psychologist],
  );
  if (!(await userIdOf(ctx, demoSupervisor)))
    await createUser(pool, city, {
      email: demoSupervisor,
      displayName: 'Supervisione linea di ascolto (demo)',
      assignments: [{ role: 'social_worker', scope: { kind: 'city', ref: null } }],
      password: demoPassword,
      verified: true,
      isDemo: true,
    });

  const { rowCount: hasRota } = await pool.query('SELECT 1 FROM helpline_shifts WHERE city_id = $1 LIMIT 1', [
    city,
  ]);
  if (!hasRota) {
    const { rows: people } = await pool.query<{ user_id: string }>(
      `SELECT v.user_id FROM volunteers v JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id
        WHERE v.city_id = $1 AND ${isPsychologistSql} ORDER BY u.display_name COLLATE "it-IT-x-icu", v.user_id`,
      [city],
    );
    // Two shifts a week each, on slots 13 apart (never the same slot, so never overlapping).
    const shifts: [string, number, number, number][] = [];
    for (const [i, p] of people.entries()) {
      for (const slot of [(i * 2) % 28, (i * 2 + 13) % 28]) {
        if (slot === emptySlot) continue;
        const [start, end] = parts[slot % 4]!;
        shifts.push([p.user_id, Math.floor(slot / 4) + 1, start, end]);
      }
    }
    if (shifts.length)
      await pool.query(
        `INSERT INTO helpline_shifts (city_id, user_id, weekday, start_minute, end_minute)
         SELECT $1, s.user_id, s.weekday, s.start_minute, s.end_minute
           FROM jsonb_to_recordset($2::jsonb) AS s(user_id uuid, weekday int, start_minute int, end_minute int)`,
        [
          city,
          JSON.stringify(
            shifts.map(([user_id, weekday, start_minute, end_minute]) => ({
              user_id,
              weekday,
              start_minute,
              end_minute,
            })),
          ),
        ],
      );
    ctx.log(`helpline: ${shifts.length} shifts for ${people.length} psychologists`);
  }

  const { rowCount: hasCalls } = await pool.query('SELECT 1 FROM helpline_calls WHERE city_id = $1 LIMIT 1', [
    city,
  ]);
  if (!hasCalls) {
    // The helpline requests the demo already shows in hand are the demo psychologist's.
    const { rows: calls } = await pool.query<{ help_request_id: string; status: string }>(
      `INSERT INTO helpline_calls (city_id, help_request_id, status, psychologist_id, assigned_at, attempts,
                                   last_attempt_at, closed_at, created_at)
       SELECT h.city_id, h.help_request_id,
              CASE h.status WHEN 'assigned' THEN 'assigned' WHEN 'in_progress' THEN 'called' ELSE 'closed' END,
              $2, h.created_at + interval '3 hours',
              CASE h.status WHEN 'assigned' THEN 0 ELSE 1 END,
              CASE WHEN h.status <> 'assigned' THEN h.created_at + interval '4 hours' END,
              CASE WHEN h.status = 'resolved' THEN coalesce(h.closed_at, h.created_at + interval '5 days') END,
              h.created_at
         FROM help_requests h
        WHERE h.city_id = $1 AND h.queue = 'helpline' AND h.status IN ('assigned', 'in_progress', 'resolved')
       RETURNING help_request_id, status`,
      [city, psychologist],
    );
    await pool.query(
      `UPDATE help_requests SET assignee_id = $2
        WHERE city_id = $1 AND queue = 'helpline' AND status IN ('assigned', 'in_progress', 'resolved')`,
      [city, psychologist],
    );
    for (const c of calls.filter((x) => x.status !== 'assigned'))
      await pool.query(
        `INSERT INTO helpline_notes (city_id, help_request_id, author_id, text, created_at)
         SELECT $1, $2, $3, $4, assigned_at + interval '1 hour' FROM helpline_calls
          WHERE city_id = $1 AND help_request_id = $2`,
        [
          city,
          c.help_request_id,
          psychologist,
          c.status === 'closed'
            ? 'Colloquio di sostegno svolto; la persona ha il numero della linea per richiamare (nota demo).'
            : 'Prima chiamata senza risposta: riprovare nel pomeriggio (nota demo).',
        ],
      );
    ctx.log(`helpline: ${calls.length} demo calls`);
  }
}

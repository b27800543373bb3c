import { withTransaction } from '../../kernel/db/transaction.ts';
import type { SeedContext } from '../../kernel/module.ts';

interface Hub {
  community_point_id: string;
  slug: string;
  name: string;
}

interface DemoMessage {
  /** null: the city (its demo admin writes). */
  hub: Hub | null;
  body: string;
  /** Hours before the seed ran. */
  hoursAgo: number;
}

const announcement = {
  subject: 'Formazione comune per gli operatori dei Punti Comunità',
  body:
    'Buongiorno a tutti i Punti Comunità,\n\nil Comune organizza due mattine di formazione comune sull’accoglienza ' +
    'delle richieste di aiuto e sull’uso della piattaforma, martedì e giovedì prossimi dalle 9:30 alle 12:30, ' +
    'nella sala civica di via Marconi. Rispondete qui indicando quante persone del vostro Punto parteciperanno.\n\n' +
    'Grazie, l’Ufficio Città del Noi',
};
const conversation = {
  subject: 'Spesa solidale: scambio di volontari nella Zona Sud',
  first:
    'Ciao Sanpolino, questa settimana abbiamo più richieste di spesa a domicilio che volontari disponibili. ' +
    'Avete qualcuno con l’auto che potrebbe coprire due consegne giovedì pomeriggio in via Lamarmora?',
  reply:
    'Ciao Lamarmora, sì: Paola può fare le due consegne giovedì dopo le 15. Vi mandiamo il suo numero in ' +
    'privato; se serve ancora la settimana prossima ditecelo qui.',
};

/**
 * Demo threads: an announcement from the city to every hub with two replies, and a conversation
 * between Lamarmora and Sanpolino (when the city has them). Idempotent: nothing when the city
 * already has demo threads.
 */
export async function seedNetwork(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const pool = ctx.database.pool;
  const cityId = ctx.city.id;
  const { rowCount } = await pool.query(
    'SELECT 1 FROM network_threads WHERE city_id = $1 AND is_demo LIMIT 1',
    [cityId],
  );
  if (rowCount) return;
  const { rows: hubs } = await pool.query<Hub>(
    'SELECT community_point_id, slug, name FROM community_points WHERE city_id = $1 AND active ORDER BY slug',
    [cityId],
  );
  if (!hubs.length) return;
  const { rows: users } = await pool.query<{ user_id: string; email: string; display_name: string }>(
    `SELECT user_id, email, display_name FROM users
      WHERE city_id = $1 AND (email = 'admin@demo.cittadelnoi.it' OR email LIKE 'operatore.%@demo.cittadelnoi.it')`,
    [cityId],
  );
  const admin = users.find((u) => u.email === 'admin@demo.cittadelnoi.it');
  if (!admin) return;
  const writer = (hub: Hub | null) =>
    (hub && users.find((u) => u.email === `operatore.${hub.slug}@demo.cittadelnoi.it`)) || admin;
  const bySlug = (slug: string) => hubs.find((h) => h.slug === slug);

  // Two hubs answer the announcement (not Lamarmora: its operator finds it unread in the demo).
  const repliers = [bySlug('mompiano'), bySlug('san-polo')].filter((h): h is Hub => Boolean(h));
  for (const h of hubs)
    if (repliers.length < 2 && h.slug !== 'lamarmora' && !repliers.includes(h)) repliers.push(h);
  const replies = [
    'Dal nostro Punto parteciperanno in due, martedì e giovedì.',
    'Noi ci saremo in tre, solo giovedì.',
  ];

  await withTransaction(pool, async (client) => {
    const thread = async (kind: string, subject: string, participants: Hub[], messages: DemoMessage[]) => {
      const first = messages[0]!;
      const last = messages[messages.length - 1]!;
      const { rows } = await client.query<{ thread_id: string }>(
        `INSERT INTO network_threads (city_id, kind, subject, created_by, is_demo, created_at, last_message_at)
         VALUES ($1, $2, $3, $4, true, now() - make_interval(hours => $5), now() - make_interval(hours => $6))
         RETURNING thread_id`,
        [cityId, kind, subject, writer(first.hub).user_id, first.hoursAgo, last.hoursAgo],
      );
      const threadId = rows[0]!.thread_id;
      for (const hub of participants) {
        // A hub has read the thread up to its own last message.
        const own = messages.filter((m) => m.hub?.community_point_id === hub.community_point_id);
        const readHoursAgo = own.length ? Math.min(...own.map((m) => m.hoursAgo)) : null;
        await client.query(
          `INSERT INTO network_participants (city_id, thread_id, community_point_id, read_at)
           VALUES ($1, $2, $3, CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(hours => $4::int) END)`,
          [cityId, threadId, hub.community_point_id, readHoursAgo],
        );
      }
      for (const m of messages) {
        const u = writer(m.hub);
        await client.query(
          `INSERT INTO network_messages (city_id, thread_id, author_id, author_name, community_point_id, body, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, now() - make_interval(hours => $7))`,
          [
            cityId,
            threadId,
            u.user_id,
            u.display_name,
            m.hub?.community_point_id ?? null,
            m.body,
            m.hoursAgo,
          ],
        );
      }
    };
    await thread('announcement', announcement.subject, hubs, [
      { hub: null, body: announcement.body, hoursAgo: 72 },
      ...repliers.map((hub, i) => ({ hub, body: replies[i]!, hoursAgo: 48 - i * 24 })),
    ]);
    const lamarmora = bySlug('lamarmora');
    const sanpolino = bySlug('sanpolino');
    if (lamarmora && sanpolino)
      await thread(
        'conversation',
        conversation.subject,
        [lamarmora, sanpolino],
        [
          { hub: lamarmora, body: conversation.first, hoursAgo: 30 },
          { hub: sanpolino, body: conversation.reply, hoursAgo: 20 },
        ],
      );
  });
  ctx.log('network: demo threads');
}

import { createHash } from 'node:crypto';
import { demoPassword } from '../../kernel/auth/crypto.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import type { SeedContext } from '../../kernel/module.ts';
import { createUser } from '../identity/service/accounts.ts';
import { createInitiative } from '../initiatives/index.ts';
import { tinyPdf } from './files.ts';
import type { CallDocument } from './service-calls.ts';

/** The demo member of every thematic table (a council member). */
export const demoTableMemberEmail = 'tavolo@demo.cittadelnoi.it';

const tables = [
  {
    slug: 'anziani-fragilita',
    name: 'Tavolo anziani e fragilità',
    description:
      'Servizi sociali, Punti Comunità, associazioni e consiglieri: le idee per chi è anziano, solo o fragile.',
  },
  {
    slug: 'famiglie-giovani',
    name: 'Tavolo famiglie e giovani',
    description:
      'Scuole, oratori, associazioni giovanili e consiglieri: le idee per famiglie, ragazze e ragazzi.',
  },
  {
    slug: 'comunita-quartieri',
    name: 'Tavolo comunità e quartieri',
    description:
      'Consigli di quartiere e Punti Comunità: le idee per vivere meglio insieme nel proprio quartiere.',
  },
];

const projectDoc: CallDocument = {
  code: 'progetto',
  label: { it: 'Descrizione del progetto (PDF)', en: 'Project description (PDF)' },
  required: true,
};
const budgetDoc: CallDocument = {
  code: 'budget',
  label: { it: 'Piano dei costi', en: 'Cost plan' },
  required: false,
};

const calls = [
  {
    slug: 'idee-per-non-sentirsi-soli',
    title: 'Idee per non sentirsi soli',
    body:
      'Il Comune cerca idee per raggiungere le persone anziane e fragili che vivono sole: compagnia, piccoli aiuti, ' +
      'momenti di incontro nei quartieri. Il bando è sempre aperto: puoi proporre quando vuoi.',
    themes: ['anziani', 'solitudine', 'vicinato'],
    eligible: ['citizen', 'group', 'organisation'],
    documents: [projectDoc, budgetDoc],
    table: 'anziani-fragilita',
  },
  {
    slug: 'spazi-e-tempo-per-ragazzi-e-famiglie',
    title: 'Spazi e tempo per ragazzi e famiglie',
    body:
      'Proposte per il tempo libero dei ragazzi, il sostegno ai genitori, i compiti insieme, lo sport di quartiere. ' +
      'Possono proporre cittadini, gruppi informali e organizzazioni.',
    themes: ['giovani', 'famiglie', 'educazione'],
    eligible: ['citizen', 'group', 'organisation'],
    documents: [budgetDoc],
    table: 'famiglie-giovani',
  },
  {
    slug: 'il-mio-quartiere-bene-comune',
    title: 'Il mio quartiere, bene comune',
    body:
      'Cura dei giardini e degli spazi comuni, feste di via, scambio di saperi: idee che fanno del quartiere una ' +
      'comunità. Per gruppi e organizzazioni.',
    themes: ['beni comuni', 'quartieri', 'partecipazione'],
    eligible: ['group', 'organisation'],
    documents: [projectDoc],
    table: 'comunita-quartieri',
  },
];

type Status = 'received' | 'under_review' | 'changes_requested' | 'accepted' | 'not_accepted' | 'withdrawn';
const proposals: {
  call: number;
  kind: 'citizen' | 'group' | 'organisation';
  name?: string;
  title: string;
  what: string;
  forWhom: string;
  partners: string;
  ask: string;
  status: Status;
  reasons?: string;
  scores?: number[];
}[] = [
  {
    call: 0,
    kind: 'citizen',
    title: 'Una telefonata al giorno',
    what: 'Volontari del quartiere chiamano ogni giorno le persone anziane che vivono sole, per sapere come stanno e se serve qualcosa.',
    forWhom: 'Anziani soli del quartiere',
    partners: 'Parrocchia, Punto Comunità',
    ask: 'Un elenco condiviso con il Punto Comunità e una breve formazione',
    status: 'received',
  },
  {
    call: 0,
    kind: 'group',
    name: 'Gruppo Nonni Attivi',
    title: 'Merenda del giovedì',
    what: 'Ogni giovedì pomeriggio una merenda nella sala del quartiere, con giochi di carte e musica, aperta a chi vive solo.',
    forWhom: 'Persone sole, anche con piccole fragilità',
    partners: 'Bar del quartiere',
    ask: 'L’uso della sala civica il giovedì',
    status: 'under_review',
    scores: [4, 4, 5, 3],
  },
  {
    call: 0,
    kind: 'organisation',
    name: 'Associazione Mani Amiche',
    title: 'Spesa sospesa',
    what: 'I negozi del quartiere raccolgono spese pagate in anticipo dai clienti; i volontari le portano a casa di chi non può uscire.',
    forWhom: 'Anziani e persone con disabilità che non escono di casa',
    partners: 'Negozi di vicinato, Caritas',
    ask: 'Un contributo per le borse termiche e la pubblicità',
    status: 'accepted',
    reasons:
      'Idea semplice, già sperimentata altrove, coinvolge i negozi: il tavolo la accoglie. Il Punto Comunità la accompagnerà.',
    scores: [5, 4, 5, 4],
  },
  {
    call: 0,
    kind: 'citizen',
    title: 'Passeggiate della salute',
    what: 'Due passeggiate a settimana nel parco con un accompagnatore, per chi ha paura di uscire da solo.',
    forWhom: 'Anziani del quartiere',
    partners: '',
    ask: 'Un’assicurazione per i partecipanti',
    status: 'changes_requested',
    reasons:
      'L’idea piace: indicate il percorso, gli orari e chi accompagna, e se serve un medico di riferimento.',
    scores: [4, 3, 3, 3],
  },
  {
    call: 1,
    kind: 'group',
    name: 'Genitori di via Milano',
    title: 'Compiti insieme',
    what: 'Un doposcuola gratuito due pomeriggi a settimana, con studenti universitari volontari e genitori.',
    forWhom: 'Ragazzi delle medie del quartiere',
    partners: 'Scuola media del quartiere, Università',
    ask: 'Un’aula il martedì e il giovedì, materiale di cancelleria',
    status: 'accepted',
    reasons:
      'Risponde a un bisogno segnalato dalle scuole; il gruppo è già attivo. Accolta, partirà con il nuovo anno scolastico.',
    scores: [5, 5, 4, 4],
  },
  {
    call: 1,
    kind: 'citizen',
    title: 'Calcio di strada',
    what: 'Un torneo estivo di calcio a cinque nel campetto del quartiere, aperto a tutti i ragazzi.',
    forWhom: 'Ragazzi dai 10 ai 16 anni',
    partners: 'Società sportiva locale',
    ask: 'La sistemazione delle porte e dell’illuminazione',
    status: 'under_review',
    scores: [3, 4, 4, 3],
  },
  {
    call: 1,
    kind: 'organisation',
    name: 'Cooperativa Il Ponte',
    title: 'Sportello genitori',
    what: 'Un sabato al mese incontri con una pedagogista per i genitori di bambini piccoli.',
    forWhom: 'Genitori di bambini 0-6 anni',
    partners: 'Consultorio familiare',
    ask: 'Un contributo per la pedagogista',
    status: 'not_accepted',
    reasons: 'Il servizio esiste già al consultorio negli stessi orari: vi invitiamo a collaborare con loro.',
    scores: [2, 3, 2, 2],
  },
  {
    call: 1,
    kind: 'citizen',
    title: 'Biblioteca di condominio',
    what: 'Uno scaffale di libri da scambiare nell’androne dei condomini popolari, curato dai ragazzi.',
    forWhom: 'Famiglie dei condomini',
    partners: '',
    ask: 'Gli scaffali',
    status: 'received',
  },
  {
    call: 2,
    kind: 'group',
    name: 'Amici del giardino',
    title: 'Orto condiviso',
    what: 'Trasformare l’aiuola abbandonata dietro la scuola in un orto curato dai residenti e dalle classi.',
    forWhom: 'Residenti e scolari del quartiere',
    partners: 'Scuola primaria, Legambiente',
    ask: 'Terra, attrezzi e un allaccio all’acqua',
    status: 'under_review',
    scores: [4, 3, 5, 5],
  },
  {
    call: 2,
    kind: 'organisation',
    name: 'Associazione Via Aperta',
    title: 'Festa di via',
    what: 'Una festa all’anno nella via principale, con le associazioni e i negozi, per conoscersi.',
    forWhom: 'Tutto il quartiere',
    partners: 'Commercianti, associazioni del quartiere',
    ask: 'Permessi e transenne',
    status: 'changes_requested',
    reasons: 'Indicate chi si occupa della sicurezza e della pulizia dopo la festa.',
  },
  {
    call: 2,
    kind: 'group',
    name: 'Banca del tempo Sud',
    title: 'Scambio di saperi',
    what: 'Un pomeriggio al mese chi sa fare qualcosa lo insegna agli altri: cucito, riparazioni, computer.',
    forWhom: 'Adulti e anziani',
    partners: 'Punto Comunità',
    ask: 'Una sala e la comunicazione del Comune',
    status: 'received',
  },
  {
    call: 0,
    kind: 'citizen',
    title: 'Pranzo della domenica',
    what: 'Un pranzo in compagnia una domenica al mese per chi la domenica resta solo.',
    forWhom: 'Anziani soli',
    partners: '',
    ask: 'Una sala con cucina',
    status: 'withdrawn',
  },
];

/**
 * Demo data: three thematic tables (the demo council member `tavolo@demo.cittadelnoi.it` sits at all
 * of them, with any council member of the city), three open calls, twelve proposals by the demo
 * citizen in every status. Accepted ones become initiatives when the initiatives module is on.
 * Runs once per city.
 */
export async function seedIdeas(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const pool = ctx.database.pool;
  const cityId = ctx.city.id;
  const { rowCount } = await pool.query('SELECT 1 FROM thematic_tables WHERE city_id = $1 LIMIT 1', [cityId]);
  if (rowCount) return;
  const { rows: citizens } = await pool.query<{ user_id: string }>(
    "SELECT user_id FROM users WHERE city_id = $1 AND email = 'cittadino@demo.cittadelnoi.it'",
    [cityId],
  );
  const proposer = citizens[0]?.user_id;
  const { rows: nbh } = await pool.query<{ code: string }>(
    'SELECT code FROM neighbourhoods WHERE city_id = $1 ORDER BY code',
    [cityId],
  );
  const { modules } = await import('../index.ts');
  const initiativesOn = modules.some((m) => m.name === 'initiatives');
  await withTransaction(pool, async (client) => {
    const { rows: existing } = await client.query<{ user_id: string }>(
      'SELECT user_id FROM users WHERE city_id = $1 AND lower(email) = $2',
      [cityId, demoTableMemberEmail],
    );
    const memberId =
      existing[0]?.user_id ??
      (
        await createUser(client, cityId, {
          email: demoTableMemberEmail,
          displayName: 'Consigliera del tavolo (demo)',
          password: demoPassword,
          verified: true,
          isDemo: true,
          assignments: [{ role: 'council_member', scope: { kind: 'city', ref: null } }],
        })
      ).id;
    const { rows: council } = await client.query<{ user_id: string }>(
      "SELECT DISTINCT user_id FROM role_assignments WHERE city_id = $1 AND role = 'council_member'",
      [cityId],
    );
    const members = [...new Set([memberId, ...council.map((r) => r.user_id)])];
    const tableIds: Record<string, string> = {};
    for (const t of tables) {
      const { rows } = await client.query<{ table_id: string }>(
        'INSERT INTO thematic_tables (city_id, slug, name, description, is_demo) VALUES ($1,$2,$3,$4,true) RETURNING table_id',
        [cityId, t.slug, t.name, t.description],
      );
      tableIds[t.slug] = rows[0]!.table_id;
      await client.query(
        'INSERT INTO thematic_table_members (city_id, table_id, user_id) SELECT $1, $2, u FROM unnest($3::uuid[]) u',
        [cityId, rows[0]!.table_id, members],
      );
    }
    const callIds: string[] = [];
    for (const c of calls) {
      const { rows } = await client.query<{ call_id: string }>(
        `INSERT INTO idea_calls (city_id, slug, title, body, themes, eligible, documents, table_id, is_demo, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8,true, now() - interval '120 days') RETURNING call_id`,
        [
          cityId,
          c.slug,
          c.title,
          c.body,
          c.themes,
          c.eligible,
          JSON.stringify(c.documents),
          tableIds[c.table],
        ],
      );
      callIds.push(rows[0]!.call_id);
    }
    if (!proposer) return;
    const criteria = ['relevance', 'feasibility', 'involvement', 'sustainability'];
    let i = 0;
    for (const p of proposals) {
      i++;
      const call = calls[p.call]!;
      const daysAgo = 100 - i * 7;
      const neighbourhood = nbh.length ? nbh[(i * 5) % nbh.length]!.code : null;
      const decided = p.status === 'accepted' || p.status === 'not_accepted';
      const { rows } = await client.query<{ proposal_id: string }>(
        `INSERT INTO proposals (city_id, call_id, proposer_id, proposer_kind, proposer_name, title, what, where_text,
                                neighbourhood_code, for_whom, partners, ask, status, reasons, decided_by, decided_at,
                                is_demo, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,true, now() - make_interval(days => $17), now() - make_interval(days => $17 - 3))
         RETURNING proposal_id`,
        [
          cityId,
          callIds[p.call],
          proposer,
          p.kind,
          p.name ?? null,
          p.title,
          p.what,
          'Nel quartiere, negli spazi del Punto Comunità',
          neighbourhood,
          p.forWhom,
          p.partners,
          p.ask,
          p.status,
          p.reasons ?? null,
          decided ? memberId : null,
          decided ? new Date(Date.now() - (daysAgo - 3) * 86_400_000) : null,
          daysAgo,
        ],
      );
      const id = rows[0]!.proposal_id;
      if (call.documents.some((d) => d.code === 'progetto')) {
        const pdf = tinyPdf(`Progetto: ${p.title}`);
        await client.query(
          `INSERT INTO proposal_files (city_id, proposal_id, document_code, file_name, content_type, bytes, sha256, content, uploaded_by)
           VALUES ($1,$2,'progetto','progetto.pdf','application/pdf',$3,$4,$5,$6)`,
          [cityId, id, pdf.length, createHash('sha256').update(pdf).digest('hex'), pdf, proposer],
        );
      }
      const path: [string | null, string, string | null][] = [[null, 'received', null]];
      if (p.status !== 'received' && p.status !== 'withdrawn') path.push(['received', 'under_review', null]);
      if (p.status === 'changes_requested' || decided)
        path.push(['under_review', p.status, p.reasons ?? null]);
      if (p.status === 'withdrawn') path.push(['received', 'withdrawn', null]);
      for (const [k, [from, to, text]] of path.entries())
        await client.query(
          `INSERT INTO proposal_events (city_id, proposal_id, at, actor_id, kind, from_status, to_status, public, text)
           VALUES ($1,$2, now() - make_interval(days => $3), $4, $5, $6, $7, true, $8)`,
          [
            cityId,
            id,
            daysAgo - k,
            from && to !== 'withdrawn' ? memberId : proposer,
            from ? 'status' : 'created',
            from,
            to,
            text,
          ],
        );
      if (p.scores)
        await client.query(
          `INSERT INTO proposal_reviews (city_id, proposal_id, reviewer_id, scores, comment) VALUES ($1,$2,$3,$4::jsonb,$5)`,
          [
            cityId,
            id,
            memberId,
            JSON.stringify(Object.fromEntries(criteria.map((c, j) => [c, p.scores![j]]))),
            'Valutazione della demo.',
          ],
        );
      if (p.status === 'under_review')
        await client.query(
          `INSERT INTO proposal_events (city_id, proposal_id, actor_id, kind, public, text)
           VALUES ($1,$2,$3,'comment',false,'Sentiamo il Punto Comunità prima di decidere.')`,
          [cityId, id, memberId],
        );
      if (p.status === 'accepted' && initiativesOn && neighbourhood) {
        const created = await createInitiative(client, cityId, {
          title: p.title,
          description: p.what,
          neighbourhoodCode: neighbourhood,
          partners: p.partners
            .split(',')
            .map((s) => ({ name: s.trim() }))
            .filter((x) => x.name),
          startsOn: new Date(Date.now() - (daysAgo - 10) * 86_400_000).toISOString().slice(0, 10),
          programmePart: p.call === 1 ? 'families' : 'community_points',
          proposalId: id,
          createdBy: memberId,
        });
        await client.query(
          'UPDATE proposals SET initiative_id = $3 WHERE city_id = $1 AND proposal_id = $2',
          [cityId, id, created.id],
        );
        await client.query(
          'UPDATE initiatives SET is_demo = true WHERE city_id = $1 AND initiative_id = $2',
          [cityId, created.id],
        );
      }
    }
  });
  ctx.log(
    `ideas: ${tables.length} thematic tables, ${calls.length} calls, ${proposer ? proposals.length : 0} proposals`,
  );
}

import type { Queryable } from '../../../kernel/audit/index.ts';
import { AppError } from '../../../kernel/errors.ts';
import { freeSlug } from './slug.ts';

export const programmeParts = [
  'community_points',
  'families',
  'youth',
  'work',
  'poverty',
  'elderly_disability',
  'governance',
] as const;
export type ProgrammePart = (typeof programmeParts)[number];

export const initiativeStatuses = ['planned', 'running', 'completed', 'cancelled'] as const;
export type InitiativeStatus = (typeof initiativeStatuses)[number];

export interface Partner {
  name: string;
  organizationId?: string;
}

export interface NewInitiative {
  title: string;
  description: string;
  neighbourhoodCode: string;
  communityPointId?: string | null;
  partners?: Partner[];
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn?: string | null;
  programmePart: string;
  proposalId?: string | null;
  createdBy?: string | null;
  status?: InitiativeStatus;
}

/** Checks the references of an initiative (neighbourhood, hub, programme part, dates): 400 with the field at fault. */
export async function checkInitiativeRefs(
  q: Queryable,
  cityId: number,
  input: Pick<
    NewInitiative,
    'neighbourhoodCode' | 'communityPointId' | 'programmePart' | 'startsOn' | 'endsOn'
  >,
): Promise<void> {
  const fields: { field: string; message: string }[] = [];
  if (!(programmeParts as readonly string[]).includes(input.programmePart))
    fields.push({ field: 'programmePart', message: `unknown programme part: ${input.programmePart}` });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startsOn))
    fields.push({ field: 'startsOn', message: 'a date YYYY-MM-DD' });
  if (input.endsOn && input.endsOn < input.startsOn)
    fields.push({ field: 'endsOn', message: 'the end comes before the start' });
  const { rows } = await q.query<{ n: boolean; cp: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM neighbourhoods WHERE city_id = $1 AND code = $2) AS n,
            ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM community_points WHERE city_id = $1 AND community_point_id = $3::uuid)) AS cp`,
    [cityId, input.neighbourhoodCode, input.communityPointId ?? null],
  );
  if (!rows[0]?.n)
    fields.push({ field: 'neighbourhoodCode', message: `unknown neighbourhood: ${input.neighbourhoodCode}` });
  if (!rows[0]?.cp) fields.push({ field: 'communityPointId', message: 'unknown Punto Comunità' });
  if (fields.length) throw new AppError('validation', {}, { fields });
}

/**
 * Creates an initiative (a hub's, or one born from an accepted proposal) and returns its id and
 * slug. Pass the transaction's client so it commits with the caller's change (e.g. accepting a
 * proposal). Invalid references are a 400 `validation` problem naming the field.
 */
export async function createInitiative(
  q: Queryable,
  cityId: number,
  input: NewInitiative,
): Promise<{ id: string; slug: string }> {
  await checkInitiativeRefs(q, cityId, input);
  const partners = (input.partners ?? []).map((p) =>
    p.organizationId ? { name: p.name, organizationId: p.organizationId } : { name: p.name },
  );
  // A unique slug; on the rare race for the same slug, try the next one.
  for (let attempt = 0; ; attempt++) {
    const slug = await freeSlug(q, cityId, input.title);
    const candidate = attempt === 0 ? slug : `${slug}-${Math.random().toString(36).slice(2, 6)}`;
    const { rows } = await q.query<{ initiative_id: string; slug: string }>(
      `INSERT INTO initiatives (city_id, slug, title, description, neighbourhood_code, community_point_id, partners,
                                status, starts_on, ends_on, programme_part, proposal_id, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8,$9::date,$10::date,$11,$12,$13)
       ON CONFLICT (city_id, slug) DO NOTHING
       RETURNING initiative_id, slug`,
      [
        cityId,
        candidate,
        input.title,
        input.description,
        input.neighbourhoodCode,
        input.communityPointId ?? null,
        JSON.stringify(partners),
        input.status ?? 'planned',
        input.startsOn,
        input.endsOn ?? null,
        input.programmePart,
        input.proposalId ?? null,
        input.createdBy ?? null,
      ],
    );
    if (rows[0]) return { id: rows[0].initiative_id, slug: rows[0].slug };
    if (attempt > 5) throw new AppError('conflict', {}, { messageKey: 'initiatives.slug_taken' });
  }
}

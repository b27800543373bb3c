import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import type { Database } from '../../../kernel/db/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError, type FieldError } from '../../../kernel/errors.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import { hubServing } from '../../community-points/index.ts';
import { locatePoint } from '../../territory/index.ts';
import { loadProfile, type Profile, toProfile } from './profile-read.ts';
import { checkSlots, type Skill, type Slot } from './rules.ts';

export interface ProfileInput {
  phone?: string;
  skills: Skill[];
  languages: string[];
  psychologistRegistration?: string;
  neighbourhoodCodes: string[];
  lat?: number;
  lon?: number;
  maxDistanceKm?: number;
  maxTasks: number;
  availability: Slot[];
  communityPointSlug?: string;
}

const me = (request: FastifyRequest) => {
  if (!request.user) throw new AppError('unauthenticated');
  return request.user;
};

/**
 * Checks what zod cannot: the psychologist's registration, availability that overlaps itself,
 * neighbourhoods and hub of this city, a point inside it. Throws one validation problem with
 * every field at fault; returns the hub's id (when one was chosen) and the slots in minutes.
 */
async function checkInput(
  database: Database,
  client: pg.PoolClient,
  city: City,
  input: ProfileInput,
  lang: Lang,
) {
  const fields: FieldError[] = [];
  if (input.skills.includes('psychologist') && !input.psychologistRegistration)
    fields.push({ field: 'psychologistRegistration', message: t(lang, 'volunteers.field.registration') });
  const { slots, bad } = checkSlots(input.availability);
  for (const i of bad)
    fields.push({ field: `availability.${i}`, message: t(lang, 'volunteers.field.overlap') });
  const codes = [...new Set(input.neighbourhoodCodes)];
  const { rows: known } = await client.query<{ code: string }>(
    'SELECT code FROM neighbourhoods WHERE city_id = $1 AND code = ANY($2::text[])',
    [city.id, codes],
  );
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length)
    fields.push({
      field: 'neighbourhoodCodes',
      message: t(lang, 'volunteers.field.neighbourhoods', { codes: unknown.join(', ') }),
    });
  if (input.lat !== undefined && input.lon !== undefined) {
    const located = await locatePoint(database.db, city, input.lat, input.lon);
    if (!located)
      fields.push({ field: 'lat', message: t(lang, 'volunteers.field.outside_city', { city: city.name }) });
  }
  let hubId: string | null = null;
  if (input.communityPointSlug) {
    const { rows } = await client.query<{ community_point_id: string }>(
      'SELECT community_point_id FROM community_points WHERE city_id = $1 AND slug = $2 AND active',
      [city.id, input.communityPointSlug],
    );
    if (rows[0]) hubId = rows[0].community_point_id;
    else fields.push({ field: 'communityPointSlug', message: t(lang, 'volunteers.field.community_point') });
  }
  if (fields.length) throw new AppError('validation', {}, { fields });
  return { hubId, slots, codes };
}

/** Writes the profile's own fields, neighbourhoods and availability (replacing what was there). */
async function writeDetails(
  client: pg.PoolClient,
  cityId: number,
  userId: string,
  codes: string[],
  slots: ReturnType<typeof checkSlots>['slots'],
) {
  await client.query('DELETE FROM volunteer_neighbourhoods WHERE city_id = $1 AND user_id = $2', [
    cityId,
    userId,
  ]);
  await client.query(
    `INSERT INTO volunteer_neighbourhoods (city_id, user_id, neighbourhood_code)
     SELECT $1, $2, unnest($3::text[])`,
    [cityId, userId, codes],
  );
  await client.query('DELETE FROM volunteer_availability WHERE city_id = $1 AND user_id = $2', [
    cityId,
    userId,
  ]);
  await client.query(
    `INSERT INTO volunteer_availability (city_id, user_id, weekday, start_minute, end_minute)
     SELECT $1, $2, * FROM unnest($3::smallint[], $4::smallint[], $5::smallint[])`,
    [
      cityId,
      userId,
      slots.map((s) => s.weekday),
      slots.map((s) => s.startMinute),
      slots.map((s) => s.endMinute),
    ],
  );
}

const columns = (input: ProfileInput) => [
  input.phone ?? null,
  [...new Set(input.skills)],
  [...new Set(input.languages)],
  input.skills.includes('psychologist') ? (input.psychologistRegistration ?? null) : null,
  input.lat ?? null,
  input.lon ?? null,
  input.maxDistanceKm ?? 5,
  input.maxTasks,
];

/**
 * A signed-in person applies as a volunteer: the profile is stored with status `applied`, the person
 * and the hub (the one they chose, or the one serving their first neighbourhood) are told by e-mail.
 * A second application is a 409 problem.
 */
export async function apply(
  database: Database,
  request: FastifyRequest,
  input: ProfileInput,
  publicUrl: string,
): Promise<Profile> {
  const user = me(request);
  const city = request.city;
  return withTransaction(database.pool, async (client) => {
    const { hubId, slots, codes } = await checkInput(database, client, city, input, request.lang);
    const hub = hubId
      ? { id: hubId }
      : await hubServing(
          client,
          city,
          codes[0]!,
          input.lat !== undefined ? { lat: input.lat, lon: input.lon! } : undefined,
        );
    const { rowCount } = await client.query(
      `INSERT INTO volunteers (city_id, user_id, status, phone, skills, languages, psychologist_registration, lat, lon,
                               max_distance_km, max_tasks, community_point_id)
       VALUES ($1, $2, 'applied', $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING`,
      [city.id, user.id, ...columns(input), hubId],
    );
    if (!rowCount)
      throw new AppError('conflict', {}, { messageKey: 'problem.volunteers.already_applied.detail' });
    await writeDetails(client, city.id, user.id, codes, slots);
    await audit(
      client,
      auditFromRequest(request, {
        action: 'create',
        resource: 'volunteer',
        resourceId: user.id,
        scope: 'own',
      }),
    );
    const row = (await loadProfile(client, city.id, user.id))!;
    const lang = (row.locale === 'en' ? 'en' : 'it') as Lang;
    await queueMail(client, {
      cityId: city.id,
      to: row.email,
      subject: t(lang, 'volunteers.mail.applied.subject'),
      text: t(lang, 'volunteers.mail.applied.text', {
        name: row.display_name,
        link: `${publicUrl}/volontariato`,
      }),
    });
    if (hub) {
      const { rows } = await client.query<{ email: string | null }>(
        'SELECT email FROM community_points WHERE city_id = $1 AND community_point_id = $2',
        [city.id, hub.id],
      );
      if (rows[0]?.email)
        await queueMail(client, {
          cityId: city.id,
          to: rows[0].email,
          subject: t('it', 'volunteers.mail.hub_applied.subject', { name: row.display_name }),
          text: t('it', 'volunteers.mail.hub_applied.text', {
            name: row.display_name,
            skills: row.skills.map((s) => t('it', `volunteers.skill.${s}`)).join(', '),
            link: `${publicUrl}/sportello/volontari/${user.id}`,
          }),
        });
    }
    return toProfile(row);
  });
}

/** The caller's own profile, or a 404 problem. */
export async function getMine(database: Database, request: FastifyRequest): Promise<Profile> {
  const user = me(request);
  const row = await loadProfile(database.pool, request.city.id, user.id);
  if (!row) throw new AppError('not_found', { resource: 'volunteer', id: user.id });
  return toProfile(row);
}

/** Replaces the caller's profile fields (status, clearance and hub stay as staff set them). */
export async function updateMine(
  database: Database,
  request: FastifyRequest,
  input: ProfileInput,
): Promise<Profile> {
  const user = me(request);
  const city = request.city;
  return withTransaction(database.pool, async (client) => {
    const { rows } = await client.query<{ community_point_id: string | null; status: string }>(
      'SELECT community_point_id, status FROM volunteers WHERE city_id = $1 AND user_id = $2 FOR UPDATE',
      [city.id, user.id],
    );
    const current = rows[0];
    if (!current) throw new AppError('not_found', { resource: 'volunteer', id: user.id });
    const { hubId, slots, codes } = await checkInput(database, client, city, input, request.lang);
    // The hub they chose can change only while they are waiting to be accepted.
    const hub = current.status === 'applied' && hubId ? hubId : current.community_point_id;
    await client.query(
      `UPDATE volunteers SET phone = $3, skills = $4, languages = $5, psychologist_registration = $6, lat = $7, lon = $8,
              max_distance_km = $9, max_tasks = $10, community_point_id = $11, updated_at = now()
        WHERE city_id = $1 AND user_id = $2`,
      [city.id, user.id, ...columns(input), hub],
    );
    await writeDetails(client, city.id, user.id, codes, slots);
    await audit(
      client,
      auditFromRequest(request, {
        action: 'update',
        resource: 'volunteer',
        resourceId: user.id,
        scope: 'own',
      }),
    );
    return toProfile((await loadProfile(client, city.id, user.id))!);
  });
}

import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit, auditFromRequest, type Queryable } from '../../../kernel/audit/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { t } from '../../../kernel/i18n/index.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import { isPsychologistSql } from './actor.ts';
import { helplineSettingsOf } from './settings.ts';
import {
  formatTime,
  gaps,
  holds,
  overlaps,
  romeMoment,
  type Stretch,
  understaffed,
  weekdays,
} from './week.ts';

export interface Shift extends Stretch {
  id: string;
  userId: string;
  name: string;
}

/** Every shift of the city's rota, with the psychologist's name, by weekday, time and name. */
export async function loadShifts(q: Queryable, cityId: number): Promise<Shift[]> {
  const { rows } = await q.query<{
    shift_id: string;
    user_id: string;
    display_name: string;
    weekday: number;
    start_minute: number;
    end_minute: number;
  }>(
    `SELECT s.shift_id, s.user_id, u.display_name, s.weekday, s.start_minute, s.end_minute
       FROM helpline_shifts s JOIN users u ON u.city_id = s.city_id AND u.user_id = s.user_id
      WHERE s.city_id = $1
      ORDER BY s.weekday, s.start_minute, u.display_name COLLATE "it-IT-x-icu", s.shift_id`,
    [cityId],
  );
  return rows.map((r) => ({
    id: r.shift_id,
    userId: r.user_id,
    name: r.display_name,
    weekday: r.weekday,
    start: r.start_minute,
    end: r.end_minute,
  }));
}

const shiftOut = (s: Shift) => ({
  id: s.id,
  psychologist: { id: s.userId, name: s.name },
  weekday: s.weekday,
  start: formatTime(s.start),
  end: formatTime(s.end),
});

const stretchOut = <S extends Stretch>({ weekday, start, end, ...rest }: S) => ({
  weekday,
  start: formatTime(start),
  end: formatTime(end),
  ...rest,
});

/** The weekly rota: each weekday with its shifts; the opening hours; the psychologists who may be put on it. */
export async function rota(q: Queryable, city: City) {
  const shifts = await loadShifts(q, city.id);
  const settings = helplineSettingsOf(city.settings);
  const { rows: people } = await q.query<{ user_id: string; display_name: string }>(
    `SELECT u.user_id, u.display_name FROM volunteers v
       JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id
      WHERE v.city_id = $1 AND ${isPsychologistSql}
      ORDER BY u.display_name COLLATE "it-IT-x-icu"`,
    [city.id],
  );
  return {
    days: weekdays.map((weekday) => ({
      weekday,
      shifts: shifts.filter((s) => s.weekday === weekday).map(shiftOut),
    })),
    openingHours: settings.openingHours.map(stretchOut),
    minPsychologists: settings.minPsychologists,
    psychologists: people.map((p) => ({ id: p.user_id, name: p.display_name })),
  };
}

/** Who is on now (Europe/Rome), and the week's gaps and understaffed stretches. */
export async function coverageNow(q: Queryable, city: City, at: Date) {
  const shifts = await loadShifts(q, city.id);
  const settings = helplineSettingsOf(city.settings);
  const now = romeMoment(at);
  const open = settings.openingHours.some((o) => holds(o, now));
  const on = shifts.filter((s) => holds(s, now));
  return {
    at: at.toISOString(),
    weekday: now.weekday,
    time: formatTime(now.minute),
    open,
    onNow: on.map((s) => ({
      psychologist: { id: s.userId, name: s.name },
      until: formatTime(s.end),
    })),
    minPsychologists: settings.minPsychologists,
    openingHours: settings.openingHours.map(stretchOut),
    gaps: gaps(settings.openingHours, shifts).map(stretchOut),
    understaffed: understaffed(settings.openingHours, shifts, settings.minPsychologists).map(stretchOut),
  };
}

/**
 * Puts a psychologist on the rota. The psychologist's volunteer row is locked first, so that two
 * shifts added at once for the same person are checked one after the other: a shift that overlaps
 * one of theirs is refused (400) and nothing is stored.
 */
export async function addShift(
  pool: pg.Pool,
  request: FastifyRequest,
  input: { userId: string; weekday: number; start: number; end: number },
) {
  const city = request.city;
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ display_name: string }>(
      `SELECT u.display_name FROM volunteers v JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id
        WHERE v.city_id = $1 AND v.user_id = $2 AND ${isPsychologistSql}
        FOR UPDATE OF v`,
      [city.id, input.userId],
    );
    if (!rows[0])
      throw new AppError(
        'validation',
        {},
        { fields: [{ field: 'userId', message: t(request.lang, 'helpline.field.not_psychologist') }] },
      );
    const own = (await loadShifts(client, city.id)).filter((s) => s.userId === input.userId);
    const clash = own.find((s) => overlaps(s, input));
    if (clash)
      throw new AppError(
        'validation',
        {},
        {
          fields: [
            {
              field: 'start',
              message: t(request.lang, 'helpline.field.overlap', {
                start: formatTime(clash.start),
                end: formatTime(clash.end),
              }),
            },
          ],
        },
      );
    const { rows: made } = await client.query<{ shift_id: string }>(
      `INSERT INTO helpline_shifts (city_id, user_id, weekday, start_minute, end_minute, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING shift_id`,
      [city.id, input.userId, input.weekday, input.start, input.end, request.user!.id],
    );
    const id = made[0]!.shift_id;
    await audit(
      client,
      auditFromRequest(request, {
        action: 'create',
        resource: 'helpline_shift',
        resourceId: id,
        scope: 'city',
        detail: {
          psychologist: input.userId,
          weekday: input.weekday,
          start: formatTime(input.start),
          end: formatTime(input.end),
        },
      }),
    );
    return shiftOut({ id, name: rows[0].display_name, ...input });
  });
}

/** Takes a shift off the rota (404 when the city has no such shift). */
export async function removeShift(pool: pg.Pool, request: FastifyRequest, shiftId: string): Promise<void> {
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ user_id: string; weekday: number; start_minute: number }>(
      `DELETE FROM helpline_shifts WHERE city_id = $1 AND shift_id = $2
       RETURNING user_id, weekday, start_minute, end_minute`,
      [request.city.id, shiftId],
    );
    if (!rows[0]) throw new AppError('not_found', { resource: 'helpline_shift', id: shiftId });
    await audit(
      client,
      auditFromRequest(request, {
        action: 'delete',
        resource: 'helpline_shift',
        resourceId: shiftId,
        scope: 'city',
        detail: { psychologist: rows[0].user_id, weekday: rows[0].weekday },
      }),
    );
  });
}

/** Whether a shift of the city exists (for answering 404 before 403). */
export async function shiftExists(q: Queryable, cityId: number, shiftId: string): Promise<boolean> {
  const { rowCount } = await q.query('SELECT 1 FROM helpline_shifts WHERE city_id = $1 AND shift_id = $2', [
    cityId,
    shiftId,
  ]);
  return Boolean(rowCount);
}

import type { Queryable } from '../../../kernel/audit/index.ts';

/** A URL slug from a title: lower-case ASCII letters, digits and dashes (accents dropped). */
export function slugify(title: string): string {
  const s = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s || 'iniziativa';
}

/** A slug not yet used in the city: the title's, or the title's with `-2`, `-3`… */
export async function freeSlug(q: Queryable, cityId: number, title: string): Promise<string> {
  const base = slugify(title);
  const { rows } = await q.query<{ slug: string }>(
    `SELECT slug FROM initiatives WHERE city_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')`,
    [cityId, base],
  );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';

/**
 * The tenancy rule, read from the PostgreSQL catalog of a fully migrated database: every table
 * has `city_id`, it leads the primary key and every foreign key. Shared vocabularies are the only
 * exception, and say so in their table comment ("shared vocabulary: …").
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(2);
});
afterAll(async () => {
  await db.drop();
});

interface TableRow {
  table: string;
  comment: string | null;
  has_city: boolean;
  pk_first: string | null;
}

async function tableOffenders(): Promise<string[]> {
  const { rows } = await db.pool.query<TableRow>(`
      SELECT c.relname AS table,
             obj_description(c.oid, 'pg_class') AS comment,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'city_id' AND NOT a.attisdropped) AS has_city,
             (SELECT a.attname FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
               WHERE k.conrelid = c.oid AND k.contype = 'p') AS pk_first
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
  expect(rows.length).toBeGreaterThan(3);
  return rows
    .filter((r) => !r.comment?.startsWith('shared vocabulary'))
    .filter((r) => !r.has_city || r.pk_first !== 'city_id')
    .map((r) => `${r.table} (city_id: ${r.has_city}, primary key starts with: ${r.pk_first})`);
}

describe('tenancy by city_id', () => {
  it('every table leads its primary key with city_id', async () => {
    expect(await tableOffenders()).toEqual([]);
  });

  it('catches a table that breaks the rule (the check itself works)', async () => {
    await db.pool.query('CREATE TABLE tenancy_probe (id int PRIMARY KEY, city_id int)');
    try {
      expect(await tableOffenders()).toEqual(['tenancy_probe (city_id: true, primary key starts with: id)']);
    } finally {
      await db.pool.query('DROP TABLE tenancy_probe');
    }
  });

  it('every foreign key between tenant tables leads with city_id', async () => {
    const { rows } = await db.pool.query<{
      name: string;
      table: string;
      first: string;
      target_comment: string | null;
    }>(`
      SELECT k.conname AS name, c.relname AS table, a.attname AS first,
             obj_description(k.confrelid, 'pg_class') AS target_comment
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
       WHERE k.contype = 'f' AND n.nspname = 'public'`);
    const offenders = rows
      .filter((r) => !r.target_comment?.startsWith('shared vocabulary'))
      .filter((r) => r.first !== 'city_id')
      .map((r) => `${r.table}.${r.name} starts with ${r.first}`);
    expect(offenders).toEqual([]);
  });
});

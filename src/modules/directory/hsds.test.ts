import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { columnsOf, tables } from './export.ts';
import { directoryExport } from './export-command.ts';

/** Every HSDS 3.0 table schema, loaded by file name so that their `$ref`s resolve. */
const schemaDir = path.resolve(import.meta.dirname, '../../../standards/hsds-3.0');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
for (const f of readdirSync(schemaDir).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
  ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8')), f);
}
function valid(schema: string, value: unknown): string[] {
  const validate = ajv.getSchema(schema)!;
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${schema}${e.instancePath} ${e.message}`);
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { PUBLIC_URL: 'http://localhost:3000' } });
});
afterAll(async () => {
  await t.close();
});
const get = (url: string) => t.app.inject({ method: 'GET', url });

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

describe('HSDS 3.0 API', () => {
  it('describes itself', async () => {
    expect((await get('/api/hsds/')).json()).toMatchObject({ version: '3.0' });
  });

  it('pages services that validate against the HSDS service schema, nested objects included', async () => {
    const res = await get('/api/hsds/services?per_page=10&page=2');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({
      total_items: 38,
      total_pages: 4,
      page_number: 2,
      size: 10,
      first_page: false,
      last_page: false,
    });
    for (const s of page.contents) expect(valid('service.json', s)).toEqual([]);
    const one = page.contents[0];
    expect(one.service_at_locations[0].location.addresses[0]).toMatchObject({
      country: 'IT',
      city: 'Brescia',
    });
    expect(one.attributes.length).toBeGreaterThan(0);
    const last = (await get('/api/hsds/services?per_page=10&page=4')).json();
    expect(last).toMatchObject({ size: 8, last_page: true });
  });

  it('serves one complete service, valid, with schedules in iCal terms', async () => {
    const [first] = (await get('/api/hsds/services?per_page=50'))
      .json()
      .contents.filter((s: { name: string }) => s.name === 'Spazio gioco 0-3 anni');
    const res = await get(`/api/hsds/services/${first.id}`);
    expect(res.statusCode).toBe(200);
    expect(valid('service.json', res.json())).toEqual([]);
    expect(res.json()).toMatchObject({
      name: 'Spazio gioco 0-3 anni',
      minimum_age: 0,
      maximum_age: 3,
      organization: { name: 'Associazione Famiglie al Centro (demo)' },
    });
    expect(res.json().service_at_locations[0].schedules).toEqual([
      expect.objectContaining({ freq: 'WEEKLY', byday: 'TU', opens_at: '09:30', closes_at: '11:30' }),
      expect.objectContaining({ freq: 'WEEKLY', byday: 'TH' }),
    ]);
    expect((await get('/api/hsds/services/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('pages organizations that validate against the schema', async () => {
    const page = (await get('/api/hsds/organizations?per_page=100')).json();
    expect(page.total_items).toBe(24);
    for (const o of page.contents) expect(valid('organization.json', o)).toEqual([]);
  });

  it('publishes the categories as a taxonomy with terms', async () => {
    const terms = (await get('/api/hsds/taxonomy_terms')).json().contents;
    for (const term of terms) expect(valid('taxonomy_term.json', term)).toEqual([]);
    const food = terms.find((x: { code: string }) => x.code === 'aiuto-alimentare');
    expect(food.parent_id).toBe(terms.find((x: { code: string }) => x.code === 'poverta').id);
    for (const tx of (await get('/api/hsds/taxonomies')).json().contents)
      expect(valid('taxonomy.json', tx)).toEqual([]);
  });

  it('refuses bad paging with a problem', async () => {
    for (const q of ['page=0', 'per_page=1000', 'page=x']) {
      const res = await get(`/api/hsds/services?${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('HSDS Tabular Data Package', () => {
  it('describes every table with its columns and links its CSV', async () => {
    const pkg = (await get('/api/hsds/datapackage.json')).json();
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.resources.map((r: { name: string }) => r.name)).toEqual([...tables]);
    const service = pkg.resources.find((r: { name: string }) => r.name === 'service');
    expect(service.path).toBe('http://localhost:3000/api/hsds/tables/service.csv');
    expect(service.schema.fields.map((f: { name: string }) => f.name)).toEqual(columnsOf('service'));
  });

  it('writes CSV tables whose every row validates against its table schema, with links that resolve', async () => {
    const data: Record<string, Record<string, string>[]> = {};
    for (const table of tables) {
      const res = await get(`/api/hsds/tables/${table}.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const [header, ...rows] = parseCsv(res.body);
      expect(header).toEqual(columnsOf(table));
      data[table] = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
      const props = JSON.parse(readFileSync(path.join(schemaDir, `${table}.json`), 'utf8')).properties;
      for (const row of data[table]!) {
        // CSV cells are text: give them back their JSON type before validating.
        const typed = Object.fromEntries(
          Object.entries(row)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => [k, props[k]?.type === 'number' ? Number(v) : v]),
        );
        expect(valid(`${table}.json`, typed)).toEqual([]);
      }
    }
    expect(data.service).toHaveLength(38);
    expect(data.organization).toHaveLength(24);
    const ids = (table: string) => new Set(data[table]!.map((r) => r.id));
    for (const r of data.service!) expect(ids('organization').has(r.organization_id!)).toBe(true);
    for (const r of data.service_at_location!) {
      expect(ids('service').has(r.service_id!)).toBe(true);
      expect(ids('location').has(r.location_id!)).toBe(true);
    }
    for (const r of data.schedule!)
      expect(ids('service_at_location').has(r.service_at_location_id!)).toBe(true);
    for (const r of data.attribute!) expect(ids('taxonomy_term').has(r.taxonomy_term_id!)).toBe(true);
    expect((await get('/api/hsds/tables/users.csv')).statusCode).toBe(400);
  });

  it('is written to a folder by `npm run noi -- directory export <folder>`', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hsds-'));
    try {
      const out: string[] = [];
      const city = (
        await t.database.pool.query("SELECT city_id AS id, code, name FROM cities WHERE code = 'brescia'")
      ).rows[0];
      await directoryExport.run(
        { config: t.config, database: t.database, city: async () => city, out: (m) => out.push(m) },
        [dir],
      );
      expect(out[0]).toContain('38 services');
      expect(readdirSync(dir).sort()).toEqual([...tables.map((x) => `${x}.csv`), 'datapackage.json'].sort());
      const pkg = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
      expect(pkg.resources[0].path).toBe('organization.csv');
      expect(readFileSync(path.join(dir, 'service.csv'), 'utf8').split('\r\n')[0]).toBe(
        columnsOf('service').join(','),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { compact, hsdsOrganizations, hsdsServices, taxonomy, taxonomyTerms } from './hsds.ts';

/**
 * The directory as an HSDS 3.0 Tabular Data Package: one CSV per table, columns as the standard's
 * schemas list them (standards/hsds-3.0), and a `datapackage.json` describing them.
 */
const schemaDir = path.resolve(import.meta.dirname, '../../../standards/hsds-3.0');

export const tables = [
  'organization',
  'service',
  'location',
  'service_at_location',
  'address',
  'phone',
  'schedule',
  'language',
  'accessibility',
  'taxonomy',
  'taxonomy_term',
  'attribute',
] as const;
export type Table = (typeof tables)[number];

interface TableSchema {
  name: string;
  path: string;
  description: string;
  properties: Record<
    string,
    { type?: string; format?: string; description?: string; $ref?: string; title?: string }
  >;
  required?: string[];
}

const schemas = new Map<Table, TableSchema>();
export function tableSchema(table: Table): TableSchema {
  let s = schemas.get(table);
  if (!s) {
    s = JSON.parse(readFileSync(path.join(schemaDir, `${table}.json`), 'utf8')) as TableSchema;
    schemas.set(table, s);
  }
  return s;
}

/** The columns of a table: the schema's properties that are plain values (not nested objects or lists). */
export function columnsOf(table: Table): string[] {
  return Object.entries(tableSchema(table).properties)
    .filter(([, p]) => !p.$ref && p.type !== 'array' && p.type !== 'object')
    .map(([k]) => k);
}

type Row = Record<string, unknown>;

/** Every table's rows, from the nested HSDS objects (services read in batches). */
export async function exportTables(
  pool: Pick<pg.Pool, 'query'>,
  cityId: number,
): Promise<Record<Table, Row[]>> {
  const out = Object.fromEntries(tables.map((t) => [t, [] as Row[]])) as Record<Table, Row[]>;
  const seenLocation = new Set<string>();
  for (let page = 1; ; page++) {
    const { items } = await hsdsOrganizations(pool, cityId, page, 1000);
    out.organization.push(...items.map((o) => compact({ ...o, phones: undefined })));
    for (const o of items) for (const p of o.phones) out.phone.push(p);
    if (items.length < 1000) break;
  }
  const { rows: ids } = await pool.query<{ service_id: string }>(
    'SELECT service_id FROM dir_services WHERE city_id = $1 ORDER BY service_id',
    [cityId],
  );
  for (let i = 0; i < ids.length; i += 500) {
    const services = await hsdsServices(
      pool,
      cityId,
      ids.slice(i, i + 500).map((r) => r.service_id),
    );
    for (const s of services) {
      const { phones, languages, organization: _o, service_at_locations, attributes, ...service } = s;
      out.service.push(compact(service));
      out.phone.push(...phones);
      out.language.push(...languages);
      for (const a of attributes) out.attribute.push(compact({ ...a, taxonomy_term: undefined }));
      for (const sal of service_at_locations) {
        const { schedules, location, ...link } = sal;
        out.service_at_location.push(compact(link));
        out.schedule.push(...schedules.map(compact));
        if (seenLocation.has(location.id)) continue;
        seenLocation.add(location.id);
        const { addresses, accessibility, phones: lp, ...loc } = location;
        out.location.push(compact(loc));
        out.address.push(...addresses.map(compact));
        out.accessibility.push(...accessibility.map(compact));
        out.phone.push(...lp);
      }
    }
  }
  out.taxonomy.push(taxonomy);
  out.taxonomy_term.push(...taxonomyTerms().map(compact));
  for (const t of tables) out[t] = out[t].map((r) => compact(pick(r, columnsOf(t))));
  return out;
}

function pick(row: Row, columns: string[]): Row {
  return Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c]]));
}

/** RFC 4180 CSV with a header of every column of the table. */
export function toCsv(table: Table, rows: Row[]): string {
  const columns = columnsOf(table);
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`;
}

/** `datapackage.json`: the package and, per table, its resource with a Table Schema of its columns. */
export function dataPackage(city: { code: string; name: string }, pathOf: (t: Table) => string) {
  const fieldType = (p: { type?: string; format?: string }) =>
    p.type === 'number'
      ? 'number'
      : p.format === 'uuid'
        ? 'string'
        : p.format === 'date-time'
          ? 'datetime'
          : 'string';
  return {
    profile: 'tabular-data-package',
    name: `cittadelnoi-${city.code}-directory`,
    title: `Città del Noi – ${city.name}: mappa dei servizi (HSDS 3.0)`,
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
    created: new Date().toISOString(),
    resources: tables.map((t) => {
      const schema = tableSchema(t);
      return {
        name: schema.name,
        path: pathOf(t),
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: columnsOf(t).map((c) => ({
            name: c,
            type: fieldType(schema.properties[c] ?? {}),
            description: schema.properties[c]?.description ?? '',
          })),
          primaryKey: 'id',
        },
      };
    }),
  };
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { demo, type Session, signIn } from '../../../../test/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/db.ts';
import { loadConfig } from '../../../kernel/config.ts';
import type { CommandContext } from '../../../kernel/module.ts';
import { type City, CityRegistry } from '../../../kernel/tenancy/registry.ts';
import { directoryImport } from '../commands.ts';
import { parseHours } from './hours.ts';
import {
  type ImportIssue,
  maxRows,
  type ParsedFile,
  parseDirectoryFile,
  readCsvRecords,
  zipUnpackedSize,
} from './parse.ts';
import { type ImportReport, importDirectory } from './run.ts';

const fixture = path.resolve(import.meta.dirname, '../../../../test/fixtures/directory/servizi-esempio.csv');
const header = [
  'organizzazione',
  'tipo_organizzazione',
  'codice_fiscale',
  'servizio',
  'descrizione',
  'categorie',
  'indirizzo',
  'cap',
  'comune',
  'lat',
  'lon',
  'email',
  'sito',
  'eta_min',
  'eta_max',
  'orari',
];
type Cells = Partial<Record<(typeof header)[number], string>>;

/** A valid row, changed by `over`. */
const row = (over: Cells = {}): Cells => ({
  organizzazione: 'Associazione Prova Import',
  tipo_organizzazione: 'odv',
  servizio: 'Servizio di prova',
  categorie: 'poverta',
  indirizzo: 'Via Prova 1',
  cap: '25121',
  comune: 'Brescia',
  orari: 'lun-ven 9-12',
  ...over,
});

const quote = (v: string, d: string) =>
  /["\n\r]/.test(v) || v.includes(d) ? `"${v.replaceAll('"', '""')}"` : v;
function csv(rows: Cells[], delimiter = ',', columns: string[] = header): string {
  return [columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]
    .map((cells) => cells.map((c) => quote(c, delimiter)).join(delimiter))
    .join('\r\n');
}
const bytes = (text: string) => new TextEncoder().encode(text);

/** Windows-1252 bytes of a text (Latin-1 letters and the euro sign). */
function cp1252(text: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...text].map((c) => high[c] ?? c.charCodeAt(0)));
}

let t: TestDatabase;
let brescia: City;
let testopoli: City;
const parse = (data: Uint8Array, options = {}) => parseDirectoryFile(data, options);
const run = (
  parsed: ParsedFile,
  options: Partial<Parameters<typeof importDirectory>[4]> & { city?: City } = {},
) =>
  importDirectory(t.pool, t.db, options.city ?? brescia, parsed, {
    dryRun: false,
    ...options,
  });

async function counts(city: City) {
  const { rows } = await t.pool.query(
    `SELECT (SELECT count(*)::int FROM dir_organizations WHERE city_id = $1) AS organizations,
            (SELECT count(*)::int FROM dir_locations WHERE city_id = $1) AS locations,
            (SELECT count(*)::int FROM dir_services WHERE city_id = $1) AS services,
            (SELECT count(*)::int FROM dir_service_at_location WHERE city_id = $1) AS at_locations,
            (SELECT count(*)::int FROM dir_schedules WHERE city_id = $1) AS schedules,
            (SELECT count(*)::int FROM dir_search WHERE city_id = $1) AS search`,
    [city.id],
  );
  return rows[0] as {
    organizations: number;
    locations: number;
    services: number;
    at_locations: number;
    schedules: number;
    search: number;
  };
}

const where = (errors: ImportIssue[]) => errors.map((e) => `${e.row}:${e.column}:${e.code}`);

// The functions are tested on a database of their own; the HTTP routes on a whole app below.
beforeAll(async () => {
  t = await createTestDatabase();
  const registry = new CityRegistry(t.pool, 'brescia', 0);
  brescia = (await registry.byCityCode('brescia'))!;
  testopoli = (await registry.byCityCode('testopoli'))!;
});
afterAll(async () => {
  await t?.drop();
});

describe('opening hours', () => {
  it('reads Italian days, ranges and several time ranges into weekly schedules', () => {
    const r = parseHours('lun-ven 9:00-12:30; mar 14:00-17:00');
    expect(r.ok && r.schedules).toEqual([
      { weekday: 1, opensAt: '09:00', closesAt: '12:30' },
      { weekday: 2, opensAt: '09:00', closesAt: '12:30' },
      { weekday: 2, opensAt: '14:00', closesAt: '17:00' },
      { weekday: 3, opensAt: '09:00', closesAt: '12:30' },
      { weekday: 4, opensAt: '09:00', closesAt: '12:30' },
      { weekday: 5, opensAt: '09:00', closesAt: '12:30' },
    ]);
    const long = parseHours('dal lunedì al mercoledì dalle 9 alle 12 e dalle 14.30 alle 18');
    expect(long.ok && long.schedules.length).toBe(6);
    const list = parseHours('Martedì e Giovedì ore 15-18 | dom chiuso');
    expect(list.ok && list.schedules.map((s) => s.weekday)).toEqual([2, 4]);
    const inherit = parseHours('sab 9-12; 15-18');
    expect(inherit.ok && inherit.schedules).toHaveLength(2);
    expect(
      parseHours('tutti i giorni 8-20').ok &&
        (parseHours('tutti i giorni 8-20') as { schedules: unknown[] }).schedules,
    ).toHaveLength(7);
    expect(parseHours('su appuntamento')).toEqual({ ok: true, schedules: [], note: 'su appuntamento' });
    expect(parseHours('')).toEqual({ ok: true, schedules: [], note: '' });
  });

  it('refuses what it cannot read', () => {
    for (const bad of ['quando capita', 'lun 12-9', 'lun 9-25', 'lun 9', 'pippo 9-12', '9-12 lun']) {
      expect(parseHours(bad).ok, bad).toBe(false);
    }
  });
});

describe('reading files', () => {
  it('reads the example file: semicolons, quoted fields with new lines, Italian decimals', async () => {
    const parsed = await parse(await readFile(fixture), { filename: 'servizi-esempio.csv' });
    expect(parsed.errors).toEqual([]);
    expect(parsed).toMatchObject({ format: 'csv', delimiter: ';', encoding: 'utf-8', total: 6 });
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
    const first = parsed.rows[0]!;
    expect(first.service.description).toBe(
      'Aiuto nei compiti per ragazze e ragazzi delle medie.\nMerenda inclusa.',
    );
    expect(first.service.categories).toEqual(['scuola', 'giovani']);
    expect(first.organization).toEqual({
      name: 'Cooperativa Sociale Esempio Aurora',
      kind: 'social_cooperative',
      taxId: '01234567890',
    });
    expect(first.location).toMatchObject({ latitude: 45.5416, longitude: 10.2118, name: 'Centro Aurora' });
    expect(first.service.url).toBe('https://www.esempio-aurora.invalid/');
    expect(parsed.rows[3]!.service.languages).toEqual(['it', 'en', 'fr']);
    expect(parsed.rows[5]!.hoursNote).toBe('su appuntamento');
    expect(parsed.rows[5]!.service.targetGroups).toEqual(['elderly', 'families', 'migrants']);
  });

  it('detects comma and semicolon delimiters and accepts English column names', async () => {
    const comma = await parse(bytes(csv([row()], ',')));
    const semicolon = await parse(bytes(csv([row({ categorie: 'poverta;casa' })], ';')));
    expect(comma.delimiter).toBe(',');
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.rows[0]!.service.categories).toEqual(['poverta', 'casa']);
    const english = [
      'Organization,Kind,Service,Categories,Address,City,E-mail,Opening hours',
      'Help Desk Org,Social cooperative,Help desk,poverta,Via Prova 2,Brescia,info@example.org,mon-fri 9-17',
    ].join('\n');
    const parsed = await parse(bytes(english));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      organization: { kind: 'social_cooperative' },
      service: { email: 'info@example.org' },
    });
    expect(parsed.rows[0]!.schedules).toHaveLength(5);
  });

  it('decodes Windows-1252 files (accented names, the euro sign) and strips a UTF-8 BOM', async () => {
    const text = csv(
      [
        row({
          organizzazione: 'Società Cooperativa Perché Sì',
          servizio: 'Attività per l’età libera',
          descrizione: 'Costo 5 € al mese, “tutto compreso”',
        }),
      ],
      ';',
    );
    const parsed = await parse(cp1252(text));
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]!.organization.name).toBe('Società Cooperativa Perché Sì');
    expect(parsed.rows[0]!.service.name).toBe('Attività per l’età libera');
    expect(parsed.rows[0]!.service.description).toBe('Costo 5 € al mese, “tutto compreso”');

    const bom = await parse(bytes(`\uFEFF${csv([row({ organizzazione: 'Università Popolare' })])}`));
    expect(bom.encoding).toBe('utf-8');
    expect(bom.errors).toEqual([]);
    expect(bom.rows[0]!.organization.name).toBe('Università Popolare');
  });

  it('reports missing required columns for the whole file', async () => {
    const parsed = await parse(
      bytes(
        csv(
          [row()],
          ',',
          header.filter((h) => h !== 'servizio' && h !== 'comune'),
        ),
      ),
    );
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({
      row: null,
      code: 'missing_columns',
      params: { columns: 'servizio, comune' },
    });
    expect(parsed.errors[0]!.message.it).toContain('servizio, comune');
    expect(parsed.errors[0]!.message.en).toContain('Required columns are missing');
  });

  it('reports bad cells row by row, in Italian and English', async () => {
    const parsed = await parse(
      bytes(
        csv([
          row(),
          row({ servizio: '', email: 'not-an-email' }),
          row({ servizio: 'B', eta_min: '18', eta_max: '10', lat: 'abc', lon: '10.2' }),
          row({ servizio: 'C', lat: '45.5', tipo_organizzazione: 'banana' }),
          row({ servizio: 'D', orari: 'quando capita', sito: 'ht!tp://x', cap: '251' }),
          row({ servizio: 'E', codice_fiscale: '123', eta_min: 'dieci' }),
        ]),
      ),
    );
    expect(where(parsed.errors)).toEqual([
      '3:servizio:required',
      '3:email:invalid_email',
      '4:lat:invalid_latitude',
      '4:eta_max:age_range',
      '5:tipo_organizzazione:unknown_org_type',
      '5:lon:coordinates_incomplete',
      '6:cap:invalid_postal_code',
      '6:sito:invalid_url',
      '6:orari:invalid_hours',
      '7:codice_fiscale:invalid_tax_id',
      '7:eta_min:invalid_age',
    ]);
    expect(parsed.rows.map((r) => r.row)).toEqual([2]);
    const hours = parsed.errors.find((e) => e.code === 'invalid_hours')!;
    expect(hours.message.it).toContain('quando capita');
    expect(hours.message.en).toContain('not understood');
  });

  it('reports duplicated rows on the duplicate (same organisation, service and address)', async () => {
    const parsed = await parse(
      bytes(
        csv([
          row(),
          row({ servizio: 'Altro servizio' }),
          row({ organizzazione: 'ASSOCIAZIONE prova import', indirizzo: 'via prova, 1' }),
        ]),
      ),
    );
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({
      row: 4,
      column: 'servizio',
      code: 'duplicate_row',
      params: { first: 2 },
    });
  });

  it('refuses damaged spreadsheets and ones that would unpack to too much', async () => {
    const notZip = await parse(bytes(csv([row()])), { format: 'xlsx' });
    expect(notZip.errors.map((e) => e.code)).toEqual(['unreadable_file']);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    const local = new Uint8Array(30 + name.length);
    new DataView(local.buffer).setUint32(0, 0x04034b50, true);
    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint32(24, 300 * 1024 * 1024, true);
    c.setUint16(28, name.length, true);
    central.set(name, 46);
    const end = new Uint8Array(22);
    const e = new DataView(end.buffer);
    e.setUint32(0, 0x06054b50, true);
    e.setUint16(8, 1, true);
    e.setUint16(10, 1, true);
    e.setUint32(12, central.length, true);
    e.setUint32(16, local.length, true);
    const bomb = new Uint8Array([...local, ...central, ...end]);
    expect(zipUnpackedSize(bomb)).toBe(300 * 1024 * 1024);
    expect((await parse(bomb)).errors.map((x) => x.code)).toEqual(['file_too_large']);
  });

  it('refuses files over the size and row limits', async () => {
    const big = await parse(new Uint8Array(10 * 1024 * 1024 + 1));
    expect(big.errors[0]?.code).toBe('file_too_large');
    const line = csv([row()]).split('\r\n')[1];
    const many = await parse(bytes([header.join(','), ...Array(maxRows + 1).fill(line)].join('\n')));
    expect(many.errors.map((e) => e.code)).toEqual(['too_many_rows']);
  });
});

describe('importing', () => {
  it('imports a clean file, then matches (does not duplicate) on a second import', async () => {
    const before = await counts(brescia);
    const parsed = await parse(await readFile(fixture), { filename: 'servizi-esempio.csv' });
    const dry = await run(parsed, { dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      imported: false,
      rows: 6,
      organizations: { created: 5, matched: 0 },
      locations: { created: 5, matched: 0 },
      services: { created: 6, updated: 0 },
      errors: [],
    });
    expect(await counts(brescia)).toEqual(before);

    const progress: number[] = [];
    const report = await run(parsed, { onProgress: (processed) => progress.push(processed) });
    expect(report).toMatchObject({ ...dry, dryRun: false, imported: true });
    expect(progress.at(-1)).toBe(6);
    const after = await counts(brescia);
    expect(after.organizations - before.organizations).toBe(5);
    expect(after.locations - before.locations).toBe(5);
    expect(after.services - before.services).toBe(6);
    expect(after.search - before.search).toBe(6);
    // 5 + 3 + 2 + 6 + 7 weekly openings; "su appuntamento" has none.
    expect(after.schedules - before.schedules).toBe(23);

    const pool = t.pool;
    const aurora = await pool.query(
      `SELECT o.kind, o.tax_id, l.latitude, l.zone_code, count(DISTINCT s.service_id)::int AS services
         FROM dir_organizations o JOIN dir_locations l USING (city_id, organization_id)
         JOIN dir_services s USING (city_id, organization_id)
        WHERE o.city_id = $1 AND o.name = 'Cooperativa Sociale Esempio Aurora'
        GROUP BY 1, 2, 3, 4`,
      [brescia.id],
    );
    expect(aurora.rows).toEqual([
      {
        kind: 'social_cooperative',
        tax_id: '01234567890',
        latitude: 45.5416,
        zone_code: expect.any(String),
        services: 2,
      },
    ]);
    const note = await pool.query(
      `SELECT sal.description FROM dir_service_at_location sal JOIN dir_services s USING (city_id, service_id)
         JOIN dir_organizations o USING (city_id, organization_id)
        WHERE s.city_id = $1 AND s.name = 'Segretariato sociale' AND o.name LIKE 'Comune di Esempio%'`,
      [brescia.id],
    );
    expect(note.rows).toEqual([{ description: 'su appuntamento' }]);
    const found = await pool.query(
      `SELECT ds.categories FROM dir_search ds
         JOIN dir_services s ON s.city_id = ds.city_id AND s.service_id = ds.service_id
         JOIN dir_organizations o ON o.city_id = s.city_id AND o.organization_id = s.organization_id
        WHERE s.city_id = $1 AND s.name = 'Distribuzione pacchi alimentari' AND o.name LIKE '%Esempio%'`,
      [brescia.id],
    );
    expect(found.rows).toEqual([{ categories: ['aiuto-alimentare', 'poverta'] }]);

    const again = await run(parsed);
    expect(again).toMatchObject({
      imported: true,
      organizations: { created: 0, matched: 5 },
      locations: { created: 0, matched: 5 },
      services: { created: 0, updated: 6 },
    });
    expect(await counts(brescia)).toEqual(after);
  });

  it('imports the XLSX version of the same data alike', async () => {
    const text = await readFile(fixture, 'utf8');
    const fromCsv = await parse(bytes(text));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Servizi');
    const records = readCsvRecords(text, ';').records.map((r) => r.cells);
    expect(records[0]).toHaveLength(23);
    sheet.addRow(records[0]);
    for (const r of records.slice(1)) {
      // As a spreadsheet keeps them: numbers for postal codes, coordinates and tax codes.
      sheet.addRow(
        r.map((v, i) => {
          const column = records[0]![i];
          if (column === 'cap' || column === 'codice_fiscale') return v ? Number(v) : null;
          if ((column === 'lat' || column === 'lon') && v) return Number(v.replace(',', '.'));
          return v || null;
        }),
      );
    }
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const parsed = await parse(xlsx, { filename: 'servizi.xlsx' });
    expect(parsed.format).toBe('xlsx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(fromCsv.rows);

    const report = await run(parsed, { city: testopoli });
    expect(report).toMatchObject({
      imported: true,
      organizations: { created: 5, matched: 0 },
      services: { created: 6, updated: 0 },
    });
  });

  it('reports bad cells, unknown categories included, and imports nothing', async () => {
    const before = await counts(brescia);
    const parsed = await parse(
      bytes(
        csv([
          row({ organizzazione: 'Org Buona Prova' }),
          row({ servizio: 'Categoria ignota', categorie: 'poverta;non-esiste' }),
          row({ servizio: 'Email rotta', email: 'a@b' }),
        ]),
      ),
    );
    const report = await run(parsed);
    expect(report.imported).toBe(false);
    expect(where(report.errors)).toEqual(['3:categorie:unknown_category', '4:email:invalid_email']);
    expect(report.errors[0]!.params).toEqual({ code: 'non-esiste' });
    expect(await counts(brescia)).toEqual(before);
  });

  it('stores SQL and HTML as plain text, without control characters', async () => {
    const name = "Robert'); DROP TABLE dir_services;--";
    const description = '<script>alert("x")</script>\u0007<b>grassetto</b>\u202E';
    const parsed = await parse(
      bytes(
        csv([
          row({ organizzazione: name, servizio: '<img src=x onerror=alert(1)>', descrizione: description }),
        ]),
      ),
    );
    expect(parsed.errors).toEqual([]);
    const report = await run(parsed);
    expect(report.imported).toBe(true);
    const { rows } = await t.pool.query(
      `SELECT o.name AS org, s.name, s.description FROM dir_services s JOIN dir_organizations o USING (city_id, organization_id)
        WHERE s.city_id = $1 AND o.name = $2`,
      [brescia.id, name],
    );
    expect(rows).toEqual([
      {
        org: name,
        name: '<img src=x onerror=alert(1)>',
        description: '<script>alert("x")</script><b>grassetto</b>',
      },
    ]);
  });

  it('a dry run imports nothing', async () => {
    const before = await counts(brescia);
    const parsed = await parse(
      bytes(
        csv([
          row({ organizzazione: 'Solo Prova Dry' }),
          row({ organizzazione: 'Solo Prova Dry', servizio: 'Secondo' }),
        ]),
      ),
    );
    const report = await run(parsed, { dryRun: true });
    expect(report).toMatchObject({
      imported: false,
      organizations: { created: 1 },
      locations: { created: 1 },
      services: { created: 2 },
    });
    expect(await counts(brescia)).toEqual(before);
  });

  it('rolls everything back when the import fails half-way', async () => {
    const before = await counts(brescia);
    const parsed = await parse(
      bytes(
        csv(
          ['Uno', 'Due', 'Tre', 'Quattro'].map((n) => row({ organizzazione: `Rollback ${n}`, servizio: n })),
        ),
      ),
    );
    await expect(
      run(parsed, {
        onProgress: (processed) => {
          if (processed === 3) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await counts(brescia)).toEqual(before);
  });
});

describe('npm run noi -- directory import', () => {
  const ctx = () => {
    const out: string[] = [];
    const context: CommandContext = {
      config: loadConfig({ NODE_ENV: 'test' }),
      database: t,
      city: async (code) => (code === 'testopoli' ? testopoli : brescia),
      out: (m) => out.push(m),
    };
    return { context, out };
  };

  it('checks a file with --dry-run and prints the report', async () => {
    const { context, out } = ctx();
    const before = await counts(testopoli);
    await directoryImport.run(context, [fixture, '--dry-run', '--city', 'testopoli']);
    expect(out[0]).toBe('Prova (nulla è stato scritto): 6 righe.');
    expect(out.join('\n')).toMatch(/Servizi: \d+ nuovi, \d+ aggiornati/);
    expect(await counts(testopoli)).toEqual(before);
  });

  it('lists the errors row by row and fails', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'noi-import-'));
    const file = path.join(dir, 'servizi.csv');
    await writeFile(file, csv([row(), row({ servizio: 'Due', eta_min: '99', eta_max: '3' })]));
    const { context, out } = ctx();
    await expect(directoryImport.run(context, [file, '--lang', 'en'])).rejects.toThrow(
      'The file has errors: nothing was imported.',
    );
    expect(out).toContain('  row 3, eta_max: The minimum age (99) is greater than the maximum age (3).');
    await rm(dir, { recursive: true });
  });
});

describe('POST /api/v1/directory/import', () => {
  let app: TestApp;
  let admin: Session;
  beforeAll(async () => {
    app = await buildTestApp();
    admin = await signIn(app.app, demo.admin);
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (
    session: Session,
    query: string,
    payload: Uint8Array | string,
    contentType = 'text/csv',
    headers = {},
  ) =>
    session.inject({
      method: 'POST',
      url: `/api/v1/directory/import?${query}`,
      headers: { 'content-type': contentType, ...headers },
      payload: Buffer.from(payload),
    });

  it('checks (dry run), then imports, audits, and reports progress', async () => {
    const file = bytes(
      csv([
        row({ organizzazione: 'Org Via HTTP' }),
        row({ organizzazione: 'Org Via HTTP', servizio: 'Due' }),
      ]),
    );
    const dry = await post(admin, 'dryRun=true', file);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, imported: false, services: { created: 2 } });

    const id = crypto.randomUUID();
    const res = await post(admin, 'dryRun=false', file, 'text/csv; charset=utf-8', { 'x-import-id': id });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ImportReport).imported).toBe(true);
    const progress = await admin.inject({ method: 'GET', url: `/api/v1/directory/import/${id}/progress` });
    expect(progress.json()).toEqual({ processed: 2, total: 2, done: true });
    const unknown = await admin.inject({
      method: 'GET',
      url: `/api/v1/directory/import/${crypto.randomUUID()}/progress`,
    });
    expect(unknown.statusCode).toBe(404);

    const audited = await app.database.pool.query(
      `SELECT detail FROM audit_log WHERE action = 'import' AND resource = 'directory' AND actor_label = $1`,
      [demo.admin],
    );
    expect(audited.rows.map((r) => r.detail.dryRun)).toEqual(expect.arrayContaining([true, false]));
  });

  it('takes XLSX as octet-stream with ?format=xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Foglio1');
    const cells = row({ organizzazione: 'Org XLSX HTTP' });
    sheet.addRow(header);
    sheet.addRow(header.map((h) => cells[h] ?? null));
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await post(admin, 'dryRun=true&format=xlsx', xlsx, 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ organizations: { created: 1 }, services: { created: 1 } });
  });

  it('answers 422, a problem carrying the row-by-row report, when the file has errors', async () => {
    const res = await post(admin, 'dryRun=false', bytes(csv([row({ email: 'nope' })])), 'text/csv', {
      'accept-language': 'en',
    });
    expect(res.statusCode).toBe(422);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({
      status: 422,
      code: 'unprocessable',
      detail: 'The file has errors: nothing was imported.',
    });
    expect(where(body.report.errors)).toEqual(['2:email:invalid_email']);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(Object.keys(paths)).toContain('/api/v1/directory/import');
    expect(Object.keys(paths['/api/v1/directory/import'].post.responses)).toEqual(
      expect.arrayContaining(['200', '422']),
    );
  });

  it('refuses JSON bodies and people without the permission', async () => {
    const json = await admin.inject({ method: 'POST', url: '/api/v1/directory/import', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    const citizen = await signIn(app.app, demo.citizen);
    expect((await post(citizen, 'dryRun=true', bytes(csv([row()])))).statusCode).toBe(403);
  });
});

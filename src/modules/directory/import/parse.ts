import type { Lang } from '../../../kernel/i18n/messages.ts';
import { type OrganizationKind, organizationKinds, type ScheduleInput } from '../service/write.ts';
import { parseHours } from './hours.ts';
import { type IssueParams, importMessage } from './messages.ts';

/** Files larger than this are refused before reading them. */
export const maxFileBytes = 10 * 1024 * 1024;
/** Data rows (one per service) a file may hold. */
export const maxRows = 20_000;

/**
 * A problem found in the file: `row` is the row as a spreadsheet shows it (the header is row 1;
 * null for the whole file), `column` the canonical (Italian) column name. `code` is stable, its
 * message is `directory.import.<code>` in the catalogs; both texts are filled in.
 */
export interface ImportIssue {
  row: number | null;
  column: string | null;
  code: string;
  params: IssueParams;
  message: Record<Lang, string>;
}

export function issue(
  row: number | null,
  column: string | null,
  code: string,
  params: IssueParams = {},
): ImportIssue {
  return {
    row,
    column,
    code,
    params,
    message: { it: importMessage('it', code, params), en: importMessage('en', code, params) },
  };
}

/** One row of the file, checked and typed: a service, its organisation and where it is given. */
export interface DirectoryRow {
  row: number;
  organization: { name: string; kind: OrganizationKind; taxId: string | null };
  service: {
    name: string;
    description: string;
    categories: string[];
    phone: string | null;
    email: string | null;
    url: string | null;
    minimumAge: number | null;
    maximumAge: number | null;
    languages: string[];
    free: boolean;
    feesDescription: string;
    targetGroups: string[];
    eligibilityDescription: string;
  };
  location: {
    name: string;
    address1: string;
    postalCode: string;
    locality: string;
    latitude: number | null;
    longitude: number | null;
    accessibility: string;
  };
  schedules: ScheduleInput[];
  /** Hours that are not weekly openings ("su appuntamento"), kept as written. */
  hoursNote: string;
}

export interface ParsedFile {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-16le' | 'windows-1252' | null;
  delimiter: string | null;
  /** Data rows read (non-empty), valid or not. */
  total: number;
  /** The rows without errors. */
  rows: DirectoryRow[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/** The columns of the file: canonical (Italian) name, the other names accepted, and whether required. */
export const columns = {
  organizzazione: {
    required: true,
    aliases: ['organization', 'organisation', 'ente', 'organization_name', 'nome_organizzazione'],
  },
  tipo_organizzazione: {
    required: true,
    aliases: ['tipo', 'tipo_ente', 'organization_type', 'organisation_type', 'org_type', 'kind'],
  },
  codice_fiscale: {
    required: false,
    aliases: ['cf', 'partita_iva', 'piva', 'p_iva', 'tax_id', 'tax_code', 'fiscal_code', 'vat', 'vat_number'],
  },
  servizio: { required: true, aliases: ['service', 'service_name', 'nome_servizio'] },
  descrizione: { required: false, aliases: ['description', 'descrizione_servizio'] },
  categorie: { required: true, aliases: ['categoria', 'categories', 'category'] },
  sede: { required: false, aliases: ['nome_sede', 'location', 'location_name'] },
  indirizzo: { required: true, aliases: ['address', 'address_1', 'via'] },
  cap: { required: false, aliases: ['postal_code', 'postcode', 'zip', 'zip_code'] },
  comune: { required: true, aliases: ['citta', 'city', 'locality', 'town'] },
  lat: { required: false, aliases: ['latitudine', 'latitude'] },
  lon: { required: false, aliases: ['lng', 'longitudine', 'longitude'] },
  telefono: { required: false, aliases: ['tel', 'phone', 'telephone'] },
  email: { required: false, aliases: ['e_mail', 'mail', 'posta_elettronica'] },
  sito: { required: false, aliases: ['sito_web', 'web', 'website', 'url'] },
  eta_min: { required: false, aliases: ['eta_minima', 'min_age', 'minimum_age', 'age_min'] },
  eta_max: { required: false, aliases: ['eta_massima', 'max_age', 'maximum_age', 'age_max'] },
  lingue: { required: false, aliases: ['lingua', 'languages', 'language'] },
  gratuito: { required: false, aliases: ['gratis', 'free'] },
  costi: { required: false, aliases: ['costo', 'tariffe', 'fees', 'costs', 'fees_description'] },
  orari: { required: false, aliases: ['orario', 'hours', 'opening_hours', 'schedule'] },
  accessibilita: { required: false, aliases: ['accessibility'] },
  destinatari: { required: false, aliases: ['beneficiari', 'target', 'target_groups', 'eligibility'] },
} as const satisfies Record<string, { required: boolean; aliases: readonly string[] }>;
export type Column = keyof typeof columns;

const columnByName = new Map<string, Column>();
for (const [name, c] of Object.entries(columns) as [Column, (typeof columns)[Column]][]) {
  columnByName.set(name, name);
  for (const alias of c.aliases) columnByName.set(alias, name);
}

/** Lower case, accents removed, spaces collapsed: how names and addresses are compared. */
export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

// Control characters (but tab and new lines) and bidirectional overrides are never kept.
const controlChars = /[^\P{Cc}\t\n\r]|[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** A one-line text: control characters stripped, white space collapsed. */
function cleanLine(text: string): string {
  return text.replace(controlChars, '').replace(/\s+/g, ' ').trim();
}

/** A multi-line text: control characters stripped, new lines kept (at most one blank line). */
function cleanBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(controlChars, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Reading the file

/** Decodes text: UTF-8 when it is valid (BOM dropped), UTF-16 with its BOM, else Windows-1252. */
export function decodeText(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'windows-1252';
} {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Node 20's 'windows-1252' decoder is plain Latin-1: map 0x80-0x9F (€ ’ “ ” – …) ourselves.
    const text = new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80] ?? c);
    return { text, encoding: 'windows-1252' };
  }
}

/** Windows-1252 characters of bytes 0x80-0x9F (undefined bytes stay as they are). */
const cp1252High: (string | undefined)[] = [
  '€',
  undefined,
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  undefined,
  'Ž',
  undefined,
  undefined,
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  undefined,
  'ž',
  'Ÿ',
];

/** The delimiter of a CSV: the most frequent of `;`, `,` and tab in the header line. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

interface RawRecord {
  row: number;
  cells: string[];
  /** Cells that were numbers in a spreadsheet (leading zeros lost). */
  numeric?: boolean[];
}

/** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and new lines. */
export function readCsvRecords(
  text: string,
  delimiter: string,
): { records: RawRecord[]; unterminatedAt?: number } {
  const records: RawRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let record = 1;
  let quoteOpenedAt = 0;
  const endRecord = () => {
    cells.push(field);
    if (cells.some((f) => f.trim() !== '')) records.push({ row: record, cells });
    record++;
    cells = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      quoteOpenedAt = record;
    } else if (c === delimiter) {
      cells.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += c;
      if (c !== ' ' && c !== '\t') fieldStarted = true;
    }
  }
  if (quoted) return { records, unterminatedAt: quoteOpenedAt };
  if (field !== '' || cells.length > 0) endRecord();
  return { records };
}

type CellValue = unknown;

/** The text of an exceljs cell value (rich text, hyperlinks, formulas' results, dates). */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (value instanceof Date) {
    // Excel keeps times of day as dates on 30 December 1899.
    if (value.getUTCFullYear() <= 1900) {
      return `${String(value.getUTCHours()).padStart(2, '0')}:${String(value.getUTCMinutes()).padStart(2, '0')}`;
    }
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if ('result' in v) return cellText(v.result);
    if (v.error) return '';
  }
  return String(value);
}

async function readXlsxRecords(bytes: Uint8Array): Promise<RawRecord[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const records: RawRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const numeric: boolean[] = [];
    const count = row.cellCount;
    for (let c = 1; c <= count; c++) {
      const value = row.getCell(c).value;
      cells.push(cellText(value));
      // Numbers lose leading zeros in a spreadsheet: noted for postal codes and tax codes.
      numeric.push(typeof value === 'number');
    }
    if (cells.some((f) => f.trim() !== '')) records.push({ row: rowNumber, cells, numeric });
  });
  return records;
}

/** What an XLSX (a ZIP archive) unpacks to, from its central directory; Infinity when unreadable. */
export function zipUnpackedSize(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 64 KiB (after a comment of at most 65535 bytes).
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65535); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const entries = view.getUint16(i + 10, true);
    let at = view.getUint32(i + 16, true);
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50)
        return Number.POSITIVE_INFINITY;
      const size = view.getUint32(at + 24, true);
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64: far beyond what we read
      total += size;
      at +=
        46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return total;
  }
  return Number.POSITIVE_INFINITY;
}

/** An XLSX may unpack to this much at most (a 10 MB file of real data unpacks to far less). */
export const maxUnpackedBytes = 200 * 1024 * 1024;

function sniffFormat(bytes: Uint8Array): 'csv' | 'xlsx' {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv';
}

// ---------------------------------------------------------------------------------------------
// Checking the cells

const kindAliases: [OrganizationKind, string[]][] = [
  [
    'public_office',
    [
      'public office',
      'ufficio pubblico',
      'ente pubblico',
      'pubblica amministrazione',
      'pa',
      'comune',
      'ente locale',
      'ufficio comunale',
      'servizio pubblico',
      'asl',
      'ats',
      'asst',
      'pubblico',
    ],
  ],
  ['odv', ['organizzazione di volontariato', 'associazione di volontariato', 'volontariato']],
  ['aps', ['associazione di promozione sociale', 'promozione sociale']],
  [
    'social_cooperative',
    ['social cooperative', 'cooperativa sociale', 'coop sociale', 'cooperativa', 'coop'],
  ],
  ['social_enterprise', ['social enterprise', 'impresa sociale']],
  ['parish', ['parrocchia', 'oratorio', 'ente religioso', 'diocesi']],
  ['school', ['scuola', 'istituto scolastico', 'istituto comprensivo', 'asilo', 'nido']],
  ['pharmacy', ['farmacia']],
  [
    'firm',
    ['impresa', 'azienda', 'ditta', 'societa', 'negozio', 'esercizio commerciale', 'company', 'business'],
  ],
  ['university', ['universita', 'ateneo']],
  ['other', ['altro', 'altra', 'fondazione', 'ente del terzo settore', 'ets']],
];
const kindByWord = new Map<string, OrganizationKind>();
for (const k of organizationKinds) kindByWord.set(foldKey(k.replaceAll('_', ' ')), k);
for (const [k, words] of kindAliases) for (const w of words) kindByWord.set(foldKey(w), k);

/** The organisation kind of a cell: a code (`social_cooperative`) or its Italian name. */
export function parseKind(text: string): OrganizationKind | null {
  // "O.D.V.", "A.P.S." → odv, aps
  const key = foldKey(text.replace(/\.(?=\S)/g, '').replace(/\.$/, ''));
  return kindByWord.get(key) ?? null;
}

const languageNames: Record<string, string> = {
  italiano: 'it',
  italian: 'it',
  inglese: 'en',
  english: 'en',
  francese: 'fr',
  french: 'fr',
  spagnolo: 'es',
  spanish: 'es',
  tedesco: 'de',
  german: 'de',
  arabo: 'ar',
  arabic: 'ar',
  cinese: 'zh',
  chinese: 'zh',
  rumeno: 'ro',
  romeno: 'ro',
  romanian: 'ro',
  albanese: 'sq',
  albanian: 'sq',
  ucraino: 'uk',
  ukrainian: 'uk',
  russo: 'ru',
  russian: 'ru',
  urdu: 'ur',
  bengalese: 'bn',
  bangla: 'bn',
  bengali: 'bn',
  punjabi: 'pa',
  hindi: 'hi',
  portoghese: 'pt',
  portuguese: 'pt',
  polacco: 'pl',
  polish: 'pl',
  tigrino: 'ti',
  tigrinya: 'ti',
  somalo: 'so',
  somali: 'so',
  amarico: 'am',
  amharic: 'am',
  turco: 'tr',
  turkish: 'tr',
  persiano: 'fa',
  farsi: 'fa',
  wolof: 'wo',
  tagalog: 'tl',
  filippino: 'tl',
};

const targetGroupWords: Record<string, string> = {
  famiglie: 'families',
  famiglia: 'families',
  genitori: 'families',
  anziani: 'elderly',
  'persone anziane': 'elderly',
  'over 65': 'elderly',
  disabili: 'disabled',
  disabilita: 'disabled',
  'persone con disabilita': 'disabled',
  migranti: 'migrants',
  stranieri: 'migrants',
  'cittadini stranieri': 'migrants',
  rifugiati: 'migrants',
  giovani: 'young',
  ragazzi: 'young',
  adolescenti: 'young',
  donne: 'women',
  disoccupati: 'unemployed',
  'persone disoccupate': 'unemployed',
  'in cerca di lavoro': 'unemployed',
  bambini: 'children',
  minori: 'children',
  infanzia: 'children',
  'senza dimora': 'homeless',
  'senza fissa dimora': 'homeless',
  caregiver: 'carers',
  studenti: 'students',
};

const trueWords = new Set([
  'si',
  'sì',
  's',
  'yes',
  'y',
  'true',
  'vero',
  '1',
  'x',
  'gratuito',
  'gratis',
  'free',
]);
const falseWords = new Set(['no', 'n', 'false', 'falso', '0', 'a pagamento', 'pagamento', 'paid']);

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

/** A web address, `https://` added when missing; null when it is not one. */
export function normalizeUrl(text: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') || /[\s<>"]/.test(text)) return null;
    return url.toString();
  } catch {
    return null;
  }
}

function parseDecimal(text: string): number | null {
  const t = text.replace(/\s/g, '').replace(',', '.');
  if (!/^[-+]?\d{1,3}(\.\d{1,15})?$/.test(t)) return null;
  return Number(t);
}

/** Longest text accepted per column (as the directory editor accepts them). */
const maxLength: Record<Column, number> = {
  organizzazione: 200,
  tipo_organizzazione: 60,
  codice_fiscale: 30,
  servizio: 200,
  descrizione: 4000,
  categorie: 500,
  sede: 200,
  indirizzo: 200,
  cap: 10,
  comune: 100,
  lat: 30,
  lon: 30,
  telefono: 40,
  email: 254,
  sito: 300,
  eta_min: 20,
  eta_max: 20,
  lingue: 200,
  gratuito: 20,
  costi: 1000,
  orari: 1000,
  accessibilita: 2000,
  destinatari: 2000,
};
const maxCategories = 10;
const maxTargetGroups = 20;

interface RowCells {
  row: number;
  get(column: Column): string;
  /** The cell was a number in a spreadsheet (leading zeros lost). */
  numeric(column: Column): boolean;
}

/** Checks one row; returns it typed or pushes its errors. */
function checkRow(
  cells: RowCells,
  errors: ImportIssue[],
  categories: Set<string> | undefined,
): DirectoryRow | null {
  const row = cells.row;
  const before = errors.length;
  const fail = (column: Column, code: string, params: IssueParams = {}) =>
    errors.push(issue(row, column, code, params));

  const line = (column: Column, required = false): string => {
    const value = cleanLine(cells.get(column));
    if (required && !value) fail(column, 'required');
    if (value.length > maxLength[column]) fail(column, 'too_long', { max: maxLength[column] });
    return value;
  };
  const block = (column: Column): string => {
    const value = cleanBlock(cells.get(column));
    if (value.length > maxLength[column]) fail(column, 'too_long', { max: maxLength[column] });
    return value;
  };

  const orgName = line('organizzazione', true);
  const kindText = line('tipo_organizzazione', true);
  const kind = kindText ? parseKind(kindText) : null;
  if (kindText && !kind)
    fail('tipo_organizzazione', 'unknown_org_type', {
      value: kindText,
      accepted: organizationKinds.join(', '),
    });

  let taxId: string | null =
    line('codice_fiscale')
      .toUpperCase()
      .replace(/[\s.-]/g, '')
      .replace(/^IT(?=\d{11}$)/, '') || null;
  if (taxId && cells.numeric('codice_fiscale') && /^\d{1,11}$/.test(taxId)) taxId = taxId.padStart(11, '0');
  if (taxId && !/^(\d{11}|[A-Z0-9]{16})$/.test(taxId))
    fail('codice_fiscale', 'invalid_tax_id', { value: taxId });

  const serviceName = line('servizio', true);
  const description = block('descrizione');

  const categoryText = line('categorie', true);
  const categoryCodes = [
    ...new Set(
      categoryText
        .split(/[;,|]/)
        .map((c) => c.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (categoryText && categoryCodes.length === 0) fail('categorie', 'required');
  if (categoryCodes.length > maxCategories) fail('categorie', 'too_many', { max: maxCategories });
  if (categories) {
    for (const code of categoryCodes)
      if (!categories.has(code)) fail('categorie', 'unknown_category', { code });
  }

  const address = line('indirizzo', true);
  let postalCode = line('cap');
  if (postalCode && cells.numeric('cap') && /^\d{1,5}$/.test(postalCode))
    postalCode = postalCode.padStart(5, '0');
  if (postalCode && !/^\d{5}$/.test(postalCode)) fail('cap', 'invalid_postal_code', { value: postalCode });
  const locality = line('comune', true);
  const locationName = line('sede');

  const latText = line('lat');
  const lonText = line('lon');
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (latText) {
    latitude = parseDecimal(latText);
    if (latitude === null || latitude < -90 || latitude > 90) {
      fail('lat', 'invalid_latitude', { value: latText });
      latitude = null;
    }
  }
  if (lonText) {
    longitude = parseDecimal(lonText);
    if (longitude === null || longitude < -180 || longitude > 180) {
      fail('lon', 'invalid_longitude', { value: lonText });
      longitude = null;
    }
  }
  if (Boolean(latText) !== Boolean(lonText)) fail(latText ? 'lon' : 'lat', 'coordinates_incomplete');

  const phone = line('telefono') || null;
  const emailText = line('email');
  if (emailText && !emailPattern.test(emailText)) fail('email', 'invalid_email', { value: emailText });
  const siteText = line('sito');
  const url = siteText ? normalizeUrl(siteText) : null;
  if (siteText && !url) fail('sito', 'invalid_url', { value: siteText });

  const age = (column: 'eta_min' | 'eta_max'): number | null => {
    const text = line(column);
    if (!text) return null;
    const t = text.replace(/\s*(anni|years)$/i, '');
    if (!/^\d{1,3}$/.test(t) || Number(t) > 120) {
      fail(column, 'invalid_age', { value: text });
      return null;
    }
    return Number(t);
  };
  const minimumAge = age('eta_min');
  const maximumAge = age('eta_max');
  if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge) {
    fail('eta_max', 'age_range', { min: minimumAge, max: maximumAge });
  }

  const languages: string[] = [];
  for (const part of line('lingue').split(/[;,/|]|\s+e\s+/)) {
    const key = foldKey(part);
    if (!key) continue;
    const code = /^[a-z]{2}$/.test(key) ? key : languageNames[key];
    if (!code) fail('lingue', 'invalid_language', { value: part.trim() });
    else if (!languages.includes(code)) languages.push(code);
  }

  const feesDescription = block('costi');
  const freeText = line('gratuito');
  let free = !feesDescription;
  if (freeText) {
    const key = freeText.toLowerCase().replace(/[.!]$/, '');
    if (trueWords.has(key) || trueWords.has(foldKey(key))) free = true;
    else if (falseWords.has(key) || falseWords.has(foldKey(key))) free = false;
    else fail('gratuito', 'invalid_boolean', { value: freeText });
  }

  const hoursText = block('orari');
  const hours = parseHours(hoursText);
  if (!hours.ok) fail('orari', 'invalid_hours', { value: hoursText.replace(/\n/g, '; ') });

  const accessibility = block('accessibilita');
  const eligibility = block('destinatari');
  const targetGroups: string[] = [];
  for (const part of eligibility.split(/[;,\n]/)) {
    const key = foldKey(part);
    if (!key || key === 'tutti' || key === 'everyone') continue;
    const group = targetGroupWords[key] ?? key.slice(0, 60);
    if (!targetGroups.includes(group)) targetGroups.push(group);
  }
  if (targetGroups.length > maxTargetGroups) fail('destinatari', 'too_many', { max: maxTargetGroups });

  if (errors.length > before || !kind) return null;
  return {
    row,
    organization: { name: orgName, kind, taxId },
    service: {
      name: serviceName,
      description,
      categories: categoryCodes,
      phone,
      email: emailText || null,
      url,
      minimumAge,
      maximumAge,
      languages: languages.length ? languages : ['it'],
      free,
      feesDescription,
      targetGroups,
      eligibilityDescription: eligibility,
    },
    location: {
      name: locationName || address,
      address1: address,
      postalCode,
      locality,
      latitude,
      longitude,
      accessibility,
    },
    schedules: hours.ok ? hours.schedules : [],
    hoursNote: hours.ok ? hours.note : '',
  };
}

/** The key that makes two rows the same organisation: its tax code, else its name. */
export function organizationKey(o: { name: string; taxId: string | null }): string {
  return o.taxId ? `cf:${o.taxId}` : `name:${foldKey(o.name)}`;
}

/** The key that makes two rows the same place of one organisation. */
export function addressKey(l: { address1: string; locality: string }): string {
  return `${foldKey(l.address1)}|${foldKey(l.locality)}`;
}

export interface ParseOptions {
  /** Format when known (from `?format=` or the content type); else from the name, else sniffed. */
  format?: 'csv' | 'xlsx';
  filename?: string;
  /** Known category codes: unknown ones are errors (importDirectory checks them against the database too). */
  categories?: Iterable<string>;
}

/**
 * Reads a directory file (CSV or XLSX, one row per service; see README.md beside this file)
 * into checked rows and row-by-row errors. Never throws on bad content.
 */
export async function parseDirectoryFile(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedFile> {
  const format =
    options.format ??
    (options.filename && /\.xlsx$/i.test(options.filename)
      ? 'xlsx'
      : options.filename && /\.(csv|txt)$/i.test(options.filename)
        ? 'csv'
        : sniffFormat(bytes));
  const result: ParsedFile = {
    format,
    encoding: null,
    delimiter: null,
    total: 0,
    rows: [],
    errors: [],
    warnings: [],
  };
  const fileError = (code: string, params: IssueParams = {}) => {
    result.errors.push(issue(null, null, code, params));
    return result;
  };
  if (bytes.byteLength > maxFileBytes)
    return fileError('file_too_large', { max: maxFileBytes / 1024 / 1024 });
  if (bytes.byteLength === 0) return fileError('empty_file');

  let records: RawRecord[];
  if (format === 'xlsx') {
    if (sniffFormat(bytes) !== 'xlsx')
      return fileError('unreadable_file', { format: 'XLSX', reason: 'not a ZIP archive' });
    const unpacked = zipUnpackedSize(bytes);
    if (unpacked === Number.POSITIVE_INFINITY) {
      return fileError('unreadable_file', { format: 'XLSX', reason: 'damaged ZIP archive' });
    }
    if (unpacked > maxUnpackedBytes) return fileError('file_too_large', { max: maxFileBytes / 1024 / 1024 });
    try {
      records = await readXlsxRecords(bytes);
    } catch (error) {
      return fileError('unreadable_file', {
        format: 'XLSX',
        reason: String((error as Error).message).slice(0, 200),
      });
    }
  } else {
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    if (sniffFormat(bytes) === 'xlsx' || (!utf16 && bytes.subarray(0, 4096).includes(0))) {
      return fileError('unreadable_file', { format: 'CSV', reason: 'binary content' });
    }
    const { text, encoding } = decodeText(bytes);
    result.encoding = encoding;
    result.delimiter = detectDelimiter(text);
    const read = readCsvRecords(text, result.delimiter);
    if (read.unterminatedAt !== undefined)
      return fileError('unterminated_quote', { row: read.unterminatedAt });
    records = read.records;
  }

  const [header, ...body] = records;
  if (!header) return fileError('empty_file');
  result.total = body.length;
  if (body.length > maxRows) return fileError('too_many_rows', { rows: body.length, max: maxRows });

  const index = new Map<Column, number>();
  header.cells.forEach((raw, i) => {
    const label = cleanLine(raw);
    if (!label) return;
    const column = columnByName.get(headerKey(label));
    if (!column) {
      result.warnings.push(issue(header.row, label, 'unknown_column', { column: label }));
      return;
    }
    if (index.has(column)) {
      result.errors.push(issue(header.row, column, 'duplicate_column', { column: label }));
      return;
    }
    index.set(column, i);
  });
  const missing = (Object.keys(columns) as Column[]).filter((c) => columns[c].required && !index.has(c));
  if (missing.length) fileError('missing_columns', { columns: missing.join(', ') });
  if (result.errors.length) return result;
  if (body.length === 0) return fileError('no_rows');

  const categories = options.categories
    ? new Set([...options.categories].map((c) => c.toLowerCase()))
    : undefined;
  const firstRowOf = new Map<string, number>();
  for (const record of body) {
    const at = (column: Column) => index.get(column) ?? -1;
    const cells: RowCells = {
      row: record.row,
      get: (column) => record.cells[at(column)] ?? '',
      numeric: (column) => record.numeric?.[at(column)] ?? false,
    };
    const checked = checkRow(cells, result.errors, categories);
    if (!checked) continue;
    const key = `${organizationKey(checked.organization)}|${foldKey(checked.service.name)}|${addressKey(checked.location)}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      result.errors.push(issue(record.row, 'servizio', 'duplicate_row', { first }));
      continue;
    }
    firstRowOf.set(key, record.row);
    result.rows.push(checked);
  }
  return result;
}

import type pg from 'pg';
import type { Queryable } from '../../../kernel/audit/index.ts';
import type { Db } from '../../../kernel/db/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import {
  addServiceAtLocation,
  insertLocation,
  insertOrganization,
  insertService,
  type LocationInput,
  type OrganizationInput,
  refreshSearch,
  type ScheduleInput,
  type ServiceInput,
  setCategories,
} from '../service/write.ts';
import {
  addressKey,
  type DirectoryRow,
  foldKey,
  type ImportIssue,
  issue,
  organizationKey,
  type ParsedFile,
} from './parse.ts';

export interface ImportReport {
  dryRun: boolean;
  /** True when the rows were written (a real run without errors). */
  imported: boolean;
  /** Data rows in the file. */
  rows: number;
  /** What was created and matched with what the directory has (would be, when nothing was written). */
  organizations: { created: number; matched: number };
  locations: { created: number; matched: number };
  services: { created: number; updated: number };
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface ImportOptions {
  /** Check everything and count what would change, writing nothing. */
  dryRun: boolean;
  /** Called as rows are checked and written: processed of total rows. */
  onProgress?: (processed: number, total: number) => void;
  /** Called in the import's transaction just before it commits, e.g. to write the audit row. */
  beforeCommit?: (client: pg.PoolClient, report: ImportReport) => Promise<void>;
}

interface PlannedLocation {
  existingId: string | null;
  input: LocationInput;
  id?: string;
}

interface PlannedService {
  existingId: string | null;
  input: ServiceInput;
  /** Where it is given: one per row. */
  at: { locationKey: string; schedules: ScheduleInput[]; note: string; row: number }[];
}

interface PlannedOrganization {
  existingId: string | null;
  input: OrganizationInput;
  locations: Map<string, PlannedLocation>;
  services: Map<string, PlannedService>;
}

interface OrgRow {
  organization_id: string;
  name: string;
  tax_id: string | null;
}

/**
 * Groups the rows into organisations (by tax code, else by name, accents and case ignored),
 * their places (same address and municipality: same location) and services (same name within
 * an organisation: one service, given at each row's place), matched with the city's directory.
 * Organisations and locations found are reused untouched; services found are updated.
 */
async function plan(q: Queryable, cityId: number, rows: DirectoryRow[]): Promise<PlannedOrganization[]> {
  const { rows: existing } = await q.query<OrgRow>(
    'SELECT organization_id, name, tax_id FROM dir_organizations WHERE city_id = $1 ORDER BY created_at, organization_id',
    [cityId],
  );
  const dbByTax = new Map<string, OrgRow>();
  const dbByName = new Map<string, OrgRow[]>();
  for (const o of existing) {
    if (o.tax_id) dbByTax.set(o.tax_id.toUpperCase(), o);
    const key = foldKey(o.name);
    dbByName.set(key, [...(dbByName.get(key) ?? []), o]);
  }

  // Rows with a tax code first: a row naming the same organisation without it joins that group.
  const groupOf = new Map<DirectoryRow, PlannedOrganization>();
  const byKey = new Map<string, PlannedOrganization>();
  const byName = new Map<string, PlannedOrganization>();
  const claimed = new Set<string>();
  const groups: PlannedOrganization[] = [];
  const ordered = [...rows.filter((r) => r.organization.taxId), ...rows.filter((r) => !r.organization.taxId)];
  for (const row of ordered) {
    const o = row.organization;
    const nameKey = foldKey(o.name);
    let group = byKey.get(organizationKey(o)) ?? (o.taxId ? undefined : byName.get(nameKey));
    if (!group) {
      const sameName = (dbByName.get(nameKey) ?? []).filter((d) => !claimed.has(d.organization_id));
      const match = o.taxId
        ? (dbByTax.get(o.taxId) ?? sameName.find((d) => d.tax_id === null))
        : (sameName.find((d) => d.tax_id === null) ?? sameName[0]);
      const taken = match ? groups.find((g) => g.existingId === match.organization_id) : undefined;
      group = taken ?? {
        existingId: match?.organization_id ?? null,
        input: { name: o.name, kind: o.kind, taxId: o.taxId },
        locations: new Map(),
        services: new Map(),
      };
      if (!taken) groups.push(group);
      if (match) claimed.add(match.organization_id);
      byKey.set(organizationKey(o), group);
      if (!byName.has(nameKey)) byName.set(nameKey, group);
    }
    groupOf.set(row, group);
  }

  const matchedIds = groups.flatMap((g) => (g.existingId ? [g.existingId] : []));
  const existingLocations = new Map<string, string>();
  const existingServices = new Map<string, string>();
  if (matchedIds.length) {
    const locations = await q.query<{
      organization_id: string;
      location_id: string;
      address_1: string;
      locality: string;
    }>(
      `SELECT organization_id, location_id, address_1, locality FROM dir_locations
        WHERE city_id = $1 AND organization_id = ANY($2::uuid[]) ORDER BY location_id`,
      [cityId, matchedIds],
    );
    for (const l of locations.rows) {
      const key = `${l.organization_id}|${addressKey({ address1: l.address_1, locality: l.locality })}`;
      if (!existingLocations.has(key)) existingLocations.set(key, l.location_id);
    }
    const services = await q.query<{ organization_id: string; service_id: string; name: string }>(
      `SELECT organization_id, service_id, name FROM dir_services
        WHERE city_id = $1 AND organization_id = ANY($2::uuid[]) ORDER BY created_at, service_id`,
      [cityId, matchedIds],
    );
    for (const s of services.rows) {
      const key = `${s.organization_id}|${foldKey(s.name)}`;
      if (!existingServices.has(key)) existingServices.set(key, s.service_id);
    }
  }

  for (const row of rows) {
    const group = groupOf.get(row)!;
    const locationKey = addressKey(row.location);
    let location = group.locations.get(locationKey);
    if (!location) {
      const { latitude, longitude, ...rest } = row.location;
      location = {
        existingId: group.existingId
          ? (existingLocations.get(`${group.existingId}|${locationKey}`) ?? null)
          : null,
        input: { ...rest, latitude, longitude },
      };
      group.locations.set(locationKey, location);
    } else {
      // Later rows at the same place fill in what the first left empty.
      const l = location.input;
      if (l.latitude == null && row.location.latitude !== null) {
        l.latitude = row.location.latitude;
        l.longitude = row.location.longitude;
      }
      if (!l.postalCode) l.postalCode = row.location.postalCode;
      if (!l.accessibility) l.accessibility = row.location.accessibility;
    }
    const serviceKey = foldKey(row.service.name);
    let service = group.services.get(serviceKey);
    if (!service) {
      service = {
        existingId: group.existingId
          ? (existingServices.get(`${group.existingId}|${serviceKey}`) ?? null)
          : null,
        input: { ...row.service, status: 'active' },
        at: [],
      };
      group.services.set(serviceKey, service);
    }
    service.at.push({ locationKey, schedules: row.schedules, note: row.hoursNote, row: row.row });
  }
  return groups;
}

function count(groups: PlannedOrganization[], report: ImportReport): void {
  for (const g of groups) {
    report.organizations[g.existingId ? 'matched' : 'created']++;
    for (const l of g.locations.values()) report.locations[l.existingId ? 'matched' : 'created']++;
    for (const s of g.services.values()) report.services[s.existingId ? 'updated' : 'created']++;
  }
}

async function updateService(
  q: Queryable,
  cityId: number,
  serviceId: string,
  s: ServiceInput,
): Promise<void> {
  await q.query(
    `UPDATE dir_services SET description = $3, url = $4, email = $5, phone = $6, eligibility_description = $7,
            minimum_age = $8, maximum_age = $9, target_groups = $10, free = $11, fees_description = $12,
            languages = $13, updated_at = now()
      WHERE city_id = $1 AND service_id = $2`,
    [
      cityId,
      serviceId,
      s.description ?? '',
      s.url ?? null,
      s.email ?? null,
      s.phone ?? null,
      s.eligibilityDescription ?? '',
      s.minimumAge ?? null,
      s.maximumAge ?? null,
      s.targetGroups ?? [],
      s.free ?? true,
      s.feesDescription ?? '',
      s.languages?.length ? s.languages : ['it'],
    ],
  );
  await setCategories(q, cityId, serviceId, s.categories);
}

/** Checks the category codes of the rows against the shared vocabulary. */
async function checkCategories(q: Queryable, rows: DirectoryRow[]): Promise<ImportIssue[]> {
  const { rows: known } = await q.query<{ code: string }>('SELECT code FROM dir_categories');
  const codes = new Set(known.map((c) => c.code));
  const errors: ImportIssue[] = [];
  for (const row of rows) {
    for (const code of row.service.categories) {
      if (!codes.has(code)) errors.push(issue(row.row, 'categorie', 'unknown_category', { code }));
    }
  }
  return errors;
}

function sameIssue(a: ImportIssue, b: ImportIssue): boolean {
  return (
    a.row === b.row &&
    a.column === b.column &&
    a.code === b.code &&
    JSON.stringify(a.params) === JSON.stringify(b.params)
  );
}

/**
 * Imports the rows of a parsed directory file into a city. A dry run checks everything (category
 * codes against the database too) and counts what would be created and matched, writing nothing.
 * A real run is refused when the file has errors; otherwise every row is written in one
 * transaction (all or nothing), then the search rows of the services touched are rebuilt.
 */
export async function importDirectory(
  pool: pg.Pool,
  db: Db,
  city: City,
  parsed: ParsedFile,
  options: ImportOptions,
): Promise<ImportReport> {
  const total = parsed.rows.length;
  const report: ImportReport = {
    dryRun: options.dryRun,
    imported: false,
    rows: parsed.total,
    organizations: { created: 0, matched: 0 },
    locations: { created: 0, matched: 0 },
    services: { created: 0, updated: 0 },
    errors: [...parsed.errors],
    warnings: [...parsed.warnings],
  };
  for (const e of await checkCategories(pool, parsed.rows)) {
    if (!report.errors.some((x) => sameIssue(x, e))) report.errors.push(e);
  }
  report.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const badRows = new Set(report.errors.map((e) => e.row));
  const rows = parsed.rows.filter((r) => !badRows.has(r.row));

  if (options.dryRun || report.errors.length > 0) {
    count(await plan(pool, city.id, rows), report);
    options.onProgress?.(total, total);
    return report;
  }

  return withTransaction(pool, async (client) => {
    // One import at a time per city: two would both create the same new organisations.
    await client.query('SELECT pg_advisory_xact_lock(7310101, $1)', [city.id]);
    const groups = await plan(client, city.id, rows);
    count(groups, report);
    const touched: string[] = [];
    let processed = 0;
    options.onProgress?.(processed, total);
    for (const g of groups) {
      const orgId = g.existingId ?? (await insertOrganization(client, city.id, g.input));
      for (const l of g.locations.values()) {
        l.id = l.existingId ?? (await insertLocation(client, db, city, orgId, l.input));
      }
      for (const s of g.services.values()) {
        let serviceId = s.existingId;
        if (serviceId) await updateService(client, city.id, serviceId, s.input);
        else serviceId = await insertService(client, city.id, orgId, s.input);
        touched.push(serviceId);
        for (const at of s.at) {
          const locationId = g.locations.get(at.locationKey)!.id!;
          await addServiceAtLocation(client, city.id, serviceId, locationId, at.schedules, at.note);
          processed++;
          options.onProgress?.(processed, total);
        }
      }
    }
    await refreshSearch(client, city.id, touched);
    report.imported = true;
    await options.beforeCommit?.(client, report);
    return report;
  });
}

/** What the audit log keeps of an import: counts, never the rows. */
export function auditDetail(r: ImportReport, file?: string): Record<string, unknown> {
  return {
    ...(file ? { file } : {}),
    dryRun: r.dryRun,
    imported: r.imported,
    rows: r.rows,
    organizations: r.organizations,
    locations: r.locations,
    services: r.services,
    errors: r.errors.length,
  };
}

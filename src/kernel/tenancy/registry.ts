import type pg from 'pg';
import { AppError } from '../errors.ts';

export interface City {
  id: number;
  code: string;
  name: string;
  istatCode: string;
  timezone: string;
  center: { lat: number; lon: number };
  hosts: string[];
  isDemo: boolean;
  settings: Record<string, unknown>;
}

interface CityRow {
  city_id: number;
  code: string;
  name: string;
  istat_code: string;
  timezone: string;
  center_lat: number;
  center_lon: number;
  hosts: string[];
  is_demo: boolean;
  settings: Record<string, unknown>;
}

const toCity = (r: CityRow): City => ({
  id: r.city_id,
  code: r.code,
  name: r.name,
  istatCode: r.istat_code,
  timezone: r.timezone,
  center: { lat: r.center_lat, lon: r.center_lon },
  hosts: r.hosts,
  isDemo: r.is_demo,
  settings: r.settings,
});

/**
 * Resolves the city a request is for: by its Host header, else the configured default.
 * Cities change rarely; the list is cached and reloaded at most every `ttlMs`.
 */
export class CityRegistry {
  private byCode = new Map<string, City>();
  private byHost = new Map<string, City>();
  private byId = new Map<number, City>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly defaultCity: string,
    private readonly ttlMs = 30_000,
  ) {}

  async reload(): Promise<void> {
    const { rows } = await this.pool.query<CityRow>(
      `SELECT city_id, code, name, istat_code, timezone, center_lat, center_lon, hosts, is_demo, settings
         FROM cities`,
    );
    const byCode = new Map<string, City>();
    const byHost = new Map<string, City>();
    const byId = new Map<number, City>();
    for (const row of rows) {
      const city = toCity(row);
      byCode.set(city.code, city);
      byId.set(city.id, city);
      for (const host of city.hosts) byHost.set(host.toLowerCase(), city);
    }
    this.byCode = byCode;
    this.byHost = byHost;
    this.byId = byId;
    this.loadedAt = Date.now();
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < this.ttlMs) return;
    this.loading ??= this.reload().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  /** The city for a request's host; throws a 503 problem when no city is configured. */
  async forHost(host: string | undefined): Promise<City> {
    await this.fresh();
    return this.lookupHost(host);
  }

  /** forHost without waiting: undefined when the registry must be reloaded first. */
  forHostIfFresh(host: string | undefined): City | undefined {
    if (Date.now() - this.loadedAt >= this.ttlMs) return undefined;
    return this.lookupHost(host);
  }

  private lookupHost(host: string | undefined): City {
    const name = host?.split(':')[0]?.toLowerCase();
    const city = (name && this.byHost.get(name)) || this.byCode.get(this.defaultCity);
    if (!city) throw new AppError('service_unavailable', {}, { messageKey: 'problem.no_city.detail' });
    return city;
  }

  async byCityCode(code: string): Promise<City | undefined> {
    await this.fresh();
    return this.byCode.get(code);
  }

  async byCityId(id: number): Promise<City | undefined> {
    await this.fresh();
    return this.byId.get(id);
  }

  async all(): Promise<City[]> {
    await this.fresh();
    return [...this.byCode.values()];
  }
}

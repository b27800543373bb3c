import type { Queryable } from '../../kernel/audit/index.ts';
import type { City } from '../../kernel/tenancy/registry.ts';
import { hubServing, type RoutingPoint } from '../community-points/index.ts';
import type { HelpCategory } from './triage.ts';

export type Queue = 'community_point' | 'zone_office' | 'helpline';

export interface RoutingInput {
  category: HelpCategory;
  neighbourhoodCode: string;
  zoneCode: string;
  point?: { lat: number; lon: number };
}

export interface RoutingDecision {
  queue: Queue;
  communityPoint?: RoutingPoint;
  /** Why, for the history: `routing.hub`, `routing.zone_office`, `routing.helpline`. */
  rule: string;
}

/** Where a new request goes. One interface; a city can plug its own rules. */
export interface RoutingRules {
  route(q: Queryable, city: City, input: RoutingInput): Promise<RoutingDecision>;
}

/** What a city may set in `cities.settings.routing`. */
export interface RoutingSettings {
  /** Categories that go to the helpline's callback queue (default: psychological support). */
  helplineCategories?: HelpCategory[];
}

/**
 * The programme's rules: psychological support to the helpline queue; otherwise the Punto
 * Comunità that serves the person's neighbourhood (the nearest, when several do); where none does,
 * the zone's social-services office.
 */
export const defaultRoutingRules: RoutingRules = {
  async route(q, city, input) {
    const settings = (city.settings as { routing?: RoutingSettings } | undefined)?.routing ?? {};
    const helpline = settings.helplineCategories ?? ['psychological_support'];
    if (helpline.includes(input.category)) return { queue: 'helpline', rule: 'routing.helpline' };
    const hub = await hubServing(q, city, input.neighbourhoodCode, input.point);
    if (hub) return { queue: 'community_point', communityPoint: hub, rule: 'routing.hub' };
    return { queue: 'zone_office', rule: 'routing.zone_office' };
  },
};

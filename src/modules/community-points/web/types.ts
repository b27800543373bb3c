/** Shapes of the community-points API (src/modules/community-points/routes.ts). */

export interface OpeningHours {
  /** 1 = Monday … 7 = Sunday. */
  day: number;
  opens: string;
  closes: string;
}

export interface CommunityPoint {
  id: string;
  slug: string;
  name: string;
  description: string;
  hostName: string;
  /** The host in the welfare directory, when it is there. */
  hostOrganizationId: string | null;
  address: string;
  lat: number;
  lon: number;
  neighbourhood: { code: string; name: string };
  zone: { code: string; name: string };
  phone: string | null;
  email: string | null;
  hours: OpeningHours[];
  /** The neighbourhoods it serves. */
  neighbourhoodCodes: string[];
  isDemo: boolean;
  /** Inactive hubs are left out of the public pages and receive no new requests. */
  active: boolean;
}

export interface CommunityPointList {
  items: CommunityPoint[];
  total: number;
}

/** GET /api/v1/admin/community-points: every hub, inactive too, and what no active hub serves. */
export interface CommunityPointRegister extends CommunityPointList {
  uncovered: { code: string; name: string; zone: { code: string; name: string } }[];
}

/** The body of PUT /api/v1/community-points/:slug. */
export interface CommunityPointInput {
  name: string;
  description: string;
  hostName: string;
  hostOrganizationId: string | null;
  address: string;
  lat: number;
  lon: number;
  phone: string | null;
  email: string | null;
  hours: OpeningHours[];
  neighbourhoodCodes: string[];
  active: boolean;
}

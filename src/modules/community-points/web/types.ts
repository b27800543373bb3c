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
}

export interface CommunityPointList {
  items: CommunityPoint[];
  total: number;
}

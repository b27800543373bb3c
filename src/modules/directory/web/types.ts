/** Shapes of the directory API (src/modules/directory/routes/public.ts). */

export interface Ref {
  code: string;
  name: string;
}

export interface Place {
  id: string;
  name: string;
  address: string;
  postalCode: string;
  locality: string;
  latitude: number | null;
  longitude: number | null;
  neighbourhood: Ref | null;
  zone: Ref | null;
  transportation: string;
  accessibility: string;
  wheelchairAccessible: boolean | null;
  phone: string | null;
}

export interface ServiceSummary {
  id: string;
  name: string;
  description: string;
  organization: { id: string; name: string };
  categories: Ref[];
  location: Place;
  distanceMeters: number | null;
  openNow: boolean;
  free: boolean;
  languages: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  lastVerifiedAt: string | null;
}

export interface SearchResult {
  items: ServiceSummary[];
  total: number;
  /** More matches than were looked at: `total` is a lower bound. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  correctedQuery: string | null;
}

export interface Schedule {
  /** 1 = Monday … 7 = Sunday; null for a dated closure. */
  weekday: number | null;
  opensAt: string | null;
  closesAt: string | null;
  validFrom: string | null;
  validTo: string | null;
  closed: boolean;
  description: string;
}

export interface ServicePlace extends Place {
  serviceAtLocationId: string;
  openNow: boolean;
  schedules: Schedule[];
}

export interface Service {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  status: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  applicationProcess: string;
  eligibilityDescription: string;
  minimumAge: number | null;
  maximumAge: number | null;
  targetGroups: string[];
  free: boolean;
  feesDescription: string;
  languages: string[];
  categories: Ref[];
  organization: { id: string; name: string; kind: string; website: string | null; phone: string | null };
  locations: ServicePlace[];
  lastVerifiedAt: string | null;
  updatedAt: string;
  isDemo: boolean;
}

export interface Organization {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  kind: string;
  email: string | null;
  website: string | null;
  phone: string | null;
  taxId: string | null;
  locations: Place[];
  services: { id: string; name: string; categories: Ref[] }[];
  lastVerifiedAt: string | null;
  isDemo: boolean;
}

export interface Category {
  code: string;
  parentCode: string | null;
  name: string;
  description: string;
}

/** A point to show on a map, with what its marker says and where it leads. */
export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  title: string;
  subtitle: string;
  /** Where its popup's link leads; none when the page already is about it. */
  href?: string;
}

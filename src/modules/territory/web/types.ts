export interface TerritoryData {
  city: { code: string; name: string; istatCode: string };
  boundariesApproximate: boolean;
  zones: {
    code: string;
    name: string;
    office: { address: string | null; phone: string | null };
    neighbourhoods: { code: string; name: string; istatCode: string | null }[];
  }[];
}

export interface MapFeature {
  type: 'Feature';
  id: string;
  properties: {
    code: string;
    name: string;
    zoneCode: string;
    zoneName: string;
    istatCode: string | null;
    approximate: boolean;
  };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface MapData {
  type: 'FeatureCollection';
  approximate: boolean;
  features: MapFeature[];
}

export interface NeighbourhoodData {
  code: string;
  name: string;
  istatCode: string | null;
  alsoCalled: string | null;
  zone: { code: string; name: string; office: { address: string | null; phone: string | null } };
  point: { lat: number; lon: number; source: string };
  boundaryApproximate: boolean;
  boundarySource: string;
}

/** Okabe–Ito colours: told apart with every common colour-vision deficiency. */
const palette = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#CC79A7', '#0072B2', '#D55E00'];

export function zoneColours(zoneCodes: string[]): Record<string, string> {
  return Object.fromEntries(zoneCodes.map((code, i) => [code, palette[i % palette.length]!]));
}

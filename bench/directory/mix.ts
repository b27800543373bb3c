/**
 * The searches the benchmark replays: four kinds (words, words + category, near a point,
 * neighbourhood + age), drawn with a seeded random generator so every run sends the same ones.
 */

export interface SearchRequest {
  q?: string;
  category?: string;
  neighbourhood?: string;
  lat?: number;
  lon?: number;
  age?: number;
  sort?: 'relevance' | 'distance';
  page: number;
}

export interface MixPart {
  name: string;
  /** Share of this part in the overall mix. */
  weight: number;
  requests: SearchRequest[];
}

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What people type, typos included (corrected from the directory's lexicon). */
export const queries = [
  'anziani',
  'aiuto spesa',
  'doposcuola',
  'sportello lavoro',
  'doposcula',
  'centro diurno anziani',
  'pacchi alimentari',
  'consulenza psicologica',
  'consulenza psicolgica',
  'corso italiano',
  'sportelo lavoro',
  'anzaini',
  'mensa',
  'affitto',
  'psicologo',
  'badanti',
  'spid',
  'volontari',
  'emporio solidale',
  'asilo nido',
  'centro estivo',
  'aiuto compiti',
  'dormitorio',
];

export const wordsWithCategory: [string, string][] = [
  ['aiuto', 'aiuto-alimentare'],
  ['sportello', 'lavoro'],
  ['centro', 'anziani'],
  ['doposcuola', 'scuola'],
  ['ascolto', 'supporto-psicologico'],
  ['corso', 'migranti'],
  ['spesa', 'anziani'],
  ['volontari', 'volontariato'],
  ['casa', 'casa'],
  ['pacchi', 'poverta'],
];

/** Big-city centres searched "near me". */
export const points: { name: string; lat: number; lon: number }[] = [
  { name: 'Milano', lat: 45.4642, lon: 9.19 },
  { name: 'Roma', lat: 41.9028, lon: 12.4964 },
  { name: 'Napoli', lat: 40.8518, lon: 14.2681 },
  { name: 'Torino', lat: 45.0703, lon: 7.6869 },
  { name: 'Brescia', lat: 45.5416, lon: 10.2118 },
  { name: 'Bologna', lat: 44.4949, lon: 11.3426 },
  { name: 'Firenze', lat: 43.7696, lon: 11.2558 },
  { name: 'Palermo', lat: 38.1157, lon: 13.3615 },
  { name: 'Bari', lat: 41.1171, lon: 16.8719 },
  { name: 'Genova', lat: 44.4056, lon: 8.9463 },
];

const ages = [4, 8, 12, 15, 17, 25, 40, 67, 75, 82];

export function buildMix(
  neighbourhoods: string[],
  categories: string[],
  perPart = 400,
  seed = 20_250_101,
): MixPart[] {
  const rnd = seeded(seed);
  const one = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const page = () => (rnd() < 0.85 ? 1 : 2);
  const known = new Set(categories);
  const pairs = wordsWithCategory.filter(([, c]) => known.has(c));
  const times = <T>(make: () => T) => Array.from({ length: perPart }, make);
  return [
    { name: 'words', weight: 0.4, requests: times(() => ({ q: one(queries), page: page() })) },
    {
      name: 'words + category',
      weight: 0.25,
      requests: times(() => {
        const [q, category] = one(pairs);
        return { q, category, page: page() };
      }),
    },
    {
      name: 'near a point (by distance)',
      weight: 0.2,
      requests: times(() => {
        const p = one(points);
        return {
          lat: Number((p.lat + (rnd() - 0.5) * 0.04).toFixed(5)),
          lon: Number((p.lon + (rnd() - 0.5) * 0.05).toFixed(5)),
          sort: 'distance' as const,
          ...(rnd() < 0.3 ? { category: one(categories) } : {}),
          page: page(),
        };
      }),
    },
    {
      name: 'neighbourhood + age',
      weight: 0.15,
      requests: times(() => ({ neighbourhood: one(neighbourhoods), age: one(ages), page: page() })),
    },
  ];
}

/** The overall mix: `size` requests drawn from the parts by weight (same seed, same order). */
export function overallMix(parts: MixPart[], size = 1000, seed = 7): SearchRequest[] {
  const rnd = seeded(seed);
  const total = parts.reduce((a, p) => a + p.weight, 0);
  return Array.from({ length: size }, () => {
    let x = rnd() * total;
    let part = parts.at(-1)!;
    for (const p of parts) {
      x -= p.weight;
      if (x < 0) {
        part = p;
        break;
      }
    }
    return part.requests[Math.floor(rnd() * part.requests.length)]!;
  });
}

export function toPath(r: SearchRequest): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(r)) if (v !== undefined) params.set(k, String(v));
  return `/api/v1/directory/services?${params}`;
}

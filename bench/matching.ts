import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bbox, GeoIndex, type PolygonalGeometry } from '../src/kernel/geo/index.ts';
import {
  buildCandidateGraph,
  greedyStrategy,
  type MatchOptions,
  type MatchRequest,
  type MatchVolunteer,
  optimalStrategy,
  type Proposal,
  proposeAtCount,
} from '../src/modules/volunteers/matching/index.ts';

/**
 * "Assign all" in an emergency: BENCH_REQUESTS (10,000) open requests and BENCH_VOLUNTEERS (5,000)
 * volunteers at random points inside Brescia's municipal boundary (60% around the neighbourhoods'
 * points, 40% anywhere), with a mix of skills, clearances, capacities and ranges; fixed seed
 * (BENCH_SEED), so runs are comparable. Times the candidate graph (K nearest eligible volunteers
 * per request) and the optimal assignment (min-cost flow) apart, and sets the result beside the
 * greedy baseline on the same graph, and beside the optimum at the greedy's own count.
 * Targets: assignMs (graph + solve) < 2 s; never fewer matched than greedy; at the greedy's count,
 * no more distance than greedy.
 */
const nRequests = Number(process.env.BENCH_REQUESTS ?? 10_000);
const nVolunteers = Number(process.env.BENCH_VOLUNTEERS ?? 5_000);
const seed = Number(process.env.BENCH_SEED ?? 20_240_601);
const options: MatchOptions = {
  candidatesPerRequest: Number(process.env.BENCH_K ?? 20),
  balanceMetresPerTask: Number(process.env.BENCH_BALANCE_M ?? 100),
};
const out = (s = '') => process.stdout.write(`${s}\n`);

/** mulberry32: a small, fast PRNG, enough for test data. */
function prng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cityDir = path.resolve(import.meta.dirname, '../data/cities/brescia');
const boundary = JSON.parse(readFileSync(path.join(cityDir, 'boundary.geojson'), 'utf8')) as {
  features: { geometry: PolygonalGeometry }[];
};
const geometry = boundary.features[0]!.geometry;
const city = new GeoIndex([{ id: 'brescia', geometry }]);
const [minLon, minLat, maxLon, maxLat] = bbox(geometry);
const centres = readFileSync(path.join(cityDir, 'neighbourhood-points.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [, lat, lon] = line.split(',');
    return { lat: Number(lat), lon: Number(lon) };
  });

function generate(
  nr: number,
  nv: number,
  s: number,
): { requests: MatchRequest[]; volunteers: MatchVolunteer[] } {
  const rand = prng(s);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const point = (): { lat: number; lon: number } => {
    for (;;) {
      let lat: number;
      let lon: number;
      if (rand() < 0.6) {
        const c = pick(centres);
        lat = c.lat + (gauss() * 0.7) / 111.2; // σ = 700 m
        lon = c.lon + (gauss() * 0.7) / 78;
      } else {
        lat = minLat + rand() * (maxLat - minLat);
        lon = minLon + rand() * (maxLon - minLon);
      }
      if (city.locate(lon, lat)) return { lat, lon };
    }
  };
  /** What a request needs, by weight. */
  const needs: [number, string[], number][] = [
    // weight, skills, share needing clearance
    [28, ['shopping'], 0.02],
    [18, ['medicines'], 0.05],
    [14, ['company'], 0.5],
    [6, ['escort'], 0.3],
    [5, ['escort', 'driving'], 0.3],
    [8, ['paperwork'], 0.05],
    [7, ['digital_help'], 0],
    [7, ['food'], 0.02],
    [4, ['shopping', 'driving'], 0.02],
    [3, ['medicines', 'driving'], 0.05],
  ];
  const totalWeight = needs.reduce((t, n) => t + n[0], 0);
  const requests: MatchRequest[] = [];
  for (let i = 0; i < nr; i++) {
    let x = rand() * totalWeight;
    let need = needs[0]!;
    for (const n of needs) {
      x -= n[0];
      if (x < 0) {
        need = n;
        break;
      }
    }
    requests.push({
      id: `r${String(i).padStart(5, '0')}`,
      ...point(),
      skills: need[1],
      needsClearance: rand() < need[2],
    });
  }
  /** How likely a volunteer offers each skill. */
  const offers: [string, number][] = [
    ['shopping', 0.6],
    ['medicines', 0.5],
    ['company', 0.4],
    ['escort', 0.25],
    ['paperwork', 0.25],
    ['digital_help', 0.25],
    ['food', 0.3],
    ['driving', 0.2],
  ];
  const volunteers: MatchVolunteer[] = [];
  for (let j = 0; j < nv; j++) {
    let skills = offers.filter(([, p]) => rand() < p).map(([s]) => s);
    if (skills.length === 0) skills = [pick(offers)[0]];
    const limit = 1 + Math.floor(rand() * 4); // 1–4 tasks at once
    const currentLoad = Math.min(limit - 1, Math.floor(rand() * 2)); // most hold 0 or 1 already
    const walker = rand() < 0.2;
    volunteers.push({
      id: `v${String(j).padStart(5, '0')}`,
      ...point(),
      skills,
      capacity: Math.min(3, limit - currentLoad), // 1–3
      currentLoad,
      cleared: rand() < 0.35,
      maxDistanceKm: skills.includes('driving') ? 8 : walker ? 2 : undefined,
    });
  }
  return { requests, volunteers };
}

// Warm-up on a small instance, so that the figures are the algorithm's and not the JIT's.
{
  const w = generate(1000, 500, seed + 1);
  optimalStrategy.propose(w.requests, w.volunteers, options);
  greedyStrategy.propose(w.requests, w.volunteers, options);
}

const { requests, volunteers } = generate(nRequests, nVolunteers, seed);
const t0 = performance.now();
const graph = buildCandidateGraph(requests, volunteers, options);
const built = performance.now();
const optimal = optimalStrategy.propose(requests, volunteers, { ...options, graph });
const solved = performance.now();
const buildMs = built - t0;
const solveMs = solved - built;
const assignMs = solved - t0;
const greedy = greedyStrategy.propose(requests, volunteers, { ...options, graph });
const atGreedy = proposeAtCount(requests, volunteers, greedy.matched, { ...options, graph });

const km = (n: number) => n.toFixed(1);
const row = (what: string, ms: string, p: Proposal) =>
  out(
    `| ${what} | ${ms} | ${p.matched} | ${km(p.distanceKm)} | ${p.matched ? ((p.distanceKm * 1000) / p.matched).toFixed(0) : '—'} | ${km(p.stats.objectiveM / 1000)} | ${p.stats.maxLoad} |`,
  );
out(
  `\nmatching: ${requests.length} requests, ${volunteers.length} volunteers over Brescia, K = ${graph.candidatesPerRequest}, balance ${options.balanceMetresPerTask} m per task held (seed ${seed})`,
);
out('| what | ms | matched | distance km | m per match | objective km | max load |');
out('|---|---:|---:|---:|---:|---:|---:|');
out(`| candidate graph (${graph.start[requests.length]} arcs) | ${buildMs.toFixed(0)} | | | | | |`);
row('optimal: min-cost flow (graph + solve)', assignMs.toFixed(0), optimal);
row('greedy, same graph (solve only)', greedy.stats.solveMs.toFixed(0), greedy);
row("optimal at the greedy's count (solve only)", atGreedy.stats.solveMs.toFixed(0), atGreedy);
const pass = assignMs < 2000 && optimal.matched >= greedy.matched && atGreedy.distanceKm <= greedy.distanceKm;
out(
  `Most matchable over the graph: ${optimal.stats.maxMatchable}; ${optimal.stats.withoutCandidates} requests have no eligible volunteer in range. ` +
    `Solver: ${optimal.stats.phases} cost-scaling phases, ${optimal.stats.pushes} pushes, ${optimal.stats.relabels} relabels.`,
);
out(
  `Targets: assignMs < 2000 (${assignMs.toFixed(0)}), matched ≥ greedy (${optimal.matched} vs ${greedy.matched}), ` +
    `distance at the greedy's count ≤ greedy's (${km(atGreedy.distanceKm)} vs ${km(greedy.distanceKm)} km): ${pass ? 'met' : 'MISSED'}.`,
);
out(
  JSON.stringify({
    bench: 'matching',
    requests: requests.length,
    volunteers: volunteers.length,
    candidatesPerRequest: graph.candidatesPerRequest,
    candidateArcs: graph.start[requests.length],
    buildMs: Math.round(buildMs),
    solveMs: Math.round(solveMs),
    assignMs: Math.round(assignMs),
    matched: optimal.matched,
    maxMatchable: optimal.stats.maxMatchable,
    greedyMatched: greedy.matched,
    distanceKm: Number(optimal.distanceKm.toFixed(3)),
    greedyDistanceKm: Number(greedy.distanceKm.toFixed(3)),
    distanceAtGreedyCountKm: Number(atGreedy.distanceKm.toFixed(3)),
    objectiveKm: Number((optimal.stats.objectiveM / 1000).toFixed(3)),
    greedyObjectiveKm: Number((greedy.stats.objectiveM / 1000).toFixed(3)),
    objectiveAtGreedyCountKm: Number((atGreedy.stats.objectiveM / 1000).toFixed(3)),
    maxLoad: optimal.stats.maxLoad,
    greedyMaxLoad: greedy.stats.maxLoad,
    pass,
  }),
);

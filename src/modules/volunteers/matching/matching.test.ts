import { describe, expect, it } from 'vitest';
import {
  buildCandidateGraph,
  checkProposal,
  distanceKm,
  eligible,
  greedyStrategy,
  type MatchRequest,
  type MatchVolunteer,
  optimalStrategy,
  proposeAtCount,
} from './index.ts';
import { balanceCost } from './proposal.ts';

/** A small deterministic generator (mulberry32), so that a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const centre = { lat: 45.5416, lon: 10.2118 };
const skills = ['shopping', 'escort', 'driving'];

function instance(seed: number, R: number, V: number) {
  const r = rng(seed);
  const near = () => ({ lat: centre.lat + (r() - 0.5) * 0.03, lon: centre.lon + (r() - 0.5) * 0.04 });
  const requests: MatchRequest[] = Array.from({ length: R }, (_, i) => ({
    id: `r${String(i).padStart(2, '0')}`,
    ...near(),
    skills: r() < 0.3 ? [skills[Math.floor(r() * 3)]!] : [],
    needsClearance: r() < 0.2,
  }));
  const volunteers: MatchVolunteer[] = Array.from({ length: V }, (_, i) => ({
    id: `v${String(i).padStart(2, '0')}`,
    ...near(),
    skills: skills.filter(() => r() < 0.5),
    capacity: 1 + Math.floor(r() * 2),
    currentLoad: Math.floor(r() * 2),
    cleared: r() < 0.6,
    maxDistanceKm: 1 + r() * 2,
  }));
  return { requests, volunteers };
}

/**
 * Every assignment over the candidate graph, by exhaustion: the most requests that can be matched,
 * and the least distance + load-balance term among the assignments of each count.
 */
function bruteForce(
  graph: ReturnType<typeof buildCandidateGraph>,
  w: number,
): { max: number; bestAt: Map<number, number> } {
  const R = graph.requestIds.length;
  const left = graph.capacity.slice();
  const tasks = new Int32Array(graph.volunteerIds.length);
  const bestAt = new Map<number, number>();
  let max = 0;
  const walk = (i: number, count: number, metres: number) => {
    if (i === R) {
      let cost = metres;
      for (let v = 0; v < tasks.length; v++) cost += balanceCost(w, graph.currentLoad[v]!, tasks[v]!);
      max = Math.max(max, count);
      bestAt.set(count, Math.min(bestAt.get(count) ?? Number.POSITIVE_INFINITY, cost));
      return;
    }
    walk(i + 1, count, metres);
    for (let a = graph.start[i]!; a < graph.start[i + 1]!; a++) {
      const v = graph.volunteer[a]!;
      if (left[v]! <= 0) continue;
      left[v]!--;
      tasks[v]!++;
      walk(i + 1, count + 1, metres + graph.metres[a]!);
      left[v]!++;
      tasks[v]!--;
    }
  };
  walk(0, 0, 0);
  return { max, bestAt };
}

/**
 * A second, independent oracle for bigger cases: successive shortest paths (Bellman–Ford) on the
 * same network. Each augmentation adds one matched request at the least extra cost, so the cost
 * after k augmentations is the cheapest assignment of k requests.
 */
function successiveShortestPaths(graph: ReturnType<typeof buildCandidateGraph>, w: number): number[] {
  const R = graph.requestIds.length;
  const V = graph.volunteerIds.length;
  const S = R + V;
  const T = S + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const out: number[][] = Array.from({ length: T + 1 }, () => []);
  const arc = (u: number, v: number, c: number, k: number) => {
    out[u]!.push(to.length);
    to.push(v);
    cap.push(c);
    cost.push(k);
    out[v]!.push(to.length);
    to.push(u);
    cap.push(0);
    cost.push(-k);
  };
  for (let i = 0; i < R; i++) {
    arc(S, i, 1, 0);
    for (let a = graph.start[i]!; a < graph.start[i + 1]!; a++)
      arc(i, R + graph.volunteer[a]!, 1, graph.metres[a]!);
  }
  for (let v = 0; v < V; v++)
    for (let j = 0; j < graph.capacity[v]!; j++) arc(R + v, T, 1, w * (graph.currentLoad[v]! + j));
  const costs = [0];
  for (;;) {
    const dist = new Array<number>(T + 1).fill(Number.POSITIVE_INFINITY);
    const via = new Array<number>(T + 1).fill(-1);
    dist[S] = 0;
    for (let round = 0; round <= T; round++) {
      let changed = false;
      for (let u = 0; u <= T; u++) {
        if (dist[u] === Number.POSITIVE_INFINITY) continue;
        for (const e of out[u]!) {
          if (cap[e]! > 0 && dist[u]! + cost[e]! < dist[to[e]!]! - 1e-9) {
            dist[to[e]!] = dist[u]! + cost[e]!;
            via[to[e]!] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[T] === Number.POSITIVE_INFINITY) return costs;
    for (let x = T; x !== S; x = to[via[x]! ^ 1]!) {
      cap[via[x]!]!--;
      cap[via[x]! ^ 1]!++;
    }
    costs.push(costs[costs.length - 1]! + dist[T]!);
  }
}

describe('matching strategies', () => {
  it('the optimal strategy matches the most requests, at the least cost, on 60 random cases', () => {
    let beatGreedy = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { requests, volunteers } = instance(seed, 7, 5);
      const options = { candidatesPerRequest: 4, balanceMetresPerTask: 100 };
      const graph = buildCandidateGraph(requests, volunteers, options);
      const { max, bestAt } = bruteForce(graph, 100);
      const optimal = optimalStrategy.propose(requests, volunteers, { ...options, graph });
      const greedy = greedyStrategy.propose(requests, volunteers, { ...options, graph });

      expect(optimal.matched, `seed ${seed}`).toBe(max);
      expect(optimal.stats.objectiveM, `seed ${seed}`).toBeCloseTo(bestAt.get(max)!, 6);
      expect(greedy.matched).toBeLessThanOrEqual(optimal.matched);
      if (optimal.matched > greedy.matched) beatGreedy++;

      // At the greedy's count the optimum is never dearer than the greedy.
      const atCount = proposeAtCount(requests, volunteers, greedy.matched, { ...options, graph });
      expect(atCount.matched).toBe(greedy.matched);
      expect(atCount.stats.objectiveM, `seed ${seed}`).toBeCloseTo(bestAt.get(greedy.matched)!, 6);
      expect(atCount.stats.objectiveM).toBeLessThanOrEqual(greedy.stats.objectiveM + 1e-6);

      // What it proposes can be applied as it is.
      expect(checkProposal(optimal.pairs, requests, volunteers, options)).toEqual([]);
      expect(optimal.pairs.length + optimal.unmatched.length).toBe(requests.length);
    }
    // The cases are not all trivial: somewhere the greedy loses a request the optimum keeps.
    expect(beatGreedy).toBeGreaterThan(0);
  });

  it('agrees with successive shortest paths on 20 cases of 80 requests and 40 volunteers', () => {
    for (let seed = 200; seed < 220; seed++) {
      const { requests, volunteers } = instance(seed, 80, 40);
      const options = { candidatesPerRequest: 6, balanceMetresPerTask: 100 };
      const graph = buildCandidateGraph(requests, volunteers, options);
      const costs = successiveShortestPaths(graph, 100);
      const max = costs.length - 1;
      const optimal = optimalStrategy.propose(requests, volunteers, { ...options, graph });
      expect(optimal.matched, `seed ${seed}`).toBe(max);
      expect(optimal.stats.objectiveM, `seed ${seed}`).toBeCloseTo(costs[max]!, 6);
      const greedy = greedyStrategy.propose(requests, volunteers, { ...options, graph });
      const atCount = proposeAtCount(requests, volunteers, greedy.matched, { ...options, graph });
      expect(atCount.stats.objectiveM, `seed ${seed}`).toBeCloseTo(costs[greedy.matched]!, 6);
    }
  });

  it('with no load-balance term it minimises distance alone', () => {
    for (let seed = 100; seed < 120; seed++) {
      const { requests, volunteers } = instance(seed, 6, 4);
      const options = { candidatesPerRequest: 4, balanceMetresPerTask: 0 };
      const graph = buildCandidateGraph(requests, volunteers, options);
      const { max, bestAt } = bruteForce(graph, 0);
      const p = optimalStrategy.propose(requests, volunteers, { ...options, graph });
      expect(p.matched).toBe(max);
      expect(p.distanceKm * 1000).toBeCloseTo(bestAt.get(max)!, 3);
    }
  });

  it('takes the count over the distance: two requests, one near volunteer each could share', () => {
    // A is near both volunteers; B only reaches v1. The greedy (A first) gives A the nearest (v1)
    // and leaves B alone; the optimum gives A the farther v2 so that B gets v1.
    const requests: MatchRequest[] = [
      { id: 'A', lat: 45.54, lon: 10.21, skills: [] },
      { id: 'B', lat: 45.54, lon: 10.225, skills: [] },
    ];
    const volunteers: MatchVolunteer[] = [
      {
        id: 'v1',
        lat: 45.54,
        lon: 10.215,
        skills: [],
        capacity: 1,
        currentLoad: 0,
        cleared: false,
        maxDistanceKm: 1,
      },
      {
        id: 'v2',
        lat: 45.54,
        lon: 10.2,
        skills: [],
        capacity: 1,
        currentLoad: 0,
        cleared: false,
        maxDistanceKm: 1,
      },
    ];
    const greedy = greedyStrategy.propose(requests, volunteers);
    const optimal = optimalStrategy.propose(requests, volunteers);
    expect(greedy.matched).toBe(1);
    expect(optimal.matched).toBe(2);
    expect(new Map(optimal.pairs.map((p) => [p.requestId, p.volunteerId]))).toEqual(
      new Map([
        ['A', 'v2'],
        ['B', 'v1'],
      ]),
    );
  });

  it('spreads tasks over volunteers by the load-balance term, never at the cost of a match', () => {
    const requests: MatchRequest[] = [1, 2, 3].map((i) => ({
      id: `r${i}`,
      lat: 45.54,
      lon: 10.21 + i * 0.0001,
      skills: [],
    }));
    const near: MatchVolunteer = {
      id: 'near',
      lat: 45.54,
      lon: 10.21,
      skills: [],
      capacity: 3,
      currentLoad: 0,
      cleared: false,
    };
    const farther: MatchVolunteer = { ...near, id: 'farther', lon: 10.2115 };
    const heavy = optimalStrategy.propose(requests, [near, farther], { balanceMetresPerTask: 10_000 });
    const light = optimalStrategy.propose(requests, [near, farther], { balanceMetresPerTask: 0 });
    expect(heavy.matched).toBe(3);
    expect(light.matched).toBe(3);
    expect(light.pairs.every((p) => p.volunteerId === 'near')).toBe(true);
    expect(heavy.stats.maxLoad).toBe(2);
  });

  it('keeps out who lacks a skill, the clearance, the range or capacity', () => {
    const r: MatchRequest = { id: 'r', lat: 45.54, lon: 10.21, skills: ['driving'], needsClearance: true };
    const v: MatchVolunteer = {
      id: 'v',
      lat: 45.541,
      lon: 10.21,
      skills: ['driving'],
      capacity: 1,
      currentLoad: 0,
      cleared: true,
    };
    expect(eligible(r, v)).toBe(true);
    expect(eligible(r, { ...v, skills: ['shopping'] })).toBe(false);
    expect(eligible(r, { ...v, cleared: false })).toBe(false);
    expect(eligible(r, { ...v, capacity: 0 })).toBe(false);
    expect(eligible(r, { ...v, lat: 45.6, maxDistanceKm: 2 })).toBe(false);
    expect(
      eligible(
        { ...r, neighbourhoodCode: 'A' },
        { ...v, neighbourhoodCodes: ['B'] },
        { neighbourhoods: 'restrict' },
      ),
    ).toBe(false);
    expect(
      checkProposal([{ requestId: 'r', volunteerId: 'v', distanceKm: 0.1 }], [r], [{ ...v, cleared: false }]),
    ).toEqual([{ code: 'not_eligible', requestId: 'r', volunteerId: 'v' }]);
    expect(
      checkProposal(
        [
          { requestId: 'r', volunteerId: 'v', distanceKm: 0.1 },
          { requestId: 'r', volunteerId: 'v', distanceKm: 0.1 },
        ],
        [r],
        [v],
      ).map((p) => p.code),
    ).toEqual(['request_twice', 'over_capacity']);
  });

  it('measures distance on the sphere (Brescia to Milan is about 80 km)', () => {
    expect(distanceKm(45.5416, 10.2118, 45.4642, 9.19)).toBeGreaterThan(78);
    expect(distanceKm(45.5416, 10.2118, 45.4642, 9.19)).toBeLessThan(82);
  });
});

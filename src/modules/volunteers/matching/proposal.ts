import { buildCandidateGraph, defaults } from './candidates.ts';
import type { CandidateGraph, MatchOptions, MatchRequest, MatchVolunteer, Proposal } from './types.ts';

/** The options' candidate graph, or a new one. */
export function graphFor(
  requests: readonly MatchRequest[],
  volunteers: readonly MatchVolunteer[],
  options: MatchOptions,
): CandidateGraph {
  const g = options.graph;
  if (!g) return buildCandidateGraph(requests, volunteers, options);
  if (g.requestIds.length !== requests.length || g.volunteerIds.length !== volunteers.length)
    throw new Error('matching: the candidate graph was built for other requests or volunteers');
  return g;
}

export function balanceOf(options: MatchOptions): number {
  const w = options.balanceMetresPerTask ?? defaults.balanceMetresPerTask;
  if (!(w >= 0) || !Number.isFinite(w)) throw new Error('matching: balanceMetresPerTask must be ≥ 0');
  return w;
}

/** Load-balance term of giving `tasks` more to a volunteer holding `load`: w·(load + … + load+tasks−1). */
export const balanceCost = (w: number, load: number, tasks: number): number =>
  w * (tasks * load + (tasks * (tasks - 1)) / 2);

/** A proposal from the arc chosen for each request (−1: none). */
export function toProposal(
  graph: CandidateGraph,
  chosen: Int32Array,
  w: number,
  stats: { strategy: string; solveMs: number } & Record<string, number | string>,
): Proposal {
  const R = graph.requestIds.length;
  const tasks = new Int32Array(graph.volunteerIds.length);
  const pairs: Proposal['pairs'] = [];
  const unmatched: string[] = [];
  let metres = 0;
  let withoutCandidates = 0;
  for (let i = 0; i < R; i++) {
    if (graph.start[i] === graph.start[i + 1]) withoutCandidates++;
    const a = chosen[i]!;
    if (a < 0) {
      unmatched.push(graph.requestIds[i]!);
      continue;
    }
    const v = graph.volunteer[a]!;
    tasks[v]!++;
    metres += graph.metres[a]!;
    pairs.push({
      requestId: graph.requestIds[i]!,
      volunteerId: graph.volunteerIds[v]!,
      distanceKm: graph.metres[a]! / 1000,
    });
  }
  let balance = 0;
  let maxLoad = 0;
  for (let v = 0; v < tasks.length; v++) {
    if (tasks[v]! > graph.capacity[v]!) throw new Error('matching: a volunteer over capacity (bug)');
    balance += balanceCost(w, graph.currentLoad[v]!, tasks[v]!);
    maxLoad = Math.max(maxLoad, graph.currentLoad[v]! + tasks[v]!);
  }
  return {
    pairs,
    unmatched,
    matched: pairs.length,
    distanceKm: metres / 1000,
    stats: {
      ...stats,
      requests: R,
      volunteers: graph.volunteerIds.length,
      candidateArcs: graph.start[R]!,
      candidatesPerRequest: graph.candidatesPerRequest,
      withoutCandidates,
      buildMs: graph.buildMs,
      balanceCostM: balance,
      objectiveM: metres + balance,
      maxLoad,
    },
  };
}

import { optimalAssignment } from './flow.ts';
import { balanceOf, graphFor, toProposal } from './proposal.ts';
import type { CandidateGraph, MatchingStrategy, MatchOptions, Proposal } from './types.ts';

function solve(
  graph: CandidateGraph,
  options: MatchOptions,
  count: number | undefined,
  name: string,
): Proposal {
  const w = balanceOf(options);
  const t0 = performance.now();
  const r = optimalAssignment(graph, w, count);
  return toProposal(graph, r.chosen, w, {
    strategy: name,
    solveMs: performance.now() - t0,
    maxMatchable: r.maxMatchable,
    phases: r.phases,
    pushes: r.pushes,
    relabels: r.relabels,
  });
}

/**
 * The optimal assignment over the candidate graph: as many requests matched as possible; among
 * those assignments, the least distance plus load-balance term. Min-cost flow (see flow.ts).
 */
export const optimalStrategy: MatchingStrategy = {
  name: 'optimal',
  propose(requests, volunteers, options = {}) {
    return solve(graphFor(requests, volunteers, options), options, undefined, 'optimal');
  },
};

/**
 * The cheapest assignment matching exactly `count` requests (at most the most possible): the
 * optimum at another strategy's count, e.g. the greedy's, to compare like with like.
 */
export function proposeAtCount(
  requests: Parameters<MatchingStrategy['propose']>[0],
  volunteers: Parameters<MatchingStrategy['propose']>[1],
  count: number,
  options: MatchOptions = {},
): Proposal {
  return solve(graphFor(requests, volunteers, options), options, count, 'optimal-at-count');
}

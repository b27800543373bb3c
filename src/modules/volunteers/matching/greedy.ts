import { balanceOf, graphFor, toProposal } from './proposal.ts';
import type { CandidateGraph, MatchingStrategy, Proposal } from './types.ts';

/** For each request in id order, the arc to its nearest candidate with capacity left (−1: none). */
export function greedyArcs(graph: CandidateGraph): Int32Array {
  const R = graph.requestIds.length;
  const order = Array.from({ length: R }, (_, i) => i).sort((a, b) => {
    const x = graph.requestIds[a]!;
    const y = graph.requestIds[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const left = graph.capacity.slice();
  const chosen = new Int32Array(R).fill(-1);
  for (const i of order) {
    for (let a = graph.start[i]!; a < graph.start[i + 1]!; a++) {
      const v = graph.volunteer[a]!;
      if (left[v]! > 0) {
        left[v]!--;
        chosen[i] = a;
        break;
      }
    }
  }
  return chosen;
}

/**
 * The baseline: requests one by one in id order, each to its nearest eligible volunteer (among its
 * candidates) who still has capacity. Fast and easy to explain; it can match fewer requests than
 * possible (an early request takes the only volunteer a later one could have had) and travel
 * further (first come, first served).
 */
export const greedyStrategy: MatchingStrategy = {
  name: 'greedy',
  propose(requests, volunteers, options = {}): Proposal {
    const graph = graphFor(requests, volunteers, options);
    const w = balanceOf(options);
    const t0 = performance.now();
    const chosen = greedyArcs(graph);
    return toProposal(graph, chosen, w, { strategy: 'greedy', solveMs: performance.now() - t0 });
  },
};

export { buildCandidateGraph, defaults, distanceKm, eligible, rangeKm } from './candidates.ts';
export { checkProposal, type ProposalProblem } from './check.ts';
export { greedyStrategy } from './greedy.ts';
export { optimalStrategy, proposeAtCount } from './optimal.ts';
export type {
  CandidateGraph,
  MatchingStrategy,
  MatchOptions,
  MatchRequest,
  MatchVolunteer,
  Proposal,
  ProposalPair,
  ProposalStats,
} from './types.ts';

import { greedyStrategy } from './greedy.ts';
import { optimalStrategy } from './optimal.ts';
import type { MatchingStrategy } from './types.ts';

/** The strategies an operator can choose from, by name. */
export const matchingStrategies: Record<string, MatchingStrategy> = {
  [optimalStrategy.name]: optimalStrategy,
  [greedyStrategy.name]: greedyStrategy,
};

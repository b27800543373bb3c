/**
 * Matching open requests for help to available volunteers ("assign all" in an emergency).
 * Pure data: no database. The caller loads requests and volunteers, asks a strategy for a
 * proposal, shows it to the operator and applies only what the operator confirms.
 */

/** An open request waiting for a volunteer. */
export interface MatchRequest {
  id: string;
  lat: number;
  lon: number;
  /** Skills the task needs, all of them (e.g. `shopping`, `medicines`, `driving`). */
  skills: string[];
  /** Only volunteers with a background check (e.g. company for a vulnerable person). */
  needsClearance?: boolean;
  /** The request's neighbourhood; used only when `neighbourhoods: 'restrict'`. */
  neighbourhoodCode?: string;
}

/** A volunteer who can take tasks now. */
export interface MatchVolunteer {
  id: string;
  lat: number;
  lon: number;
  skills: string[];
  /** How many more tasks they can take at once (their limit minus their current load). */
  capacity: number;
  /** Tasks they already hold: the load-balance term makes each further task a little dearer. */
  currentLoad: number;
  /** Background check done. */
  cleared: boolean;
  /** Neighbourhoods they serve; used only when `neighbourhoods: 'restrict'` and non-empty. */
  neighbourhoodCodes?: string[];
  /** How far they go (km, straight line); `defaultMaxDistanceKm` when absent. */
  maxDistanceKm?: number;
}

export interface MatchOptions {
  /**
   * Candidates kept per request: its K nearest eligible volunteers (default 20). Both strategies
   * work on this sparse graph, so "optimal" means optimal over it; see README.md.
   */
  candidatesPerRequest?: number;
  /** Range of a volunteer without `maxDistanceKm` (default 5 km). */
  defaultMaxDistanceKm?: number;
  /**
   * Load balance, in metres per task already held: a volunteer's n-th task (counting their
   * current load) costs `(n - 1) × balanceMetresPerTask` on top of its distance (default 100).
   * 0 = distance only. It never costs a matched request: the count is maximised first.
   */
  balanceMetresPerTask?: number;
  /** `restrict`: a volunteer listing neighbourhoods serves only requests in them (default `ignore`). */
  neighbourhoods?: 'ignore' | 'restrict';
  /** A candidate graph already built for the same requests, volunteers and options (shared, timed apart). */
  graph?: CandidateGraph;
}

export interface ProposalPair {
  requestId: string;
  volunteerId: string;
  /** Straight-line distance, rounded to the metre. */
  distanceKm: number;
}

export interface ProposalStats {
  strategy: string;
  requests: number;
  volunteers: number;
  /** Arcs of the candidate graph (request, eligible volunteer). */
  candidateArcs: number;
  candidatesPerRequest: number;
  /** Requests with no eligible volunteer in range at all. */
  withoutCandidates: number;
  buildMs: number;
  solveMs: number;
  /** Most requests any assignment over the candidate graph can match (optimal strategy). */
  maxMatchable?: number;
  /** Load-balance term of the pairs (metres), as the objective counts it. */
  balanceCostM: number;
  /** Distance + load-balance term (metres): what the optimal strategy minimises at its count. */
  objectiveM: number;
  /** Highest load of a volunteer after the proposal (current load + new tasks). */
  maxLoad: number;
  /** Solver work (optimal strategy): cost-scaling phases, pushes, relabels. */
  phases?: number;
  pushes?: number;
  relabels?: number;
}

/** What a strategy suggests; nothing is applied until the operator confirms. */
export interface Proposal {
  pairs: ProposalPair[];
  /** Ids of the requests left without a volunteer, in input order. */
  unmatched: string[];
  matched: number;
  /** Sum of the pairs' distances (km, each rounded to the metre). */
  distanceKm: number;
  stats: ProposalStats;
}

export interface MatchingStrategy {
  name: string;
  propose(
    requests: readonly MatchRequest[],
    volunteers: readonly MatchVolunteer[],
    options?: MatchOptions,
  ): Proposal;
}

/**
 * The sparse bipartite graph both strategies work on, in typed arrays (CSR by request).
 * Request i's candidates are arcs `start[i] .. start[i+1]-1`, nearest first.
 */
export interface CandidateGraph {
  requestIds: string[];
  volunteerIds: string[];
  start: Int32Array;
  /** Arc → volunteer index. */
  volunteer: Int32Array;
  /** Arc → distance in whole metres. */
  metres: Int32Array;
  /** Volunteer → capacity (0 when not positive). */
  capacity: Int32Array;
  /** Volunteer → current load. */
  currentLoad: Int32Array;
  candidatesPerRequest: number;
  buildMs: number;
}

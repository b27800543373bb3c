import { eligible } from './candidates.ts';
import type { MatchOptions, MatchRequest, MatchVolunteer, ProposalPair } from './types.ts';

export interface ProposalProblem {
  code: 'unknown_request' | 'unknown_volunteer' | 'request_twice' | 'not_eligible' | 'over_capacity';
  requestId?: string;
  volunteerId?: string;
}

/**
 * What is wrong with pairs about to be applied, against the requests and volunteers as they are
 * now: the operator may have edited the proposal, or someone taken a task meanwhile. Empty: fine.
 */
export function checkProposal(
  pairs: readonly ProposalPair[],
  requests: readonly MatchRequest[],
  volunteers: readonly MatchVolunteer[],
  options: MatchOptions = {},
): ProposalProblem[] {
  const requestById = new Map(requests.map((r) => [r.id, r]));
  const volunteerById = new Map(volunteers.map((v) => [v.id, v]));
  const seen = new Set<string>();
  const load = new Map<string, number>();
  const problems: ProposalProblem[] = [];
  for (const { requestId, volunteerId } of pairs) {
    const r = requestById.get(requestId);
    const v = volunteerById.get(volunteerId);
    if (!r) problems.push({ code: 'unknown_request', requestId });
    if (!v) problems.push({ code: 'unknown_volunteer', volunteerId });
    if (seen.has(requestId)) problems.push({ code: 'request_twice', requestId });
    seen.add(requestId);
    if (!r || !v) continue;
    if (!eligible(r, v, options)) problems.push({ code: 'not_eligible', requestId, volunteerId });
    const n = (load.get(volunteerId) ?? 0) + 1;
    load.set(volunteerId, n);
    if (n > Math.max(0, Math.floor(v.capacity)))
      problems.push({ code: 'over_capacity', volunteerId, requestId });
  }
  return problems;
}

export type ProposerKind = 'citizen' | 'group' | 'organisation';
export type ProposalStatus =
  | 'received'
  | 'under_review'
  | 'changes_requested'
  | 'accepted'
  | 'not_accepted'
  | 'withdrawn';

export interface CallDocument {
  code: string;
  label: { it: string; en: string };
  required: boolean;
}

export interface IdeaCall {
  id: string;
  slug: string;
  title: string;
  body: string;
  themes: string[];
  eligible: ProposerKind[];
  documents: CallDocument[];
  table: { id: string; slug: string; name: string };
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
}
export interface IdeaCallPublic extends IdeaCall {
  accepted: { title: string; initiativeSlug: string | null; decidedAt: string | null }[];
}
export interface IdeaCallAdmin extends IdeaCall {
  counts: Record<string, number>;
}

export interface ThematicTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  members: { userId: string; displayName: string; email: string }[];
}

export interface ProposalListItem {
  id: string;
  title: string;
  call: { title: string; slug: string };
  status: ProposalStatus;
  kind: string;
  proposerLabel: string;
  neighbourhoodName: string | null;
  createdAt: string;
  updatedAt: string;
  average: number | null;
  reviews: number;
  reviewedByMe: boolean;
}

export interface Review {
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number>;
  comment: string;
  updatedAt: string;
}

export interface Proposal {
  id: string;
  call: { id: string; slug: string; title: string; documents: CallDocument[] };
  table: { id: string; name: string };
  kind: ProposerKind;
  proposerName: string | null;
  organizationId: string | null;
  proposer: { displayName: string; email: string | null };
  title: string;
  what: string;
  whereText: string;
  neighbourhoodCode: string | null;
  neighbourhoodName: string | null;
  forWhom: string;
  partners: string;
  ask: string;
  status: ProposalStatus;
  reasons: string | null;
  decidedAt: string | null;
  initiative: { id: string; slug: string | null } | null;
  createdAt: string;
  updatedAt: string;
  files: { id: string; documentCode: string | null; fileName: string; contentType: string; bytes: number }[];
  events: {
    id: number;
    at: string;
    kind: string;
    fromStatus: string | null;
    toStatus: string | null;
    public: boolean;
    text: string | null;
    actorName: string | null;
  }[];
  reviews: Review[];
  average: number | null;
  myReview: Review | null;
  viewer: {
    proposer: boolean;
    reviewer: boolean;
    canEdit: boolean;
    canWithdraw: boolean;
    canReview: boolean;
    transitions: ProposalStatus[];
  };
}

export const criteria = ['relevance', 'feasibility', 'involvement', 'sustainability'] as const;

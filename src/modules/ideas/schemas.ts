import { z } from 'zod';
import { proposerKinds } from './service-calls.ts';
import { criteria, proposalStatuses } from './service-proposals.ts';

export const text = (max: number) => z.string().trim().max(max);
const req = (min: number, max: number) => z.string().trim().min(min).max(max);

export const CallDocument = z
  .object({
    code: z.string().regex(/^[a-z0-9_-]{1,40}$/),
    label: z.object({ it: req(2, 200), en: req(2, 200) }),
    required: z.boolean(),
  })
  .strict();

export const CallInput = z
  .object({
    title: req(5, 200),
    body: req(20, 10_000),
    themes: z.array(req(2, 60)).max(20).default([]),
    eligible: z.array(z.enum(proposerKinds)).min(1).max(3),
    documents: z.array(CallDocument).max(10).default([]),
    tableId: z.uuid(),
  })
  .strict()
  .meta({ id: 'IdeaCallBody' });

const TableRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export const Call = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    body: z.string(),
    themes: z.array(z.string()),
    eligible: z.array(z.enum(proposerKinds)),
    documents: z.array(CallDocument),
    table: TableRef,
    status: z.enum(['open', 'closed']),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'IdeaCall' });
export const CallAdmin = Call.extend({ counts: z.record(z.string(), z.number()) }).meta({
  id: 'IdeaCallAdmin',
});
export const CallPublic = Call.extend({
  accepted: z.array(
    z.object({ title: z.string(), initiativeSlug: z.string().nullable(), decidedAt: z.string().nullable() }),
  ),
}).meta({ id: 'IdeaCallPublic' });

const Member = z.object({ userId: z.string(), displayName: z.string(), email: z.string() });
export const Table = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    members: z.array(Member),
  })
  .meta({ id: 'ThematicTable' });
export const TableInput = z
  .object({ name: req(3, 120), description: text(2000).default('') })
  .strict()
  .meta({ id: 'ThematicTableBody' });

export const FileInput = z
  .object({
    documentCode: z.string().max(40).nullable().optional(),
    fileName: req(1, 255),
    contentBase64: z.string().describe('The file, base64-encoded (a data: URL prefix is accepted)'),
  })
  .strict();

const proposalFields = {
  kind: z.enum(proposerKinds),
  proposerName: text(200).nullable().optional(),
  organizationId: z.string().max(100).nullable().optional(),
  title: req(5, 200),
  what: req(20, 5000),
  whereText: req(3, 500),
  neighbourhoodCode: z.string().trim().max(60).nullable().optional(),
  forWhom: req(5, 2000),
  partners: text(2000).default(''),
  ask: req(5, 3000),
};

export const ProposalInput = z
  .object({ callId: z.uuid(), ...proposalFields, files: z.array(FileInput).max(50).default([]) })
  .strict()
  .meta({ id: 'ProposalBody' });
export const ProposalEdit = z
  .object({
    ...proposalFields,
    files: z.array(FileInput).max(50).default([]),
    removeFileIds: z.array(z.uuid()).max(50).default([]),
  })
  .strict()
  .meta({ id: 'ProposalEdit' });

const score = z.number().int().min(0).max(5);
export const ReviewInput = z
  .object({
    scores: z
      .object(
        Object.fromEntries(criteria.map((c) => [c, score])) as Record<
          (typeof criteria)[number],
          typeof score
        >,
      )
      .strict(),
    comment: text(5000).default(''),
  })
  .strict()
  .meta({ id: 'ProposalReviewBody' });

export const StatusInput = z
  .object({
    to: z.enum(['under_review', 'changes_requested', 'accepted', 'not_accepted']),
    reasons: text(5000).optional(),
    initiative: z
      .object({
        neighbourhoodCode: z.string().trim().max(60).optional(),
        startsOn: z.iso.date().optional(),
        programmePart: z.string().max(40).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'ProposalStatusBody' });

const Status = z.enum(proposalStatuses);
export const ProposalListItem = z
  .object({
    id: z.string(),
    title: z.string(),
    call: z.object({ title: z.string(), slug: z.string() }),
    status: Status,
    kind: z.string(),
    proposerLabel: z.string(),
    neighbourhoodName: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    average: z.number().nullable(),
    reviews: z.number(),
    reviewedByMe: z.boolean(),
  })
  .meta({ id: 'ProposalListItem' });

export const Proposal = z
  .object({
    id: z.string(),
    call: z.object({ id: z.string(), slug: z.string(), title: z.string(), documents: z.array(CallDocument) }),
    table: z.object({ id: z.string(), name: z.string() }),
    kind: z.enum(proposerKinds),
    proposerName: z.string().nullable(),
    organizationId: z.string().nullable(),
    proposer: z.object({ displayName: z.string(), email: z.string().nullable() }),
    title: z.string(),
    what: z.string(),
    whereText: z.string(),
    neighbourhoodCode: z.string().nullable(),
    neighbourhoodName: z.string().nullable(),
    forWhom: z.string(),
    partners: z.string(),
    ask: z.string(),
    status: Status,
    reasons: z.string().nullable(),
    decidedAt: z.string().nullable(),
    initiative: z.object({ id: z.string(), slug: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    files: z.array(
      z.object({
        id: z.string(),
        documentCode: z.string().nullable(),
        fileName: z.string(),
        contentType: z.string(),
        bytes: z.number(),
        createdAt: z.string(),
      }),
    ),
    events: z.array(
      z.object({
        id: z.number(),
        at: z.string(),
        kind: z.string(),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        public: z.boolean(),
        text: z.string().nullable(),
        actorName: z.string().nullable(),
      }),
    ),
    reviews: z.array(
      z.object({
        reviewerId: z.string(),
        reviewerName: z.string(),
        scores: z.record(z.string(), z.number()),
        comment: z.string(),
        updatedAt: z.string(),
      }),
    ),
    average: z.number().nullable(),
    myReview: z
      .object({
        reviewerId: z.string(),
        reviewerName: z.string(),
        scores: z.record(z.string(), z.number()),
        comment: z.string(),
        updatedAt: z.string(),
      })
      .nullable(),
    viewer: z.object({
      proposer: z.boolean(),
      reviewer: z.boolean(),
      canEdit: z.boolean(),
      canWithdraw: z.boolean(),
      canReview: z.boolean(),
      transitions: z.array(Status),
    }),
  })
  .meta({ id: 'Proposal' });

export const Person = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
});

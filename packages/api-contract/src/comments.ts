import { Type, type Static } from "typebox";
import { maxEncodedAnchorLength } from "@accord/collab";
import { errorAnswers, policyChange, policyRead } from "./errors.js";
import { PersonSchema } from "./people.js";
import { AffiliationSchema, PolicyIdParams } from "./policies.js";
import {
  Closed,
  MultiLineTextSchema,
  Nullable,
  NullableString,
  TimestampSchema,
  UuidSchema,
  WrittenTextSchema,
  type Endpoint,
} from "./schema-kit.js";

/** Who hid a comment, when and why; shown to everyone who reads the thread. */
export const HiddenMarkSchema = Closed({ by: PersonSchema, at: TimestampSchema, reason: Type.String() });
export type HiddenMark = Static<typeof HiddenMarkSchema>;

/** One comment of a thread. Its body is null once it is deleted or hidden; the comment stays. */
export const CommentSchema = Closed({
  id: Type.String(),
  threadId: Type.String(),
  author: PersonSchema,
  body: Nullable(Type.String(), { description: "null once deleted or hidden" }),
  mentions: Type.Array(PersonSchema),
  createdAt: TimestampSchema,
  editedAt: NullableString,
  deleted: Type.Boolean(),
  hidden: Nullable(HiddenMarkSchema),
});
export type CommentView = Static<typeof CommentSchema>;

/** Where a thread sits in the draft: both ends as base64 of `Y.encodeRelativePosition`. */
export const ThreadAnchorSchema = Closed({ start: Type.String(), end: Type.String() });
export type ThreadAnchor = Static<typeof ThreadAnchorSchema>;

/** Whether a thread is still under discussion. */
export const ThreadStatusSchema = Type.Enum(["open", "resolved"]);
export type ThreadStatus = Static<typeof ThreadStatusSchema>;

/** A comment thread anchored to a range of the draft, with its comments oldest first. */
export const ThreadSchema = Closed({
  id: Type.String(),
  policyId: Type.String(),
  anchor: ThreadAnchorSchema,
  quote: Type.String({ description: "the words the thread is on as the draft holds them now (as quoted, once deleted)" }),
  originalQuote: Type.String({ description: "the words as quoted when the thread was started" }),
  onDeletedText: Type.Boolean(),
  status: ThreadStatusSchema,
  createdAt: TimestampSchema,
  createdBy: PersonSchema,
  resolvedAt: NullableString,
  resolvedBy: Nullable(PersonSchema),
  comments: Type.Array(CommentSchema),
});
export type ThreadView = Static<typeof ThreadSchema>;

const encodedPosition = Type.String({ minLength: 1, maxLength: maxEncodedAnchorLength, description: "base64 of Y.encodeRelativePosition" });
const CommentBody = WrittenTextSchema(5000);
const Mentions = Type.Array(UuidSchema, { maxItems: 20, description: "user ids of people who can read the policy" });

/** What starts a thread: where, and its first comment (with the ids of the people it mentions). */
export const NewThreadSchema = Type.Object(
  {
    anchor: Type.Object({ start: encodedPosition, end: encodedPosition }, { additionalProperties: false }),
    quote: Type.Optional(
      MultiLineTextSchema({ minLength: 1, maxLength: 1000, description: "ignored; the server takes the quote from the draft" }),
    ),
    body: CommentBody,
    mentions: Type.Optional(Mentions),
  },
  { additionalProperties: false },
);
export type NewThread = Static<typeof NewThreadSchema>;

/** The text of a comment or reply, with the ids of the people it mentions. */
export const CommentInputSchema = Type.Object({ body: CommentBody, mentions: Type.Optional(Mentions) }, { additionalProperties: false });
export type CommentInput = Static<typeof CommentInputSchema>;

/** Which threads to list. */
export const ThreadQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(["open", "resolved", "all"])),
    mine: Type.Optional(Type.Boolean({ description: "threads I started, replied in or am mentioned in" })),
    affiliation: Type.Optional(AffiliationSchema),
  },
  { additionalProperties: false },
);

const ThreadParams = Type.Object({ policyId: PolicyIdParams.properties.policyId, threadId: UuidSchema });
const CommentParams = Type.Object({ ...ThreadParams.properties, commentId: UuidSchema });
const ThreadAnswer = Closed({ thread: ThreadSchema });
const CommentAnswer = Closed({ comment: CommentSchema });
// 409 comment_gone, thread_already_resolved, thread_not_resolved; 403 someone else's comment.
const commentChange = [...policyChange, 409] as const;

/** Comment threads on a policy's draft: list, start, reply, edit, delete, resolve, reopen, hide. */
export const commentEndpoints = {
  /** GET /api/policies/:policyId/threads */
  list: {
    params: PolicyIdParams,
    querystring: ThreadQuery,
    response: { 200: Closed({ threads: Type.Array(ThreadSchema) }), ...errorAnswers(...policyRead) },
  },
  /** POST /api/policies/:policyId/threads: 400 when the anchor covers no text of the draft. */
  start: { params: PolicyIdParams, body: NewThreadSchema, response: { 201: ThreadAnswer, ...errorAnswers(...policyChange) } },
  /** POST /api/policies/:policyId/threads/:threadId/comments */
  reply: { params: ThreadParams, body: CommentInputSchema, response: { 201: CommentAnswer, ...errorAnswers(...commentChange) } },
  /** PATCH /api/policies/:policyId/threads/:threadId/comments/:commentId: my own comment only. */
  edit: { params: CommentParams, body: CommentInputSchema, response: { 200: CommentAnswer, ...errorAnswers(...commentChange) } },
  /** DELETE /api/policies/:policyId/threads/:threadId/comments/:commentId */
  delete: { params: CommentParams, response: { 200: CommentAnswer, ...errorAnswers(...commentChange) } },
  /** POST /api/policies/:policyId/threads/:threadId/resolve */
  resolve: { params: ThreadParams, response: { 200: ThreadAnswer, ...errorAnswers(...commentChange) } },
  /** POST /api/policies/:policyId/threads/:threadId/reopen */
  reopen: { params: ThreadParams, response: { 200: ThreadAnswer, ...errorAnswers(...commentChange) } },
  /** POST /api/policies/:policyId/threads/:threadId/comments/:commentId/hide: the facilitator's, with a reason. */
  hide: {
    params: CommentParams,
    body: Type.Object({ reason: WrittenTextSchema(500) }, { additionalProperties: false }),
    response: { 200: CommentAnswer, ...errorAnswers(...commentChange) },
  },
} satisfies Record<string, Endpoint>;

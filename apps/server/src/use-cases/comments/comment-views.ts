import * as Y from "yjs";
import type { Kysely } from "kysely";
import { decodeCommentAnchor, DraftAnchors } from "@accord/collab";
import type { Database } from "../../storage/database.js";
import { findCommentsOfThreads, type CommentRow, type CommentThreadRow } from "../../storage/comments.js";
import { findPeopleOnPolicy, personFor, type Person } from "../../storage/people.js";
import { threadQuote } from "./thread-quote.js";

/** A comment as the API shows it. Its body is null once it is deleted or hidden; the row stays. */
export interface CommentView {
  id: string;
  threadId: string;
  author: Person;
  body: string | null;
  mentions: Person[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: { by: Person; at: string; reason: string } | null;
}

/** A thread as the API shows it, with its comments oldest first. */
export interface ThreadView {
  id: string;
  policyId: string;
  anchor: { start: string; end: string };
  /**
   * The words the thread is on as the draft holds them now (its anchor follows the text as people
   * edit); the original quote once that text is deleted, so a thread always says what it is about.
   */
  quote: string;
  /** The words the thread was started on, as quoted then; differs from `quote` once they were retyped. */
  originalQuote: string;
  /** True when the commented text no longer exists in the draft: the quote says what it was. */
  onDeletedText: boolean;
  status: "open" | "resolved";
  createdAt: string;
  createdBy: Person;
  resolvedAt: string | null;
  resolvedBy: Person | null;
  comments: CommentView[];
}

/** Runs `use` over the anchors of one state of a draft, then frees its Yjs document. */
export function withDraftAnchors<T>(state: Uint8Array, use: (anchors: DraftAnchors) => T): T {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return use(new DraftAnchors(ydoc));
  } finally {
    ydoc.destroy();
  }
}

/**
 * What each thread's anchor covers in one state of the draft: its words now (cut and made storable as
 * a new thread's quote is), or null when that text no longer exists. Decodes the draft once for all of
 * them. Without a draft, every thread is on deleted text.
 */
export function threadTextsNow(state: Uint8Array | undefined, threads: readonly CommentThreadRow[]): Map<string, string | null> {
  if (threads.length === 0) return new Map();
  if (!state) return new Map(threads.map((thread) => [thread.id, null]));
  return withDraftAnchors(state, (anchors) => {
    const texts = new Map<string, string | null>();
    for (const thread of threads) {
      let text: string | null;
      try {
        const range = anchors.resolve(decodeCommentAnchor({ start: thread.anchor_start, end: thread.anchor_end }));
        const covered = range ? anchors.textOf(range) : "";
        // Both ends of deleted text fall together where it was: nothing covered is deleted text.
        text = covered.length > 0 ? threadQuote(covered) : null;
      } catch {
        // Stored anchors were checked when the thread began; one that no longer decodes anchors nothing.
        text = null;
      }
      texts.set(thread.id, text);
    }
    return texts;
  });
}

const iso = (value: Date) => new Date(value).toISOString();

// Accounts are never removed: the stand-in for an unknown id only keeps a view whole.
const personFrom = (people: ReadonlyMap<string, Person>, userId: string): Person => personFor(people, userId, null);

function userIdsOf(comment: CommentRow): string[] {
  return [comment.author_id, ...comment.mentions, ...(comment.hidden_by ? [comment.hidden_by] : [])];
}

function toCommentView(comment: CommentRow, people: ReadonlyMap<string, Person>): CommentView {
  const shown = comment.deleted_at === null && comment.hidden_at === null;
  return {
    id: comment.id,
    threadId: comment.thread_id,
    author: personFrom(people, comment.author_id),
    body: shown ? comment.body : null,
    mentions: shown ? comment.mentions.map((userId) => personFrom(people, userId)) : [],
    createdAt: iso(comment.created_at),
    editedAt: comment.edited_at ? iso(comment.edited_at) : null,
    deleted: comment.deleted_at !== null,
    hidden:
      comment.hidden_at && comment.hidden_by && comment.hidden_reason !== null
        ? { by: personFrom(people, comment.hidden_by), at: iso(comment.hidden_at), reason: comment.hidden_reason }
        : null,
  };
}

/** The views of one comment, with the people it names. */
export async function buildCommentView(db: Kysely<Database>, policyId: string, comment: CommentRow): Promise<CommentView> {
  return toCommentView(comment, await findPeopleOnPolicy(db, policyId, userIdsOf(comment)));
}

/**
 * The views of these threads with their comments. `textsNow` (see threadTextsNow) holds each thread's
 * words in the draft now, null for one on deleted text; a thread it leaves out is shown as quoted (a
 * thread just started, whose text was read a moment ago).
 */
export async function buildThreadViews(
  db: Kysely<Database>,
  policyId: string,
  threads: readonly CommentThreadRow[],
  textsNow: ReadonlyMap<string, string | null>,
): Promise<ThreadView[]> {
  const comments = await findCommentsOfThreads(
    db,
    threads.map((thread) => thread.id),
  );
  const people = await findPeopleOnPolicy(db, policyId, [
    ...threads.flatMap((thread) => [thread.created_by, ...(thread.resolved_by ? [thread.resolved_by] : [])]),
    ...comments.flatMap(userIdsOf),
  ]);
  const commentsByThread = new Map<string, CommentView[]>();
  for (const comment of comments) {
    const list = commentsByThread.get(comment.thread_id) ?? [];
    list.push(toCommentView(comment, people));
    commentsByThread.set(comment.thread_id, list);
  }
  return threads.map((thread) => ({
    id: thread.id,
    policyId: thread.policy_id,
    anchor: { start: thread.anchor_start, end: thread.anchor_end },
    quote: textsNow.get(thread.id) ?? thread.quote,
    originalQuote: thread.quote,
    onDeletedText: textsNow.get(thread.id) === null,
    status: thread.resolved_at ? "resolved" : "open",
    createdAt: iso(thread.created_at),
    createdBy: personFrom(people, thread.created_by),
    resolvedAt: thread.resolved_at ? iso(thread.resolved_at) : null,
    resolvedBy: thread.resolved_by ? personFrom(people, thread.resolved_by) : null,
    comments: commentsByThread.get(thread.id) ?? [],
  }));
}

import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from "kysely";
import type { Affiliation } from "@accord/domain";
import type { Database } from "./database.js";
import type { CommentThreadsTable, CommentsTable } from "./tables/comments.js";

export type CommentThreadRow = Selectable<CommentThreadsTable>;
export type CommentRow = Selectable<CommentsTable>;

/** A new comment: its mentions as a plain array (stored as jsonb). */
export type NewCommentRow = Omit<Insertable<CommentsTable>, "mentions"> & { mentions: readonly string[] };

/** Which threads a list shows. */
export interface ThreadFilter {
  status: "open" | "resolved" | "all";
  /** Only threads this user started, replied in or is mentioned in. */
  involving?: string;
  /** Only threads started by a member of this affiliation (in the policy's working group). */
  startedByAffiliation?: Affiliation;
}

// pg would send a JavaScript array as a PostgreSQL array, not JSON: jsonb values go as JSON text.
const jsonb = (value: readonly string[]) => JSON.stringify(value) as unknown as string[];

/** Stores a new thread (its first comment is inserted beside it, in the same transaction). */
export async function insertThread(db: Kysely<Database>, thread: Insertable<CommentThreadsTable>): Promise<CommentThreadRow> {
  return db.insertInto("comment_threads").values(thread).returningAll().executeTakeFirstOrThrow();
}

/** Stores a comment: a thread's first or a reply. */
export async function insertComment(db: Kysely<Database>, comment: NewCommentRow): Promise<CommentRow> {
  return db
    .insertInto("comments")
    .values({ ...comment, mentions: jsonb(comment.mentions) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A thread of this policy (a thread of another policy is not found here). */
export async function findThread(db: Kysely<Database>, policyId: string, threadId: string): Promise<CommentThreadRow | undefined> {
  return db.selectFrom("comment_threads").selectAll().where("id", "=", threadId).where("policy_id", "=", policyId).executeTakeFirst();
}

/** A comment of this thread. */
export async function findComment(db: Kysely<Database>, threadId: string, commentId: string): Promise<CommentRow | undefined> {
  return db.selectFrom("comments").selectAll().where("id", "=", commentId).where("thread_id", "=", threadId).executeTakeFirst();
}

/** The threads of a policy that pass the filter, oldest first. */
export async function findThreadsOfPolicy(db: Kysely<Database>, policyId: string, filter: ThreadFilter): Promise<CommentThreadRow[]> {
  let query = db.selectFrom("comment_threads").selectAll().where("comment_threads.policy_id", "=", policyId);
  if (filter.status === "open") query = query.where("comment_threads.resolved_at", "is", null);
  if (filter.status === "resolved") query = query.where("comment_threads.resolved_at", "is not", null);
  const userId = filter.involving;
  if (userId !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb("comment_threads.created_by", "=", userId),
        eb.exists(
          eb
            .selectFrom("comments")
            .select(sql`1`.as("one"))
            .whereRef("comments.thread_id", "=", "comment_threads.id")
            .where((inner) =>
              inner.or([inner("comments.author_id", "=", userId), sql<boolean>`comments.mentions @> ${JSON.stringify([userId])}::jsonb`]),
            ),
        ),
      ]),
    );
  }
  const affiliation = filter.startedByAffiliation;
  if (affiliation !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("policy_members")
          .select(sql`1`.as("one"))
          .whereRef("policy_members.policy_id", "=", "comment_threads.policy_id")
          .whereRef("policy_members.user_id", "=", "comment_threads.created_by")
          .where("policy_members.affiliation", "=", affiliation),
      ),
    );
  }
  return query.orderBy("comment_threads.created_at").orderBy("comment_threads.id").execute();
}

/** The comments of these threads, oldest first. */
export async function findCommentsOfThreads(db: Kysely<Database>, threadIds: readonly string[]): Promise<CommentRow[]> {
  if (threadIds.length === 0) return [];
  return db
    .selectFrom("comments")
    .selectAll()
    .where("thread_id", "in", [...threadIds])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * Changes a comment that is still shown (neither deleted nor hidden); undefined when it no longer is.
 * The condition sits in the UPDATE itself, so an edit racing a delete or a hide cannot win after it.
 */
export async function updateShownComment(
  db: Kysely<Database>,
  commentId: string,
  update: Omit<Updateable<CommentsTable>, "mentions"> & { mentions?: readonly string[] },
): Promise<CommentRow | undefined> {
  const { mentions, ...rest } = update;
  return db
    .updateTable("comments")
    .set({ ...rest, ...(mentions ? { mentions: jsonb(mentions) } : {}) })
    .where("id", "=", commentId)
    .where("deleted_at", "is", null)
    .where("hidden_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

/** Marks an open thread resolved; undefined when it was already resolved (the check and the change are one). */
export async function markThreadResolved(
  db: Kysely<Database>,
  threadId: string,
  resolvedBy: string,
  at: Date,
): Promise<CommentThreadRow | undefined> {
  return db
    .updateTable("comment_threads")
    .set({ resolved_at: at, resolved_by: resolvedBy })
    .where("id", "=", threadId)
    .where("resolved_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

/** Reopens a resolved thread; undefined when it was open. */
export async function markThreadOpen(db: Kysely<Database>, threadId: string): Promise<CommentThreadRow | undefined> {
  return db
    .updateTable("comment_threads")
    .set({ resolved_at: null, resolved_by: null })
    .where("id", "=", threadId)
    .where("resolved_at", "is not", null)
    .returningAll()
    .executeTakeFirst();
}

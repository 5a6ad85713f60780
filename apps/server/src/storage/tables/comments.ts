// The tables of the comments aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/comments.ts` builds its
// row types and queries on them.

/** The `comment_threads` table: a conversation anchored to a range of a policy's draft. */
export interface CommentThreadsTable {
  id: string;
  policy_id: string;
  /** Base64 of an encoded Yjs relative position: where the commented text starts. */
  anchor_start: string;
  /** Base64 of an encoded Yjs relative position: where the commented text ends. */
  anchor_end: string;
  /** The commented text as it was when the thread began. */
  quote: string;
  created_by: string;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
}

/** The `comments` table: the first comment of a thread and its replies. Rows are never removed. */
export interface CommentsTable {
  id: string;
  thread_id: string;
  author_id: string;
  body: string;
  /** The mentioned user ids (jsonb array). */
  mentions: string[];
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: string | null;
}

// The tables of the comment-periods aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/comment-periods.ts` builds its
// row types and queries on them.

import type { Generated } from "kysely";

/** The `comment_periods` table: a public comment period on one saved version of a policy. */
export interface CommentPeriodsTable {
  id: string;
  policy_id: string;
  version_number: number;
  content_hash: string;
  opens_at: Date;
  /** The closing time now (after any extension). */
  closes_at: Date;
  allow_anonymous: boolean;
  allow_verified_email: boolean;
  allow_signed_in: boolean;
  allow_organisation: boolean;
  created_by: string;
  created_at: Date;
}

/** The `comment_period_extensions` table: each extension of a period, with its reason. */
export interface CommentPeriodExtensionsTable {
  id: string;
  period_id: string;
  previous_closes_at: Date;
  closes_at: Date;
  reason: string;
  extended_by: string;
  extended_at: Date;
}

/** The `public_comments` table: the public's comments, never removed. `email` and `address_hash` are private. */
export interface PublicCommentsTable {
  id: string;
  period_id: string;
  section: string;
  body: string;
  quote: string;
  display_name: string;
  organisation: string;
  commenter_kind: "anonymous" | "verified_email" | "signed_in";
  user_id: string | null;
  email: string | null;
  address_hash: string;
  duplicate_key: string;
  status: "unverified" | "pending" | "published" | "held" | "rejected" | "withdrawn";
  received_at: Date;
  verify_token_hash: string | null;
  withdraw_token_hash: string | null;
  verified_at: Date | null;
  withdrawn_at: Date | null;
  moderated_by: string | null;
  moderated_at: Date | null;
  rejection_reason: string | null;
  answered_in_section: string | null;
  no_response_reason: string | null;
}

/** The `public_comment_emails` table: the verification e-mails' outbox. */
export interface PublicCommentEmailsTable {
  id: string;
  comment_id: string;
  recipient: string;
  subject: string;
  text_body: string;
  created_at: Date;
  status: Generated<"pending" | "sent" | "failed">;
  attempts: Generated<number>;
  sent_at: Date | null;
  claimed_until: Date | null;
}

/** The `comment_period_responses` table: the working group's response per section. */
export interface CommentPeriodResponsesTable {
  period_id: string;
  section: string;
  response: string;
  written_by: string;
  written_at: Date;
}

/** The `comment_period_proposals` table: which period a proposal answered. */
export interface CommentPeriodProposalsTable {
  proposal_id: string;
  period_id: string;
}

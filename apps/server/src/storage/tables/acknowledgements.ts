// The tables of the acknowledgements aggregate as Kysely sees them: column names and types, nothing
// else. A leaf file: `storage/database.ts` lists them in `Database`, and `storage/acknowledgements.ts`
// builds its row types and queries on them.

import type { AssignmentStatus, CampaignAudience, Quiz, ReminderKind } from "@accord/domain";
import type { Generated } from "kysely";

/** The `acknowledgement_campaigns` table: one published version (by hash) assigned to an audience. */
export interface AcknowledgementCampaignsTable {
  id: string;
  policy_id: string;
  version_number: number;
  content_hash: string;
  title: string;
  audience: CampaignAudience;
  /** YYYY-MM-DD. */
  due_date: string;
  quiz: Quiz | null;
  /** Replaced when a newer version of the policy was published (its successor is `replaced_by`). */
  status: Generated<"open" | "replaced">;
  replaced_by: string | null;
  created_by: string | null;
  created_at: Date;
}

/** The `acknowledgement_assignments` table: one person asked to acknowledge one version. */
export interface AcknowledgementAssignmentsTable {
  id: string;
  campaign_id: string;
  user_id: string;
  policy_id: string;
  version_number: number;
  content_hash: string;
  due_date: string;
  status: Generated<AssignmentStatus>;
  assigned_at: Date;
  closed_at: Date | null;
}

/** The `acknowledgement_quiz_attempts` table: every attempt, kept. */
export interface AcknowledgementQuizAttemptsTable {
  id: string;
  assignment_id: string;
  user_id: string;
  answers: number[];
  correct: number;
  total: number;
  passed: boolean;
  attempted_at: Date;
}

/** The `acknowledgements` table: immutable (a trigger refuses changes); each is also an audit event. */
export interface AcknowledgementsTable {
  id: string;
  assignment_id: string;
  user_id: string;
  policy_id: string;
  version_number: number;
  content_hash: string;
  statement: string;
  acknowledged_at: Date;
}

/** The `acknowledgement_reminders` table: one row per reminder sent; the key makes each one once. */
export interface AcknowledgementRemindersTable {
  assignment_id: string;
  kind: ReminderKind;
  sent_at: Date;
}

/** The `acknowledgement_editorial_versions` table: versions that need no new acknowledgement, and why. */
export interface AcknowledgementEditorialVersionsTable {
  policy_id: string;
  version_number: number;
  reason: string;
  marked_by: string | null;
  marked_at: Date;
}

/** The `acknowledgement_public_counts` table: whether a policy's public page shows the counts. */
export interface AcknowledgementPublicCountsTable {
  policy_id: string;
  enabled: boolean;
  changed_by: string | null;
  changed_at: Date;
}

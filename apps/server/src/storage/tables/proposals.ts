// The tables of the proposals aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/proposals.ts` builds its
// row types and queries on them.

import type { ProposalStage, ProposalState } from "@accord/workflow";

/** The `proposals` table: the workflow state stored whole, with the columns queries need beside it. */
export interface ProposalsTable {
  id: string;
  policy_id: string;
  version_number: number;
  content_hash: string;
  stage: ProposalStage;
  state: ProposalState;
  created_at: Date;
  updated_at: Date;
}

/** The `publications` table: immutable; the newest row of a policy is its current published version. */
export interface PublicationsTable {
  id: string;
  policy_id: string;
  version_number: number;
  content_hash: string;
  proposal_id: string;
  effective_date: string;
  published_at: Date;
  published_by: string | null;
  /** The policy's title as published: what the public sees of this publication, whatever is edited later. */
  title: string;
  /** The policy's summary as published, likewise. */
  summary: string;
}

import { AccordError } from "@accord/domain";
import { diffPolicyDocuments } from "@accord/policy-diff";
import { canonicalizeDocument, documentToPlainText, type CanonicalDocument, type PolicyNodeJSON } from "@accord/policy-schema";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import { decodeDraftContent } from "../../drafts/yjs-draft.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import type { Database } from "../../storage/database.js";
import {
  findLatestVersion,
  findVersionNumberWithHash,
  insertVersion,
  lockVersionNumbering,
  type PolicyVersionRow,
  type VersionSummaryRow,
} from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** Words in a document's text, as people count them. */
function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A version about to be written: the draft's state, its canonical form, and who saves it, when and why. */
export interface NextVersion {
  policyId: string;
  state: Uint8Array;
  canonical: CanonicalDocument;
  label: string;
  note: string;
  author: CurrentUser;
  at: Date;
}

/** The draft's state as a version would hold it: its canonical JSON and content hash. */
export function canonicalDraft(state: Uint8Array): CanonicalDocument {
  return canonicalizeDocument(decodeDraftContent(state));
}

/**
 * Writes the next version of a policy in the caller's transaction, with its `version.saved` audit
 * event, unless its text is exactly that of the latest version (or, `unlessKeptByAny`, of any version):
 * then it writes nothing and says which version keeps it. The number is taken under the policy's
 * version lock, held until the transaction ends, so that two saves at once (a double click, two
 * editors, a save beside a restore) number one after the other and the second sees the first.
 */
export async function writeNextVersion(
  trx: Kysely<Database>,
  next: NextVersion,
  unlessKeptByAny = false,
): Promise<{ saved: PolicyVersionRow } | { unchangedSince: number }> {
  await lockVersionNumbering(trx, next.policyId);
  const latest = await findLatestVersion(trx, next.policyId);
  if (latest?.content_hash === next.canonical.hash) return { unchangedSince: latest.number };
  const keptBy = unlessKeptByAny && latest ? await findVersionNumberWithHash(trx, next.policyId, next.canonical.hash) : undefined;
  if (keptBy !== undefined) return { unchangedSince: keptBy };
  const wordCount = countWords(documentToPlainText(next.canonical.node));
  const stats = latest
    ? diffPolicyDocuments(JSON.parse(latest.canonical_json) as PolicyNodeJSON, JSON.parse(next.canonical.json) as PolicyNodeJSON).stats
    : null;
  const version = await insertVersion(trx, {
    id: crypto.randomUUID(),
    policy_id: next.policyId,
    number: (latest?.number ?? 0) + 1,
    label: next.label.trim(),
    note: next.note.trim(),
    author_id: next.author.id,
    created_at: next.at,
    canonical_json: next.canonical.json,
    content_hash: next.canonical.hash,
    yjs_state: next.state,
    word_count: wordCount,
    words_added: stats ? stats.wordsInserted : wordCount,
    words_removed: stats ? stats.wordsDeleted : 0,
  });
  await appendAuditEvent(trx, {
    occurredAt: next.at,
    actorId: next.author.id,
    action: "version.saved",
    subjectType: "policy",
    subjectId: next.policyId,
    payload: { versionNumber: version.number, contentHash: version.content_hash, label: version.label },
  });
  return { saved: version };
}

/** A version just written, with its author's name, as listings show it. */
export function savedVersionSummary(row: PolicyVersionRow, author: CurrentUser): VersionSummaryRow {
  return {
    number: row.number,
    label: row.label,
    note: row.note,
    author_id: author.id,
    author_name: author.displayName,
    created_at: row.created_at,
    content_hash: row.content_hash,
    word_count: row.word_count,
    words_added: row.words_added,
    words_removed: row.words_removed,
  };
}

/**
 * Saves the committed draft as the policy's next version: its canonical JSON, the SHA-256 of that, the
 * Yjs state it can be restored from, and how much changed since the previous version. Saving a draft
 * identical to the latest version is refused (a double click makes one version, not two).
 */
export async function saveVersion(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  input: { label: string; note?: string },
): Promise<VersionSummaryRow> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "version.save");
  const state = await ctx.liveDrafts.committedState(policy.id);
  if (!state) throw new AccordError("not_found", "This policy has no draft to save.");
  const next = {
    policyId: policy.id,
    state,
    canonical: canonicalDraft(state),
    label: input.label,
    note: input.note ?? "",
    author: actor,
    at: ctx.now(),
  };
  const written = await ctx.db.transaction().execute((trx) => writeNextVersion(trx, next));
  if ("unchangedSince" in written) {
    throw new AccordError("version_unchanged", `The draft has not changed since version ${written.unchangedSince}.`);
  }
  return savedVersionSummary(written.saved, actor);
}

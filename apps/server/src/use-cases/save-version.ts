import { AccordError } from "@accord/domain";
import { diffPolicyDocuments } from "@accord/policy-diff";
import { canonicalizeDocument, documentToPlainText } from "@accord/policy-schema";
import type { CurrentUser } from "../auth/sessions.js";
import { decodeDraftContent } from "../drafts/yjs-draft.js";
import { appendAuditEvent } from "../storage/audit-events.js";
import { findLatestVersion, insertVersion, lockVersionNumbering, type VersionSummary } from "../storage/versions.js";
import type { UseCaseContext } from "./context.js";
import { loadPolicyFor } from "./policy-access.js";

/** Words in a document's text, as people count them. */
function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
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
): Promise<VersionSummary> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "version.save");
  const state = await ctx.liveDrafts.committedState(policy.id);
  if (!state) throw new AccordError("not_found", "This policy has no draft to save.");
  const canonical = canonicalizeDocument(decodeDraftContent(state));
  const wordCount = countWords(documentToPlainText(canonical.node));
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    // Under the lock, so that a double click or two editors saving at once cannot both pass this check.
    await lockVersionNumbering(trx, policy.id);
    const latest = await findLatestVersion(trx, policy.id);
    if (latest?.content_hash === canonical.hash) {
      throw new AccordError("version_unchanged", `The draft has not changed since version ${latest.number}.`);
    }
    const stats = latest ? diffPolicyDocuments(JSON.parse(latest.canonical_json), JSON.parse(canonical.json)).stats : null;
    const version = await insertVersion(trx, {
      id: crypto.randomUUID(),
      policy_id: policy.id,
      number: (latest?.number ?? 0) + 1,
      label: input.label.trim(),
      note: input.note?.trim() ?? "",
      author_id: actor.id,
      created_at: now,
      canonical_json: canonical.json,
      content_hash: canonical.hash,
      yjs_state: state,
      word_count: wordCount,
      words_added: stats ? stats.wordsInserted : wordCount,
      words_removed: stats ? stats.wordsDeleted : 0,
    });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "version.saved",
      subjectType: "policy",
      subjectId: policy.id,
      payload: { versionNumber: version.number, contentHash: version.content_hash, label: version.label },
    });
    return version;
  });
  return {
    number: row.number,
    label: row.label,
    note: row.note,
    authorId: actor.id,
    authorName: actor.displayName,
    createdAt: new Date(row.created_at).toISOString(),
    contentHash: row.content_hash,
    wordCount: row.word_count,
    wordsAdded: row.words_added,
    wordsRemoved: row.words_removed,
  };
}

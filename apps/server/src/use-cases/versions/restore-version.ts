import * as Y from "yjs";
import { AccordError } from "@accord/domain";
import { policySchema } from "@accord/policy-schema";
import { updateYFragment } from "y-prosemirror";
import type { CurrentUser } from "../../auth/sessions.js";
import { draftFragmentName } from "../../drafts/yjs-draft.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { findVersion, type VersionSummaryRow } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { canonicalDraft, savedVersionSummary, writeNextVersion, type NextVersion } from "./save-version.js";
import { tellDraftEditors } from "../draft-notices.js";

/** What a restore did: the version restored, and the version that keeps the draft as it was, if one was saved. */
export interface RestoreResult {
  restored: number;
  /** The draft before the restore, saved because no version held its text; null when one did. */
  savedVersion: VersionSummaryRow | null;
}

/** The label of the version that keeps a draft's unsaved changes before a restore replaces them. */
export const draftBeforeRestoreLabel = (versionNumber: number): string => `Draft before restoring v${versionNumber}`;

/**
 * Makes the draft equal to an earlier version as one new forward change: the difference between the
 * committed draft and the version is applied as a Yjs update (never a reset of the document, so no
 * text is duplicated and nobody's session breaks), committed with its audit event, and relayed live.
 *
 * Nothing unsaved is lost: when no version holds the draft's text (it differs from the latest version,
 * and is not an earlier version restored and left as it was), the very state the restore is computed
 * from is first saved as the next version ("Draft before restoring v3"), in the transaction that
 * commits the restore (the update log's `alsoWrite`): both happen or neither, and no edit can fall
 * between the saved draft and the restore. Its `version.saved` comes before `version.restored`.
 * Everyone on the draft is then told who restored what.
 */
export async function restoreVersion(ctx: UseCaseContext, actor: CurrentUser, policyId: string, number: number): Promise<RestoreResult> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "draft.edit");
  const version = await findVersion(ctx.db, policy.id, number);
  if (!version) throw new AccordError("not_found", `This policy has no version ${number}.`);
  const target = policySchema.nodeFromJSON(JSON.parse(version.canonical_json));
  const now = ctx.now();
  let before: NextVersion | undefined;
  let savedVersion: VersionSummaryRow | null = null;
  const changed = await ctx.liveDrafts.applyServerChange(
    policy.id,
    (doc) => {
      // The draft as it is, on the copy the restore is computed from: what a save would keep now.
      const state = Y.encodeStateAsUpdate(doc);
      before = {
        policyId: policy.id,
        state,
        canonical: canonicalDraft(state),
        label: draftBeforeRestoreLabel(number),
        note: "",
        author: actor,
        at: now,
      };
      updateYFragment(doc, doc.getXmlFragment(draftFragmentName), target, { mapping: new Map(), isOMark: new Map() });
    },
    null,
    async (trx) => {
      // Runs again if the update log retries the transaction: nothing from a rolled-back try is kept.
      savedVersion = null;
      const written = await writeNextVersion(trx, before!, true);
      if ("saved" in written) savedVersion = savedVersionSummary(written.saved, actor);
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: "version.restored",
        subjectType: "policy",
        subjectId: policy.id,
        payload: { versionNumber: number, contentHash: version.content_hash, savedVersionNumber: savedVersion?.number ?? null },
      });
    },
  );
  if (!changed) throw new AccordError("draft_unchanged", `The draft already has exactly the text of version ${number}.`);
  tellDraftEditors(ctx, policy.id, {
    kind: "version-restored",
    versionNumber: number,
    restoredBy: actor.displayName,
    savedVersionNumber: (savedVersion as VersionSummaryRow | null)?.number ?? null,
  });
  return { restored: number, savedVersion };
}

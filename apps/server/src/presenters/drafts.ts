import type { AnswerOf, draftEndpoints, ProseMirrorJson } from "@accord/api-contract";
import type { CommittedProgress } from "../use-cases/drafts/get-draft-state-vector.js";

/** The committed draft's text and the content hash a version of it would have. */
export function presentDraft(draft: { content: Record<string, unknown>; contentHash: string }): AnswerOf<typeof draftEndpoints.get> {
  // ProseMirror's own toJSON of a document of the policy schema: the contract's node shape.
  return { draft: { content: draft.content as ProseMirrorJson, contentHash: draft.contentHash } };
}

/** What the server has committed of a draft, binary values in standard base64. */
export function presentDraftProgress(committed: CommittedProgress): AnswerOf<typeof draftEndpoints.stateVector> {
  return {
    stateVector: Buffer.from(committed.stateVector).toString("base64"),
    deleteSet: Buffer.from(committed.deleteSet).toString("base64"),
  };
}

import { api } from "../api.js";
import { ErrorMessage } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { hasText, ProseMirrorJsonView } from "./prosemirror-json-view.js";

/**
 * PLACEHOLDER until co-editing lands: shows the draft's current text read-only, from
 * GET /api/policies/:id/draft. The live ProseMirror + Yjs editor (over /collab/<policyId>) replaces
 * this component; keep its props so the policy page does not change when it does.
 */
export function PolicyDraftView(props: { policyId: string }) {
  const [draft] = useResource((signal) => api.getDraft(props.policyId, signal), [props.policyId]);
  return (
    <section class="draft" aria-labelledby="draft-heading">
      <h2 id="draft-heading">Draft</h2>
      <p class="placeholder-note">The live editor arrives with co-editing. For now the draft text is shown read-only.</p>
      {draft.state === "loading" && (
        <p class="loading" role="status">
          Loading the draft…
        </p>
      )}
      {draft.state === "ready" && draft.data && hasText(draft.data) && (
        <div class="draft-text">
          <ProseMirrorJsonView doc={draft.data} />
        </div>
      )}
      {draft.state === "ready" && draft.data && !hasText(draft.data) && <p>The draft is empty so far.</p>}
      {(draft.state === "failed" || (draft.state === "ready" && !draft.data)) && (
        <p>The draft text is not available yet.</p>
      )}
      {/* A 404 is the expected "no draft yet"; any other failure also says why. */}
      {draft.state === "failed" && <ErrorMessage error={draft.error} />}
    </section>
  );
}

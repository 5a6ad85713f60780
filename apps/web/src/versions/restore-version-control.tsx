import { useEffect, useId, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { ActionFeedback } from "../components/feedback.js";
import { useAction } from "../components/use-action.js";
import { restoreConsequence, restoreConsequenceUnknown, restoredMessage } from "./restore-wording.js";

/**
 * "Restore" for one version, with an in-page confirmation (window.confirm cannot be styled, is blocked
 * in some embedded browsers and says nothing about who is affected). Restoring changes the live draft
 * for everyone editing it; their editors receive the change through the shared document by themselves.
 * The confirmation says beforehand whether the draft holds changes no version keeps, which the server
 * then saves as a version first.
 */
export function RestoreVersionControl(props: { policyId: string; versionNumber: number; onRestored?: () => void }) {
  const { versionNumber } = props;
  const [confirming, setConfirming] = useState(false);
  const restoring = useAction();
  const questionId = useId();
  const openButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const [consequence, setConsequence] = useState<string | null>(null);
  const consequenceId = useId();

  // Asked each time the confirmation opens: others may have typed or saved since the page loaded.
  useEffect(() => {
    if (!confirming) return;
    setConsequence(null);
    const controller = new AbortController();
    Promise.all([api.draftContentHash(props.policyId, controller.signal), api.listVersions(props.policyId, controller.signal)]).then(
      ([draftHash, versions]) => setConsequence(restoreConsequence(versionNumber, draftHash, versions)),
      () => {
        if (!controller.signal.aborted) setConsequence(restoreConsequenceUnknown);
      },
    );
    return () => controller.abort();
  }, [confirming, props.policyId, versionNumber]);

  // Focus follows the step: onto the confirmation when it opens, back to "Restore" when it closes, so a
  // keyboard or screen-reader user is never left on a button that has just disappeared.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) openButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  async function restore() {
    const restored = await restoring.run(async () => restoredMessage(await api.restoreVersion(props.policyId, versionNumber)));
    setConfirming(false);
    if (restored) props.onRestored?.();
  }

  return (
    <div class="restore-control">
      {confirming ? (
        <div
          class="confirm"
          role="group"
          aria-labelledby={questionId}
          onKeyDown={(event) => {
            if (event.key === "Escape" && !restoring.pending) setConfirming(false);
          }}
        >
          <p id={questionId} class="confirm-question">
            Restore version {versionNumber}? The draft will change for everyone editing it.
          </p>
          <p id={consequenceId} class="confirm-detail" aria-live="polite">
            {consequence ?? "Checking the draft for unsaved changes…"}
          </p>
          <div class="row-actions">
            <button
              type="button"
              class="button-danger"
              ref={confirmButton}
              aria-describedby={consequenceId}
              disabled={restoring.pending}
              onClick={restore}
            >
              Yes, restore version {versionNumber}
            </button>
            <button type="button" class="button-quiet" disabled={restoring.pending} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class="button-quiet"
          ref={openButton}
          onClick={() => {
            restoring.clear();
            setConfirming(true);
          }}
        >
          Restore<span class="visually-hidden"> version {versionNumber}</span>
        </button>
      )}
      <ActionFeedback action={restoring} />
    </div>
  );
}

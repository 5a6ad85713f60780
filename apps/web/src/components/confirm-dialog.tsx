import type { JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";

/** What to ask before an action that has consequences beyond itself. */
export interface ConfirmationRequest {
  /** The question, naming the action ("Sign off on version 3?"). */
  title: string;
  /** What will happen, in the server's words ("This meets the sign-off rule: …"). */
  consequence: string;
  /** The confirm button's label: the action itself, never a bare "OK". */
  confirmLabel: string;
  run: () => void;
}

/**
 * A modal <dialog> that says what an action will do and asks to go on. The browser's own dialog gives
 * focus trapping, Escape to cancel and the backdrop; the title and the consequence are its accessible
 * name and description, so a screen reader hears both. Cancel is focused first: going on is a choice.
 */
function ConfirmDialog(props: { request: ConfirmationRequest | null; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  const { request } = props;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request && !element.open) {
      element.showModal();
      cancel.current?.focus();
    } else if (!request && element.open) element.close();
  }, [request]);

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-consequence`}
      onClose={props.onDone}
    >
      {request && (
        <>
          <h2 id={`${id}-title`}>{request.title}</h2>
          <p id={`${id}-consequence`}>{request.consequence}</p>
          <div class="row-actions">
            <button
              type="button"
              onClick={() => {
                request.run();
                props.onDone();
              }}
            >
              {request.confirmLabel}
            </button>
            <button type="button" class="button-quiet" ref={cancel} onClick={props.onDone}>
              Cancel
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/**
 * Asks for confirmation before an action: `ask` opens the dialog (rendered where `dialog` is placed);
 * the action runs only when the person confirms.
 */
export function useConfirmation(): { ask: (request: ConfirmationRequest) => void; dialog: JSX.Element } {
  const [request, setRequest] = useState<ConfirmationRequest | null>(null);
  return { ask: setRequest, dialog: <ConfirmDialog request={request} onDone={() => setRequest(null)} /> };
}

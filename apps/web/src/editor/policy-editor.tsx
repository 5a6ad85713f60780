import { useRef, useState } from "preact/hooks";
import { canLink, linkRange, setLink, toolbarCommands, type ToolbarCommandName } from "./commands.js";
import { LinkForm } from "./link-form.js";
import type { CollaboratorUser } from "./presence.js";
import { PresenceList } from "./presence-list.js";
import { statusText } from "./save-status.js";
import { Toolbar } from "./toolbar.js";
import { useCollabEditor } from "./use-collab-editor.js";

/** The props of the live editor. */
export interface PolicyEditorProps {
  policyId: string;
  /** The person holds "draft.edit" on this policy. Without it the editor only shows live changes. */
  canEdit: boolean;
  /** The signed-in person as the presence list shows them. */
  me: CollaboratorUser;
}

/**
 * The live, shared draft of a policy: a ProseMirror editor bound to the Yjs document on the server, with
 * a toolbar, a status line ("Saved", "Saving…", "Offline — your changes will sync") and who is here now.
 */
export function PolicyEditor(props: PolicyEditorProps) {
  const mount = useRef<HTMLDivElement>(null);
  const editor = useCollabEditor({ policyId: props.policyId, canEdit: props.canEdit, me: props.me, mount });
  const [linkForm, setLinkForm] = useState<{ initialHref: string } | null>(null);
  const { view, state } = editor;

  const runCommand = (name: ToolbarCommandName) => {
    if (!view) return;
    toolbarCommands[name](view.state, view.dispatch, view);
    view.focus();
  };

  const openLinkForm = () => {
    if (!view) return;
    setLinkForm({ initialHref: linkRange(view.state)?.href ?? "https://" });
  };

  const closeLinkForm = () => {
    setLinkForm(null);
    view?.focus();
  };

  const applyLink = (href: string): string | null => {
    // The selection may have moved (others edit meanwhile); it is checked again, not remembered.
    if (!view || !canLink(view.state)) return "Select the words to link in the draft first.";
    setLink(href)(view.state, view.dispatch, view);
    closeLinkForm();
    return null;
  };

  const showToolbar = props.canEdit && editor.editable;
  return (
    <section class="draft" aria-labelledby="draft-heading">
      <div class="draft-header">
        <h2 id="draft-heading">Draft</h2>
        <p class={`save-status save-status-${editor.connection}`} role="status" aria-live="polite">
          {statusText({ readOnly: !props.canEdit, connection: editor.connection, saved: editor.saved })}
        </p>
      </div>
      {editor.alert && (
        <div class="error" role="alert">
          <p>{editor.alert.message}</p>
        </div>
      )}
      <div class="editor-layout">
        <div class="editor-main">
          {showToolbar && state && (
            // Sticky, so the toolbar stays at hand while the caret is deep in a long policy.
            <div class="editor-chrome">
              <Toolbar state={state} onCommand={runCommand} onLink={openLinkForm} />
              {linkForm && <LinkForm initialHref={linkForm.initialHref} onSubmit={applyLink} onCancel={closeLinkForm} />}
            </div>
          )}
          {!props.canEdit && <p class="hint">You can read this draft; your role does not include editing it.</p>}
          <div id="draft-editor" class="editor-surface" ref={mount} />
        </div>
        <PresenceList people={editor.people} />
      </div>
    </section>
  );
}

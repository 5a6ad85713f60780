import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { ParagraphCommentButton } from "../comments/paragraph-comment-button.js";
import { CommentButton } from "../comments/comment-button.js";
import { CommentsMargin } from "../comments/comments-margin.js";
import { useComments } from "../comments/use-comments.js";
import { SuggestionModeControls } from "../suggestions/suggestion-mode-controls.js";
import { suggestionModeOf } from "../suggestions/suggestion-mode.js";
import { SuggestionsPanel } from "../suggestions/suggestions-panel.js";
import { draftNotice } from "./draft-notices.js";
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
  /** The person holds "draft.edit" on this policy. Without it (or canSuggest) the editor only shows live changes. */
  canEdit: boolean;
  /** The person holds "draft.suggest": editors may switch suggestion mode on, others are always in it. */
  canSuggest?: boolean;
  /** The signed-in person as the presence list shows them. */
  me: CollaboratorUser;
  /** Holds "comment.create": may start comment threads, reply, resolve and reopen. */
  canComment?: boolean;
  /** Holds "comment.hide" (the facilitator). */
  canHideComments?: boolean;
  /** The page's compact header (title, stage); who is here and the saved state join it. */
  heading?: ComponentChildren;
  /** Lays out the side panel beside the draft, given the suggestions panel (which reads the editor) to place in it. */
  side?: (suggestions: ComponentChildren) => ComponentChildren;
}

/**
 * The live, shared draft of a policy: a ProseMirror editor bound to the Yjs document on the server, with
 * a toolbar, a status line ("Saved", "Saving…", "Offline — your changes will sync") and who is here now.
 */
export function PolicyEditor(props: PolicyEditorProps) {
  const mount = useRef<HTMLDivElement>(null);
  const canSuggest = props.canSuggest ?? false;
  const mayWrite = props.canEdit || canSuggest;
  // Who did what beside typing (restored a version, decided suggestions, took a workflow step): the text
  // or the stage changes under everyone's eyes, so it is said in words too. The latest one stays.
  const [noticeText, setNotice] = useState<string | null>(null);
  const comments = useComments({
    policyId: props.policyId,
    myId: props.me.userId,
    canComment: props.canComment ?? false,
    canHide: props.canHideComments ?? false,
  });
  const editor = useCollabEditor({
    policyId: props.policyId,
    canEdit: props.canEdit,
    canSuggest,
    me: props.me,
    mount,
    onAccordEvent: (event) => {
      comments.onAccordEvent(event);
      const notice = draftNotice(event);
      if (notice !== null) setNotice(notice);
    },
  });
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

  const showToolbar = mayWrite && editor.editable;
  const suggesting = state ? suggestionModeOf(state).on : false;
  const suggestionsPanel = (
    <SuggestionsPanel
      policyId={props.policyId}
      view={view}
      state={state}
      canDecide={props.canEdit}
      me={{ id: props.me.userId, name: props.me.name, affiliation: props.me.affiliation }}
    />
  );
  return (
    <>
      <header class="workspace-header">
        {props.heading}
        <div class="workspace-status">
          <PresenceList people={editor.people} />
          <p class={`save-status save-status-${editor.connection}`} role="status" aria-live="polite">
            {statusText({ readOnly: !mayWrite, connection: editor.connection, saved: editor.saved })}
          </p>
        </div>
      </header>
      {/* Always present (empty and hidden until a notice), so that screen readers announce what fills it. */}
      <p class="notice restore-notice draft-notice" role="status">
        {noticeText}
      </p>
      {editor.alert && (
        <div class="error" role="alert">
          <p>{editor.alert.message}</p>
        </div>
      )}
      <div class="editor-layout">
        <section class="draft editor-main" aria-labelledby="draft-heading">
          <h2 id="draft-heading" class="visually-hidden">
            Draft
          </h2>
          {showToolbar && state && (
            // One sticky row, so the controls stay at hand while the caret is deep in a long policy.
            <div class="editor-chrome">
              <div class="editor-chrome-row">
                <Toolbar state={state} onCommand={runCommand} onLink={openLinkForm} suggesting={suggesting} />
                <SuggestionModeControls view={view} state={state} />
                <CommentButton comments={comments} view={view} state={state} />
              </div>
              {linkForm && !suggesting && <LinkForm initialHref={linkForm.initialHref} onSubmit={applyLink} onCancel={closeLinkForm} />}
            </div>
          )}
          {!mayWrite && <p class="hint">You can read this draft; your role does not include editing it.</p>}
          <div class="draft-with-comments">
            <div class="draft-with-comments-grid">
              <div id="draft-editor" class="editor-surface" ref={mount} />
              {state && <ParagraphCommentButton comments={comments} view={view} state={state} />}
              <CommentsMargin comments={comments} view={view} state={state} connection={editor.connection} />
            </div>
          </div>
        </section>
        <aside class="editor-side" aria-label="Side panel">
          {props.side ? props.side(suggestionsPanel) : suggestionsPanel}
        </aside>
      </div>
    </>
  );
}

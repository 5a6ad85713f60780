import { policySchema } from "@accord/policy-schema";
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import * as Y from "yjs";
import { api, reportUnauthenticated } from "../api.js";
import { suggestionAwareTransaction } from "../suggestions/suggestion-dispatch.js";
import type { CloseOutcome } from "./close-codes.js";
import { CollabConnection, type AccordEvent, type ConnectionState } from "./collab-connection.js";
import { editorPlugins, headingNodeView } from "./editor-setup.js";
import { presentPeople, type CollaboratorUser, type PresentPerson } from "./presence.js";
import { SaveTracker } from "./save-status.js";
import { writeTypedTextOf } from "./typed-text.js";
import { showCollaboratorNames } from "./collab-cursors.js";

/** A message above the editor; some clear themselves once everything is saved again. */
export interface EditorAlert {
  message: string;
  clearsWhenSaved: boolean;
}

/** Everything the editor component shows. */
export interface CollabEditor {
  view: EditorView | null;
  /** The latest editor state, so the toolbar re-renders with each change. */
  state: EditorState | null;
  connection: ConnectionState;
  saved: boolean | null;
  alert: EditorAlert | null;
  people: PresentPerson[];
  /** Whether typing is possible right now (may edit, content loaded, not refused by the server). */
  editable: boolean;
}

/** What the live editor is built for. */
export interface CollabEditorInput {
  policyId: string;
  canEdit: boolean;
  /** The person holds "draft.suggest"; without canEdit too, every change they make is a suggestion. */
  canSuggest?: boolean;
  me: CollaboratorUser;
  mount: RefObject<HTMLDivElement | null>;
  /** Hears the server's events on the collaboration socket (comments changed). */
  onAccordEvent?: (event: AccordEvent) => void;
}

/**
 * Builds the live editor into `mount`: the Yjs connection, the ProseMirror view, the save tracker and
 * the presence list, and takes all of them down again (socket, timers, IndexedDB) on unmount.
 */
export function useCollabEditor({ policyId, canEdit, canSuggest = false, me, mount, onAccordEvent }: CollabEditorInput): CollabEditor {
  const [view, setView] = useState<EditorView | null>(null);
  const [state, setState] = useState<EditorState | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [saved, setSaved] = useState<boolean | null>(null);
  const [alert, setAlert] = useState<EditorAlert | null>(null);
  const [people, setPeople] = useState<PresentPerson[]>([]);
  const [contentReady, setContentReady] = useState(false);
  const [refused, setRefused] = useState(false);
  // A suggest-only member types too: the server accepts their changes as long as they are suggestions.
  const mayWrite = canEdit || canSuggest;
  const editable = mayWrite && contentReady && !refused;
  const editableRef = useRef(editable);
  editableRef.current = editable;
  // Read through a ref, so a new callback on each render does not reconnect the socket.
  const accordEventRef = useRef(onAccordEvent);
  accordEventRef.current = onAccordEvent;

  const { userId, name, affiliation, color } = me;
  useEffect(() => {
    const element = mount.current;
    if (!element) return;
    const myself: CollaboratorUser = { userId, name, affiliation, color };
    setConnection("connecting");
    setSaved(null);
    setAlert(null);
    setContentReady(false);
    setRefused(false);

    const tracker = new SaveTracker({
      localProgress: () => ({
        stateVector: Y.decodeStateVector(Y.encodeStateVector(collab.ydoc)),
        deleted: Y.createDeleteSetFromStructStore(collab.ydoc.store).clients,
      }),
      fetchServerProgress: async (signal) => {
        const committed = await api.getDraftProgress(policyId, signal);
        return { stateVector: Y.decodeStateVector(committed.stateVector), deleted: Y.decodeUpdate(committed.deleteSet).ds.clients };
      },
      onChange: (value) => {
        setSaved(value);
        if (value === true) setAlert((current) => (current?.clearsWhenSaved ? null : current));
      },
    });

    const onClosed = (outcome: CloseOutcome) => {
      switch (outcome.kind) {
        case "sign-in":
          reportUnauthenticated();
          break;
        case "read-only":
          setRefused(true);
          // A viewer never could edit; for them the same refusal means access itself was removed.
          setAlert({
            message: mayWrite ? outcome.message : "You can no longer follow this draft live. Reload the page.",
            clearsWhenSaved: false,
          });
          break;
        case "reset":
          setRefused(true);
          setAlert({ message: outcome.message, clearsWhenSaved: false });
          void collab.discardOfflineCopy().then(() => location.reload());
          break;
        case "message":
          if (outcome.permanent) setRefused(true);
          setAlert({ message: outcome.message, clearsWhenSaved: !outcome.permanent });
          break;
        case "retry":
          break;
      }
    };

    const access = canEdit ? "edit" : canSuggest ? "suggest-only" : "read-only";
    const collab = new CollabConnection(policyId, access, {
      onConnectionState: (value) => {
        setConnection(value);
        if (value !== "connected") tracker.setOnline(false);
      },
      onContentReady: () => setContentReady(true),
      onSynced: (synced) => tracker.setOnline(synced),
      onClosed,
      onLocalChange: () => tracker.localChange(),
      onAccordEvent: (event) => accordEventRef.current?.(event),
    });

    const updatePeople = () => setPeople(presentPeople(collab.awareness.getStates().values(), myself));
    collab.awareness.on("change", updatePeople);
    updatePeople();

    const editorView = new EditorView(element, {
      state: EditorState.create({
        schema: policySchema,
        plugins: editorPlugins({
          fragment: collab.fragment,
          awareness: collab.awareness,
          editable: mayWrite,
          suggestOnly: !canEdit && canSuggest,
        }),
      }),
      editable: () => editableRef.current,
      nodeViews: { heading: headingNodeView },
      attributes: () => ({
        class: "policy-editor-content",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": "draft-heading",
        "aria-readonly": editableRef.current ? "false" : "true",
      }),
      // Called with the view as `this`, also while the constructor runs (y-prosemirror renders at once).
      // In suggestion mode my own edits become suggestions by me (see suggestion-dispatch.ts).
      dispatchTransaction(this: EditorView, transaction) {
        const { state: next, transactions } = this.state.applyTransaction(
          suggestionAwareTransaction(this.state, transaction, { userId, affiliation }),
        );
        // Typed text goes into Yjs where it was typed, before y-prosemirror's own write compares texts
        // and could put it one letter off, inside someone else's words (see typed-text.ts).
        writeTypedTextOf(this.state, transactions);
        this.updateState(next);
        setState(next);
      },
    });
    setView(editorView);
    setState(editorView.state);
    // Whoever's caret moved shows their name again for a moment, once y-prosemirror has redrawn the carets.
    const showMovedNames = ({ added, updated }: { added: number[]; updated: number[] }) => {
      requestAnimationFrame(() => showCollaboratorNames(editorView.dom, [...added, ...updated]));
    };
    collab.awareness.on("change", showMovedNames);

    return () => {
      collab.awareness.off("change", updatePeople);
      collab.awareness.off("change", showMovedNames);
      // The view first: its plugins still talk to the awareness and the document as they shut down.
      editorView.destroy();
      tracker.destroy();
      collab.destroy();
      setView(null);
    };
  }, [policyId, canEdit, canSuggest, userId, name, affiliation, color]);

  // `editable` and the aria attributes are read on every state update; this redraws them when they change.
  useEffect(() => {
    view?.setProps({});
  }, [view, editable]);

  return { view, state, connection, saved, alert, people, editable };
}

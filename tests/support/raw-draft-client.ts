import * as Y from "yjs";
import { encodeSyncStep1, encodeSyncUpdate, parseCollabMessage } from "@accord/collab";
import { connectRaw, eventually, type RawClient } from "./collab-clients.js";

/**
 * A client that speaks the wire protocol by hand, with no editor: it fetches the draft once, then sends
 * exactly the raw Yjs updates a test makes, one per `send`, as a hostile or buggy client could.
 */
export interface RawDraftClient {
  raw: RawClient;
  /** The client's own copy: the draft as fetched, plus everything this client sent. */
  doc: Y.Doc;
  /** Runs the edit on the client's copy in one transaction and sends its update; returns the update. */
  send(edit: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array;
  /** The close code if the socket closes within the time (default 500 ms), else null. */
  closeCode(withinMs?: number): Promise<number | null>;
  close(): void;
}

/** Connects, asks for the draft (sync step 1 with an empty state vector) and waits for it. */
export async function openRawDraft(origin: string, policyId: string, cookie: string): Promise<RawDraftClient> {
  const raw = connectRaw(origin, `/collab/${policyId}`, { origin, cookie });
  await raw.opened;
  raw.socket.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  const isStepTwo = (message: Uint8Array) => message[0] === 0 && message[1] === 1;
  await eventually(() => raw.received.some(isStepTwo), "the server sent the draft");
  const message = parseCollabMessage(raw.received.find(isStepTwo)!);
  if (message.kind !== "sync-step-2") throw new Error("Expected the server's sync step 2.");
  const doc = new Y.Doc();
  Y.applyUpdate(doc, message.update);
  return {
    raw,
    doc,
    send(edit) {
      let sent: Uint8Array | null = null;
      const capture = (update: Uint8Array) => (sent = update);
      doc.on("update", capture);
      doc.transact(() => edit(doc.getXmlFragment("prosemirror"), doc));
      doc.off("update", capture);
      if (!sent) throw new Error("The edit changed nothing, so there is no update to send.");
      raw.socket.send(encodeSyncUpdate(sent));
      return sent;
    },
    closeCode: (withinMs = 500) =>
      Promise.race([raw.closed.then((close) => close.code), new Promise<null>((resolve) => setTimeout(() => resolve(null), withinMs))]),
    close: () => {
      raw.socket.close();
      doc.destroy();
    },
  };
}

/** The plain text of a Y.XmlText (its string inserts joined, formatting left out). */
export function plainTextOf(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
}

/** The first Y.XmlText of the draft containing the needle, and the needle's index in it. Throws if none. */
export function locateText(doc: Y.Doc, needle: string): { text: Y.XmlText; index: number } {
  for (const node of doc.getXmlFragment("prosemirror").createTreeWalker(() => true)) {
    if (!(node instanceof Y.XmlText)) continue;
    const index = plainTextOf(node).indexOf(needle);
    if (index >= 0) return { text: node, index };
  }
  throw new Error(`The draft has no text "${needle}".`);
}

/** Where the run carrying a suggestion mark with this id sits, and the mark's attributes. Throws if none. */
export function locateSuggestion(
  doc: Y.Doc,
  id: string,
): { text: Y.XmlText; index: number; length: number; kind: string; attrs: Record<string, unknown> } {
  for (const node of doc.getXmlFragment("prosemirror").createTreeWalker(() => true)) {
    if (!(node instanceof Y.XmlText)) continue;
    let index = 0;
    for (const op of node.toDelta() as { insert: string; attributes?: Record<string, Record<string, unknown>> }[]) {
      for (const kind of ["insertion", "deletion"]) {
        const attrs = op.attributes?.[kind];
        if (attrs?.["id"] === id) return { text: node, index, length: op.insert.length, kind, attrs };
      }
      index += op.insert.length;
    }
  }
  throw new Error(`The draft has no suggestion "${id}".`);
}

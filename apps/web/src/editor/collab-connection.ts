import * as decoding from "lib0/decoding";
import type * as encoding from "lib0/encoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { Awareness } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { messageSync, WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { parseAccordEvent, type AccordEvent } from "@accord/collab/events";
import { collabMessageTypes } from "@accord/collab/protocol";
import { closeOutcome, type CloseOutcome } from "./close-codes.js";
import { OutgoingUpdateBatch } from "./outgoing-updates.js";

/**
 * One browser's connection to a policy draft: the Yjs document, its offline copy in IndexedDB (people
 * who may edit only), and the stock y-websocket provider talking to /collab/<policyId>. The session
 * cookie authenticates the socket; no token ever goes into the URL.
 */

/** The name of the Y.XmlFragment holding the ProseMirror content (a stable contract with the server). */
export const draftFragmentName = "prosemirror";

/**
 * What this person may do to the draft: only read it, only suggest (every change is checked by the
 * server, so local changes go out in batches), or edit it.
 */
export type DraftAccess = "read-only" | "suggest-only" | "edit";

/** How the connection is doing, as the status line reports it. */
export type ConnectionState = "connecting" | "connected" | "offline" | "closed";

/** What the editor hears from the connection. */
export interface CollabEvents {
  onConnectionState(state: ConnectionState): void;
  /** The document now holds real content (restored from IndexedDB, or the server's state arrived). */
  onContentReady(): void;
  /** The provider synced with the server (true), or lost the connection (false). */
  onSynced(synced: boolean): void;
  /** The server closed the socket with a code that means something. */
  onClosed(outcome: CloseOutcome): void;
  /** The local document changed other than by the server (typing, or edits restored from IndexedDB). */
  onLocalChange(): void;
  /** The server told of a change outside the document (message type 100), e.g. comments changed. */
  onAccordEvent?(event: AccordEvent): void;
}

/** The y-websocket message type of Accord's own server events (server to client only), from the protocol table. */
export const messageAccordEvent = collabMessageTypes.accordEvent;

export type { AccordEvent };

/**
 * Reads a server event's JSON (a varString after the message type) with the one reader the server shares
 * (`@accord/collab/events`); null when it is not an event this client knows.
 */
export function readAccordEvent(decoder: decoding.Decoder): AccordEvent | null {
  try {
    return parseAccordEvent(decoding.readVarString(decoder));
  } catch {
    // A message this client cannot read must not break the connection; the next event or reload catches up.
    return null;
  }
}

/** The WebSocket origin of the page: ws://host or wss://host. */
export function webSocketOrigin(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`;
}

/** How long to wait for IndexedDB before going on without the offline copy (private windows can hang). */
const indexedDbTimeoutMs = 5000;

/**
 * The sync handler of a read-only client. The stock one answers the server's sync step 1 with a sync
 * step 2 holding whatever the client has, and the server closes a read-only socket that sends document
 * data (4403). A viewer has nothing to give: it applies what the server sends and never replies.
 */
function readOnlySyncHandler(
  _encoder: encoding.Encoder,
  decoder: decoding.Decoder,
  provider: WebsocketProvider,
  emitSynced: boolean,
): void {
  const type = decoding.readVarUint(decoder);
  if (type === syncProtocol.messageYjsSyncStep1) {
    decoding.readVarUint8Array(decoder);
  } else if (type === syncProtocol.messageYjsSyncStep2) {
    syncProtocol.readSyncStep2(decoder, provider.doc, provider);
    if (emitSynced && !provider.synced) provider.synced = true;
  } else if (type === syncProtocol.messageYjsUpdate) {
    syncProtocol.readUpdate(decoder, provider.doc, provider);
  }
}

/** The live draft of one policy in this browser. Call `destroy()` when the editor goes away. */
export class CollabConnection {
  readonly ydoc = new Y.Doc();
  readonly awareness = new Awareness(this.ydoc);
  readonly fragment = this.ydoc.getXmlFragment(draftFragmentName);
  private persistence: IndexeddbPersistence | null = null;
  private provider: WebsocketProvider | null = null;
  /** A suggest-only member's local changes on their way out (see outgoing-updates.ts); null for others. */
  private batch: OutgoingUpdateBatch | null = null;
  private destroyed = false;
  private terminal = false;
  private contentReady = false;

  constructor(
    private readonly policyId: string,
    private readonly access: DraftAccess,
    private readonly events: CollabEvents,
  ) {
    // A new Awareness starts its state at clock 0, and every peer ignores a state whose clock is not newer
    // than what it knows (0 for a stranger): without this bump nobody would see me until my first cursor
    // move or the 15-second renewal. The server fills in who I am (`user`); I send no identity myself.
    this.awareness.setLocalState({});
    this.ydoc.on("update", this.onUpdate);
    this.fragment.observeDeep(this.observeContent);
    void this.start();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (this.provider === null || origin !== this.provider) this.events.onLocalChange();
  };

  /** What the stock provider would send at once (anything not from the server), batched. */
  private readonly onSuggestOnlyUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== this.provider) this.batch?.add(update);
  };

  /** Content counts as loaded once the fragment has any, or once the server said what it has (even nothing). */
  private readonly checkContent = (serverSynced = false) => {
    if (this.contentReady || (this.fragment.length === 0 && !serverSynced)) return;
    this.contentReady = true;
    this.fragment.unobserveDeep(this.observeContent);
    this.events.onContentReady();
  };

  private readonly observeContent = () => this.checkContent();

  private async start(): Promise<void> {
    // Read-only people keep no offline copy: it could only ever hold edits the server would refuse.
    if (this.access !== "read-only") await this.restoreOfflineCopy();
    if (this.destroyed) return;
    const lineage: unknown = this.ydoc.getMap("accord").get("lineage");
    // The lineage tells the server which generation of the draft this copy descends from; a copy from
    // before a restore from backup is refused (4409) instead of merging old text back in.
    const params: Record<string, string> = typeof lineage === "string" && lineage !== "" ? { lineage } : {};
    const provider = new WebsocketProvider(`${webSocketOrigin(location)}/collab`, this.policyId, this.ydoc, {
      awareness: this.awareness,
      params,
      connect: false,
      // No cross-tab channel: every change goes through the server, which checks permission and lineage.
      disableBc: true,
    });
    this.provider = provider;
    if (this.access === "read-only") {
      provider.messageHandlers[messageSync] = readOnlySyncHandler;
      // Belt and braces: even if something changed the local document, a viewer never sends it.
      this.ydoc.off("update", provider._updateHandler);
    } else if (this.access === "suggest-only") {
      // The provider's own send path, fed merged updates instead of one per keystroke.
      const batch = new OutgoingUpdateBatch((update) => provider._updateHandler(update, null));
      this.batch = batch;
      this.ydoc.off("update", provider._updateHandler);
      this.ydoc.on("update", this.onSuggestOnlyUpdate);
    }
    // Per-instance handlers: the stock provider ignores types it has no handler for.
    provider.messageHandlers[messageAccordEvent] = (_encoder, decoder) => {
      const event = readAccordEvent(decoder);
      if (event) this.events.onAccordEvent?.(event);
    };
    provider.on("status", ({ status }) => {
      if (this.terminal) return;
      if (status === "connected") this.events.onConnectionState("connected");
      else if (status === "disconnected") this.events.onConnectionState("offline");
    });
    provider.on("sync", (synced: boolean) => {
      if (synced) this.checkContent(true);
      this.events.onSynced(synced);
    });
    provider.on("connection-close", (event: CloseEvent | null) => {
      // null: we closed it ourselves (navigation, or the provider's silence watchdog).
      if (event === null || this.destroyed) return;
      const outcome = closeOutcome(event.code);
      const permanent = outcome.kind !== "retry" && !(outcome.kind === "message" && !outcome.permanent);
      if (permanent) this.terminal = true;
      this.events.onConnectionState(permanent ? "closed" : "offline");
      if (outcome.kind !== "retry") this.events.onClosed(outcome);
    });
    provider.connect();
  }

  private async restoreOfflineCopy(): Promise<void> {
    const persistence = new IndexeddbPersistence(`accord-draft-${this.policyId}`, this.ydoc);
    this.persistence = persistence;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restored = await Promise.race([
      persistence.whenSynced.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), indexedDbTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (!restored && !this.destroyed) {
      // Without a restored copy we cannot know its lineage, so a late one must not merge in: drop it.
      this.persistence = null;
      void persistence.destroy();
    }
    this.checkContent();
  }

  /**
   * Forgets the offline copy (after the server restored the draft from a backup). Resolves when
   * IndexedDB has deleted it, or after a few seconds if another tab keeps it open.
   */
  async discardOfflineCopy(): Promise<void> {
    this.batch?.discard();
    this.provider?.destroy();
    const persistence = this.persistence;
    this.persistence = null;
    if (!persistence) return;
    await Promise.race([persistence.clearData(), new Promise((resolve) => setTimeout(resolve, 3000))]);
  }

  /** Closes the socket (telling others I left), the offline copy, and the document. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (!this.contentReady) this.fragment.unobserveDeep(this.observeContent);
    this.ydoc.off("update", this.onUpdate);
    this.ydoc.off("update", this.onSuggestOnlyUpdate);
    // What was typed just before leaving still goes out (the offline copy keeps it too).
    this.batch?.flush();
    this.provider?.destroy();
    void this.persistence?.destroy();
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}

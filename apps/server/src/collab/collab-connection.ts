import type { FastifyBaseLogger } from "fastify";
import type { RawData, WebSocket } from "ws";
import * as Y from "yjs";
import { applyAwarenessUpdate } from "y-protocols/awareness";
import {
  collabCloseCodes,
  CollabProtocolError,
  guardAwarenessUpdate,
  inspectClientUpdate,
  parseCollabMessage,
  TokenBucket,
} from "@accord/collab";
import { isReadOnly, isSuggestOnly, type CollabAccess } from "./collab-access.js";
import type { CollabDocument, DocumentPeer } from "./collab-document.js";
import type { DocumentRegistry } from "./document-registry.js";
import type { SuggestionCheckBudget } from "./suggestion-check-budget.js";
import type { SuggestionCheckQueue } from "./suggestion-check-queue.js";
import { novelPartOf } from "./novel-part.js";
import { verifySuggestOnlyUpdate } from "./suggest-only-update.js";

/** Per-connection limits. */
export interface CollabLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  maxAwarenessStateBytes: number;
  /** Past this much unsent data the client is too slow to follow, and is disconnected. */
  maxBufferedBytes: number;
}

/**
 * Records that Yjs client ids of a policy's draft belong to an account ("where the text came from"
 * counts the draft's text by who typed it). Best effort: a failure is logged, the update still commits.
 */
export type DraftClientRecorder = (policyId: string, userId: string, clientIds: readonly number[]) => Promise<void>;

export interface CollabConnectionDeps {
  registry: DocumentRegistry;
  log: FastifyBaseLogger;
  limits: CollabLimits;
  now: () => number;
  /** The time each account may spend having its suggestions checked, shared by all its sockets. */
  checkBudget: SuggestionCheckBudget;
  /** Where suggestion checks wait their turn, one per turn of the event loop. */
  checkQueue: SuggestionCheckQueue;
  recordClients?: DraftClientRecorder;
}

let nextConnectionId = 1;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * One client's socket on one draft. Every message is authorized and checked on its own: a read-only
 * member's sync step 2 or update closes the socket with 4403; a suggest-only member's update that changes
 * more than their own suggestions closes it with 4422, and one whose account has used up its checking
 * budget with 4429; malformed input closes only this socket; nothing a client sends reaches the
 * document before it is committed. A suggest-only member's update waits for its check in the shared
 * queue, and the socket's later messages wait behind it, in order.
 */
export class CollabConnection implements DocumentPeer {
  readonly id = nextConnectionId++;
  private document: CollabDocument | null = null;
  private readonly waiting: [RawData, boolean][] = [];
  private closed = false;
  private readonly messageBucket: TokenBucket;
  private readonly byteBucket: TokenBucket;
  /** True while an update of this socket's waits for, or is in, its suggestion check. */
  private checking = false;
  /** The Yjs client ids this socket's updates brought that are recorded as this person's (`recordClientsOf`). */
  private readonly clientsRecorded = new Set<number>();
  /** Messages that arrived meanwhile (rate limits already applied), handled in order afterwards. */
  private readonly behindCheck: Uint8Array[] = [];

  constructor(
    private readonly socket: WebSocket,
    public access: CollabAccess,
    private readonly deps: CollabConnectionDeps,
  ) {
    const now = deps.now();
    this.messageBucket = new TokenBucket(deps.limits.messageBurst, deps.limits.messagesPerSecond, now);
    this.byteBucket = new TokenBucket(deps.limits.byteBurst, deps.limits.bytesPerSecond, now);
    // Listen at once, before any await: the client's first sync message may already be on its way.
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("close", () => this.detach());
  }

  /** True once the socket is closed or closing. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Joins the loaded document: the server's state vector (editors and suggesters) and everyone's presence. */
  start(document: CollabDocument): void {
    if (this.closed) {
      this.deps.registry.detach(document, this);
      return;
    }
    this.document = document;
    // Only writers (editors and suggesters) get the server's sync step 1: its answer (a sync step 2) is a write, which a read-only
    // client must never send. Everyone may ask for the document with their own step 1.
    if (!isReadOnly(this.access)) this.send(document.syncStep1Message());
    const presence = document.awarenessSnapshot();
    if (presence) this.send(presence);
    for (const [data, isBinary] of this.waiting.splice(0)) this.receive(data, isBinary);
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.deps.limits.maxBufferedBytes) {
      this.close(collabCloseCodes.rateLimited, "The connection cannot keep up.");
      return;
    }
    this.socket.send(message);
  }

  /** Closes the socket with a code and a short reason, and leaves the document. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // Close reasons are limited to 123 bytes by the WebSocket protocol.
    this.socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
    this.detach();
  }

  private detach(): void {
    this.closed = true;
    const document = this.document;
    this.document = null;
    if (document) this.deps.registry.detach(document, this);
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.document) {
      this.waiting.push([data, isBinary]);
      return;
    }
    try {
      if (!isBinary) throw new CollabProtocolError(collabCloseCodes.unsupportedData, "Text frames are not part of the protocol.");
      const bytes = toBytes(data);
      const now = this.deps.now();
      if (!this.messageBucket.take(1, now) || !this.byteBucket.take(bytes.byteLength, now)) {
        throw new CollabProtocolError(collabCloseCodes.rateLimited, "Too many messages too fast.");
      }
      if (this.checking) {
        // Bounded like a burst of messages: a backlog longer than that will not be checked in time anyway.
        if (this.behindCheck.length >= this.deps.limits.messageBurst) {
          throw new CollabProtocolError(collabCloseCodes.rateLimited, "The server cannot keep up with your changes; reload the draft.");
        }
        this.behindCheck.push(bytes);
        return;
      }
      this.handle(this.document, bytes);
    } catch (error) {
      this.refuse(error);
    }
  }

  /** Handles the messages that waited behind a check, until the next check (or the end of them). */
  private resumeAfterCheck(): void {
    this.checking = false;
    while (!this.closed && !this.checking && this.document) {
      const bytes = this.behindCheck.shift();
      if (!bytes) return;
      try {
        this.handle(this.document, bytes);
      } catch (error) {
        this.refuse(error);
      }
    }
  }

  /** Closes the socket for an error thrown while handling one of its messages. */
  private refuse(error: unknown): void {
    if (error instanceof CollabProtocolError) {
      this.deps.log.info({ policyId: this.access.policyId, userId: this.access.user.id, code: error.closeCode }, error.message);
      this.close(error.closeCode, error.message);
    } else {
      this.deps.log.error({ err: error, policyId: this.access.policyId }, "unexpected error handling a collaboration message");
      this.close(collabCloseCodes.internalError, "Unexpected server error.");
    }
  }

  private handle(document: CollabDocument, bytes: Uint8Array): void {
    const message = parseCollabMessage(bytes);
    switch (message.kind) {
      case "sync-step-1": {
        let answer: Uint8Array;
        try {
          answer = document.syncStep2MessageFor(message.stateVector);
        } catch {
          throw new CollabProtocolError(collabCloseCodes.invalidPayload, "The state vector is corrupt.");
        }
        this.send(answer);
        return;
      }
      case "sync-step-2":
      case "update":
        this.write(document, message.update);
        return;
      case "awareness": {
        const guarded = guardAwarenessUpdate(message.update, {
          presence: this.access.presence,
          ownerOf: (clientId) => document.awarenessOwnerOf(clientId, this, this.access.user.id),
          maxStateBytes: this.deps.limits.maxAwarenessStateBytes,
          maxEntries: 4,
        });
        document.claimAwareness(guarded.claimed, this);
        if (guarded.update) applyAwarenessUpdate(document.awareness, guarded.update, this);
        document.releaseAwareness(guarded.released);
        return;
      }
      case "query-awareness": {
        const presence = document.awarenessSnapshot();
        if (presence) this.send(presence);
        return;
      }
    }
  }

  /**
   * A client's change: authorized, checked (a suggest-only member's against their own suggestions too,
   * in the check queue), committed, and only then applied and relayed.
   */
  private write(document: CollabDocument, update: Uint8Array): void {
    if (isReadOnly(this.access)) {
      throw new CollabProtocolError(collabCloseCodes.forbidden, "This draft is read-only for you.");
    }
    if (isSuggestOnly(this.access)) {
      this.checking = true;
      this.deps.checkQueue.enqueue(this.access.user.id, () => this.checkAndCommit(update));
      return;
    }
    const novel = this.novelPart(document, update);
    if (novel) this.commit(document, novel);
  }

  /**
   * A suggest-only member's update, at its turn in the check queue: refused at once if the account has
   * no budget left; otherwise inspected, checked and committed in one synchronous step, against the
   * document as it is now (so nothing lands between the check and the commit), and charged.
   */
  private async checkAndCommit(update: Uint8Array): Promise<void> {
    const accountId = this.access.user.id;
    try {
      const allowed = await this.deps.checkBudget.allows(accountId);
      const document = this.document;
      if (this.closed || !document) return;
      if (!allowed) {
        throw new CollabProtocolError(collabCloseCodes.rateLimited, "Your changes take the server too long to check; reload the draft.");
      }
      // Measured in this process's CPU time, not by the injected clock (a test's clock never sees
      // synchronous work pass) and not in elapsed time: on a busy machine the process is paused
      // mid-check, and other processes' load must not be billed to the person typing. (It is the
      // whole process's: work on another thread meanwhile, such as a password hash, errs on the
      // server's side.)
      const started = process.cpuUsage();
      try {
        const novel = this.novelPart(document, update);
        if (!novel) return;
        verifySuggestOnlyUpdate(document.ydoc, document.inFlight, novel, { userId: accountId, affiliation: this.access.affiliation });
        this.commit(document, novel);
      } finally {
        // Charged after the fact, refused or not: how long a check takes is known only once it ran.
        this.deps.checkBudget
          .charge(accountId, cpuMillisecondsSince(started))
          .catch((error: unknown) => this.deps.log.warn({ err: error, userId: accountId }, "could not charge a suggestion check"));
      }
    } catch (error) {
      this.refuse(error);
    } finally {
      this.resumeAfterCheck();
    }
  }

  /** What of the update the document lacks, after the strict inspection; null when that is nothing. */
  private novelPart(document: CollabDocument, update: Uint8Array): Uint8Array | null {
    const writers = inspectClientUpdate(update, { doc: document.ydoc, inFlight: document.inFlight });
    // Keep only what the document lacks: a reconnecting client's step 2 often repeats known content.
    try {
      return novelPartOf(document.ydoc, update, writers);
    } catch {
      throw new CollabProtocolError(collabCloseCodes.invalidPayload, "The update is corrupt.");
    }
  }

  /** Hands the update to the document, which commits, applies and relays it (to every socket but this one). */
  private commit(document: CollabDocument, novel: Uint8Array): void {
    this.recordClientsOf(document.policyId, novel);
    document
      .commit(novel, this)
      .catch((error: unknown) => this.deps.log.warn({ err: error, policyId: document.policyId }, "an update was not committed"));
  }

  /**
   * Notes, once per socket, each Yjs client id this person's updates bring (usually one: the browser's
   * own), so their text can be counted as theirs. Not awaited: it must not reorder or delay the commit.
   */
  private recordClientsOf(policyId: string, update: Uint8Array): void {
    const record = this.deps.recordClients;
    if (!record) return;
    const fresh = [...Y.parseUpdateMeta(update).from.keys()].filter((clientId) => !this.clientsRecorded.has(clientId));
    if (fresh.length === 0) return;
    for (const clientId of fresh) this.clientsRecorded.add(clientId);
    record(policyId, this.access.user.id, fresh).catch((error: unknown) => {
      for (const clientId of fresh) this.clientsRecorded.delete(clientId);
      this.deps.log.warn({ err: error, policyId }, "could not record whose Yjs client this is");
    });
  }
}

/** CPU time (user and system) this process spent since `started`, in milliseconds. */
function cpuMillisecondsSince(started: NodeJS.CpuUsage): number {
  const spent = process.cpuUsage(started);
  return (spent.user + spent.system) / 1000;
}

import pg from "pg";
import { encodeAwarenessUpdate } from "y-protocols/awareness";
import type { DocumentRelay, RelayedDocument } from "../collab/document-relay.js";
import { draftUpdatesChannel, type DraftStore } from "../storage/drafts.js";
import {
  awarenessClientIds,
  decodeDraftRelayMessage,
  draftChannel,
  draftChannelPrefix,
  encodeDraftRelayMessage,
  processKey,
  type DraftRelayMessage,
} from "./draft-relay-messages.js";
import type { RedisConnections } from "./redis-connections.js";
import type { AppConfig } from "../config.js";

/** Where the relay writes what went wrong (Fastify's pino logger fits). */
export interface DraftRelayLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The relay's timings; the defaults are the production ones, tests shorten them. */
export interface DraftRelayTimings {
  /** How often the process refreshes its heartbeat key and checks the others'. */
  heartbeatMs: number;
  /**
   * How long a heartbeat key lives. A dead process's presence is gone within this plus one heartbeat
   * (6 s + 2 s: inside the 10 s promised, and three missed beats before a slow process is taken for dead).
   */
  processTtlMs: number;
  /** Silence after which a draft with sockets asks PostgreSQL whether it moved (also the polling period while Redis is down). */
  silenceMs: number;
  /** How long a hole in the sequence may wait for Redis before it is read from PostgreSQL. */
  gapWaitMs: number;
  /** Presence messages a process publishes per draft and second at most; more is merged into the next. */
  awarenessPerSecond: number;
}

const defaultTimings: DraftRelayTimings = {
  heartbeatMs: 2_000,
  processTtlMs: 6_000,
  silenceMs: 1_000,
  gapWaitMs: 100,
  awarenessPerSecond: 10,
};

/** What the relay keeps per opened draft. */
interface RelayedDraft {
  /** Null while the draft loads: messages heard meanwhile wait in `early` (subscribe first, then load). */
  document: RelayedDocument | null;
  early: DraftRelayMessage[];
  /** When this process last heard of a commit to the draft from Redis (or read one). */
  lastHeardAt: number;
  /** Presence waiting for the next publish slot (the rate cap), and when the last went out. */
  awarenessPending: Set<number>;
  awarenessTimer: ReturnType<typeof setTimeout> | null;
  awarenessSentAt: number;
}

/** Messages kept per loading draft at most: the load itself holds everything committed before it. */
const maxEarlyMessages = 10_000;

/**
 * The relay of drafts between the processes serving one PostgreSQL database: Redis says that something
 * was committed, PostgreSQL holds it. After a commit the process publishes (process, draft, seq,
 * update) on the draft's channel; each process that has the draft loaded hands it to its document,
 * which applies committed updates strictly in sequence order and reads any hole from PostgreSQL.
 *
 * When Redis is down nothing stops: commits go on, each commit of a process that cannot reach Redis is
 * also announced with PostgreSQL NOTIFY (draft and seq only) and a process that hears of one it lacks
 * reads it; besides, every draft with sockets asks PostgreSQL each `silenceMs` whether it moved (the same
 * check that, with Redis up, runs only after a second of silence), which is how a process that lost
 * Redis hears of the commits of processes that still publish there. When Redis returns every loaded
 * draft catches up by seq.
 *
 * Presence: each process publishes its own sockets' awareness changes per draft (at most
 * `awarenessPerSecond` messages, merged beyond), and refreshes a heartbeat key that expires in
 * `processTtlMs`; a process whose key is gone has died, and its sockets' presence is removed.
 */
export class DraftRelay implements DocumentRelay {
  private readonly drafts = new Map<string, RelayedDraft>();
  private readonly timings: DraftRelayTimings;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly stopListening: () => void;
  private listener: pg.Client | null = null;
  private listenerRetry: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly onMessage = (channel: Buffer, message: Buffer) => this.hear(channel, message);

  constructor(
    private readonly redis: RedisConnections,
    private readonly store: DraftStore,
    /** This process's id, unique among the processes. */
    private readonly processId: string,
    private readonly log: DraftRelayLog,
    private readonly options: { databaseUrl?: string; timings?: Partial<DraftRelayTimings>; now?: () => number } = {},
  ) {
    this.timings = { ...defaultTimings, ...options.timings };
    redis.subscriber.on("messageBuffer", this.onMessage);
    this.stopListening = redis.onStatusChange((status) => {
      if (!status.up) return;
      // Redis is back: what was committed meanwhile is read by seq, and presence asked for again.
      for (const draft of this.drafts.values()) {
        if (!draft.document) continue;
        void draft.document.catchUp();
        this.publish(draft.document.policyId, { kind: "query", processId });
      }
      void this.beat();
    });
    this.timers.push(setInterval(() => void this.beat(), this.timings.heartbeatMs));
    this.timers.push(setInterval(() => void this.checkSilentDrafts(), this.timings.silenceMs));
    for (const timer of this.timers) timer.unref();
    void this.beat();
    if (options.databaseUrl) void this.listen(options.databaseUrl);
  }

  get gapWaitMs(): number {
    return this.redis.status().up ? this.timings.gapWaitMs : 0;
  }

  get announcesCommitsByDatabase(): boolean {
    return !this.redis.status().up;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async open(policyId: string): Promise<void> {
    this.drafts.set(policyId, {
      document: null,
      early: [],
      lastHeardAt: this.now(),
      awarenessPending: new Set(),
      awarenessTimer: null,
      awarenessSentAt: 0,
    });
    const subscribed = this.redis.subscriber.subscribe(draftChannel(policyId));
    // While Redis is down the subscription waits for it (ioredis queues it); the load goes on, and the
    // silence check and NOTIFY cover the draft meanwhile.
    if (!this.redis.status().up) {
      subscribed.catch(() => undefined);
      return;
    }
    try {
      await withTimeout(subscribed, 2_000);
    } catch (error) {
      this.log.warn({ err: error, policyId }, "could not subscribe to the draft's channel; relying on PostgreSQL for it");
    }
  }

  attach(document: RelayedDocument): void {
    const draft = this.drafts.get(document.policyId);
    if (!draft) return;
    draft.document = document;
    for (const message of draft.early.splice(0)) this.deliver(draft, document, message);
    this.publish(document.policyId, { kind: "query", processId: this.processId });
  }

  close(policyId: string, document: RelayedDocument | null): void {
    const draft = this.drafts.get(policyId);
    if (!draft || draft.document !== document) return;
    // Presence cleared as the last sockets left goes out now, not at a slot that will not come.
    if (draft.awarenessTimer && document) this.flushAwareness(draft, document);
    this.drafts.delete(policyId);
    this.redis.subscriber.unsubscribe(draftChannel(policyId)).catch(() => undefined);
  }

  committed(document: RelayedDocument, seq: number, update: Uint8Array): void {
    this.publish(document.policyId, { kind: "update", processId: this.processId, seq, update });
  }

  awarenessChanged(document: RelayedDocument, clientIds: readonly number[]): void {
    const draft = this.drafts.get(document.policyId);
    if (!draft || draft.document !== document) return;
    for (const clientId of clientIds) draft.awarenessPending.add(clientId);
    if (draft.awarenessTimer) return;
    const wait = Math.max(0, draft.awarenessSentAt + 1_000 / this.timings.awarenessPerSecond - this.now());
    draft.awarenessTimer = setTimeout(() => this.flushAwareness(draft, document), wait);
  }

  /** Publishes the presence changes gathered for a draft since its last message, in one message. */
  private flushAwareness(draft: RelayedDraft, document: RelayedDocument): void {
    if (draft.awarenessTimer) clearTimeout(draft.awarenessTimer);
    draft.awarenessTimer = null;
    draft.awarenessSentAt = this.now();
    const pending = [...draft.awarenessPending].filter((clientId) => document.awareness.meta.has(clientId));
    draft.awarenessPending.clear();
    if (pending.length === 0) return;
    this.publish(document.policyId, {
      kind: "awareness",
      processId: this.processId,
      update: encodeAwarenessUpdate(document.awareness, pending),
    });
  }

  /** Stops the timers, the subscriptions and the PostgreSQL listener, and removes the heartbeat key. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.listenerRetry) clearTimeout(this.listenerRetry);
    this.stopListening();
    this.redis.subscriber.off("messageBuffer", this.onMessage);
    for (const [policyId, draft] of this.drafts) {
      if (draft.awarenessTimer) clearTimeout(draft.awarenessTimer);
      this.redis.subscriber.unsubscribe(draftChannel(policyId)).catch(() => undefined);
    }
    this.drafts.clear();
    await this.redis.commands.del(processKey(this.processId)).catch(() => undefined);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private publish(policyId: string, message: DraftRelayMessage): void {
    if (this.stopped || !this.redis.status().up) return;
    // A lost publish loses nothing: the others find the commit by seq (a hole, the silence check).
    this.redis.commands.publish(draftChannel(policyId), Buffer.from(encodeDraftRelayMessage(message))).catch(() => undefined);
  }

  private hear(channel: Buffer, bytes: Buffer): void {
    const name = channel.toString();
    if (!name.startsWith(draftChannelPrefix)) return;
    const draft = this.drafts.get(name.slice(draftChannelPrefix.length));
    const message = decodeDraftRelayMessage(bytes);
    if (!draft || !message || message.processId === this.processId) return;
    if (!draft.document) {
      if (draft.early.length < maxEarlyMessages) draft.early.push(message);
      return;
    }
    this.deliver(draft, draft.document, message);
  }

  private deliver(draft: RelayedDraft, document: RelayedDocument, message: DraftRelayMessage): void {
    try {
      if (message.kind === "update") {
        draft.lastHeardAt = this.now();
        document.receiveCommitted(message.seq, message.update);
      } else if (message.kind === "awareness") {
        document.receiveRemoteAwareness(message.update, message.processId, awarenessClientIds(message.update));
      } else {
        const local = document.localAwarenessIds().filter((clientId) => document.awareness.meta.has(clientId));
        if (local.length > 0) this.awarenessChanged(document, local);
      }
    } catch (error) {
      this.log.warn({ err: error, policyId: document.policyId, kind: message.kind }, "ignored a malformed message from another process");
    }
  }

  /** Refreshes this process's heartbeat key, and drops the presence of processes whose key is gone. */
  private async beat(): Promise<void> {
    if (this.stopped || !this.redis.status().up) return;
    try {
      await this.redis.commands.set(processKey(this.processId), "1", "PX", this.timings.processTtlMs);
      const documents = [...this.drafts.values()].flatMap((draft) => (draft.document ? [draft.document] : []));
      const processes = new Set(documents.flatMap((document) => [...document.remoteProcesses()]));
      for (const processId of processes) {
        if ((await this.redis.commands.exists(processKey(processId))) > 0) continue;
        for (const document of documents) document.dropRemoteProcess(processId);
      }
    } catch (error) {
      this.log.warn({ err: error }, "could not refresh the process heartbeat");
    }
  }

  /**
   * Drafts with sockets that heard nothing for `silenceMs` (all of them while Redis is down) ask
   * PostgreSQL for their latest seq, one query for all; one that moved reads what it lacks.
   */
  private async checkSilentDrafts(): Promise<void> {
    if (this.stopped) return;
    const redisUp = this.redis.status().up;
    const now = this.now();
    const silent = [...this.drafts.values()].flatMap((draft) =>
      draft.document && draft.document.peers.size > 0 && (!redisUp || now - draft.lastHeardAt >= this.timings.silenceMs)
        ? [draft.document]
        : [],
    );
    if (silent.length === 0) return;
    try {
      const latest = await this.store.latestSeqs(silent.map((document) => document.policyId));
      for (const document of silent) {
        const draft = this.drafts.get(document.policyId);
        if (draft) draft.lastHeardAt = now;
        if ((latest.get(document.policyId) ?? 0) > document.appliedSeq) void document.catchUp();
      }
    } catch (error) {
      this.log.warn({ err: error }, "could not check the drafts' latest updates");
    }
  }

  /**
   * Listens for NOTIFY on `draftUpdatesChannel` over a connection of its own (LISTEN holds it). A
   * notice for a loaded draft that lacks the seq makes it catch up at once while Redis is down (with
   * Redis up, the update itself arrives through Redis). Reconnects after a failure.
   */
  private async listen(databaseUrl: string): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    const retry = () => {
      if (this.stopped || this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      this.listenerRetry = setTimeout(() => void this.listen(databaseUrl), 2_000);
      this.listenerRetry.unref();
    };
    this.listener = client;
    client.on("error", retry);
    client.on("end", retry);
    client.on("notification", (notice) => {
      if (this.redis.status().up || !notice.payload) return;
      const separator = notice.payload.lastIndexOf(":");
      const document = this.drafts.get(notice.payload.slice(0, separator))?.document;
      if (document && Number(notice.payload.slice(separator + 1)) > document.appliedSeq) void document.catchUp();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${draftUpdatesChannel}`);
    } catch (error) {
      this.log.warn({ err: error }, "could not listen for draft commits on PostgreSQL; polling instead");
      retry();
    }
  }
}

/** The relay's options from the app's configuration: NOTIFY is heard over the configured PostgreSQL. */
export function draftRelayOptions(config: Pick<AppConfig, "database">): { databaseUrl?: string } {
  return config.database.kind === "postgres" ? { databaseUrl: config.database.url } : {};
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

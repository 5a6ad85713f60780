import type { Awareness } from "y-protocols/awareness";

/** What the relay sees of a loaded draft (a `CollabDocument`): where to hand what it hears, and what to tell. */
export interface RelayedDocument {
  readonly policyId: string;
  /** Every committed update up to this sequence number is applied here. */
  readonly appliedSeq: number;
  readonly peers: ReadonlySet<unknown>;
  readonly awareness: Awareness;
  receiveCommitted(seq: number, update: Uint8Array): void;
  catchUp(): Promise<void>;
  receiveRemoteAwareness(update: Uint8Array, processId: string, clientIds: readonly number[]): void;
  remoteProcesses(): Set<string>;
  dropRemoteProcess(processId: string): void;
  localAwarenessIds(): number[];
}

/**
 * How a loaded draft hears of, and tells, the other processes serving the same database (the relay in
 * `cluster/`, over Redis with PostgreSQL as the fallback). Absent in the embedded mode, where one
 * process holds every document. The relay only ever says that something was committed; every update
 * it carries is already in PostgreSQL, so a lost message is found again by sequence number.
 */
export interface DocumentRelay {
  /**
   * Called before a draft is loaded, and resolved once this process hears of the draft's commits (or at
   * once when it cannot, such as while Redis is down). Subscribing first, then loading, leaves no window
   * in which a commit is neither in the load nor heard of; what both hold is dropped by sequence number.
   */
  open(policyId: string): Promise<void>;
  /** The loaded document of a draft opened above: the relay now hands it what it hears. */
  attach(document: RelayedDocument): void;
  /** The draft is unloaded (or its load failed: `document` null); stop listening for it. */
  close(policyId: string, document: RelayedDocument | null): void;
  /** This process committed `update` as the draft's `seq`: tell the others. */
  committed(document: RelayedDocument, seq: number, update: Uint8Array): void;
  /** Presence changed on this process's sockets (these awareness client ids): tell the others. */
  awarenessChanged(document: RelayedDocument, clientIds: readonly number[]): void;
  /** Stops relaying (shutdown, after the drafts are unloaded). */
  stop(): Promise<void>;
  /** Whether the document should wait a moment for a missing update to arrive, rather than read it at once. */
  readonly gapWaitMs: number;
  /**
   * Whether this process's commits are also announced with PostgreSQL NOTIFY now: while it cannot reach
   * Redis. With Redis up the publish tells the others, and a NOTIFY per commit only cost every process
   * (and its listening backend) a wake-up per commit anywhere, which each then ignored.
   */
  readonly announcesCommitsByDatabase: boolean;
}

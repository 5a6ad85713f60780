import { sql, type Kysely } from "kysely";
import * as Y from "yjs";
import { encodeAccordEvent, type AccordEvent } from "@accord/collab";
import type { AuditRecord } from "../storage/audit-events.js";
import type { Database } from "../storage/database.js";
import { findDraftState, type WriteWithUpdate } from "../storage/drafts.js";
import type { DocumentPeer } from "./collab-document.js";
import type { DocumentRegistry } from "./document-registry.js";
import type { LiveDrafts } from "../use-cases/live-drafts.js";

let nextServerPeerId = -1;

/**
 * The drafts as use cases see them: what is committed now, and server-made changes (a restore, a
 * decision on suggestions) that go through the same path as every client's edit (committed first, then
 * applied and relayed live), so connected editors see them at once and nobody's session breaks.
 */
export class CollabLiveDrafts implements LiveDrafts {
  /** Per policy, the server change last started: the next one waits for it (it never rejects). */
  private readonly changesInProgress = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: DocumentRegistry,
  ) {}

  /** The committed Yjs state of a draft: the loaded document's, or the stored one's. */
  async committedState(policyId: string): Promise<Uint8Array | undefined> {
    const live = this.registry.peek(policyId);
    if (live) {
      // With several processes the loaded copy may lack a commit another made a moment ago: read it first.
      if (this.registry.shared) await live.catchUp();
      return Y.encodeStateAsUpdate(live.ydoc);
    }
    return findDraftState(this.db, policyId);
  }

  /**
   * Applies a change made by the server as one forward Yjs update: computed on a copy of the committed
   * document, committed with its audit record, then applied and relayed. Returns false (and records
   * nothing) when the change changes nothing. An error thrown by `change` refuses the whole change.
   *
   * `audit` may be a function, called after `change`, when the record depends on what the change found
   * in the document; `alsoWrite` writes more rows in the same transaction as the update and its record
   * (null `audit`: `alsoWrite` writes the audit records itself, when one depends on rows it writes).
   *
   * Server changes to one policy run one at a time, each from building to applying its committed
   * update: one built from a state that misses another still being committed would decide on stale
   * text (two accepts of one suggestion would both succeed and both be recorded).
   */
  applyServerChange(
    policyId: string,
    change: (doc: Y.Doc) => void,
    audit: AuditRecord | (() => AuditRecord) | null,
    alsoWrite?: WriteWithUpdate,
  ): Promise<boolean> {
    const previous = this.changesInProgress.get(policyId) ?? Promise.resolve();
    const apply = () => this.applyNow(policyId, change, audit, alsoWrite);
    const result = previous.then(() => (this.registry.shared ? this.acrossProcesses(policyId, apply) : apply()));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.changesInProgress.set(policyId, settled);
    void settled.then(() => {
      if (this.changesInProgress.get(policyId) === settled) this.changesInProgress.delete(policyId);
    });
    return result;
  }

  private async applyNow(
    policyId: string,
    change: (doc: Y.Doc) => void,
    audit: AuditRecord | (() => AuditRecord) | null,
    alsoWrite?: WriteWithUpdate,
  ): Promise<boolean> {
    const peer: DocumentPeer = { id: nextServerPeerId--, send: () => undefined };
    const document = await this.registry.attach(policyId, peer);
    try {
      // With several processes, another may have committed what the relay has not brought yet (its
      // server change, which held the lock this one now holds, included): read it first, so that the
      // change is computed on the draft as stored.
      if (this.registry.shared) await document.catchUp();
      const copy = new Y.Doc();
      const updates: Uint8Array[] = [];
      try {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(document.ydoc));
        copy.on("update", (update: Uint8Array) => updates.push(update));
        copy.transact(() => change(copy));
      } finally {
        copy.destroy();
      }
      if (updates.length === 0) return false;
      const update = Y.mergeUpdates(updates);
      const record = typeof audit === "function" ? audit() : (audit ?? undefined);
      await document.commit(update, null, { audit: record, alsoWrite });
      return true;
    } finally {
      this.registry.detach(document, peer);
    }
  }

  /**
   * With several processes, server changes to one policy also run one at a time across them: each holds
   * a session advisory lock on the policy from building to applying its committed update (on a pool
   * connection of its own; the commit takes another). A process that dies loses its session and so the
   * lock. Only with PostgreSQL: several processes need it, and PGlite's one connection could not commit
   * while held.
   */
  private async acrossProcesses<T>(policyId: string, apply: () => Promise<T>): Promise<T> {
    const key = `draft_server_change:${policyId}`;
    return this.db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(hashtext(${key}))`.execute(connection);
      try {
        return await apply();
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection);
      }
    });
  }

  /**
   * Tells every socket on a loaded draft of an event beside its text (who restored a version). Call it
   * after the change is committed and applied, so the event follows the update it explains. Nobody is
   * editing a draft that is not loaded, so there is no one to tell.
   */
  announce(policyId: string, event: AccordEvent): void {
    this.registry.peek(policyId)?.broadcast(encodeAccordEvent(event));
  }
}

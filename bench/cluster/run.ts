import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { paragraphTexts } from "../collab/load.js";
import { cpuSeconds } from "../collab/processes.js";
import { redisCounters, type BenchClient, type ClusterUnderTest } from "./clusters.js";

/** The load: D documents × C clients × R edits/s per client; W s warm-up, T s measured, then a kill. */
export interface Shape {
  documents: number;
  clientsPerDocument: number;
  editsPerSecond: number;
  warmupSeconds: number;
  seconds: number;
  /** Seconds of typing after the SIGKILL, before the writers stop. */
  afterKillSeconds: number;
  /** Seconds waited after convergence before storage is read the last time (Hocuspocus stores at most 10 s late). */
  settleSeconds: number;
}

/** What one round on one system measured. */
export interface RoundResult {
  /** Fan-out latencies (ms) in the measured window, sender and receiver on different processes only. */
  latencies: number[];
  /** The same, sender and receiver on the same process (for comparison: no cross-process relay). */
  sameProcessLatencies: number[];
  editsInWindow: number;
  deliveriesInWindow: number;
  serverCpuSeconds: number;
  redisCpuSeconds: number;
  /** CPU of the PostgreSQL backends that served the database at the window's start, over the window. */
  databaseCpuSeconds: number;
  redisCommands: number;
  /** Edits relayed to at least one other client before the SIGKILL that were not in PostgreSQL at that moment. */
  relayedNotStoredAtKill: number;
  relayedAtKill: number;
  /** Edits (all writers survive) missing from PostgreSQL after everyone reconverged and the settle time. */
  lostAfterReconvergence: number;
  totalEdits: number;
  /** Milliseconds from the SIGKILL until every client held every edit made before it; null if not within 60 s. */
  reconvergedMs: number | null;
  /** Clients whose document differs from the others' at the end. */
  diverged: number;
}

interface Edit {
  clock: number;
  at: number;
}

interface Editor {
  label: string;
  client: BenchClient;
  /** haproxy's name of the process the client first connected to. */
  node: string;
  text: Y.XmlText;
  edits: Edit[];
  received: Map<Editor, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** How many of the editor's tokens (" e<n>") the stored paragraph that starts with its label holds. */
function storedCount(paragraphs: string[], label: string): number {
  const paragraph = paragraphs.find((text) => text.startsWith(label));
  return paragraph ? paragraph.slice(label.length).split(" e").length - 1 : 0;
}

/**
 * One round on one system: fresh documents, clients connected one at a time through haproxy (the
 * process each lands on is read from haproxy's session counters), a measured window, then a SIGKILL of
 * process `killIndex` under load, reconvergence and storage checks. The killed process is started again.
 */
export async function runRound(
  system: ClusterUnderTest,
  shape: Shape,
  round: number,
  kill: { index: number; onEdit: boolean },
  log: (line: string) => void,
) {
  const { index: killIndex, onEdit: killOnEdit } = kill;
  const documents: { id: string; editors: Editor[] }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  try {
    for (let index = 0; index < shape.documents; index++) {
      documents.push({ id: await system.newDocument(`Cluster benchmark r${round} d${index}`), editors: [] });
    }
    for (const [docIndex, document] of documents.entries()) {
      for (let index = 0; index < shape.clientsPerDocument; index++) {
        const before = await system.balancer.sessionTotals();
        const client = system.connect(document.id);
        const synced = await Promise.race([client.synced.then(() => true), sleep(30_000).then(() => false)]);
        if (!synced) throw new Error(`${system.label}: a client did not sync within 30 s`);
        const after = await system.balancer.sessionTotals();
        const node = system.names.find((name) => (after[name] ?? 0) > (before[name] ?? 0)) ?? "?";
        document.editors.push({ label: `d${docIndex}c${index}|`, client, node, text: new Y.XmlText(), edits: [], received: new Map() });
      }
    }
    const all = documents.flatMap((document) => document.editors);
    let windowStart = Infinity;
    let windowEnd = Infinity;
    const latencies: number[] = [];
    const sameProcessLatencies: number[] = [];
    let deliveriesInWindow = 0;
    for (const { editors } of documents) {
      for (const editor of editors) for (const other of editors) if (other !== editor) editor.received.set(other, 0);
      for (const editor of editors) {
        editor.client.doc.on("update", () => {
          const now = performance.now();
          for (const [sender, count] of editor.received) {
            const state = Y.getState(editor.client.doc.store, sender.client.doc.clientID);
            let next = count;
            while (next < sender.edits.length && sender.edits[next]!.clock <= state) {
              const edit = sender.edits[next]!;
              if (edit.at >= windowStart && edit.at < windowEnd) {
                deliveriesInWindow++;
                (sender.node !== editor.node ? latencies : sameProcessLatencies).push(now - edit.at);
              }
              next++;
            }
            editor.received.set(sender, next);
          }
        });
      }
    }
    for (const editor of all) {
      const paragraph = new Y.XmlElement("paragraph");
      editor.text.insert(0, editor.label);
      paragraph.insert(0, [editor.text]);
      editor.client.doc.getXmlFragment("prosemirror").push([paragraph]);
    }
    const ready = await until(
      () =>
        documents.every(({ editors }) =>
          editors.every((editor) => {
            const texts = paragraphTexts(editor.client.doc);
            return editors.every((other) => texts.includes(other.label));
          }),
        ),
      30_000,
    );
    if (!ready) throw new Error(`${system.label}: the clients' paragraphs did not reach everyone within 30 s`);
    const placement = new Map<string, number>();
    for (const editor of all) placement.set(editor.node, (placement.get(editor.node) ?? 0) + 1);
    log(`${system.label} round ${round}: clients per process ${JSON.stringify(Object.fromEntries(placement))}`);

    // Typing: an absolute schedule per client from a random phase, until `typing` is turned off.
    let typing = true;
    let onEdit: ((editor: Editor) => void) | null = null;
    const period = 1000 / shape.editsPerSecond;
    const start = performance.now() + 100;
    for (const editor of all) {
      let sequence = 0;
      const phase = Math.random() * period;
      const typeNext = () => {
        if (!typing) return;
        const token = ` e${sequence++}`;
        editor.text.insert(editor.text.length, token);
        editor.edits.push({ clock: Y.getState(editor.client.doc.store, editor.client.doc.clientID), at: performance.now() });
        onEdit?.(editor);
        const timer = setTimeout(typeNext, Math.max(0, start + phase + sequence * period - performance.now()));
        timers.add(timer);
      };
      timers.add(setTimeout(typeNext, start + phase - performance.now()));
    }
    windowStart = start + shape.warmupSeconds * 1000;
    windowEnd = windowStart + shape.seconds * 1000;
    await sleep(windowStart - performance.now());
    const cpuBefore = system.pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const backends = await system.databasePids();
    const databaseCpu = (pid: number) => {
      try {
        return cpuSeconds(pid);
      } catch {
        return NaN; // the backend ended in the window: not counted
      }
    };
    const databaseBefore = new Map(backends.map((pid) => [pid, databaseCpu(pid)]));
    const redisBefore = await redisCounters(system.redis.port);
    await sleep(windowEnd - performance.now());
    const cpuAfter = system.pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    let databaseCpuSeconds = 0;
    for (const [pid, before] of databaseBefore) {
      const spent = databaseCpu(pid) - before;
      if (Number.isFinite(spent)) databaseCpuSeconds += spent;
    }
    const redisAfter = await redisCounters(system.redis.port);
    const editsInWindow = all.reduce(
      (sum, editor) => sum + editor.edits.filter((edit) => edit.at >= windowStart && edit.at < windowEnd).length,
      0,
    );

    // The kill, under load: at once, or (killOnEdit) in the same tick as a writer on that process sends an
    // edit, so that the edit is on its way in. Whatever any client had received from a writer by then was relayed.
    const victim = system.names[killIndex];
    await (killOnEdit
      ? new Promise<void>((resolve) => {
          onEdit = (editor) => {
            if (editor.node !== victim) return;
            onEdit = null;
            resolve(system.kill(killIndex));
          };
        })
      : system.kill(killIndex));
    const killedAt = performance.now();
    const relayed = new Map<Editor, number>();
    for (const editor of all) {
      for (const [sender, count] of editor.received) relayed.set(sender, Math.max(relayed.get(sender) ?? 0, count));
    }
    let relayedNotStoredAtKill = 0;
    let relayedAtKill = 0;
    for (const { id, editors } of documents) {
      const stored = await system.storedParagraphs(id);
      for (const editor of editors) {
        const count = relayed.get(editor) ?? 0;
        relayedAtKill += count;
        relayedNotStoredAtKill += Math.max(0, count - storedCount(stored, editor.label));
      }
    }
    log(
      `${system.label} round ${round}: killed ${victim}${killOnEdit ? " as an edit was sent to it" : ""}; ${relayedNotStoredAtKill} of ${relayedAtKill} relayed edits not yet stored`,
    );
    // Recovery: every client again holds every edit made before the kill (the killed process's clients
    // must reconnect through haproxy to another process, and resync, first).
    const atKill = new Map(all.map((editor) => [editor, editor.edits.length]));
    const recovered = until(
      () => all.every((editor) => [...editor.received].every(([sender, count]) => count >= atKill.get(sender)!)),
      60_000,
    ).then((done) => (done ? performance.now() - killedAt : null));
    await sleep(shape.afterKillSeconds * 1000);
    typing = false;
    for (const timer of timers) clearTimeout(timer);
    const missing = () =>
      all.reduce((sum, editor) => sum + [...editor.received].reduce((inner, [sender, count]) => inner + sender.edits.length - count, 0), 0);
    const converged = await until(() => missing() === 0, 60_000);
    const reconvergedMs = converged ? await recovered : null;
    if (!converged) log(`${system.label} round ${round}: ${missing()} deliveries still missing after 60 s`);
    let diverged = 0;
    for (const { editors } of documents) {
      const vector = Buffer.from(Y.encodeStateVector(editors[0]!.client.doc)).toString("base64");
      for (const editor of editors.slice(1)) {
        if (Buffer.from(Y.encodeStateVector(editor.client.doc)).toString("base64") !== vector) diverged++;
      }
    }
    await sleep(shape.settleSeconds * 1000);
    let lostAfterReconvergence = 0;
    let totalEdits = 0;
    for (const { id, editors } of documents) {
      const stored = await system.storedParagraphs(id);
      for (const editor of editors) {
        totalEdits += editor.edits.length;
        lostAfterReconvergence += Math.max(0, editor.edits.length - storedCount(stored, editor.label));
      }
    }
    const result: RoundResult = {
      latencies,
      sameProcessLatencies,
      editsInWindow,
      deliveriesInWindow,
      serverCpuSeconds: cpuAfter - cpuBefore,
      redisCpuSeconds: redisAfter.cpuSeconds - redisBefore.cpuSeconds,
      databaseCpuSeconds,
      // The two INFO commands of the first sample are counted by the second.
      redisCommands: redisAfter.commands - redisBefore.commands - 2,
      relayedNotStoredAtKill,
      relayedAtKill,
      lostAfterReconvergence,
      totalEdits,
      reconvergedMs,
      diverged,
    };
    return result;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const { editors } of documents) for (const editor of editors) editor.client.destroy();
    await system.restart(killIndex);
  }
}

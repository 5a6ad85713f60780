import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { connectProvider, type ProviderClient } from "../../tests/support/collab-clients.js";

/** The load: D documents × C clients each × R edits per second per client, W s warm-up then T s measured. */
export interface LoadShape {
  documents: number;
  clientsPerDocument: number;
  editsPerSecond: number;
  warmupSeconds: number;
  seconds: number;
}

/** Called at the edges of the measured window, to sample the server and this process there. */
export interface WindowHooks {
  onStart(): void;
  onEnd(): void;
}

/** What one run of the load saw, on the client side. */
export interface LoadResult {
  /** Fan-out latencies (ms) of every edit made in the measured window, to every other client of its document. */
  latencies: number[];
  /** Edits made in the measured window, and deliveries of them expected (edits × (C − 1)). */
  measuredEdits: number;
  expectedDeliveries: number;
  /** Deliveries (of any edit) that arrived within the measured window. */
  deliveredInWindow: number;
  /** Deliveries still missing after the drain timeout (all edits, warm-up included). */
  lost: number;
  /** WebSocket closes and errors the providers reported after they first synced. */
  closes: number;
  errors: number;
  /** Per document: the paragraph texts every client must hold (and the server must store). */
  expectedParagraphs: Map<string, string[]>;
  /** Convergence problems found at the end; empty when every document converged with every edit once. */
  problems: string[];
}

/** One edit, as its sender recorded it: Yjs items up to `clock` (exclusive) of this client carry it. */
interface Edit {
  clock: number;
  at: number;
}

interface Editor {
  label: string;
  client: ProviderClient;
  /** The editor's own paragraph text, where it types. */
  text: Y.XmlText;
  edits: Edit[];
  /** How the paragraph must read in the end: its label then every token typed. */
  expected: string;
  /** For each other editor of the document: how many of its edits this one has received. */
  received: Map<Editor, number>;
}

const sleepUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - performance.now())));

/** The paragraphs of a ProseMirror Y.XmlFragment, as plain text. */
export function paragraphTexts(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment("prosemirror")
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === "paragraph")
    .map((paragraph) =>
      paragraph
        .toArray()
        .map((child) =>
          child instanceof Y.XmlText
            ? (child.toDelta() as { insert?: unknown }[])
                .map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
                .join("")
            : "",
        )
        .join(""),
    );
}

/** Resolves once the condition holds; false on timeout. Polls because the events come from many docs. */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

/**
 * Runs the load against one server: connects every client with the stock y-websocket provider, lets each
 * add its own paragraph, then has each type a short token (" e<n>") at the end of it R times a second.
 * An edit's latency to a receiver ends when the receiver's document has integrated the sender's Yjs
 * items up to the edit's clock (checked on every update the receiver applies), so no content is parsed
 * and the measure is the same for every server. Clients share this process and its event loop.
 */
export async function runLoad(
  origin: string,
  cookie: string,
  roomIds: string[],
  shape: LoadShape,
  hooks: WindowHooks,
): Promise<LoadResult> {
  const documents: Editor[][] = [];
  let closes = 0;
  let errors = 0;
  let counting = false; // closes during connection set-up are not the server's fault under load
  const deliveredAt: number[] = [];
  const latencies: number[] = [];
  const timers = new Map<Editor, NodeJS.Timeout>(); // each client's next edit
  // Set once the schedule is known; until then no edit is in the window.
  let windowStart = Infinity;
  let windowEnd = Infinity;

  try {
    for (const [docIndex, roomId] of roomIds.entries()) {
      const editors: Editor[] = [];
      for (let index = 0; index < shape.clientsPerDocument; index++) {
        const client = connectProvider(origin, roomId, cookie);
        client.provider.on("connection-close", () => counting && closes++);
        client.provider.on("connection-error", () => counting && errors++);
        const label = `d${docIndex}c${index}:`;
        editors.push({ label, client, text: new Y.XmlText(), edits: [], expected: label, received: new Map() });
      }
      documents.push(editors);
    }
    for (const editors of documents) {
      for (const editor of editors) for (const other of editors) if (other !== editor) editor.received.set(other, 0);
      for (const editor of editors) {
        editor.client.doc.on("update", () => {
          const now = performance.now();
          const store = editor.client.doc.store;
          for (const [sender, count] of editor.received) {
            const state = Y.getState(store, sender.client.doc.clientID);
            let next = count;
            while (next < sender.edits.length && sender.edits[next]!.clock <= state) {
              deliveredAt.push(now);
              if (sender.edits[next]!.at >= windowStart && sender.edits[next]!.at < windowEnd) latencies.push(now - sender.edits[next]!.at);
              next++;
            }
            editor.received.set(sender, next);
          }
        });
      }
    }
    const all = documents.flat();
    const synced = await Promise.race([
      Promise.all(all.map((editor) => editor.client.synced)).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
    ]);
    if (!synced)
      throw new Error(`not every client synced within 30 s (closes: ${JSON.stringify(all.flatMap((editor) => editor.client.closes))})`);

    // Each client adds its own paragraph, as y-prosemirror stores one, and waits to see everyone's.
    for (const editor of all) {
      const paragraph = new Y.XmlElement("paragraph");
      editor.text.insert(0, editor.label);
      paragraph.insert(0, [editor.text]);
      editor.client.doc.getXmlFragment("prosemirror").push([paragraph]);
    }
    const labels = (editors: Editor[]) => editors.map((editor) => editor.label);
    const ready = await waitFor(
      () =>
        documents.every((editors) =>
          editors.every((editor) => labels(editors).every((label) => paragraphTexts(editor.client.doc).includes(label))),
        ),
      30_000,
    );
    if (!ready) throw new Error("the clients' paragraphs did not reach every client within 30 s");
    counting = true;

    // The schedule is absolute (no drift) and each client starts at a random phase, so the edits of a
    // document do not all land in the same millisecond.
    const start = performance.now() + 100;
    windowStart = start + shape.warmupSeconds * 1000;
    windowEnd = windowStart + shape.seconds * 1000;
    const period = 1000 / shape.editsPerSecond;
    for (const editor of all) {
      let sequence = 0;
      const phase = Math.random() * period;
      const typeNext = () => {
        const at = performance.now();
        if (at >= windowEnd) return;
        const token = ` e${sequence++}`;
        editor.text.insert(editor.text.length, token);
        editor.expected += token;
        editor.edits.push({ clock: Y.getState(editor.client.doc.store, editor.client.doc.clientID), at });
        timers.set(editor, setTimeout(typeNext, Math.max(0, start + phase + sequence * period - performance.now())));
      };
      timers.set(editor, setTimeout(typeNext, start + phase - performance.now()));
    }
    await sleepUntil(windowStart);
    hooks.onStart();
    await sleepUntil(windowEnd);
    hooks.onEnd();

    const missing = () =>
      documents
        .flat()
        .reduce((sum, editor) => sum + [...editor.received].reduce((inner, [sender, count]) => inner + sender.edits.length - count, 0), 0);
    await waitFor(() => missing() === 0, 30_000);
    const inWindow = deliveredAt.filter((time) => time >= windowStart && time < windowEnd).length;
    const measuredEdits = all.reduce(
      (sum, editor) => sum + editor.edits.filter((edit) => edit.at >= windowStart && edit.at < windowEnd).length,
      0,
    );
    const problems = checkConvergence(documents, roomIds);
    const result: LoadResult = {
      latencies,
      measuredEdits,
      expectedDeliveries: measuredEdits * (shape.clientsPerDocument - 1),
      deliveredInWindow: inWindow,
      lost: missing(),
      closes,
      errors,
      expectedParagraphs: new Map(roomIds.map((roomId, index) => [roomId, documents[index]!.map((editor) => editor.expected)])),
      problems,
    };
    return result;
  } finally {
    for (const timer of timers.values()) clearTimeout(timer);
    for (const editor of documents.flat()) editor.client.destroy();
  }
}

/** Every client of a document holds the same state, with each client's paragraph exactly as typed, once. */
function checkConvergence(documents: Editor[][], roomIds: string[]): string[] {
  const problems: string[] = [];
  for (const [index, editors] of documents.entries()) {
    const first = editors[0]!.client.doc;
    const vector = Buffer.from(Y.encodeStateVector(first)).toString("base64");
    const content = first.getXmlFragment("prosemirror").toString();
    for (const editor of editors.slice(1)) {
      if (Buffer.from(Y.encodeStateVector(editor.client.doc)).toString("base64") !== vector)
        problems.push(`${roomIds[index]}: ${editor.label} has a different state vector`);
      if (editor.client.doc.getXmlFragment("prosemirror").toString() !== content)
        problems.push(`${roomIds[index]}: ${editor.label} has different content`);
    }
    const paragraphs = paragraphTexts(first);
    for (const editor of editors) {
      const found = paragraphs.filter((text) => text === editor.expected).length;
      if (found !== 1) problems.push(`${roomIds[index]}: ${editor.label}'s paragraph (${editor.edits.length} edits) found ${found} times`);
    }
  }
  return problems;
}

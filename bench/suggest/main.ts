import { arch, cpus } from "node:os";
import * as Y from "yjs";
import { inspectClientUpdate } from "../../packages/collab/src/index.js";
import { bodyWornCameraDemoDocument, type PolicyNodeJSON } from "../../packages/policy-schema/src/index.js";
import { encodeDraftState } from "../../apps/server/src/drafts/yjs-draft.js";
import { verifySuggestOnlyUpdate } from "../../apps/server/src/collab/suggest-only-update.js";
import { generateThirtyPagePolicy } from "../versions/realistic-policy.js";

// `pnpm bench:suggest`: what the server's check of one suggest-only update costs (a commenter typing a
// word as their suggestion), on the demo draft and on a 30-page policy, beside two references measured in
// the same run: what an editor's update costs on the same path (strict inspection and the diff against
// the document), and the floor of any check made on a copy (copying the document and applying the update).
// The figures size the per-socket budget COLLAB_SUGGESTION_CHECK_MS_PER_SECOND. There is no target.

const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
const suggester = { userId: "bench-commenter", affiliation: "community" };

function measure(run: () => void): { median: number; p95: number } {
  for (let warm = 0; warm < 20; warm++) run();
  const times: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]! };
}

/** The committed document, and a commenter's update typing one word as their suggestion mid-paragraph. */
function scene(document: PolicyNodeJSON): { committed: Y.Doc; update: Uint8Array; bytes: number } {
  const state = encodeDraftState(document);
  const committed = new Y.Doc();
  Y.applyUpdate(committed, state);
  const commenter = new Y.Doc();
  Y.applyUpdate(commenter, state);
  const fragment = commenter.getXmlFragment("prosemirror");
  // The last paragraph of the document: the check must walk everything before it.
  const paragraphs = fragment
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === "paragraph");
  const text = paragraphs.at(-1)?.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error("The benchmark document has no paragraph text at its end.");
  const updates: Uint8Array[] = [];
  commenter.on("update", (update: Uint8Array) => updates.push(update));
  text.insert(5, "always ", {
    insertion: { id: "bench-1", author: suggester.userId, affiliation: suggester.affiliation, time: "2026-11-28T09:00:00.000Z" },
  });
  commenter.destroy();
  return { committed, update: Y.mergeUpdates(updates), bytes: state.byteLength };
}

const rows: string[] = [];
const format = (value: number) => `${value.toFixed(2)} ms`;
for (const [name, document] of [
  ["demo draft", bodyWornCameraDemoDocument],
  ["30-page policy", generateThirtyPagePolicy()],
] as const) {
  const { committed, update, bytes } = scene(document);
  const check = measure(() => verifySuggestOnlyUpdate(committed, [], update, suggester));
  const editorPath = measure(() => {
    inspectClientUpdate(update, { doc: committed });
    Y.diffUpdate(update, Y.encodeStateVector(committed));
  });
  const copyFloor = measure(() => {
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(committed));
    Y.applyUpdate(copy, update);
    copy.destroy();
  });
  rows.push(
    `| ${name} (${(bytes / 1024).toFixed(0)} KiB of Yjs state) | ${format(check.median)} | ${format(check.p95)} | ${format(editorPath.median)} | ${format(copyFloor.median)} | ${Math.floor(250 / check.median)} |`,
  );
}

console.log(
  `Suggest-only check benchmark: ${iterations} runs each; ${cpus().length} × ${cpus()[0]?.model ?? arch()}, Node ${process.version}`,
);
console.log(
  "| document | check median | check p95 | reference: editor's path, median | reference: copy + apply, median | checked updates per second within the default budget (250 ms/s) |",
);
console.log("|---|---:|---:|---:|---:|---:|");
for (const row of rows) console.log(row);

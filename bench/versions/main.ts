import { createHash } from "node:crypto";
import { arch, cpus } from "node:os";
import { diffWordsWithSpace } from "../../packages/policy-diff/node_modules/diff/libesm/index.js";
import { diffPolicyDocuments, renderRedlineHtml } from "../../packages/policy-diff/src/index.js";
import { renderPolicyHtml } from "../../packages/policy-render/src/index.js";
import {
  canonicalizeDocument,
  documentToPlainText,
  parsePolicyDocument,
  type PolicyNodeJSON,
} from "../../packages/policy-schema/src/index.js";
import { exportDocx, exportMarkdown, exportPdf, type VersionExport } from "../../apps/server/src/exports/index.js";
import { decodeDraftContent, encodeDraftState } from "../../apps/server/src/drafts/yjs-draft.js";
import { createDatabase, migrateToLatest } from "../../apps/server/src/storage/database.js";
import { insertVersion, lockVersionNumbering } from "../../apps/server/src/storage/versions.js";
import { insertPolicy } from "../../apps/server/src/storage/policies.js";
import { generateThirtyPagePolicy, reviseThirtyPagePolicy } from "./realistic-policy.js";

// `pnpm bench:versions`: the costs of versions on a generated, realistic 30-page policy, each beside a
// reference measured in the same run. Target: a redline of two 30-page versions in under 100 ms.

const iterations = Number(process.env.BENCH_ITERATIONS ?? 20);

async function measure(run: () => unknown): Promise<{ median: number; p95: number }> {
  for (let warm = 0; warm < 3; warm++) await run();
  const times: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]! };
}

const original = generateThirtyPagePolicy();
const revised = reviseThirtyPagePolicy(original);
const plainOriginal = documentToPlainText(parsePolicyDocument(original));
const plainRevised = documentToPlainText(parsePolicyDocument(revised));
const words = plainOriginal.split(/\s+/).filter(Boolean).length;
const canonical = canonicalizeDocument(revised);
const exportInput: VersionExport = {
  policyTitle: "Body-Worn Camera Policy",
  policySlug: "body-worn-cameras",
  versionNumber: 2,
  versionLabel: "Benchmark",
  savedAt: new Date("2026-11-27T12:00:00Z"),
  authorName: "Benchmark",
  contentHash: canonical.hash,
  document: JSON.parse(canonical.json) as PolicyNodeJSON,
  approval: null,
};

// Saving goes through the same steps as the save-version use case: the Yjs state to JSON, canonical
// form and hash, the change size against the previous version, and the insert, on in-memory PGlite.
const { db } = await createDatabase({ kind: "memory" });
await migrateToLatest(db);
const policyId = crypto.randomUUID();
await insertPolicy(db, { id: policyId, slug: "bench", title: "Bench", created_at: new Date(), updated_at: new Date() });
const draftState = encodeDraftState(revised);
let nextNumber = 1;

const rows: [string, { median: number; p95: number }, string, { median: number; p95: number }][] = [];
rows.push([
  "hash: canonical JSON + SHA-256",
  await measure(() => canonicalizeDocument(revised)),
  "reference: JSON.stringify + SHA-256",
  await measure(() => createHash("sha256").update(JSON.stringify(revised)).digest("hex")),
]);
rows.push([
  "save: Yjs → JSON, hash, change size, insert",
  await measure(async () => {
    const content = canonicalizeDocument(decodeDraftContent(draftState));
    const stats = diffPolicyDocuments(original, JSON.parse(content.json) as PolicyNodeJSON).stats;
    await db.transaction().execute(async (trx) => {
      await lockVersionNumbering(trx, policyId);
      await insertVersion(trx, {
        id: crypto.randomUUID(),
        policy_id: policyId,
        number: nextNumber++,
        label: "bench",
        note: "",
        author_id: null,
        created_at: new Date(),
        canonical_json: content.json,
        content_hash: content.hash,
        yjs_state: draftState,
        word_count: words,
        words_added: stats.wordsInserted,
        words_removed: stats.wordsDeleted,
      });
    });
  }),
  "reference: hash only",
  await measure(() => canonicalizeDocument(revised)),
]);
rows.push([
  "render: policy HTML (numbered, escaped)",
  await measure(() => renderPolicyHtml(revised)),
  "reference: JSON.stringify",
  await measure(() => JSON.stringify(revised)),
]);
const redlineTiming = await measure(() => renderRedlineHtml(diffPolicyDocuments(original, revised)));
rows.push([
  "redline: diff + HTML, two 30-page versions",
  redlineTiming,
  "reference: jsdiff words over the whole text",
  await measure(() => diffWordsWithSpace(plainOriginal, plainRevised)),
]);
const renderTiming = rows[2]![1];
rows.push(["export: Markdown", await measure(() => exportMarkdown(exportInput)), "reference: HTML render", renderTiming]);
rows.push(["export: DOCX", await measure(() => exportDocx(exportInput)), "reference: HTML render", renderTiming]);
rows.push(["export: PDF", await measure(() => exportPdf(exportInput)), "reference: HTML render", renderTiming]);
await db.destroy();

const format = (value: number) => `${value.toFixed(1)} ms`;
console.log(
  `Versions benchmark: ${words} words, ${original.content?.length} blocks; ${iterations} runs each; ${cpus().length} × ${cpus()[0]?.model ?? arch()}, Node ${process.version}`,
);
console.log("| step | median | p95 | reference | median | p95 |");
console.log("|---|---:|---:|---|---:|---:|");
for (const [name, figures, referenceName, reference] of rows) {
  console.log(
    `| ${name} | ${format(figures.median)} | ${format(figures.p95)} | ${referenceName} | ${format(reference.median)} | ${format(reference.p95)} |`,
  );
}
const met = redlineTiming.p95 < 100;
console.log(`Target: a redline of two 30-page versions in under 100 ms: ${met ? "met" : "NOT met"} (p95 ${format(redlineTiming.p95)}).`);

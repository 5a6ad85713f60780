// Builds the browser app into a temporary folder and says what a browser downloads before the first draft
// is opened: the entry chunk and every chunk it imports statically (dynamic imports, such as the policy
// page with the editor, load later). For each: its size raw, gzip and brotli, and the node_modules
// packages bundled in it; and whether the build's compressed twins (.br, .gz) hold exactly each file.
// `node scripts/measure-web-first-load.mjs` prints a table;
// `--json` prints the measurement for tests/web-bundle/first-load-budget.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { build } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const webRoot = path.join(root, "apps/web");

/** The package a bundled module comes from ("prosemirror-view", "@accord/domain"), or null for the app's own. */
function packageOf(moduleId) {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(moduleId.replaceAll("\\", "/"));
  if (match) return match[1];
  const workspace = /\/packages\/([^/]+)\/src\//.exec(moduleId.replaceAll("\\", "/"));
  return workspace ? `@accord/${workspace[1]}` : null;
}

const chunks = [];
/** Compressed twins (`.br`, `.gz`) that do not decompress to their file: the server would send wrong code. */
const mismatchedTwins = [];
const recordChunks = {
  name: "accord-record-chunks",
  writeBundle(_options, bundle) {
    for (const output of Object.values(bundle)) {
      if (output.type !== "chunk") continue;
      chunks.push({
        file: output.fileName,
        isEntry: output.isEntry,
        imports: output.imports,
        dynamicImports: output.dynamicImports,
        packages: [...new Set(output.moduleIds.map(packageOf).filter((name) => name !== null))].sort(),
      });
    }
  },
};

const outDir = mkdtempSync(path.join(tmpdir(), "accord-web-measure-"));
try {
  await build({
    root: webRoot,
    configFile: path.join(webRoot, "vite.config.ts"),
    mode: "production",
    logLevel: "error",
    plugins: [recordChunks],
    build: { outDir, emptyOutDir: true },
  });
  // Sizes from the files as written once the build is over, the precompression included: what a browser gets.
  for (const chunk of chunks) {
    const file = path.join(outDir, chunk.file);
    const code = readFileSync(file);
    Object.assign(chunk, {
      rawBytes: code.length,
      gzipBytes: gzipSync(code).length,
      brotliBytes: brotliCompressSync(code).length,
      hasTwins: existsSync(`${file}.br`) && existsSync(`${file}.gz`),
    });
    for (const [suffix, decompress] of [
      [".br", brotliDecompressSync],
      [".gz", gunzipSync],
    ]) {
      if (existsSync(file + suffix) && !decompress(readFileSync(file + suffix)).equals(code)) mismatchedTwins.push(chunk.file + suffix);
    }
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]));
const entry = chunks.find((chunk) => chunk.isEntry);
if (!entry) throw new Error("The build has no entry chunk: apps/web/index.html must load src/main.tsx.");
// Everything the entry pulls in before it runs: its static imports, transitively.
const firstLoad = [];
const pending = [entry.file];
while (pending.length > 0) {
  const file = pending.pop();
  if (firstLoad.some((chunk) => chunk.file === file)) continue;
  const chunk = byFile.get(file);
  if (!chunk) throw new Error(`The build lists ${file} as an import but did not emit it.`);
  firstLoad.push(chunk);
  pending.push(...chunk.imports);
}
const sum = (list, key) => list.reduce((total, chunk) => total + chunk[key], 0);
const measurement = {
  firstLoad: {
    files: firstLoad.map((chunk) => chunk.file),
    packages: [...new Set(firstLoad.flatMap((chunk) => chunk.packages))].sort(),
    rawBytes: sum(firstLoad, "rawBytes"),
    gzipBytes: sum(firstLoad, "gzipBytes"),
    brotliBytes: sum(firstLoad, "brotliBytes"),
  },
  chunks,
  mismatchedTwins,
};

if (process.argv.includes("--json")) {
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
} else {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const chunk of chunks.sort((a, b) => b.rawBytes - a.rawBytes)) {
    const when = firstLoad.includes(chunk) ? "first load" : "on demand";
    console.log(
      `${chunk.file.padEnd(40)} ${when.padEnd(10)} raw ${kb(chunk.rawBytes).padStart(9)}  gzip ${kb(chunk.gzipBytes).padStart(8)}  brotli ${kb(chunk.brotliBytes).padStart(8)}`,
    );
  }
  const { rawBytes, gzipBytes, brotliBytes } = measurement.firstLoad;
  console.log(`JavaScript before the first draft is opened: raw ${kb(rawBytes)}, gzip ${kb(gzipBytes)}, brotli ${kb(brotliBytes)}`);
}

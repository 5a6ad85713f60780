import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

interface ChunkMeasurement {
  file: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  packages: string[];
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  hasTwins: boolean;
}

interface Measurement {
  firstLoad: { files: string[]; packages: string[]; rawBytes: number; gzipBytes: number; brotliBytes: number };
  chunks: ChunkMeasurement[];
  mismatchedTwins: string[];
}

/** The collaborative editor's packages: none of them may load before a draft is opened. */
const editorPackage = /^(?:prosemirror-|y-|yjs$|lib0$)/;
/** The budget of compressed JavaScript before the first draft is opened (issue 12, item 8). */
const firstLoadBudgetBytes = 80 * 1024;

describe("the browser app's first load", () => {
  let measurement: Measurement;

  beforeAll(async () => {
    // The script builds the app from its sources into a temporary folder, so this measures the code as
    // it is now, whatever apps/web/dist holds. In a child process, so that Vite builds for production and
    // not under vitest's NODE_ENV=test.
    const { NODE_ENV: _testEnv, ...env } = process.env;
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "scripts/measure-web-first-load.mjs"), "--json"], {
      cwd: root,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    measurement = JSON.parse(stdout) as Measurement;
  }, 600_000);

  it("loads none of the editor's packages (ProseMirror, Yjs, y-prosemirror) before a draft is opened", () => {
    expect(measurement.firstLoad.files.length).toBeGreaterThan(0);
    expect(measurement.firstLoad.packages).toContain("preact");
    expect(measurement.firstLoad.packages.filter((name) => editorPackage.test(name))).toEqual([]);
  });

  it("keeps the editor in a chunk that the app loads on demand", () => {
    const byFile = new Map(measurement.chunks.map((chunk) => [chunk.file, chunk]));
    // Every chunk the app can ever load: the first load, then whatever it may import() later.
    const reachable = new Set(measurement.firstLoad.files);
    const pending = measurement.firstLoad.files.flatMap((file) => byFile.get(file)?.dynamicImports ?? []);
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (reachable.has(file)) continue;
      reachable.add(file);
      const chunk = byFile.get(file);
      if (chunk) pending.push(...chunk.imports, ...chunk.dynamicImports);
    }
    const editorChunks = measurement.chunks.filter(
      (chunk) => chunk.packages.includes("prosemirror-view") && chunk.packages.includes("yjs"),
    );
    expect(editorChunks.length).toBeGreaterThan(0);
    for (const chunk of editorChunks) {
      expect(measurement.firstLoad.files).not.toContain(chunk.file);
      expect(reachable.has(chunk.file)).toBe(true);
    }
  });

  it("sends under 80 KB of compressed JavaScript before a draft is opened", () => {
    expect(measurement.firstLoad.gzipBytes).toBeLessThan(firstLoadBudgetBytes);
    expect(measurement.firstLoad.brotliBytes).toBeLessThan(firstLoadBudgetBytes);
  });

  it("writes a brotli and a gzip twin of every chunk that hold exactly the chunk as written", () => {
    // The server sends a twin instead of its file to a client that accepts it: a twin made before Vite's
    // last rewrite of a chunk (its preload helper) broke the app in browsers that ask for br.
    expect(measurement.chunks.filter((chunk) => !chunk.hasTwins).map((chunk) => chunk.file)).toEqual([]);
    expect(measurement.mismatchedTwins).toEqual([]);
  });
});

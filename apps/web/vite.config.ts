import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, defaultClientConditions, type Plugin } from "vite";

/** What is worth compressing: text the server sends as is. Images and fonts are compressed already. */
const compressible = /\.(?:js|mjs|css|html|svg|json|map|txt)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, at the highest levels: they are
 * made once per build, and the server sends them as they are (@fastify/static `preCompressed`) to a
 * client that asks for br or gzip, so no request pays for compressing the app. Made with node:zlib, so the
 * build needs no compression package; a file that does not shrink gets no compressed twin.
 * From the files on disk once all is written, never from the bundle in memory: Vite still rewrites chunks
 * late (its preload helper), and a twin made earlier would differ from its file.
 */
function precompress(): Plugin {
  return {
    name: "accord-precompress",
    apply: "build",
    enforce: "post",
    writeBundle: {
      order: "post",
      handler(options) {
        const outDir = options.dir;
        if (!outDir) throw new Error("accord-precompress needs the build's output folder (build.outDir).");
        const files = readdirSync(outDir, { recursive: true, encoding: "utf8" })
          // Not .vite/manifest.json: it is for tools, never sent to a browser.
          .filter((name) => compressible.test(name) && !name.startsWith(".vite"));
        for (const name of files) {
          const file = path.join(outDir, name);
          const source = readFileSync(file);
          const brotli = brotliCompressSync(source, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
            },
          });
          const gzip = gzipSync(source, { level: constants.Z_BEST_COMPRESSION });
          if (brotli.length < source.length) writeFileSync(`${file}.br`, brotli);
          if (gzip.length < source.length) writeFileSync(`${file}.gz`, gzip);
        }
      },
    },
  };
}

/**
 * The browser app, served by the Accord server under /app. Workspace packages are read from their
 * TypeScript source (the `accord-source` export condition), so the app never needs them pre-built.
 */
export default defineConfig({
  base: "/app/",
  resolve: {
    conditions: ["accord-source", ...defaultClientConditions],
  },
  // Vite 8 transforms TS/JSX with oxc; without this it would import the React JSX runtime.
  oxc: {
    jsx: { runtime: "automatic", importSource: "preact" },
  },
  plugins: [precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/collab": { target: "ws://localhost:3000", ws: true },
    },
  },
});

import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, defaultClientConditions, type Plugin } from "vite";

/** What is worth compressing: text the server sends as is. Images and fonts are compressed already. */
const compressible = /\.(?:js|mjs|css|html|svg|json|map|txt)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, at the highest levels: they are
 * made once per build, and the server sends them as they are (@fastify/static `preCompressed`) to a
 * client that asks for br or gzip, so no request pays for compressing the app. Made with node:zlib, so the
 * build needs no compression package; a file that does not shrink gets no compressed twin.
 */
function precompress(): Plugin {
  return {
    name: "accord-precompress",
    apply: "build",
    generateBundle(_options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!compressible.test(fileName)) continue;
        const source = Buffer.from(output.type === "chunk" ? output.code : output.source);
        const brotli = brotliCompressSync(source, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          },
        });
        const gzip = gzipSync(source, { level: constants.Z_BEST_COMPRESSION });
        if (brotli.length < source.length) this.emitFile({ type: "asset", fileName: `${fileName}.br`, source: brotli });
        if (gzip.length < source.length) this.emitFile({ type: "asset", fileName: `${fileName}.gz`, source: gzip });
      }
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
    // .vite/manifest.json lists each chunk's static and dynamic imports: the first-load budget test reads it.
    manifest: true,
  },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/collab": { target: "ws://localhost:3000", ws: true },
    },
  },
});

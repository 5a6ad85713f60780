import { defineConfig, defaultClientConditions } from "vite";

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

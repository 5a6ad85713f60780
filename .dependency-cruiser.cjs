/**
 * Accord's rules of import (ARCHITECTURE.md, "Rules of import"), checked by dependency-cruiser so that
 * they cannot drift: `pnpm lint:imports`, run by `pnpm test` and therefore by CI. A rule broken here
 * fails the run, and there are no known exceptions: a new one would have to be named here, file by file,
 * with the reason it stands.
 *
 * Workspace packages resolve to their TypeScript sources (the `accord-source` export condition), so an
 * import of `@accord/collab/protocol` is seen as the file `packages/collab/src/protocol.ts`.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "packages-import-no-app",
      comment: "packages/* hold the domain rules with no I/O; they import other packages/* only, never an app " + "(the apps import them).",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "packages-do-no-io",
      comment: "packages/* do no I/O: no Node built-in (file system, network, processes, clock or randomness " + "come from the caller).",
      severity: "error",
      from: { path: "^packages/[^/]+/src/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "migrations-import-only-kysely",
      comment: "A migration never imports app or package code, so old migrations keep working as the app changes.",
      severity: "error",
      from: { path: "^migrations/" },
      to: { path: "^(apps|packages)/" },
    },
    {
      name: "web-imports-no-server",
      comment: "The browser app talks to the server over HTTP and WebSocket only; it never imports its code.",
      severity: "error",
      from: { path: "^apps/web/" },
      to: { path: "^apps/server/" },
    },
    {
      name: "server-imports-no-web",
      comment: "The server serves the web app's build as files; it never imports its code.",
      severity: "error",
      from: { path: "^apps/server/" },
      to: { path: "^apps/web/" },
    },
    {
      name: "web-takes-only-the-collab-protocol-table",
      comment:
        "The browser shares the close codes and message types through @accord/collab/protocol, and the " +
        "Accord events through @accord/collab/events, which import nothing; the rest of @accord/collab (the " +
        "server's update checks) stays out of the bundle.",
      severity: "error",
      from: { path: "^apps/web/" },
      to: { path: "^packages/collab/src/", pathNot: "^packages/collab/src/(protocol|accord-events)\\.ts$" },
    },
    {
      name: "web-takes-only-types-of-the-api-contract",
      comment:
        "The browser imports the API contract's static types (`import type`), so the one contract binds " +
        "both ends while no TypeBox schema code enters the bundle. The one exception is the import limits " +
        "(@accord/api-contract/import-limits), plain numbers that import nothing, so the browser refuses a " +
        "file before upload by the very limits the server enforces.",
      severity: "error",
      from: { path: "^apps/web/" },
      to: {
        path: "^packages/api-contract/",
        pathNot: "^packages/api-contract/src/import-limits\\.ts$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "routes-import-no-storage",
      comment: "Routes call use cases; use cases call storage. A route never reaches a table itself.",
      severity: "error",
      from: { path: "^apps/server/src/routes/", pathNot: "\\.test\\.ts$" },
      to: { path: "^apps/server/src/storage/" },
    },
    {
      name: "use-cases-import-no-transport",
      comment:
        "Use cases are called by the transports (routes, the public site, the collaboration server) and " +
        "reach them only through ports they own (UseCaseContext: LiveDrafts, EventBus), never by import.",
      severity: "error",
      from: { path: "^apps/server/src/use-cases/", pathNot: "\\.test\\.ts$" },
      to: { path: "^apps/server/src/(routes|plugins|public-site|collab)/" },
    },
    {
      name: "collab-takes-use-cases-only-through-their-ports",
      comment:
        "The collaboration server implements the use cases' LiveDrafts port and asks access/ who may do " +
        "what, as the routes do; it imports no use case, no HTTP plugin and no route.",
      severity: "error",
      from: { path: "^apps/server/src/collab/", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^apps/server/src/(use-cases|plugins|routes)/",
        pathNot: "^apps/server/src/use-cases/live-drafts\\.ts$",
      },
    },
    {
      name: "access-and-events-import-no-caller",
      comment:
        "access/ (who is asking, what may they do) and events/ (the event bus) are shared by HTTP and the " +
        "WebSocket alike, so they import neither transport nor the use cases that call them.",
      severity: "error",
      from: { path: "^apps/server/src/(access|events)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^apps/server/src/(use-cases|routes|plugins|public-site|collab)/" },
    },
    {
      name: "no-circular",
      comment: "No module depends on itself through others: a cycle is two ideas that cannot be told apart.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      conditionNames: ["accord-source", "import", "types", "default"],
      exportsFields: ["exports"],
      mainFields: ["types", "module", "main"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};

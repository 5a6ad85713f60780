/**
 * Accord's API contract: every request and response schema of the JSON API (and of the public site's
 * addresses), grouped by resource, each resource's endpoints in one object (`accountEndpoints.list`, …)
 * that the server's routes declare as their schema, with the static types the web app imports
 * (`import type`, so no TypeBox code reaches the browser). Every object of every answer is closed.
 */
export * from "./schema-kit.js";
export * from "./errors.js";
export * from "./people.js";
export * from "./accounts.js";
export * from "./auth.js";
export * from "./bodies.js";
export * from "./policies.js";
export * from "./import-limits.js";
export * from "./members.js";
export * from "./prosemirror.js";
export * from "./drafts.js";
export * from "./redline.js";
export * from "./versions.js";
export * from "./comments.js";
export * from "./suggestions.js";
export * from "./proposals.js";
export * from "./audit.js";
export * from "./notifications.js";
export * from "./health.js";
export * from "./public-site.js";
export * from "./comment-periods.js";
export * from "./roster.js";
export * from "./acknowledgements.js";

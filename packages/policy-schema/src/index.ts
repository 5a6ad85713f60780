// The public face of @accord/policy-schema: the schema and its link rule, the JSON types and
// builders, validation, section numbering, plain text, the demo policy and the templates. The Markdown
// import is its own entry point (@accord/policy-schema/markdown-import), so the browser never loads it.
export * from "./schema.js";
export * from "./safe-href.js";
export * from "./document-json.js";
export * from "./validate.js";
export * from "./sections.js";
export * from "./plain-text.js";
export * from "./demo-policy.js";
export * from "./policy-templates.js";
export * from "./canonical.js";
export * from "./suggestions.js";
export * from "./suggest-transaction.js";

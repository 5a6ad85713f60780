// The public face of @accord/policy-schema: the schema and its link rule, the JSON types and
// builders, validation, section numbering, plain text, and the demo policy.
export * from "./schema.js";
export * from "./safe-href.js";
export * from "./document-json.js";
export * from "./validate.js";
export * from "./sections.js";
export * from "./plain-text.js";
export * from "./demo-policy.js";
export * from "./canonical.js";
export * from "./suggestions.js";
export * from "./suggest-transaction.js";

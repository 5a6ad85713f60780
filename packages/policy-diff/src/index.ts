// The public face of @accord/policy-diff: the redline between two versions of a policy document,
// its data types, and its rendering as an HTML fragment or a standalone document.
export * from "./redline-types.js";
export * from "./diff-policy-documents.js";
export * from "./render-redline.js";
export { paragraphBreak } from "./segments.js";

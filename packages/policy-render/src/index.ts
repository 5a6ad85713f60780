// The public face of @accord/policy-render: the one renderer of policy documents to HTML, the
// escaping it relies on, and the standalone document that exports and downloads wrap it in.
export * from "./escape-html.js";
export * from "./disallowed-links.js";
export * from "./render-policy-html.js";
export * from "./standalone-html.js";

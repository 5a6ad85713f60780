// Exports of a saved policy version to Markdown, HTML, Word and PDF: pure functions from a
// VersionExport to the file's contents, for a route or a CLI to serve or write.
export * from "./version-export.js";
export { exportMarkdown } from "./markdown-export.js";
export { exportDocx } from "./docx-export.js";
export { exportPdf } from "./pdf-export.js";
export { exportHtml } from "./html-export.js";

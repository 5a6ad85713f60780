import { escapeHtml } from "./escape-html.js";

/** What renderStandaloneHtml puts around a rendered body. */
export interface StandaloneHtmlInput {
  /** The document's title, e.g. "Body-Worn Camera Policy"; shown as the <title> and the <h1>. */
  readonly title: string;
  /** Lines under the title, e.g. "Version 3 · 27 November 2026 · SHA-256 …"; each escaped. */
  readonly subtitleLines: readonly string[];
  /**
   * A notice above the title that the document must not be taken for what it resembles, e.g. "Draft —
   * not approved": `mark` in bold, then `text`; both escaped. On paper it keeps a full border, as
   * browsers leave out backgrounds when printing.
   */
  readonly notice?: { readonly mark: string; readonly text: string };
  /** An HTML fragment that is already safe, such as renderPolicyHtml's output; inserted as is. */
  readonly bodyHtml: string;
  /** Further CSS from the caller (e.g. the redline's colours), appended to the built-in styles. */
  readonly extraCss?: string;
}

/**
 * The styles of a standalone policy document: a readable measure and serif type on screen, and on
 * paper margins that suit both A4 and US Letter (no @page size, so the printer's paper decides),
 * link text without underline clutter, and headings kept with the text that follows them.
 */
export const standaloneDocumentCss = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 17px/1.6 Georgia, "Times New Roman", serif; }
.document { max-width: 44rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
.document-header { border-bottom: 1px solid #c8c8c8; margin-bottom: 2rem; padding-bottom: 1rem; }
.document-header h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.5rem; }
.document-subtitle { color: #4a4a4a; font: 0.9rem/1.4 system-ui, sans-serif; margin: 0.2rem 0; overflow-wrap: anywhere; }
h2, h3, h4, h5, h6 { font-family: system-ui, sans-serif; line-height: 1.3; margin: 2rem 0 0.6rem; }
h2 { font-size: 1.45rem; } h3 { font-size: 1.2rem; } h4, h5, h6 { font-size: 1.05rem; }
.section-number { margin-right: 0.35em; }
.section-heading { display: flex; align-items: baseline; gap: 0.4em; }
.section-link { color: #777; font-weight: normal; text-decoration: none; }
p { margin: 0 0 0.9rem; }
ul, ol { margin: 0 0 0.9rem; padding-left: 1.75rem; }
li > p { margin-bottom: 0.35rem; }
blockquote { border-left: 3px solid #bbb; margin: 0 0 0.9rem; padding: 0.1rem 0 0.1rem 1rem; color: #333; }
a { color: #0b4f9c; }
.document-notice { border-left: 4px solid #b42318; background: #fdf0ee; color: #1a1a1a; font: 0.95rem/1.4 system-ui, sans-serif; margin: 0 0 1.25rem; padding: 0.6rem 0.9rem; }
.document-notice strong { color: #b42318; }
@media print {
  @page { margin: 20mm 18mm; }
  .document-notice { border: 1px solid #b42318; }
  body { font-size: 11pt; line-height: 1.45; }
  .document { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .section-link { display: none; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; break-inside: avoid; page-break-inside: avoid; }
  p, li, blockquote { orphans: 3; widows: 3; }
}
`;

// The caller's CSS sits inside <style>, where the only way out is the text "</style". CSS itself
// never needs a raw "<" (it is not an operator of CSS), and "\3c " is its escape in strings, so
// rewriting every "<" closes that door without changing any valid stylesheet's meaning.
function containCss(css: string): string {
  return css.replace(/</g, "\\3c ");
}

/**
 * A complete, print-ready HTML5 document around a rendered body: doctype, lang, charset,
 * viewport, built-in styles (screen and print), the escaped title as <title> and <h1>, and the
 * escaped subtitle lines. It has no scripts. It is meant for exports and downloads; the app's own
 * pages are served under their Content Security Policy instead.
 */
export function renderStandaloneHtml(input: StandaloneHtmlInput): string {
  const title = escapeHtml(input.title);
  const subtitles = input.subtitleLines.map((line) => `<p class="document-subtitle">${escapeHtml(line)}</p>`).join("\n");
  const extraCss = input.extraCss === undefined ? "" : `\n${containCss(input.extraCss)}`;
  // role="note": set apart from the text and announced as such; above the <h1>, so it is read first.
  const notice =
    input.notice === undefined
      ? ""
      : `<p class="document-notice" role="note"><strong>${escapeHtml(input.notice.mark)}.</strong> ${escapeHtml(input.notice.text)}</p>\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${standaloneDocumentCss}${extraCss}</style>
</head>
<body>
<div class="document">
<header class="document-header">
${notice}<h1>${title}</h1>
${subtitles}
</header>
<main class="policy-document">
${input.bodyHtml}
</main>
</div>
</body>
</html>
`;
}

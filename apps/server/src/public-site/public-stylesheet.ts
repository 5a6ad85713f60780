import { redlineCss } from "@accord/policy-diff";

/**
 * The public site's one stylesheet, served from /public/site.css (the Content-Security-Policy allows
 * styles from Accord's own origin only). Readable on a phone, high contrast, and printable.
 */
export const publicStylesheet = `
:root { color-scheme: light; --text: #1a1a1a; --muted: #4a4a4a; --link: #0b57a4; --rule: #d0d7de; --focus: #b45309; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.05rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: #fff; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem 1rem; }
.skip-link:focus { left: 0.5rem; top: 0.5rem; }
.site-header, .site-footer { padding: 0.75rem 1rem; border-bottom: 1px solid var(--rule); }
.site-footer { border-top: 1px solid var(--rule); border-bottom: none; color: var(--muted); font-size: 0.9rem; margin-top: 3rem; }
.site-name { font-weight: 700; text-decoration: none; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
code { white-space: pre-wrap; }
h1 { line-height: 1.25; }
.status, .meta { color: var(--muted); }
.hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; word-break: break-all; }
.section-number { margin-right: 0.4em; }
.section-heading { display: flex; align-items: baseline; gap: 0.4em; }
.section-link { text-decoration: none; color: var(--muted); }
.notice { border-left: 4px solid var(--focus); padding: 0.25rem 0 0.25rem 0.75rem; }
.redline-key ins, .redline-key del { padding: 0 0.2em; }
.policy-index, .version-list { list-style: none; padding: 0; }
.policy-index li { border-bottom: 1px solid var(--rule); padding: 0.5rem 0; }
.search { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 1rem 0; }
.search input { font: inherit; padding: 0.4rem; border: 1px solid #6b7280; border-radius: 4px; min-width: 12rem; flex: 1; }
.search button { font: inherit; padding: 0.4rem 1rem; border: 1px solid var(--link); background: var(--link); color: #fff; border-radius: 4px; }
.approval-record { border-top: 2px solid var(--rule); margin-top: 2rem; }
.approval-record .reason { color: var(--muted); }
blockquote { border-left: 4px solid var(--rule); margin-left: 0; padding-left: 1rem; color: var(--muted); }
/* The public comment period (issue 17): sections with a comment button, the form, grouped comments. */
.button { display: inline-block; font: inherit; padding: 0.6rem 1rem; min-height: 44px; border: 1px solid var(--link); background: var(--link); color: #fff; border-radius: 4px; text-decoration: none; cursor: pointer; }
.comment-form button { font: inherit; padding: 0.6rem 1.25rem; min-height: 44px; border: 1px solid var(--link); background: var(--link); color: #fff; border-radius: 4px; }
.field { margin: 1rem 0; }
.field label { display: block; font-weight: 600; }
.field input, .field textarea { font: inherit; width: 100%; padding: 0.5rem; border: 1px solid #6b7280; border-radius: 4px; }
.hint { color: var(--muted); margin: 0.25rem 0; }
.field-error { color: #b91c1c; font-weight: 600; margin: 0.25rem 0; }
.error-summary { border: 3px solid #b91c1c; padding: 0.5rem 1rem; margin: 1rem 0; }
.website-field { position: absolute; left: -9999px; }
.public-comments { list-style: none; padding: 0; }
.public-comment { border-left: 4px solid var(--rule); padding-left: 0.75rem; margin: 0.75rem 0; }
.comment-section { border-top: 1px solid var(--rule); }
.response { background: #f6f8fa; padding: 0.5rem 1rem; }
.period-dates dt { font-weight: 600; }
.period-dates dd { margin: 0 0 0.5rem 0; }
@media print {
  .skip-link, .search, .section-link, nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3 { page-break-after: avoid; }
}
${redlineCss}
`;

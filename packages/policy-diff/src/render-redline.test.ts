import { bulletListJSON, docJSON, headingJSON, paragraphJSON, strongJSON } from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { diffPolicyDocuments } from "./diff-policy-documents.js";
import { renderRedlineHtml, renderRedlineStandalone } from "./render-redline.js";

const purpose = [headingJSON(1, "Purpose"), paragraphJSON("This policy governs body-worn cameras.")];
const timing = (text: string) => [headingJSON(1, "Activation"), paragraphJSON(text)];

// Lines of the redline's document part, without the summary on top.
function documentLines(html: string): string[] {
  return html.slice(html.indexOf('<div class="redline-document">')).split("\n").slice(1, -1);
}

describe("renderRedlineHtml", () => {
  it("marks word-level changes with <ins> and <del> inside the block", () => {
    const html = renderRedlineHtml(diffPolicyDocuments(docJSON(...timing("Officers shall activate the camera.")), docJSON(...timing("Officers must activate the camera."))));
    expect(documentLines(html)).toEqual([
      '<h2 class="redline-unchanged"><span class="section-number">1</span> Activation</h2>',
      '<p class="redline-modified">Officers <del>shall</del><ins>must</ins> activate the camera.</p>',
    ]);
  });

  it("strikes through deleted blocks and underlines inserted ones, numbers included", () => {
    const html = renderRedlineHtml(diffPolicyDocuments(docJSON(...purpose, ...timing("Officers record.")), docJSON(...timing("Officers record."), headingJSON(1, "Release"), paragraphJSON("Within 30 days."))));
    expect(documentLines(html)).toEqual([
      '<h2 class="redline-deleted"><del><span class="section-number">1</span> Purpose</del></h2>',
      '<p class="redline-deleted"><del>This policy governs body-worn cameras.</del></p>',
      '<h2 class="redline-unchanged"><span class="section-number">1</span> Activation</h2>',
      '<p class="redline-unchanged">Officers record.</p>',
      '<h2 class="redline-inserted"><ins><span class="section-number">2</span> Release</ins></h2>',
      '<p class="redline-inserted"><ins>Within 30 days.</ins></p>',
    ]);
  });

  it("labels a moved section once, on its first block", () => {
    const before = docJSON(...purpose, ...timing("Officers record."), paragraphJSON("They record everything."), paragraphJSON("And keep it."));
    const after = docJSON(...timing("Officers record."), paragraphJSON("They record everything."), paragraphJSON("And keep it."), ...purpose);
    const html = renderRedlineHtml(diffPolicyDocuments(before, after));
    expect(documentLines(html).slice(-2)).toEqual([
      '<h2 class="redline-moved"><span class="redline-label">moved from 1</span><span class="section-number">2</span> Purpose</h2>',
      '<p class="redline-moved">This policy governs body-worn cameras.</p>',
    ]);
    expect(html.match(/moved from 1/g)).toHaveLength(3); // the label, the summary line, the summary list
  });

  it("keeps a deleted list item inside the list it was deleted from", () => {
    const html = renderRedlineHtml(diffPolicyDocuments(docJSON(bulletListJSON("first;", "second;", "third.")), docJSON(bulletListJSON("first;", "third."))));
    expect(documentLines(html)).toEqual([
      '<ul><li><p class="redline-unchanged">first;</p></li><li class="redline-deleted"><p class="redline-deleted"><del>second;</del></p></li><li><p class="redline-unchanged">third.</p></li></ul>',
    ]);
  });

  it("shows a split paragraph with an inserted pilcrow and a formatting change with a label", () => {
    const split = renderRedlineHtml(diffPolicyDocuments(docJSON(paragraphJSON("One sentence. Another sentence.")), docJSON(paragraphJSON("One sentence."), paragraphJSON("Another sentence."))));
    expect(documentLines(split)).toEqual([
      '<p class="redline-modified">One sentence.<ins><span class="redline-pilcrow" title="Paragraph break">¶</span></ins></p>',
      '<p class="redline-modified">Another sentence.</p>',
    ]);
    const bold = renderRedlineHtml(diffPolicyDocuments(docJSON(paragraphJSON("Officers must record.")), docJSON(paragraphJSON("Officers ", strongJSON("must"), " record."))));
    expect(documentLines(bold)).toEqual(['<p class="redline-modified">Officers must record. <span class="redline-label">formatting changed</span></p>']);
  });

  it("puts a summary of the changed sections and the counts on top", () => {
    const html = renderRedlineHtml(diffPolicyDocuments(docJSON(...timing("Officers shall activate.")), docJSON(...timing("Officers must activate."), ...purpose)));
    expect(html.slice(0, html.indexOf("<div"))).toBe(`<section class="redline-summary" aria-label="Summary of changes">
<p class="redline-summary-text">Section 1 changed; section 2 added.</p>
<ul class="redline-summary-list"><li><span class="section-number">1</span> Activation: changed</li><li><span class="section-number">2</span> Purpose: added</li></ul>
<p class="redline-stats">7 words inserted, 1 word deleted, 3 blocks changed.</p>
</section>
`);
  });

  it("escapes hostile text in blocks, word diffs, headings and the summary", () => {
    const hostile = `</p><script>alert(1)</script><img src=x onerror="alert(1)">`;
    const before = docJSON(headingJSON(1, "Scope"), paragraphJSON(`Keep ${hostile} safe.`));
    const after = docJSON(headingJSON(1, `Scope ${hostile}`), paragraphJSON(`Keep ${hostile} very safe.`), paragraphJSON(hostile));
    const html = renderRedlineHtml(diffPolicyDocuments(before, after));
    expect(html).not.toMatch(/<script|<img|<\/p><script/);
    for (const tag of html.match(/<[^>]*>?/g) ?? []) {
      expect(tag).toMatch(/^<\/?(section|div|h[1-6]|p|ul|ol|li|blockquote|span|ins|del|br)(?: (?:class|title|aria-label|start)="[^"<>]*")*>$/);
    }
  });
});

describe("renderRedlineStandalone", () => {
  it("writes a complete document whose insertions and deletions are not told by colour alone", () => {
    const redline = diffPolicyDocuments(docJSON(...timing("Officers shall activate.")), docJSON(...timing("Officers must activate.")));
    const html = renderRedlineStandalone({ title: "Body-Worn Camera Policy", fromLabel: "Version 1", toLabel: "the draft <b>", redline });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>Body-Worn Camera Policy</title>");
    expect(html).toContain('<p class="document-subtitle">Changes from Version 1 to the draft &lt;b&gt;</p>');
    expect(html).toMatch(/ins \{[^}]*text-decoration: underline/);
    expect(html).toMatch(/del \{[^}]*text-decoration: line-through/);
    expect(html).toContain('ins::before { content: " [insertion start] "; }');
    expect(html).toContain("Officers <del>shall</del><ins>must</ins> activate.");
    expect(html).not.toMatch(/<script/i);
  });
});

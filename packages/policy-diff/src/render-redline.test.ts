import {
  bulletListJSON,
  docJSON,
  emJSON,
  headingJSON,
  linkJSON,
  linkRel,
  paragraphJSON,
  strongJSON,
  underlineJSON,
} from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { diffPolicyDocuments } from "./diff-policy-documents.js";
import type { Redline } from "./redline-types.js";
import { changeAnnouncements, redlineCss, renderRedlineHtml, renderRedlineStandalone } from "./render-redline.js";

const purpose = [headingJSON(1, "Purpose"), paragraphJSON("This policy governs body-worn cameras.")];
const timing = (text: string) => [headingJSON(1, "Activation"), paragraphJSON(text)];

// An insertion and a deletion as the redline writes them: marked, and announced in hidden words.
const ins = (html: string) =>
  `<ins><span class="visually-hidden">[insertion start] </span>${html}<span class="visually-hidden"> [insertion end]</span></ins>`;
const del = (html: string) =>
  `<del><span class="visually-hidden">[deletion start] </span>${html}<span class="visually-hidden"> [deletion end]</span></del>`;

// Lines of the redline's document part, without the summary on top.
function documentLines(html: string): string[] {
  return html.slice(html.indexOf('<div class="redline-document">')).split("\n").slice(1, -1);
}

describe("renderRedlineHtml", () => {
  it("marks word-level changes with <ins> and <del> inside the block", () => {
    const html = renderRedlineHtml(
      diffPolicyDocuments(
        docJSON(...timing("Officers shall activate the camera.")),
        docJSON(...timing("Officers must activate the camera.")),
      ),
    );
    expect(documentLines(html)).toEqual([
      '<h2 class="redline-unchanged"><span class="section-number">1</span> Activation</h2>',
      `<p class="redline-modified">Officers ${del("shall")}${ins("must")} activate the camera.</p>`,
    ]);
  });

  it("strikes through deleted blocks and underlines inserted ones, numbers included", () => {
    const html = renderRedlineHtml(
      diffPolicyDocuments(
        docJSON(...purpose, ...timing("Officers record.")),
        docJSON(...timing("Officers record."), headingJSON(1, "Release"), paragraphJSON("Within 30 days.")),
      ),
    );
    expect(documentLines(html)).toEqual([
      `<h2 class="redline-deleted">${del('<span class="section-number">1</span> Purpose')}</h2>`,
      `<p class="redline-deleted">${del("This policy governs body-worn cameras.")}</p>`,
      '<h2 class="redline-unchanged"><span class="section-number">1</span> Activation</h2>',
      '<p class="redline-unchanged">Officers record.</p>',
      `<h2 class="redline-inserted">${ins('<span class="section-number">2</span> Release')}</h2>`,
      `<p class="redline-inserted">${ins("Within 30 days.")}</p>`,
    ]);
  });

  it("labels a moved section once, on its first block", () => {
    const before = docJSON(
      ...purpose,
      ...timing("Officers record."),
      paragraphJSON("They record everything."),
      paragraphJSON("And keep it."),
    );
    const after = docJSON(
      ...timing("Officers record."),
      paragraphJSON("They record everything."),
      paragraphJSON("And keep it."),
      ...purpose,
    );
    const html = renderRedlineHtml(diffPolicyDocuments(before, after));
    expect(documentLines(html).slice(-2)).toEqual([
      '<h2 class="redline-moved"><span class="redline-label">moved from 1</span><span class="section-number">2</span> Purpose</h2>',
      '<p class="redline-moved">This policy governs body-worn cameras.</p>',
    ]);
    expect(html.match(/moved from 1/g)).toHaveLength(3); // the label, the summary line, the summary list
  });

  it("keeps a deleted list item inside the list it was deleted from", () => {
    const html = renderRedlineHtml(
      diffPolicyDocuments(docJSON(bulletListJSON("first;", "second;", "third.")), docJSON(bulletListJSON("first;", "third."))),
    );
    expect(documentLines(html)).toEqual([
      `<ul><li><p class="redline-unchanged">first;</p></li><li class="redline-deleted"><p class="redline-deleted">${del("second;")}</p></li><li><p class="redline-unchanged">third.</p></li></ul>`,
    ]);
  });

  it("shows a split paragraph with an inserted pilcrow, and a word made bold as plain struck out, bold inserted and a label", () => {
    const split = renderRedlineHtml(
      diffPolicyDocuments(
        docJSON(paragraphJSON("One sentence. Another sentence.")),
        docJSON(paragraphJSON("One sentence."), paragraphJSON("Another sentence.")),
      ),
    );
    expect(documentLines(split)).toEqual([
      `<p class="redline-modified">One sentence.${ins('<span class="redline-pilcrow" title="Paragraph break">¶</span>')}</p>`,
      '<p class="redline-modified">Another sentence.</p>',
    ]);
    const bold = renderRedlineHtml(
      diffPolicyDocuments(
        docJSON(paragraphJSON("Officers must record.")),
        docJSON(paragraphJSON("Officers ", strongJSON("must"), " record.")),
      ),
    );
    expect(documentLines(bold)).toEqual([
      `<p class="redline-modified">Officers ${del("must")}${ins("<strong>must</strong>")} record. <span class="redline-label">formatting changed</span></p>`,
    ]);
  });

  it("puts a summary of the changed sections and the counts on top", () => {
    const html = renderRedlineHtml(
      diffPolicyDocuments(docJSON(...timing("Officers shall activate.")), docJSON(...timing("Officers must activate."), ...purpose)),
    );
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
      expect(tag).toMatch(
        /^<\/?(section|div|h[1-6]|p|ul|ol|li|blockquote|span|ins|del|br|strong|em|u|a)(?: (?:class|title|aria-label|start|href|rel)="[^"<>]*")*>$/,
      );
    }
  });
});

describe("renderRedlineHtml's formatting", () => {
  const toolkit = "https://bja.ojp.gov/program/bwc?a=1&b=2";
  const toolkitLink = `<a href="https://bja.ojp.gov/program/bwc?a=1&amp;b=2" title="BJA &quot;toolkit&quot;" rel="${linkRel}">`;

  it("keeps bold, italic, underline and links in unchanged, changed and inserted text", () => {
    const before = docJSON(
      paragraphJSON("Officers ", strongJSON("shall"), " record ", emJSON("every"), " contact."),
      paragraphJSON("See ", linkJSON("the toolkit", toolkit, 'BJA "toolkit"'), "."),
    );
    const after = docJSON(
      paragraphJSON("Officers ", strongJSON("must"), " record ", emJSON("every"), " contact."),
      paragraphJSON("See ", linkJSON("the toolkit", toolkit, 'BJA "toolkit"'), "."),
      paragraphJSON(underlineJSON("Never"), " delete."),
    );
    expect(documentLines(renderRedlineHtml(diffPolicyDocuments(before, after)))).toEqual([
      `<p class="redline-modified">Officers ${del("<strong>shall</strong>")}${ins("<strong>must</strong>")} record <em>every</em> contact.</p>`,
      `<p class="redline-unchanged">See ${toolkitLink}the toolkit</a>.</p>`,
      `<p class="redline-inserted">${ins("<u>Never</u> delete.")}</p>`,
    ]);
  });

  it("shows a link's new target as the old link struck out and the new one inserted", () => {
    const before = docJSON(paragraphJSON("See ", linkJSON("the toolkit", "https://example.org/old"), "."));
    const after = docJSON(paragraphJSON("See ", linkJSON("the toolkit", "https://example.org/new"), "."));
    expect(documentLines(renderRedlineHtml(diffPolicyDocuments(before, after)))).toEqual([
      `<p class="redline-modified">See ${del(`<a href="https://example.org/old" rel="${linkRel}">the toolkit</a>`)}${ins(`<a href="https://example.org/new" rel="${linkRel}">the toolkit</a>`)}. <span class="redline-label">formatting changed</span></p>`,
    ]);
  });

  it("writes a stored redline's link that the safe-link rules refuse as plain words", () => {
    const stored: Redline = {
      changes: [
        {
          kind: "unchanged",
          blockType: "paragraph",
          text: "Click here.",
          runs: [{ text: "Click", marks: [{ type: "link", href: "javascript:alert(1)" }, { type: "strong" }] }, { text: " here." }],
          containers: [],
        },
      ],
      stats: {
        wordsInserted: 0,
        wordsDeleted: 0,
        blocksInserted: 0,
        blocksDeleted: 0,
        blocksModified: 0,
        blocksMoved: 0,
        blocksChanged: 0,
      },
      summary: [],
      summaryText: "No changes.",
    };
    expect(documentLines(renderRedlineHtml(stored))).toEqual(['<p class="redline-unchanged"><strong>Click</strong> here.</p>']);
  });

  it("writes a stored redline's mark it does not know as plain words, never failing", () => {
    const stored = {
      changes: [
        {
          kind: "unchanged",
          blockType: "paragraph",
          text: "Click here.",
          runs: [{ text: "Click", marks: [{ type: "highlight" }, { type: "em" }] }, { text: " here." }],
          containers: [],
        },
      ],
      stats: {
        wordsInserted: 0,
        wordsDeleted: 0,
        blocksInserted: 0,
        blocksDeleted: 0,
        blocksModified: 0,
        blocksMoved: 0,
        blocksChanged: 0,
      },
      summary: [],
      summaryText: "No changes.",
    } as unknown as Redline;
    expect(documentLines(renderRedlineHtml(stored))).toEqual(['<p class="redline-unchanged"><em>Click</em> here.</p>']);
  });

  it("makes one insertion of inserted words of different formatting, announced once", () => {
    const html = renderRedlineHtml(
      diffPolicyDocuments(docJSON(paragraphJSON("Keep it.")), docJSON(paragraphJSON("Keep ", strongJSON("all of"), " it."))),
    );
    expect(documentLines(html)).toEqual([`<p class="redline-modified">Keep ${ins("<strong>all of</strong> ")}it.</p>`]);
    expect(html.match(/insertion start/g)).toHaveLength(1);
  });
});

describe("changeAnnouncements", () => {
  it("are the words inside every <ins> and <del>, and no stylesheet generates words", () => {
    const html = renderRedlineHtml(
      diffPolicyDocuments(
        docJSON(...purpose, ...timing("Officers shall activate.")),
        docJSON(...timing("Officers must activate."), paragraphJSON("New.")),
      ),
    );
    const changes = html.match(/<(ins|del)>.*?<\/\1>/g) ?? [];
    expect(changes.length).toBeGreaterThanOrEqual(4);
    for (const change of changes) {
      const words = change.startsWith("<ins>") ? changeAnnouncements.insert : changeAnnouncements.delete;
      expect(change).toMatch(
        new RegExp(
          `^<(ins|del)><span class="visually-hidden">\\[${words.start}\\] </span>.*<span class="visually-hidden"> \\[${words.end}\\]</span></\\1>$`,
        ),
      );
    }
    expect(redlineCss).not.toMatch(/content:/);
    expect(redlineCss).toMatch(/\.visually-hidden \{/);
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
    expect(html).toContain(`Officers ${del("shall")}${ins("must")} activate.`);
    // The announcements are real text, hidden by the stylesheet the document carries; no words come from CSS.
    expect(html).toMatch(/\.visually-hidden \{[^}]*clip-path: inset\(50%\)/);
    expect(html).not.toMatch(/content:/);
    expect(html).not.toMatch(/<script/i);
  });
});

import { escapeHtml, renderStandaloneHtml } from "@accord/policy-render";
import { isAllowedHref, linkRel } from "@accord/policy-schema";
import type {
  BlockChange,
  BlockContainer,
  PendingSuggestionNote,
  Redline,
  RedlineMark,
  SectionChange,
  TextRun,
  TextSegment,
} from "./redline-types.js";
import { paragraphBreak } from "./segments.js";

/**
 * What a screen reader hears at the start and the end of each insertion and deletion of a redline.
 * Browsers and screen readers mostly do not announce <ins> and <del>, and some skip text that CSS
 * generates (::before content), so these words are real text in the markup, visually hidden. Pages
 * that explain the marks quote them from here.
 */
export const changeAnnouncements = {
  insert: { start: "insertion start", end: "insertion end" },
  delete: { start: "deletion start", end: "deletion end" },
} as const;

/**
 * The styles of a redline. Insertions are underlined and deletions struck through as well as
 * coloured, and each says so in visually hidden text (changeAnnouncements), so no change is told
 * by colour alone (WCAG 1.4.1). `.visually-hidden` is the common class of text for screen readers
 * only; it is defined here too so that every page showing the fragment with this stylesheet hides
 * it. Exported for pages that show renderRedlineHtml's fragment inside their own stylesheet.
 */
export const redlineCss = `
ins { color: #0b5d1e; background: #e3f4e6; text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 2px; }
del { color: #9b1c1c; background: #fbe7e7; text-decoration: line-through; text-decoration-thickness: 2px; }
ins, del { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
ins a, del a { color: inherit; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.redline-pilcrow { font-family: system-ui, sans-serif; font-weight: bold; padding: 0 0.1em; }
.redline-label { display: inline-block; border: 1px solid currentColor; border-radius: 3px; color: #4b3b8f; font: 600 0.72rem/1.3 system-ui, sans-serif; margin-right: 0.4em; padding: 0 0.35em; vertical-align: 0.1em; }
.redline-moved { border-left: 4px double #4b3b8f; padding-left: 0.6rem; }
.redline-inserted { border-left: 4px solid #0b5d1e; padding-left: 0.6rem; }
.redline-deleted { border-left: 4px dashed #9b1c1c; padding-left: 0.6rem; }
.redline-modified { border-left: 4px dotted #555; padding-left: 0.6rem; }
li.redline-deleted { border-left: none; padding-left: 0; }
.redline-summary { border: 1px solid #c8c8c8; border-radius: 4px; margin: 0 0 2rem; padding: 0.75rem 1rem; font: 0.95rem/1.5 system-ui, sans-serif; }
.redline-summary-text { font-weight: 600; margin: 0 0 0.4rem; }
.redline-summary-list { margin: 0 0 0.4rem; }
.redline-stats { color: #4a4a4a; margin: 0; }
.redline-pending { border: 1px dashed #8a6d00; border-radius: 4px; margin: 2rem 0 0; padding: 0.75rem 1rem; font: 0.95rem/1.5 system-ui, sans-serif; }
.redline-pending-title { font-weight: 600; margin: 0 0 0.4rem; }
`;

const changeWords: Record<SectionChange["change"], string> = { modified: "changed", added: "added", removed: "removed", moved: "moved" };

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// Text of a block: line breaks become <br>, paragraph-break marks a visible pilcrow.
function textHtml(text: string): string {
  return text
    .split(paragraphBreak)
    .map((piece) => piece.split("\n").map(escapeHtml).join("<br>"))
    .join('<span class="redline-pilcrow" title="Paragraph break">¶</span>');
}

// Tags of one formatting mark; a link only to an href that isAllowedHref accepts (the differ already
// dropped any other, and a stored redline is checked again as it renders), otherwise plain words.
function markTags(mark: RedlineMark): { open: string; close: string } {
  switch (mark.type) {
    case "link": {
      if (mark.href === undefined || !isAllowedHref(mark.href)) return { open: "", close: "" };
      const title = mark.title === undefined ? "" : ` title="${escapeHtml(mark.title)}"`;
      return { open: `<a href="${escapeHtml(mark.href)}"${title} rel="${linkRel}">`, close: "</a>" };
    }
    case "em":
      return { open: "<em>", close: "</em>" };
    case "strong":
      return { open: "<strong>", close: "</strong>" };
    case "underline":
      return { open: "<u>", close: "</u>" };
    default:
      // A mark this renderer does not know (a stored redline from a later schema): plain words.
      return { open: "", close: "" };
  }
}

// Runs of text, each in its formatting (marks nested in the order given, the schema's).
function runsHtml(runs: readonly TextRun[]): string {
  return runs
    .map((run) => {
      const tags = (run.marks ?? []).map(markTags);
      return (
        tags.map((tag) => tag.open).join("") +
        textHtml(run.text) +
        tags
          .map((tag) => tag.close)
          .reverse()
          .join("")
      );
    })
    .join("");
}

// An insertion or a deletion, with the words a screen reader says around it (real text, hidden).
function changeHtml(kind: "insert" | "delete", innerHtml: string): string {
  const tag = kind === "insert" ? "ins" : "del";
  const words = changeAnnouncements[kind];
  return `<${tag}><span class="visually-hidden">[${words.start}] </span>${innerHtml}<span class="visually-hidden"> [${words.end}]</span></${tag}>`;
}

// Consecutive segments of one kind (runs of different formatting) make one insertion or deletion.
function segmentsHtml(segments: readonly TextSegment[]): string {
  let html = "";
  for (let start = 0; start < segments.length;) {
    const kind = segments[start]!.kind;
    let end = start;
    while (end + 1 < segments.length && segments[end + 1]!.kind === kind) end++;
    const inner = runsHtml(segments.slice(start, end + 1));
    html += kind === "equal" ? inner : changeHtml(kind, inner);
    start = end + 1;
  }
  return html;
}

function movedFrom(change: BlockChange): string {
  return change.beforeSection === undefined ? "moved from the opening text" : `moved from ${change.beforeSection}`;
}

function blockHtml(change: BlockChange, previous: BlockChange | undefined): string {
  const isHeading = change.blockType === "heading";
  const tag = isHeading ? `h${Math.min(6, (change.level ?? 1) + 1)}` : "p";
  const number = isHeading ? (change.kind === "deleted" ? change.beforeSection : change.afterSection) : undefined;
  const numberHtml = number === undefined ? "" : `<span class="section-number">${escapeHtml(number)}</span> `;
  const content = change.segments !== undefined ? segmentsHtml(change.segments) : runsHtml(change.runs ?? [{ text: change.text ?? "" }]);
  let inner = numberHtml + content;
  if (change.kind === "inserted") inner = changeHtml("insert", inner);
  if (change.kind === "deleted") inner = changeHtml("delete", inner);
  // A moved section shows its label once, on the first of its blocks, not on every paragraph.
  const label =
    change.kind === "moved" && !(previous?.kind === "moved" && movedFrom(previous) === movedFrom(change)) ? movedFrom(change) : undefined;
  const prefix = label === undefined ? "" : `<span class="redline-label">${escapeHtml(label)}</span>`;
  const suffix = change.formatChanged ? ' <span class="redline-label">formatting changed</span>' : "";
  return `<${tag} class="redline-${change.kind}">${prefix}${inner}${suffix}</${tag}>`;
}

function openContainer(container: BlockContainer): string {
  const deleted = container.id.startsWith("b:") ? ' class="redline-deleted"' : "";
  switch (container.type) {
    case "blockquote":
      return `<blockquote${deleted}>`;
    case "bullet_list":
      return `<ul${deleted}>`;
    case "ordered_list":
      return `<ol${deleted}${container.order === undefined || container.order === 1 ? "" : ` start="${escapeHtml(String(container.order))}"`}>`;
    case "list_item":
      return `<li${deleted}>`;
  }
}

const closeTags: Record<BlockContainer["type"], string> = {
  blockquote: "</blockquote>",
  bullet_list: "</ul>",
  ordered_list: "</ol>",
  list_item: "</li>",
};

// Redraws lists and quotes from the containers of consecutive blocks: containers shared with the
// previous block stay open, the rest close, and the block's own open.
function documentHtml(changes: readonly BlockChange[]): string {
  const open: BlockContainer[] = [];
  let html = "";
  changes.forEach((change, index) => {
    let shared = 0;
    while (shared < open.length && shared < change.containers.length && open[shared]!.id === change.containers[shared]!.id) shared++;
    while (open.length > shared) html += closeTags[open.pop()!.type];
    // Each top-level block on a line of its own, as renderPolicyHtml writes them.
    if (open.length === 0 && html !== "") html += "\n";
    for (const container of change.containers.slice(shared)) {
      html += openContainer(container);
      open.push(container);
    }
    html += blockHtml(change, changes[index - 1]);
  });
  while (open.length > 0) html += closeTags[open.pop()!.type];
  return html;
}

function summaryItemHtml(entry: SectionChange): string {
  const what =
    entry.change === "moved" ? `moved from ${entry.from ?? "?"}${entry.contentChanged ? " and changed" : ""}` : changeWords[entry.change];
  if (entry.section === "") return `<li>Opening text: ${escapeHtml(what)}</li>`;
  return `<li><span class="section-number">${escapeHtml(entry.section)}</span> ${escapeHtml(entry.title)}: ${escapeHtml(what)}</li>`;
}

function summaryHtml(redline: Redline): string {
  const { stats } = redline;
  const list =
    redline.summary.length === 0 ? "" : `\n<ul class="redline-summary-list">${redline.summary.map(summaryItemHtml).join("")}</ul>`;
  const counts = `${plural(stats.wordsInserted, "word")} inserted, ${plural(stats.wordsDeleted, "word")} deleted, ${plural(stats.blocksChanged, "block")} changed${stats.blocksMoved > 0 ? ` (${stats.blocksMoved} moved)` : ""}.`;
  return `<section class="redline-summary" aria-label="Summary of changes">
<p class="redline-summary-text">${escapeHtml(redline.summaryText)}</p>${list}
<p class="redline-stats">${escapeHtml(counts)}</p>
</section>`;
}

const sideWords: Record<PendingSuggestionNote["side"], string> = { before: "earlier", after: "later" };

function pendingItemHtml(note: PendingSuggestionNote): string {
  const where = note.section === undefined ? "the opening text" : `section <span class="section-number">${escapeHtml(note.section)}</span>`;
  const by = note.affiliation === null ? "" : ` (${escapeHtml(note.affiliation)})`;
  const text =
    note.kind === "insertion"
      ? `<ins class="suggestion suggestion-insertion">${textHtml(note.text)}</ins>`
      : `<del class="suggestion suggestion-deletion">${textHtml(note.text)}</del>`;
  return `<li>In ${where} of the ${sideWords[note.side]} text, suggested ${note.kind === "insertion" ? "insertion" : "deletion"}${by}: ${text}</li>`;
}

// Pending suggestions are not compared as text (see pending-suggestions.ts): they are listed after
// the document, each where it sits, so a reader sees them without mistaking them for changes made.
function pendingHtml(redline: Redline): string {
  const notes = redline.pendingSuggestions ?? [];
  if (notes.length === 0) return "";
  return `\n<section class="redline-pending" aria-label="Pending suggestions">
<p class="redline-pending-title">${escapeHtml(plural(notes.length, "pending suggestion"))}, not part of the text compared above until an editor accepts ${notes.length === 1 ? "it" : "them"}:</p>
<ul>${notes.map(pendingItemHtml).join("")}</ul>
</section>`;
}

/**
 * Renders a redline as an HTML fragment: a short summary of the changed sections, then the after
 * document's structure with word-level <ins> and <del>, deleted blocks struck through where they
 * stood, inserted blocks underlined, moved blocks labelled ("moved from 7.2") and split or joined
 * paragraphs marked with a pilcrow; then the pending suggestions, if any, listed apart. All text is
 * escaped. Style it with redlineCss.
 */
export function renderRedlineHtml(redline: Redline): string {
  return `${summaryHtml(redline)}\n<div class="redline-document">\n${documentHtml(redline.changes)}\n</div>${pendingHtml(redline)}`;
}

/** What renderRedlineStandalone needs: the document's title, labels of the two versions, and the redline. */
export interface RedlineStandaloneInput {
  /** E.g. "Body-Worn Camera Policy". */
  readonly title: string;
  /** E.g. "Version 1 (published)". */
  readonly fromLabel: string;
  /** E.g. "Draft of 27 November 2026". */
  readonly toLabel: string;
  readonly redline: Redline;
}

/** A complete, print-ready HTML document of a redline (renderStandaloneHtml with redlineCss), for downloads. */
export function renderRedlineStandalone(input: RedlineStandaloneInput): string {
  return renderStandaloneHtml({
    title: input.title,
    subtitleLines: [`Changes from ${input.fromLabel} to ${input.toLabel}`],
    bodyHtml: renderRedlineHtml(input.redline),
    extraCss: redlineCss,
  });
}

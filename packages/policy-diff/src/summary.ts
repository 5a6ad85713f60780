import type { SectionNumber } from "@accord/policy-schema";
import type { BlockChange, SectionChange, SectionChangeKind } from "./redline-types.js";

// A section that was added, removed or moved is reported as that, however its text changed; the
// rank decides which of several notes about one section wins.
const rank: Record<SectionChangeKind, number> = { modified: 1, moved: 2, added: 3, removed: 3 };

interface Note {
  change: SectionChangeKind;
  from?: string;
  contentChanged?: true;
}

// Entries are keyed by side and number: "a:4.2" is section 4.2 of the after document, "b:7" section
// 7 of the before document (only removed sections), "a:" the text before the first heading.
const afterKey = (number: string | undefined): string => `a:${number ?? ""}`;

function ancestorsOf(number: string): string[] {
  const parts = number.split(".");
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join("."));
}

/**
 * Which numbered sections changed, in document order: added, removed (by before number), moved
 * (with the number it moved from), or modified. Renumbering is not a change: sections whose
 * blocks are unchanged are not listed, whatever their number became. A section inside one that
 * was added, removed or moved the same way is covered by its parent and not listed again.
 */
export function summarizeSections(
  changes: readonly BlockChange[],
  beforeSections: readonly SectionNumber[],
  afterSections: readonly SectionNumber[],
): SectionChange[] {
  const beforeTitles = new Map(beforeSections.map((section) => [section.number, section.text]));
  const afterTitles = new Map(afterSections.map((section) => [section.number, section.text]));
  const afterNumberOf = new Map<string, string>();
  const removed = new Set<string>();
  const headingKindAfter = new Map<string, BlockChange["kind"]>();
  const order = new Map<string, number>();
  changes.forEach((change, index) => {
    if (change.blockType !== "heading") return;
    if (change.kind === "deleted") {
      removed.add(change.beforeSection ?? "");
      order.set(`b:${change.beforeSection ?? ""}`, index);
      return;
    }
    order.set(afterKey(change.afterSection), index);
    headingKindAfter.set(change.afterSection ?? "", change.kind);
    if (change.beforeSection !== undefined) afterNumberOf.set(change.beforeSection, change.afterSection ?? "");
  });

  const notes = new Map<string, Note>();
  const note = (key: string, change: SectionChangeKind, from?: string): void => {
    const existing = notes.get(key);
    const next: Note = from === undefined ? { change } : { change, from };
    if (existing === undefined) notes.set(key, next);
    else if (rank[change] > rank[existing.change])
      notes.set(key, existing.change === "modified" && change === "moved" ? { ...next, contentChanged: true } : next);
    else if (existing.change === "moved" && change === "modified") existing.contentChanged = true;
  };
  // Where a block of the before document's section now is: undefined when that section was
  // removed, which reports the block's loss already.
  const afterKeyOfBefore = (beforeSection: string | undefined): string | undefined => {
    if (beforeSection === undefined) return afterKey(undefined);
    if (removed.has(beforeSection)) return undefined;
    const afterNumber = afterNumberOf.get(beforeSection);
    return afterNumber === undefined ? undefined : afterKey(afterNumber);
  };

  for (const change of changes) {
    if (change.kind === "unchanged") continue;
    const textChanged = change.segments !== undefined || change.formatChanged === true;
    if (change.blockType === "heading") {
      if (change.kind === "inserted") note(afterKey(change.afterSection), "added");
      else if (change.kind === "deleted") note(`b:${change.beforeSection ?? ""}`, "removed");
      else if (change.kind === "moved") note(afterKey(change.afterSection), "moved", change.beforeSection);
      if (change.kind === "modified" || (change.kind === "moved" && textChanged)) note(afterKey(change.afterSection), "modified");
      continue;
    }
    const here = change.kind === "deleted" ? undefined : afterKey(change.afterSection);
    const origin = change.kind === "inserted" ? undefined : afterKeyOfBefore(change.beforeSection);
    // A paragraph that moved with its whole section is part of that move, not a change of its own.
    const movedAlong = change.kind === "moved" && origin === here && headingKindAfter.get(change.afterSection ?? "") === "moved";
    if (here !== undefined && (!movedAlong || textChanged)) note(here, "modified");
    if (origin !== undefined && origin !== here) note(origin, "modified");
  }

  const summary = [...notes].map(([key, entry]) => {
    const section = key.slice(2);
    const title = (key.startsWith("b:") ? beforeTitles : afterTitles).get(section) ?? "";
    return { key, entry: { section, title, ...entry } };
  });
  const covered = (key: string, entry: SectionChange): boolean =>
    entry.change !== "modified" &&
    ancestorsOf(entry.section).some((ancestor) => notes.get(`${key.slice(0, 2)}${ancestor}`)?.change === entry.change);
  return summary
    .filter(({ key, entry }) => !covered(key, entry))
    .sort((left, right) => (order.get(left.key) ?? -1) - (order.get(right.key) ?? -1))
    .map(({ entry }) => entry);
}

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function sectionsPhrase(numbers: readonly string[]): string {
  return `${numbers.length === 1 ? "section" : "sections"} ${listOf(numbers)}`;
}

/**
 * The summary in one line, e.g. "Sections 4.2 and 9.3 changed; section 12 added; section 7.3
 * moved from 7.2." ("No changes." when there are none).
 */
export function describeSummary(summary: readonly SectionChange[]): string {
  const numbersOf = (change: SectionChangeKind): string[] =>
    summary.filter((entry) => entry.change === change && entry.section !== "").map((entry) => entry.section);
  const parts: string[] = [];
  if (summary.some((entry) => entry.section === "")) parts.push("the opening text changed");
  for (const [change, verb] of [
    ["modified", "changed"],
    ["added", "added"],
    ["removed", "removed"],
  ] as const) {
    const numbers = numbersOf(change);
    if (numbers.length > 0) parts.push(`${sectionsPhrase(numbers)} ${verb}`);
  }
  for (const entry of summary.filter((candidate) => candidate.change === "moved")) {
    parts.push(`section ${entry.section} moved from ${entry.from ?? "?"}${entry.contentChanged ? " and changed" : ""}`);
  }
  if (parts.length === 0) return "No changes.";
  const sentence = parts.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

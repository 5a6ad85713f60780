import type { VersionSummary } from "@accord/api-contract";

/** How versions are described to people: titles, authors, times and sizes of change. */

// A real minus sign (U+2212), not a hyphen: it lines up with "+" and reads as "minus" in screen readers.
const minus = "\u2212";

/** "+120 / −8 words": the size of a version's change, compact, for sighted readers. */
export function formatChangeSize(wordsAdded: number, wordsRemoved: number): string {
  // Always "words": the unit belongs to both numbers, and "+1 / −0 word" would read as a slip.
  return `+${wordsAdded.toLocaleString("en")} / ${minus}${wordsRemoved.toLocaleString("en")} words`;
}

/**
 * "120 words added, 8 removed": the same size of change in words, for screen readers, which would
 * otherwise read "plus 120 slash minus 8".
 */
export function describeChangeSize(wordsAdded: number, wordsRemoved: number): string {
  if (wordsAdded === 0 && wordsRemoved === 0) return "no words changed";
  const added = `${wordsAdded.toLocaleString("en")} ${wordsAdded === 1 ? "word" : "words"} added`;
  return `${added}, ${wordsRemoved.toLocaleString("en")} removed`;
}

/**
 * A version's time in the reader's own locale and time zone ("12 Mar 2026, 14:05"). `locale` and
 * `timeZone` are for tests; people get their browser's. An unreadable time is shown as it came, since
 * hiding it would lose the one fact a record needs.
 */
export function formatVersionTime(iso: string, locale?: string, timeZone?: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return timeFormat(locale, timeZone).format(time);
}

// Building an Intl.DateTimeFormat costs far more than using one, and the draft page formats every
// suggestion's and comment's time again on each keystroke: one formatter per locale and time zone.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${timeZone ?? ""}`;
  let format = timeFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
    if (timeZone) options.timeZone = timeZone;
    format = new Intl.DateTimeFormat(locale, options);
    timeFormats.set(key, format);
  }
  return format;
}

/** Who saved a version; an account the server no longer knows is said plainly instead of left blank. */
export function versionAuthor(version: Pick<VersionSummary, "authorName">): string {
  return version.authorName ?? "An account that no longer exists";
}

/** "Version 3: Before my change". */
export function versionTitle(version: Pick<VersionSummary, "number" | "label">): string {
  return `Version ${version.number}: ${version.label}`;
}

/** True when the server's rendering of a version holds a pending suggestion (see packages/policy-render). */
export function holdsSuggestions(html: string): boolean {
  return /<(ins|del) class="suggestion /.test(html);
}

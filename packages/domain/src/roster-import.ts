import { AccordError } from "./errors.js";

/** One person of the department's roster as the import compares them: e-mail, name, unit, supervisor. */
export interface RosterPerson {
  email: string;
  displayName: string;
  unit: string;
  /** The supervisor's e-mail, or null for someone with no supervisor (a chief). */
  supervisorEmail: string | null;
}

/** What the import would do with one row of the file. */
export type RosterRowAction = "create" | "change" | "unchanged" | "refuse";

/** One row of the preview: its line in the file, what it says, what would happen and why. */
export interface RosterPreviewRow {
  /** The row's line number in the file (the header is line 1). */
  line: number;
  action: RosterRowAction;
  /** What the row says, as read (trimmed); fields the row lacked are empty. */
  person: RosterPerson;
  /** Why: the refusal's reason, or what would change ("unit: Patrol West → Patrol East"). */
  reasons: string[];
}

/** The columns a roster file must have, in any order, named in its first line. */
export const rosterColumns = ["email", "name", "unit", "supervisor_email"] as const;

/** The most rows one import takes (Kansas City's 1,400 officers fit several times over). */
export const maxRosterRows = 5000;

/**
 * Reads CSV text (RFC 4180: commas, double quotes around fields that hold commas, quotes or line
 * breaks, a doubled quote inside them; CRLF or LF) into rows of fields. Throws validation_failed on an
 * unterminated quote or text after a closing quote, naming the line.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let quoteStartLine = 1;
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (char === "\n") line += 1;
        field += char;
      }
      continue;
    }
    if (char === ",") {
      row.push(field);
      field = "";
      afterQuote = false;
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[index + 1] === "\n") index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      afterQuote = false;
      line += 1;
    } else if (char === '"' && field === "" && !afterQuote) {
      quoted = true;
      quoteStartLine = line;
    } else if (afterQuote) {
      throw new AccordError("validation_failed", `Line ${line} has text after a closing quote.`);
    } else {
      field += char;
    }
  }
  if (quoted) throw new AccordError("validation_failed", `The quote opened on line ${quoteStartLine} is never closed.`);
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// Deliberately plain: one @, something on each side, a dot in the domain, no spaces. The mail server
// is the final judge; this catches the typing mistakes a roster export holds.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The rows of a roster file as people: the header names the columns; blank lines are skipped. */
export function readRosterCsv(text: string): { headerWidth: number; rows: { line: number; person: RosterPerson; columns: number }[] } {
  const rows = parseCsv(text);
  const header = rows[0]?.map((name) => name.trim().toLowerCase());
  if (!header) throw new AccordError("validation_failed", "The file is empty: its first line must name the columns.");
  const missing = rosterColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new AccordError(
      "validation_failed",
      `The first line must name the columns ${rosterColumns.join(", ")}; missing: ${missing.join(", ")}.`,
    );
  }
  const at = (row: string[], column: (typeof rosterColumns)[number]) => (row[header.indexOf(column)] ?? "").trim();
  const people = rows
    .map((row, index) => ({ row, line: index + 1 }))
    .slice(1)
    .filter(({ row }) => row.some((field) => field.trim() !== ""))
    .map(({ row, line }) => ({
      line,
      columns: row.length,
      person: {
        email: at(row, "email").toLowerCase(),
        displayName: at(row, "name"),
        unit: at(row, "unit"),
        supervisorEmail: at(row, "supervisor_email").toLowerCase() || null,
      },
    }));
  if (people.length > maxRosterRows) throw new AccordError("validation_failed", `A roster file may hold at most ${maxRosterRows} people.`);
  return { headerWidth: header.length, rows: people };
}

/**
 * The preview of a roster import: for each row of the file, whether it creates a person, changes one,
 * changes nothing, or is refused, with the reasons. Refused rows change nothing, and a row that names
 * as supervisor someone refused (or absent from both the file and the roster) is refused in turn, so
 * what is applied is always consistent. `existing` is the roster now, keyed by e-mail.
 */
export function previewRosterImport(text: string, existing: ReadonlyMap<string, RosterPerson>): RosterPreviewRow[] {
  const { headerWidth, rows } = readRosterCsv(text);
  const seen = new Map<string, number>();
  const preview: RosterPreviewRow[] = rows.map(({ line, person, columns }) => {
    const reasons: string[] = [];
    if (columns !== headerWidth) reasons.push(`the row has ${columns} fields where the first line names ${headerWidth}`);
    if (!person.email) reasons.push("the e-mail is missing");
    else if (!emailPattern.test(person.email) || person.email.length > 254) reasons.push(`"${person.email}" is not an e-mail address`);
    if (!person.displayName) reasons.push("the name is missing");
    else if (person.displayName.length > 120) reasons.push("the name is longer than 120 characters");
    if (!person.unit) reasons.push("the unit is missing");
    else if (person.unit.length > 120) reasons.push("the unit is longer than 120 characters");
    if (person.supervisorEmail && person.supervisorEmail === person.email) reasons.push("a person cannot be their own supervisor");
    const earlier = seen.get(person.email);
    if (person.email && earlier !== undefined) reasons.push(`the e-mail is already on line ${earlier}`);
    else if (person.email) seen.set(person.email, line);
    return { line, person, action: reasons.length > 0 ? "refuse" : "create", reasons };
  });
  // Supervisors: someone already on the roster, or someone this file adds. A refusal can leave a
  // supervisor missing, which refuses the rows that name them: repeat until nothing more is refused.
  let changed = true;
  while (changed) {
    changed = false;
    const accepted = new Set(preview.filter((row) => row.action !== "refuse").map((row) => row.person.email));
    for (const row of preview) {
      const supervisor = row.person.supervisorEmail;
      if (row.action === "refuse" || !supervisor) continue;
      if (accepted.has(supervisor) || existing.has(supervisor)) continue;
      const refusedInFile = preview.some((other) => other.person.email === supervisor);
      row.action = "refuse";
      row.reasons.push(
        refusedInFile
          ? `the supervisor ${supervisor} is refused in this file`
          : `the supervisor ${supervisor} is neither on the roster nor in this file`,
      );
      changed = true;
    }
  }
  for (const row of preview) {
    if (row.action === "refuse") continue;
    const current = existing.get(row.person.email);
    if (!current) continue;
    const differences = rosterDifferences(current, row.person);
    row.action = differences.length > 0 ? "change" : "unchanged";
    row.reasons = differences;
  }
  return preview;
}

/** What differs between the roster's person and the row, in words ("unit: Patrol West → Patrol East"). */
export function rosterDifferences(current: RosterPerson, next: RosterPerson): string[] {
  const differences: string[] = [];
  if (current.displayName !== next.displayName) differences.push(`name: ${current.displayName} → ${next.displayName}`);
  if (current.unit !== next.unit) differences.push(`unit: ${current.unit || "(none)"} → ${next.unit}`);
  if (current.supervisorEmail !== next.supervisorEmail) {
    differences.push(`supervisor: ${current.supervisorEmail ?? "(none)"} → ${next.supervisorEmail ?? "(none)"}`);
  }
  return differences;
}

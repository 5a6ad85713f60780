import { describe, expect, it } from "vitest";
import { parseCsv, previewRosterImport, type RosterPerson } from "./roster-import.js";

const header = "email,name,unit,supervisor_email";
const roster = (...people: RosterPerson[]) => new Map(people.map((person) => [person.email, person]));
const sergeant: RosterPerson = { email: "sgt@kcpd.test", displayName: "Sgt. Ada Moss", unit: "Patrol East", supervisorEmail: null };

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, on CRLF or LF", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",x,\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["two\nlines", "x", ""],
    ]);
  });

  it("refuses an unterminated quote, naming its line", () => {
    expect(() => parseCsv('a,b\n"c,d\n')).toThrow(/line 2 is never closed/);
  });

  it("refuses text after a closing quote", () => {
    expect(() => parseCsv('"a"b,c')).toThrow(/text after a closing quote/);
  });
});

describe("previewRosterImport", () => {
  it("creates new people, changes known ones and leaves the same ones unchanged, with what changes", () => {
    const file = [
      header,
      "sgt@kcpd.test,Sgt. Ada Moss,Patrol East,",
      "ben@kcpd.test,Ben Ortiz,Patrol East,sgt@kcpd.test",
      "cara@kcpd.test,Cara Lind,Patrol West,sgt@kcpd.test",
    ].join("\n");
    const existing = roster(sergeant, { email: "cara@kcpd.test", displayName: "Cara Lind", unit: "Patrol East", supervisorEmail: null });
    const preview = previewRosterImport(file, existing);
    expect(preview.map((row) => [row.line, row.action])).toEqual([
      [2, "unchanged"],
      [3, "create"],
      [4, "change"],
    ]);
    expect(preview[2]!.reasons).toEqual(["unit: Patrol East → Patrol West", "supervisor: (none) → sgt@kcpd.test"]);
  });

  it("refuses bad rows with every reason, and the rows that name a refused supervisor", () => {
    const file = [
      "unit,email,supervisor_email,name",
      "Patrol East,not-an-email,,Nobody",
      "Patrol East,ben@kcpd.test,,",
      ",cara@kcpd.test,,Cara Lind",
      "Patrol East,dan@kcpd.test,dan@kcpd.test,Dan Roe",
      "Patrol East,eve@kcpd.test,ghost@kcpd.test,Eve Park",
      "Patrol East,cara@kcpd.test,,Cara Again",
      "Patrol East,fay@kcpd.test,cara@kcpd.test,Fay Wu",
      "Patrol East,gus@kcpd.test",
    ].join("\n");
    const preview = previewRosterImport(file, roster());
    expect(preview.map((row) => [row.person.email, row.action, row.reasons])).toEqual([
      ["not-an-email", "refuse", ['"not-an-email" is not an e-mail address']],
      ["ben@kcpd.test", "refuse", ["the name is missing"]],
      ["cara@kcpd.test", "refuse", ["the unit is missing"]],
      ["dan@kcpd.test", "refuse", ["a person cannot be their own supervisor"]],
      ["eve@kcpd.test", "refuse", ["the supervisor ghost@kcpd.test is neither on the roster nor in this file"]],
      ["cara@kcpd.test", "refuse", ["the e-mail is already on line 4"]],
      ["fay@kcpd.test", "refuse", ["the supervisor cara@kcpd.test is refused in this file"]],
      ["gus@kcpd.test", "refuse", ["the row has 2 fields where the first line names 4", "the name is missing"]],
    ]);
  });

  it("accepts a supervisor added further down the same file", () => {
    const file = [header, "ben@kcpd.test,Ben Ortiz,Patrol East,lt@kcpd.test", "lt@kcpd.test,Lt. Joy Kim,Patrol East,"].join("\n");
    expect(previewRosterImport(file, roster()).map((row) => row.action)).toEqual(["create", "create"]);
  });

  it("compares e-mails without case and skips blank lines", () => {
    const file = [header, "", "SGT@KCPD.TEST,Sgt. Ada Moss,Patrol East,", ""].join("\n");
    expect(previewRosterImport(file, roster(sergeant))).toMatchObject([{ line: 3, action: "unchanged" }]);
  });

  it("refuses a file whose first line lacks a column, naming it", () => {
    expect(() => previewRosterImport("email,name,unit\na@b.test,A,B", roster())).toThrow(/missing: supervisor_email/);
    expect(() => previewRosterImport("", roster())).toThrow(/empty/);
  });
});

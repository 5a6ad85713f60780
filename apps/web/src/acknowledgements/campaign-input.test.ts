import { describe, expect, it } from "vitest";
import { ApiError } from "../api.js";
import { listRefusals, readCampaignForm, readEmailList, type CampaignFormValues } from "./campaign-input.js";

const hash = "a".repeat(64);
const policyId = "5b0f8a52-3f4e-4b8e-9a41-0d7e0b6f1c2d";

function formValues(changes: Partial<CampaignFormValues> = {}): CampaignFormValues {
  return {
    policyId,
    version: { number: 2, contentHash: hash },
    dueDate: "2027-03-01",
    audience: "everyone",
    units: [],
    list: { entries: [], problems: [] },
    quiz: null,
    ...changes,
  };
}

describe("reading a pasted or uploaded list of people", () => {
  it("takes one e-mail per line, lower-cased, skipping blank lines and repeats", () => {
    expect(readEmailList("Alice@kcpd.test\n\n bob@kcpd.test \r\nalice@kcpd.test\n")).toEqual({
      entries: [
        { line: 1, email: "alice@kcpd.test" },
        { line: 3, email: "bob@kcpd.test" },
      ],
      problems: [],
    });
  });

  it("takes the email column of a CSV file with a header, such as the roster's own", () => {
    const csv =
      'email,name,unit,supervisor_email\nalice@kcpd.test,"Archer, Alice",Patrol North,\n"bob@kcpd.test",Bob,Patrol North,sgt@kcpd.test';
    expect(readEmailList(csv).entries).toEqual([
      { line: 2, email: "alice@kcpd.test" },
      { line: 3, email: "bob@kcpd.test" },
    ]);
    expect(readEmailList("name,email\nAlice,alice@kcpd.test").entries).toEqual([{ line: 2, email: "alice@kcpd.test" }]);
  });

  it("names each line that holds no e-mail address, by its line number", () => {
    expect(readEmailList("alice@kcpd.test\nnot an address\n,\nbob@kcpd.test").problems).toEqual([
      { line: 2, text: "not an address", problem: '"not an address" is not an e-mail address.' },
      { line: 3, text: ",", problem: "There is no e-mail address on this line." },
    ]);
  });
});

describe("reading the campaign form", () => {
  it("sends the chosen version by number and hash to everyone, without a quiz", () => {
    expect(readCampaignForm(formValues(), "2027-01-01")).toEqual({
      ok: true,
      input: { policyId, versionNumber: 2, contentHash: hash, dueDate: "2027-03-01", audience: { kind: "everyone" }, quiz: null },
    });
  });

  it("sends chosen units, or a list's e-mails in order", () => {
    const units = readCampaignForm(formValues({ audience: "units", units: ["Patrol East", "Traffic"] }), "2027-01-01");
    expect(units.ok && units.input.audience).toEqual({ kind: "units", units: ["Patrol East", "Traffic"] });
    const list = readCampaignForm(formValues({ audience: "list", list: readEmailList("b@kcpd.test\na@kcpd.test") }), "2027-01-01");
    expect(list.ok && list.input.audience).toEqual({ kind: "list", emails: ["b@kcpd.test", "a@kcpd.test"] });
  });

  it("refuses what is missing, each problem keyed by the field the request names", () => {
    const reading = readCampaignForm(formValues({ version: null, dueDate: "2026-12-31", audience: "units", units: [] }), "2027-01-01");
    expect(reading).toEqual({
      ok: false,
      problems: {
        versionNumber: "Choose the published version to acknowledge.",
        dueDate: "The due date has passed: choose today or a later day.",
        "audience/units": "Choose at least one unit.",
      },
    });
    expect(readCampaignForm(formValues({ policyId: "", version: null, dueDate: "" }), "2027-01-01")).toEqual({
      ok: false,
      problems: { policyId: "Choose the policy.", dueDate: "Give the due date." },
    });
  });

  it("refuses a list with a line that is not an e-mail, or an empty list", () => {
    expect(readCampaignForm(formValues({ audience: "list", list: readEmailList("a@kcpd.test\noops") }), "2027-01-01")).toEqual({
      ok: false,
      problems: { "audience/emails": 'Line 2: "oops" is not an e-mail address.' },
    });
    expect(readCampaignForm(formValues({ audience: "list", list: readEmailList("\n") }), "2027-01-01")).toEqual({
      ok: false,
      problems: { "audience/emails": "Paste or upload at least one e-mail address." },
    });
  });

  it("sends a quiz with its questions, choices, right answers and pass mark", () => {
    const quiz = {
      passMarkPercent: " 80 ",
      questions: [
        { prompt: " When must the camera record? ", choices: ["Only when told", " On every call "], correctChoice: 1 },
        { prompt: "May a recording be deleted?", choices: ["No", "Yes", "Only by a supervisor"], correctChoice: 0 },
      ],
    };
    const reading = readCampaignForm(formValues({ quiz }), "2027-01-01");
    expect(reading.ok && reading.input.quiz).toEqual({
      passMarkPercent: 80,
      questions: [
        { prompt: "When must the camera record?", choices: ["Only when told", "On every call"], correctChoice: 1 },
        { prompt: "May a recording be deleted?", choices: ["No", "Yes", "Only by a supervisor"], correctChoice: 0 },
      ],
    });
  });

  it("refuses a quiz question without text, two choices or a right answer, and a pass mark out of 1 to 100", () => {
    const quiz = {
      passMarkPercent: "0",
      questions: [
        { prompt: "", choices: ["Yes", ""], correctChoice: null },
        { prompt: "Which?", choices: ["One", "", "Three"], correctChoice: 2 },
      ],
    };
    expect(readCampaignForm(formValues({ quiz }), "2027-01-01")).toEqual({
      ok: false,
      problems: {
        "quiz/questions/0/prompt": "Write question 1.",
        "quiz/questions/0/choices": "Give question 1 at least two choices.",
        "quiz/questions/0/correctChoice": "Mark the right answer to question 1.",
        "quiz/questions/1/choices/1": "Fill in this choice, or remove it.",
        "quiz/passMarkPercent": "The pass mark is a whole number from 1 to 100.",
      },
    });
    expect(readCampaignForm(formValues({ quiz: { passMarkPercent: "50", questions: [] } }), "2027-01-01")).toEqual({
      ok: false,
      problems: { "quiz/questions": "Add at least one question, or take the quiz away." },
    });
  });
});

describe("the server's refusals of a list's entries", () => {
  it("are mapped back to the pasted lines they came from", () => {
    const list = readEmailList("email\nalice@kcpd.test\n\nghost@kcpd.test\nnobody@kcpd.test");
    const refusal = new ApiError("validation_failed", "Not on the roster: ghost@kcpd.test, nobody@kcpd.test.", 400, [
      { path: "/body/audience/emails/1", message: "The roster has no active person with the e-mail ghost@kcpd.test." },
      { path: "/body/audience/emails/2", message: "The roster has no active person with the e-mail nobody@kcpd.test." },
      { path: "/body/dueDate", message: 'must match format "date"' },
    ]);
    expect(listRefusals(refusal, list.entries)).toEqual([
      { line: 4, email: "ghost@kcpd.test", problem: "The roster has no active person with the e-mail ghost@kcpd.test." },
      { line: 5, email: "nobody@kcpd.test", problem: "The roster has no active person with the e-mail nobody@kcpd.test." },
    ]);
    expect(listRefusals(new Error("offline"), list.entries)).toEqual([]);
  });
});

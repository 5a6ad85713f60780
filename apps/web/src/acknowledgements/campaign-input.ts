import type { NewCampaign } from "@accord/api-contract";
import { ApiError } from "../api.js";
import { fieldKey } from "../components/field-problems.js";
import { isCalendarDate, type FormReading } from "../workflow/workflow-input.js";

/**
 * Reads the campaign form before sending it, so the facilitator is told in words, beside each field,
 * what is missing (a quiz question without a right answer, a list entry that is not an e-mail). The
 * server checks everything again; problems are keyed as the request names its fields
 * ("quiz/questions/0/prompt"), so the server's own refusals land beside the same fields.
 */

/** One entry of a pasted or uploaded list of people: the line it came from and the e-mail on it. */
export interface ListEntry {
  line: number;
  email: string;
}

/** A pasted or uploaded list, read: the entries to send, and the lines that are not e-mail addresses. */
export interface ReadList {
  entries: ListEntry[];
  problems: { line: number; text: string; problem: string }[];
}

// The shape the server's EmailSchema accepts, roughly: one @, no spaces, a dot in the domain.
const emailShape = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** Splits one CSV line into its cells (quotes as RFC 4180 has them; enough for a list of e-mails). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      cells.push(cell);
      cell = "";
    } else cell += character;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

/**
 * A list of people as pasted or uploaded: one e-mail per line, or a CSV file whose header has an
 * `email` column (the roster's own format works). Blank lines are skipped; an e-mail given twice is
 * kept once; a line that holds no e-mail address is a problem with its line number.
 */
export function readEmailList(text: string): ReadList {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = csvCells(lines[0] ?? "").map((cell) => cell.toLowerCase());
  const emailColumn = header.indexOf("email");
  const hasHeader = emailColumn >= 0 || (header.length > 1 && !header.some((cell) => emailShape.test(cell)));
  const column = Math.max(emailColumn, 0);
  const entries: ListEntry[] = [];
  const problems: ReadList["problems"] = [];
  const seen = new Set<string>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if ((hasHeader && index === 0) || raw.trim() === "") return;
    const cells = csvCells(raw);
    const email = (cells[column] ?? "").toLowerCase();
    if (!emailShape.test(email)) {
      problems.push({
        line,
        text: raw.trim(),
        problem: email ? `"${email}" is not an e-mail address.` : "There is no e-mail address on this line.",
      });
      return;
    }
    if (seen.has(email)) return;
    seen.add(email);
    entries.push({ line, email });
  });
  return { entries, problems };
}

/** One quiz question as the form holds it. */
export interface QuizQuestionInput {
  prompt: string;
  choices: string[];
  /** The index of the right choice, or null when none is marked. */
  correctChoice: number | null;
}

/** Everything the campaign form holds, as text. */
export interface CampaignFormValues {
  policyId: string;
  /** The chosen published version: its number and content hash, or null when none is chosen. */
  version: { number: number; contentHash: string } | null;
  dueDate: string;
  audience: "everyone" | "units" | "list";
  units: string[];
  list: ReadList;
  quiz: { questions: QuizQuestionInput[]; passMarkPercent: string } | null;
}

/** The campaign to send, or every problem found, each a sentence keyed by the request's name for its field. */
export function readCampaignForm(values: CampaignFormValues, today: string): FormReading<NewCampaign> {
  const problems: Record<string, string> = {};
  if (!values.policyId) problems.policyId = "Choose the policy.";
  else if (!values.version) problems.versionNumber = "Choose the published version to acknowledge.";
  if (!values.dueDate) problems.dueDate = "Give the due date.";
  else if (!isCalendarDate(values.dueDate)) problems.dueDate = "The due date must be a real date (YYYY-MM-DD).";
  else if (values.dueDate < today) problems.dueDate = "The due date has passed: choose today or a later day.";
  if (values.audience === "units" && values.units.length === 0) problems["audience/units"] = "Choose at least one unit.";
  if (values.audience === "list") {
    if (values.list.problems.length > 0) {
      problems["audience/emails"] = values.list.problems.map((problem) => `Line ${problem.line}: ${problem.problem}`).join(" ");
    } else if (values.list.entries.length === 0) problems["audience/emails"] = "Paste or upload at least one e-mail address.";
  }
  let quiz: NewCampaign["quiz"] = null;
  if (values.quiz) {
    if (values.quiz.questions.length === 0) problems["quiz/questions"] = "Add at least one question, or take the quiz away.";
    values.quiz.questions.forEach((question, index) => {
      const key = `quiz/questions/${index}`;
      if (!question.prompt.trim()) problems[`${key}/prompt`] = `Write question ${index + 1}.`;
      const filled = question.choices.filter((choice) => choice.trim() !== "");
      if (filled.length < 2) problems[`${key}/choices`] = `Give question ${index + 1} at least two choices.`;
      question.choices.forEach((choice, choiceIndex) => {
        if (!choice.trim() && filled.length >= 2) problems[`${key}/choices/${choiceIndex}`] = "Fill in this choice, or remove it.";
      });
      if (question.correctChoice === null || question.correctChoice >= question.choices.length) {
        problems[`${key}/correctChoice`] = `Mark the right answer to question ${index + 1}.`;
      }
    });
    const passMark = values.quiz.passMarkPercent.trim();
    const passMarkPercent = /^\d{1,3}$/.test(passMark) ? Number(passMark) : NaN;
    if (!(passMarkPercent >= 1 && passMarkPercent <= 100))
      problems["quiz/passMarkPercent"] = "The pass mark is a whole number from 1 to 100.";
    quiz = {
      passMarkPercent,
      questions: values.quiz.questions.map((question) => ({
        prompt: question.prompt.trim(),
        choices: question.choices.map((choice) => choice.trim()),
        correctChoice: question.correctChoice ?? 0,
      })),
    };
  }
  if (Object.keys(problems).length > 0 || !values.version) return { ok: false, problems };
  const audience: NewCampaign["audience"] =
    values.audience === "units"
      ? { kind: "units", units: values.units }
      : values.audience === "list"
        ? { kind: "list", emails: values.list.entries.map((entry) => entry.email) }
        : { kind: "everyone" };
  return {
    ok: true,
    input: {
      policyId: values.policyId,
      versionNumber: values.version.number,
      contentHash: values.version.contentHash,
      dueDate: values.dueDate,
      audience,
      quiz,
    },
  };
}

/**
 * The server's refusals of a list's entries, by the line each came from: it names an entry by its
 * place in the list sent ("/body/audience/emails/3"), which the form maps back to the pasted line.
 */
export function listRefusals(error: unknown, entries: readonly ListEntry[]): { line: number; email: string; problem: string }[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.flatMap((field) => {
    const match = /^audience\/emails\/(\d+)$/.exec(fieldKey(field.path));
    const entry = match ? entries[Number(match[1])] : undefined;
    return entry ? [{ line: entry.line, email: entry.email, problem: field.message }] : [];
  });
}

import { ApiError } from "../api.js";

/**
 * Field problems for people. The API names each offending field by a JSON pointer ("/body/reason",
 * "/voteTally/for") with a short message, sometimes a validator's fragment ("must NOT have more than
 * 4000 characters"); a form shows each as a sentence beside its field, with the field's own label.
 */

/**
 * Problems a form found in its own fields before sending anything, keyed as the request names those
 * fields ("reason", "voteTally/for"), each already a sentence. Thrown from an action, so the form shows
 * them beside their fields just as it shows the server's.
 */
export class FieldProblems extends Error {
  readonly fields: Readonly<Record<string, string>>;

  constructor(fields: Readonly<Record<string, string>>, message = "There is a problem with what was filled in:") {
    super(message);
    this.name = "FieldProblems";
    this.fields = fields;
  }
}

/** "/body/voteTally/for" → "voteTally/for": the path inside the request's body, params or query. */
export function fieldKey(path: string): string {
  return path.replace(/^\/(?:body|params|querystring)(?=\/|$)/, "").replace(/^\//, "");
}

/** "meetingReference" → "Meeting reference", "voteTally/for" → "Vote tally, for": a label when a form gives none. */
export function labelFromKey(key: string): string {
  if (key === "") return "The request";
  const words = key
    .split("/")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase())
    .join(", ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/**
 * One field's problem as a sentence naming the field by its label. A message that is already a sentence
 * (it starts with a capital, or with a quoted name as an import's refusal does, “policy.docx”: …, and ends
 * with a full stop, as the workflow's are) is kept as it is.
 */
export function problemSentence(label: string, message: string): string {
  const text = message.trim();
  if (/^[A-Z“"]/.test(text) && /[.!?]$/.test(text)) return text;
  const longest = /must NOT have more than (\d+) characters/.exec(text);
  if (longest) return `${label} can be at most ${longest[1]} characters long.`;
  const shortest = /must NOT have fewer than (\d+) characters/.exec(text);
  if (shortest) return shortest[1] === "1" ? `Fill in ${lowerFirst(label)}.` : `${label} needs at least ${shortest[1]} characters.`;
  if (/^(is required|a reason is required)$/.test(text)) return `Fill in ${lowerFirst(label)}.`;
  if (/must match format "date"/.test(text)) return `${label} must be a date (YYYY-MM-DD).`;
  if (/must match pattern/.test(text)) return `${label} is not in the expected form.`;
  if (text === "is not allowed here") return `${label} is not expected here.`;
  const sentence = `${label} ${text}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** An error's field problems, each a sentence, keyed by field ("reason"); labels name the form's fields. */
export function fieldProblemsOf(error: unknown, labels: Readonly<Record<string, string>> = {}): Record<string, string> {
  const found =
    error instanceof ApiError
      ? error.fields.map((field) => [fieldKey(field.path), field.message] as const)
      : error instanceof FieldProblems
        ? Object.entries(error.fields)
        : [];
  const problems: Record<string, string> = {};
  for (const [key, message] of found) {
    const sentence = problemSentence(labels[key] ?? labelFromKey(key), message);
    problems[key] = problems[key] ? `${problems[key]} ${sentence}` : sentence;
  }
  return problems;
}

import type { Kysely } from "kysely";
import type { Affiliation } from "@accord/domain";
import { policySchema } from "@accord/policy-schema";
import type { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import type { Database } from "../storage/database.js";
import { insertSuggestionDecisions } from "../storage/suggestion-decisions.js";

/** Who made a demo suggestion. */
export interface DemoSuggester {
  userId: string;
  affiliation: Affiliation;
}

/** The people whose pending suggestions the demo draft carries. */
export interface DemoSuggesters {
  advocate: DemoSuggester;
  officer: DemoSuggester;
  prosecutor: DemoSuggester;
}

/** The ProseMirror range of the first occurrence of `text` inside one textblock of the document. */
export function findTextRange(doc: Node, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isTextblock) return true;
    // Inline leaves (a hard break) count one character in textContent's leafText and one position.
    const offset = node.textBetween(0, node.content.size, undefined, "\n").indexOf(text);
    if (offset >= 0) found = { from: pos + 1 + offset, to: pos + 1 + offset + text.length };
    return false;
  });
  if (!found) throw new Error(`The demo draft has no text "${text}".`);
  return found;
}

/**
 * The demo draft with pending suggestions from three affiliations, as the suggestion-mode editor would
 * have made them: the community advocate (a commenter) proposes telling people they are recorded; the
 * police sergeant proposes a shorter retention period (a deletion and an insertion); the prosecutor
 * proposes a court-order exception. Each carries its author, affiliation and time.
 */
export function withDemoSuggestions(doc: Node, people: DemoSuggesters, now: Date): Node {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60 * 1000).toISOString();
  const { insertion, deletion } = policySchema.marks;
  const transform = new Transform(doc);
  const suggest = (kind: "insert" | "delete", at: string, text: string, by: DemoSuggester, id: string, hours: number) => {
    const attrs = { id, author: by.userId, affiliation: by.affiliation, time: hoursAgo(hours) };
    const range = findTextRange(transform.doc, at);
    if (kind === "delete") transform.addMark(range.from, range.to, deletion.create(attrs));
    else transform.insert(range.to, policySchema.text(text, [insertion.create(attrs)]));
  };
  suggest(
    "insert",
    "Buffered video does not satisfy this duty.",
    " Officers must tell the people they record that the camera is on, unless saying so would put someone in danger.",
    people.advocate,
    "demo-notice",
    30,
  );
  suggest("delete", "180", "", people.officer, "demo-retention-cut", 20);
  suggest("insert", "180", "120", people.officer, "demo-retention-new", 20);
  suggest("insert", "unless it records a critical incident", " or a court orders its release", people.prosecutor, "demo-court-order", 6);
  return transform.doc;
}

/** The people who decided the demo's earlier suggestions. */
export interface DemoDeciders extends DemoSuggesters {
  citizen: DemoSuggester;
}

/**
 * The record of suggestions decided before the demo begins, so that "Where the text came from" has
 * something to say: the advocate's "supplement, but never replace," and the citizen's statement of
 * purpose were accepted (both are in the draft's Purpose), and a police exception was rejected.
 */
export async function insertDemoDecisions(trx: Kysely<Database>, policyId: string, people: DemoDeciders, now: Date): Promise<void> {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60 * 1000);
  const decision = (
    suggestionId: string,
    by: DemoSuggester,
    text: string,
    decision: "accepted" | "rejected",
    decidedBy: DemoSuggester,
    hours: number,
  ) => ({
    id: crypto.randomUUID(),
    policy_id: policyId,
    suggestion_id: suggestionId,
    kind: "insertion" as const,
    author_id: by.userId,
    author_affiliation: by.affiliation,
    suggested_at: hoursAgo(hours + 20),
    text,
    decision,
    decided_by: decidedBy.userId,
    decided_at: hoursAgo(hours),
  });
  await insertSuggestionDecisions(trx, [
    decision("demo-supplement", people.advocate, "supplement, but never replace,", "accepted", people.officer, 200),
    decision(
      "demo-purpose",
      people.citizen,
      ", so as to promote accountability and transparency, preserve accurate evidence, and protect the privacy of the people officers serve",
      "accepted",
      people.prosecutor,
      180,
    ),
    decision("demo-safety", people.officer, " unless an officer's safety requires otherwise", "rejected", people.citizen, 150),
  ]);
}

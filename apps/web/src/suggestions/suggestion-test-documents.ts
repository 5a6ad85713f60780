import { policySchema } from "@accord/policy-schema";
import type { Mark, Node } from "prosemirror-model";

/** Small policy documents with suggestions, for the tests of this folder. */

const { nodes, marks } = policySchema;

/** Plain or marked text. */
export const text = (value: string, ...markList: Mark[]) => policySchema.text(value, markList);
export const paragraph = (...content: Node[]) => nodes.paragraph.create(null, content);
export const heading = (level: number, value: string) => nodes.heading.create({ level }, [text(value)]);
export const doc = (...content: Node[]) => nodes.doc.create(null, content);

/** The attributes of a suggestion mark; the time defaults to a fixed instant. */
export interface MarkInput {
  id: string;
  author: string;
  affiliation?: string | null;
  time?: string;
}

function attrsOf(input: MarkInput) {
  return { id: input.id, author: input.author, affiliation: input.affiliation ?? null, time: input.time ?? "2026-03-12T14:05:00.000Z" };
}

/** A suggested insertion mark. */
export const inserted = (input: MarkInput) => marks.insertion.create(attrsOf(input));
/** A suggested deletion mark. */
export const deleted = (input: MarkInput) => marks.deletion.create(attrsOf(input));

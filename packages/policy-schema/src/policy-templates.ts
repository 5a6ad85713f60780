import { bodyWornCameraDemoDocument } from "./demo-policy.js";
import { docJSON, headingJSON, paragraphJSON, type PolicyDocumentJSON, type PolicyNodeJSON } from "./document-json.js";
import type { HeadingLevel } from "./schema.js";

/** A structure a new policy's draft can start from: its sections, each with a line on what goes there. */
export interface PolicyTemplate {
  /** Stable, as requests name it ("body-worn-camera"). */
  readonly id: string;
  readonly name: string;
  /** One sentence on what the template holds, for the person choosing. */
  readonly description: string;
  /** The starting draft. */
  readonly document: PolicyDocumentJSON;
}

function plainTextOf(node: PolicyNodeJSON): string {
  return node.text ?? (node.content ?? []).map(plainTextOf).join("");
}

/**
 * The headings of a document with one prompt paragraph under each: the structure of a policy without
 * its words, so a working group starts from a known outline and writes its own text.
 */
export function outlineOf(document: PolicyDocumentJSON): PolicyDocumentJSON {
  const blocks: PolicyNodeJSON[] = [];
  for (const node of document.content ?? []) {
    if (node.type !== "heading") continue;
    const title = plainTextOf(node);
    blocks.push(headingJSON(node.attrs?.["level"] as HeadingLevel, title));
    blocks.push(paragraphJSON(`Write what “${title}” covers here.`));
  }
  return docJSON(...blocks);
}

/** Every template a new policy may start from, in the order offered. Data only: no I/O, no randomness. */
export const policyTemplates: readonly PolicyTemplate[] = Object.freeze([
  Object.freeze({
    id: "body-worn-camera",
    name: "Body-worn camera policy",
    description:
      "The sections of the demo Body-Worn Camera Policy (purpose, definitions, activation, privacy, retention, access, audit and more), each with a prompt to replace.",
    document: outlineOf(bodyWornCameraDemoDocument),
  }),
]);

/** The template with this id, or undefined. */
export function findPolicyTemplate(id: string): PolicyTemplate | undefined {
  return policyTemplates.find((template) => template.id === id);
}

/** The section titles of a template, in order, as the new-policy flow lists them. */
export function templateSectionTitles(template: PolicyTemplate): string[] {
  return (template.document.content ?? []).filter((node) => node.type === "heading").map(plainTextOf);
}

import { numberSectionsJSON, type PolicyNodeJSON } from "@accord/policy-schema";

/** One numbered section of a version: its number, anchor and heading, and the plain text of all it holds. */
export interface VersionSection {
  number: string;
  anchor: string;
  heading: string;
  /** The heading and every block up to the next heading, as plain text (what a quotation must come from). */
  text: string;
}

function textOf(node: PolicyNodeJSON): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hard_break") return "\n";
  const inner = (node.content ?? []).map(textOf);
  return node.type === "paragraph" || node.type === "heading" ? inner.join("") : inner.join("\n");
}

/**
 * The numbered sections of a version's canonical JSON, in document order. A section runs from its
 * heading to the next heading of any level, so a quotation belongs to exactly one section.
 */
export function versionSections(canonicalJson: string): VersionSection[] {
  const doc = JSON.parse(canonicalJson) as PolicyNodeJSON;
  const numbers = numberSectionsJSON(doc);
  const sections: VersionSection[] = [];
  let headingIndex = -1;
  for (const child of doc.content ?? []) {
    if (child.type === "heading") {
      headingIndex += 1;
      const numbered = numbers[headingIndex]!;
      sections.push({ number: numbered.number, anchor: numbered.anchor, heading: numbered.text, text: textOf(child) });
    } else if (headingIndex >= 0) {
      const section = sections[sections.length - 1]!;
      section.text = `${section.text}\n${textOf(child)}`;
    }
  }
  return sections;
}

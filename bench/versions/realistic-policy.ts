import { bodyWornCameraDemoDocument, type PolicyNodeJSON } from "../../packages/policy-schema/src/index.js";

/**
 * A realistic 30-page policy: the demo body-worn camera draft (about 1,900 words, 12 sections) grown to
 * about 15,000 words by repeating its sections as further chapters with their own titles and varied
 * wording, as a long departmental manual reads. Deterministic, so every run measures the same text.
 */
export function generateThirtyPagePolicy(): PolicyNodeJSON {
  const sections = splitIntoSections(bodyWornCameraDemoDocument.content ?? []);
  const chapters = ["Patrol", "Investigations", "Traffic", "Tactical", "Detention", "Community", "Training", "Records"];
  const content: PolicyNodeJSON[] = [];
  chapters.forEach((chapter, chapterIndex) => {
    for (const section of sections) {
      content.push(...section.map((block) => varyBlock(block, chapter, chapterIndex)));
    }
  });
  return { type: "doc", content };
}

/**
 * A revision of the policy with a few dozen changes of every kind: retention periods changed, sentences
 * reworded, paragraphs added and deleted, and one section moved, as a working group's next draft has.
 */
export function reviseThirtyPagePolicy(original: PolicyNodeJSON): PolicyNodeJSON {
  const blocks: PolicyNodeJSON[] = (original.content ?? []).map((block) => structuredClone(block));
  let edits = 0;
  for (let index = 0; index < blocks.length && edits < 30; index += 17) {
    const block = blocks[index];
    if (block?.type !== "paragraph") continue;
    replaceFirstText(
      block,
      (text) =>
        text.replace(/\b(\d+) days\b/, (_match, days: string) => `${Number(days) * 2} days`) + " This sentence was added in review.",
    );
    edits++;
  }
  blocks.splice(40, 1);
  blocks.splice(200, 0, {
    type: "paragraph",
    content: [{ type: "text", text: "A new paragraph on audit trails for every recording access, added by the working group." }],
  });
  const moved = blocks.splice(300, 6);
  blocks.splice(500, 0, ...moved);
  return { type: "doc", content: blocks };
}

function splitIntoSections(blocks: readonly PolicyNodeJSON[]): PolicyNodeJSON[][] {
  const sections: PolicyNodeJSON[][] = [];
  for (const block of blocks) {
    if (block.type === "heading" && block.attrs?.level === 1) sections.push([]);
    if (sections.length === 0) sections.push([]);
    sections[sections.length - 1]!.push(block);
  }
  return sections;
}

function varyBlock(block: PolicyNodeJSON, chapter: string, chapterIndex: number): PolicyNodeJSON {
  const copy = structuredClone(block);
  if (copy.type === "heading" && copy.attrs?.level === 1) replaceFirstText(copy, (text) => `${chapter}: ${text}`);
  else if (chapterIndex > 0) replaceFirstText(copy, (text) => text.replace(/\bofficers?\b/i, (word) => `${chapter.toLowerCase()} ${word}`));
  return copy;
}

function replaceFirstText(node: PolicyNodeJSON, change: (text: string) => string): boolean {
  if (node.type === "text" && typeof node.text === "string") {
    (node as { text: string }).text = change(node.text);
    return true;
  }
  for (const child of node.content ?? []) if (replaceFirstText(child, change)) return true;
  return false;
}

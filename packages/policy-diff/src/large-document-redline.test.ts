import { bulletListJSON, docJSON, headingJSON, paragraphJSON, type PolicyDocumentJSON } from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { diffPolicyDocuments } from "./diff-policy-documents.js";
import { countWords } from "./words.js";

// A deterministic stand-in for a 30-page policy (about 15,000 words in some 640 blocks) and a
// revision of it with a few dozen changes of every kind, so the test knows exactly what the
// redline must say. The timing of this case belongs in a benchmark, not here.

interface Subsection {
  title: string;
  paragraphs: string[];
  list: string[];
}

interface Section {
  id: number;
  title: string;
  subsections: Subsection[];
}

// mulberry32: a small seeded generator, so every run builds the same documents.
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = (
  "officer officers camera cameras recording recordings record activate deactivate supervisor department policy public " +
  "evidence retention release request incident critical force use arrest search warrant consent privacy notice report " +
  "review audit custody chain storage upload label category case court prosecutor defense witness victim minor hospital " +
  "clinic residence vehicle stop pedestrian traffic call service dispatch scene safety safe practical reasonable prompt " +
  "written statement reason delay failure discipline training counselling reprimand suspension termination misconduct " +
  "board commission union working group community organisation resident citizen member members person people shall must " +
  "may only unless until before after during within days months years hours each every any all no the a an of to in on " +
  "for with by from under over between and or not is are be been being which that this these those their its it"
).split(" ");

function sentence(random: () => number, words: number): string {
  const chosen = Array.from({ length: words }, () => vocabulary[Math.floor(random() * vocabulary.length)]!);
  return `${chosen.join(" ").replace(/^./, (first) => first.toUpperCase())}.`;
}

function paragraphText(random: () => number): string {
  return [sentence(random, 10 + Math.floor(random() * 7)), sentence(random, 10 + Math.floor(random() * 7))].join(" ");
}

function generateSections(count: number, random: () => number): Section[] {
  return Array.from({ length: count }, (_, id) => ({
    id,
    title: `Topic ${id} ${vocabulary[id % vocabulary.length]}`,
    subsections: Array.from({ length: 3 }, (_, index) => ({
      title: `Part ${id}.${index} ${vocabulary[(id * 3 + index) % vocabulary.length]}`,
      paragraphs: Array.from({ length: 4 }, () => paragraphText(random)),
      list: index === 0 ? Array.from({ length: 3 }, () => sentence(random, 10)) : [],
    })),
  }));
}

function toDocument(sections: readonly Section[]): PolicyDocumentJSON {
  return docJSON(
    ...sections.flatMap((section) => [
      headingJSON(1, section.title),
      ...section.subsections.flatMap((subsection) => [
        headingJSON(2, subsection.title),
        ...subsection.paragraphs.map((text) => paragraphJSON(text)),
        ...(subsection.list.length > 0 ? [bulletListJSON(...subsection.list)] : []),
      ]),
    ]),
  );
}

const wordsOfSection = (section: Section): number =>
  countWords(section.title) +
  section.subsections.reduce((sum, sub) => sum + countWords(sub.title) + countWords([...sub.paragraphs, ...sub.list].join(" ")), 0);
const blocksOfSection = (section: Section): number =>
  1 + section.subsections.reduce((sum, sub) => sum + 1 + sub.paragraphs.length + sub.list.length, 0);

describe("a redline of two 30-page versions", () => {
  const random = seededRandom(20261127);
  const beforeSections = generateSections(40, random);
  const afterSections: Section[] = structuredClone(beforeSections);
  const byId = (id: number): Section => afterSections.find((section) => section.id === id)!;

  // 20 words replaced, one in each even-numbered section's first subsection.
  const amendedIds = Array.from({ length: 20 }, (_, index) => index * 2);
  for (const id of amendedIds) {
    const paragraphs = byId(id).subsections[0]!.paragraphs;
    paragraphs[1] = paragraphs[1]!.replace(/^(\S+ \S+ \S+) \S+/, "$1 amended");
  }
  // 5 paragraphs deleted and 5 inserted, in other sections.
  const deletedIds = [7, 15, 23, 31, 37];
  const deletedWords = deletedIds.reduce((sum, id) => sum + countWords(byId(id).subsections[2]!.paragraphs.splice(3, 1)[0]!), 0);
  const insertedIds = [9, 17, 25, 33, 39];
  const insertedTexts = insertedIds.map((id) => {
    const text = `Newly added duty number ${id}: ${paragraphText(random)}`;
    byId(id).subsections[1]!.paragraphs.splice(2, 0, text);
    return text;
  });
  // A new section before section 21 (id 20), and section 6 (id 5) moved after section 31 (id 30).
  const newSection: Section = {
    id: 100,
    title: "Body camera oversight committee",
    subsections: [{ title: "Membership and meetings", paragraphs: [paragraphText(random), paragraphText(random)], list: [] }],
  };
  afterSections.splice(afterSections.indexOf(byId(20)), 0, newSection);
  const [movedSection] = afterSections.splice(afterSections.indexOf(byId(5)), 1);
  afterSections.splice(afterSections.indexOf(byId(30)) + 1, 0, movedSection!);

  const before = toDocument(beforeSections);
  const after = toDocument(afterSections);
  const afterNumber = (id: number): string => String(afterSections.findIndex((section) => section.id === id) + 1);

  it("is built from a document of about 15,000 words in over 600 blocks", () => {
    const totalWords = beforeSections.reduce((sum, section) => sum + wordsOfSection(section), 0);
    expect(totalWords).toBeGreaterThan(13_000);
    expect(totalWords).toBeLessThan(18_000);
    expect(beforeSections.reduce((sum, section) => sum + blocksOfSection(section), 0)).toBeGreaterThan(600);
  });

  it("reports exactly the changes that were made, with word counts", () => {
    const redline = diffPolicyDocuments(before, after);
    expect(redline.stats).toEqual({
      wordsInserted: 20 + insertedTexts.reduce((sum, text) => sum + countWords(text), 0) + wordsOfSection(newSection),
      wordsDeleted: 20 + deletedWords,
      blocksInserted: 5 + blocksOfSection(newSection),
      blocksDeleted: 5,
      blocksModified: 20,
      blocksMoved: blocksOfSection(movedSection!),
      blocksChanged: 5 + blocksOfSection(newSection) + 5 + 20 + blocksOfSection(movedSection!),
    });
    for (const change of redline.changes.filter((candidate) => candidate.kind === "modified")) {
      expect(change.segments?.filter((segment) => segment.kind !== "equal").map((segment) => segment.kind)).toEqual(["delete", "insert"]);
      expect(change.segments?.find((segment) => segment.kind === "insert")?.text).toBe("amended");
    }
  });

  it("summarises by the new numbers: the added and moved sections and the edited subsections, nothing renumbered", () => {
    const redline = diffPolicyDocuments(before, after);
    const expected = [
      ...amendedIds.map((id) => ({ section: `${afterNumber(id)}.1`, change: "modified" })),
      ...insertedIds.map((id) => ({ section: `${afterNumber(id)}.2`, change: "modified" })),
      ...deletedIds.map((id) => ({ section: `${afterNumber(id)}.3`, change: "modified" })),
      { section: afterNumber(100), change: "added" },
      { section: afterNumber(5), change: "moved", from: "6" },
    ];
    const inDocumentOrder = (entry: { section: string }): number =>
      Number(entry.section.split(".")[0]) * 10 + Number(entry.section.split(".")[1] ?? 0);
    expect(
      redline.summary.map(({ section, change, from }) => (from === undefined ? { section, change } : { section, change, from })),
    ).toEqual(expected.sort((left, right) => inDocumentOrder(left) - inDocumentOrder(right)));
    expect(redline.summaryText).toContain(`; section ${afterNumber(100)} added; section ${afterNumber(5)} moved from 6.`);
  });
});

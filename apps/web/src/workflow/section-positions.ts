import type { ProposalStage, SectionPosition, SectionPositionValue } from "@accord/api-contract";

/** The stances people take on one section, counted, with the positions themselves for the details. */
export interface SectionPositionGroup {
  section: string;
  counts: Record<SectionPositionValue, number>;
  positions: SectionPosition[];
  /**
   * True when someone objects or reserves while the working group still reviews: the section is open
   * for the group to settle. Once the proposal has left the working group, the positions are final and
   * no section is open any more, whatever they say.
   */
  unsettled: boolean;
  /** "1 object, 1 reserve", "2 approve": the non-zero counts, in the order object, reserve, approve. */
  summary: string;
}

// Objections first: they are what the group needs to see at a glance.
const summaryOrder: readonly SectionPositionValue[] = ["object", "reserve", "approve"];

/**
 * Compares section numbers part by part ("4.2" < "4.10" < "10", "4.2" < "4.2.a"), numbers as numbers
 * and clause letters by length then alphabet ("z" < "aa"), as the numbering makes them.
 */
export function compareSections(left: string, right: string): number {
  const leftParts = left.split(".");
  const rightParts = right.split(".");
  for (let index = 0; index < Math.max(leftParts.length, rightParts.length); index++) {
    const a = leftParts[index];
    const b = rightParts[index];
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
    const order = numeric ? Number(a) - Number(b) : a.length - b.length || a.localeCompare(b);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * True while members may still change or withdraw their section positions: until the proposal leaves
 * the working group (the server's stage table allows section positions in review only).
 */
export function sectionPositionsOpen(stage: ProposalStage): boolean {
  return stage === "review";
}

/**
 * Groups section positions by section, in section order, each with its counts ("4.2: 1 object,
 * 1 reserve"), so the working group sees which clauses are still open while it reviews, and the record
 * shows the final positions afterwards.
 */
export function groupSectionPositions(positions: readonly SectionPosition[], stage: ProposalStage): SectionPositionGroup[] {
  const open = sectionPositionsOpen(stage);
  const bySection = new Map<string, SectionPosition[]>();
  for (const position of positions) {
    const list = bySection.get(position.section) ?? [];
    list.push(position);
    bySection.set(position.section, list);
  }
  return [...bySection.entries()]
    .sort(([left], [right]) => compareSections(left, right))
    .map(([section, list]) => {
      const counts: Record<SectionPositionValue, number> = { approve: 0, object: 0, reserve: 0 };
      for (const position of list) counts[position.position] += 1;
      const summary = summaryOrder
        .filter((value) => counts[value] > 0)
        .map((value) => `${counts[value]} ${value}`)
        .join(", ");
      return { section, counts, positions: list, unsettled: open && counts.object + counts.reserve > 0, summary };
    });
}

/** How each position is named in a choice ("Approve", "Object", "Reserve judgement"). */
export const positionLabels: Record<SectionPositionValue, string> = {
  approve: "Approve",
  object: "Object",
  reserve: "Reserve judgement",
};

/** Whether a position needs a reason, and how the form words it: the rule the server applies. */
export interface ReasonRule {
  required: boolean;
  hint: string;
  /** The sentence shown beside the reason when it is missing. */
  missing: (section: string) => string;
}

/**
 * Objecting and reserving judgement need a reason (the drafters must know what would settle it);
 * approving does not. The form's label, hint and check all come from here, so they cannot disagree.
 */
export function reasonRule(position: SectionPositionValue): ReasonRule {
  const named = (section: string) => (section ? `section ${section}` : "this section");
  if (position === "object") {
    return {
      required: true,
      hint: "Say what you object to and what would settle it.",
      missing: (section) => `Give a reason for objecting to ${named(section)}, so the drafters know what to change.`,
    };
  }
  if (position === "reserve") {
    return {
      required: true,
      hint: "Say what you are waiting for before you can decide.",
      missing: (section) => `Give a reason for reserving your position on ${named(section)}: what are you waiting for?`,
    };
  }
  return { required: false, hint: "Anything the group should know; approving needs no reason.", missing: () => "" };
}

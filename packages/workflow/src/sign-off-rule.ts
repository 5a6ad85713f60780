import { affiliationLabels, affiliations, type Affiliation, type SignOffRule } from "@accord/domain";
import type { Objection, ProposalState } from "./types.js";

/** Where a proposal stands against its sign-off rule, in terms a page can show ("who is pending?"). */
export interface SignOffEvaluation {
  readonly rule: SignOffRule;
  /** True when the rule is met and no objection is open. */
  readonly met: boolean;
  /** What `signed` and `needed` count: affiliations (each_affiliation) or editors (the others). */
  readonly unit: "affiliations" | "editors";
  /** Affiliations covered by a sign-off (each_affiliation), or electorate members who signed off. */
  readonly signed: number;
  /** Affiliations present in the electorate, every member, or more than half of them. */
  readonly needed: number;
  /** For each_affiliation: the affiliations still without a sign-off, in the catalogue's order. */
  readonly missingAffiliations?: readonly Affiliation[];
  /** Electorate members who have not signed off, in the snapshot's order. */
  readonly pendingUserIds: readonly string[];
  /** Open objections: any one of them blocks the rule, whatever the count. */
  readonly openObjections: readonly Objection[];
  /** One or two sentences for people, saying what is met or what is still missing. */
  readonly explanation: string;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function objectionSentence(open: readonly Objection[]): string {
  if (open.length === 0) return "";
  const verb = open.length === 1 ? "is" : "are";
  return ` ${plural(open.length, "objection", "objections")} ${verb} open and must be withdrawn or overruled first.`;
}

/**
 * Evaluates the proposal's sign-off rule over its electorate snapshot:
 * - each_affiliation: at least one sign-off from each affiliation present in the electorate;
 * - every_editor: every electorate member signed off;
 * - majority: more than half of the electorate signed off;
 * and, for all three, no open objection. An empty electorate never meets any rule: "everyone of no one"
 * would otherwise be vacuously true and wave a version through without a single sign-off.
 */
export function evaluateSignOffRule(state: ProposalState): SignOffEvaluation {
  const rule = state.signOffRule;
  const electorateIds = new Set(state.electorate.map((member) => member.userId));
  // Only electorate sign-offs count; transition never records others, this is belt and braces.
  const validSignOffs = state.signOffs.filter((signOff) => electorateIds.has(signOff.userId));
  const signedIds = new Set(validSignOffs.map((signOff) => signOff.userId));
  const pendingUserIds = state.electorate.map((member) => member.userId).filter((userId) => !signedIds.has(userId));
  const openObjections = state.objections.filter((objection) => objection.status === "open");
  const blocked = objectionSentence(openObjections);

  if (state.electorate.length === 0) {
    return {
      rule,
      met: false,
      unit: rule === "each_affiliation" ? "affiliations" : "editors",
      signed: 0,
      // The counts as the rule would compute them; `met` and the explanation carry the verdict.
      needed: rule === "majority" ? 1 : 0,
      ...(rule === "each_affiliation" ? { missingAffiliations: [] } : {}),
      pendingUserIds: [],
      openObjections,
      explanation:
        "No one can sign off: the working group had no editors when this version was proposed, so the sign-off rule can never be met. Propose the version again once the group has editors.",
    };
  }

  if (rule === "each_affiliation") {
    const present = new Set(state.electorate.map((member) => member.affiliation));
    const covered = new Set(validSignOffs.map((signOff) => signOff.affiliation));
    const missingAffiliations = affiliations.filter((affiliation) => present.has(affiliation) && !covered.has(affiliation));
    const ruleMet = missingAffiliations.length === 0;
    const needed = present.size;
    const signed = needed - missingAffiliations.length;
    const status = ruleMet
      ? `Every affiliation in the working group has signed off (${needed} of ${needed}).`
      : `Waiting for a sign-off from: ${missingAffiliations.map((affiliation) => affiliationLabels[affiliation]).join(", ")} (${signed} of ${needed} affiliations so far).`;
    return {
      rule,
      met: ruleMet && openObjections.length === 0,
      unit: "affiliations",
      signed,
      needed,
      missingAffiliations,
      pendingUserIds,
      openObjections,
      explanation: status + blocked,
    };
  }

  const signed = signedIds.size;
  const size = state.electorate.length;
  const needed = rule === "every_editor" ? size : Math.floor(size / 2) + 1;
  const ruleMet = signed >= needed;
  const requirement = rule === "every_editor" ? "every editor must" : `${needed} are needed (more than half)`;
  const status = `${signed} of ${size} editors have signed off; ${requirement}.`;
  return {
    rule,
    met: ruleMet && openObjections.length === 0,
    unit: "editors",
    signed,
    needed,
    pendingUserIds,
    openObjections,
    explanation: status + blocked,
  };
}

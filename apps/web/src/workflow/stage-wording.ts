import type { ProposalView, VoteTally, WaitingItem } from "@accord/api-contract";
import type { PolicyStatus } from "@accord/domain";
import { statusLabels } from "../labels.js";

/**
 * How a proposal's state is put into words for people: the stage headline, what "waiting for me"
 * asks, the names of bodies in a sentence. Pure functions, so every sentence is tested.
 */

/** "A", "A and B", "A, B and C". */
export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * "the Police Union": a body's name as it reads inside a sentence. Names are nouns like "Board of
 * Police Commissioners", which need the article; one that already starts with "the" keeps its own.
 */
export function bodyPhrase(name: string): string {
  return /^the\s/i.test(name) ? name : `the ${name}`;
}

/**
 * "The Police Union's", "The Board of Police Commissioners'": the possessive, capitalised for a
 * sentence's start unless `atStart` is false ("record the Police Union's decision").
 */
export function bodyPossessive(name: string, atStart = true): string {
  const phrase = atStart ? capitalize(bodyPhrase(name)) : bodyPhrase(name);
  return phrase.endsWith("s") ? `${phrase}'` : `${phrase}'s`;
}

/** The sentence with its first letter in capitals. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The required bodies that have not decided yet, by name, in the proposal's order. */
export function undecidedBodies(proposal: Pick<ProposalView, "requiredBodies" | "decisions">): string[] {
  const decided = new Set(proposal.decisions.map((decision) => decision.bodyId));
  return proposal.requiredBodies.filter((body) => !decided.has(body.bodyId)).map((body) => body.name);
}

/** A body's name by id, as recorded on the proposal, or a plain stand-in for one no longer listed. */
export function bodyName(proposal: Pick<ProposalView, "requiredBodies">, bodyId: string): string {
  return proposal.requiredBodies.find((body) => body.bodyId === bodyId)?.name ?? "An approving body";
}

/**
 * Where the proposal stands, in one line: "Working-group review of version 3", "Awaiting approval by
 * the Board of Police Commissioners and the Police Union", "Approved — ready to publish", "Published,
 * effective 2027-01-01", "Changes requested: …", "Superseded: …".
 */
export function stageHeadline(
  proposal: Pick<ProposalView, "stage" | "versionNumber" | "requiredBodies" | "decisions" | "publication" | "closedReason">,
): string {
  switch (proposal.stage) {
    case "review":
      return `Working-group review of version ${proposal.versionNumber}`;
    case "awaiting_approval": {
      // Only the bodies still to decide: once the board has approved, the page says whom it waits for now.
      const waitingFor = undecidedBodies(proposal).map(bodyPhrase);
      return waitingFor.length > 0 ? `Awaiting approval by ${listPhrase(waitingFor)}` : "Awaiting approval";
    }
    case "approved":
      return "Approved — ready to publish";
    case "published":
      return proposal.publication ? `Published, effective ${proposal.publication.effectiveDate}` : "Published";
    case "changes_requested":
      return proposal.closedReason ? `Changes requested: ${proposal.closedReason}` : "Changes requested";
    case "superseded":
      return proposal.closedReason ? `Superseded: ${proposal.closedReason}` : "Superseded by a newer proposal";
  }
}

/**
 * What each policy status means for the group, in words a newcomer understands, after the status's own
 * name: the header of the policy page reads "Drafting: editors are writing; nothing is proposed yet".
 */
const stageExplanations: Record<PolicyStatus, string> = {
  drafting: "editors are writing; nothing is proposed yet",
  in_review: "a version is proposed and the working group is signing off on it",
  awaiting_approval: "the working group has signed off; the approving bodies decide next",
  changes_requested: "an approving body asked for changes; editors are revising the draft",
  approved: "every required body approved the version; the facilitator can publish it",
  published: "the approved text is public; editors may be drafting the next version",
};

/**
 * A policy's stage as one plain sentence: the status's name (`label`, as the status badge shows it)
 * and what it means (`explanation`), together "Drafting: editors are writing; nothing is proposed yet".
 */
export function policyStageSentence(status: PolicyStatus): { label: string; explanation: string; sentence: string } {
  const label = statusLabels[status];
  const explanation = stageExplanations[status];
  return { label, explanation, sentence: `${label}: ${explanation}` };
}

/**
 * What a "waiting for me" item expects of me, one sentence per thing: "Your sign-off is requested on
 * version 3 of Body-Worn Camera Policy", "The Police Union's decision is requested on …", "Version 3
 * of … is approved and ready to publish".
 */
export function waitingSentences(item: Pick<WaitingItem, "policyTitle" | "proposal">): string[] {
  const { proposal } = item;
  const what = `version ${proposal.versionNumber} of ${item.policyTitle}`;
  const sentences: string[] = [];
  for (const action of proposal.myActions) {
    if (action.kind === "sign_off") sentences.push(`Your sign-off is requested on ${what}`);
    if (action.kind === "record_decision") {
      sentences.push(`${bodyPossessive(bodyName(proposal, action.bodyId))} decision is requested on ${what}`);
    }
    if (action.kind === "publish") sentences.push(`Ready to publish: ${what} is approved`);
  }
  // The server lists an item only when one of the above applies; this keeps a strange answer readable.
  return sentences.length > 0 ? sentences : [`Your attention is requested on ${what}`];
}

/** "4 for, 1 against, 0 abstaining". */
export function tallyText(tally: VoteTally): string {
  return `${tally.for} for, ${tally.against} against, ${tally.abstain} abstaining`;
}

/** A person's display name from the proposal's names, or a plain stand-in for an account gone since. */
export function personName(names: Readonly<Record<string, string>>, userId: string): string {
  return names[userId] ?? "An account that no longer exists";
}

/**
 * What the confirmation of a decision says: the body, the version and its full content hash, what happens
 * next, and that the record is public and final.
 */
export function decisionConfirmation(
  name: string,
  verb: "approval" | "rejection",
  proposal: Pick<ProposalView, "versionNumber" | "contentHash">,
  next: string,
): string {
  const binds = `${bodyPossessive(name)} ${verb} will bind to version ${proposal.versionNumber}, content hash ${proposal.contentHash}.`;
  return [binds, next, "The decision is part of the public record and cannot be changed."].filter((part) => part !== "").join(" ");
}

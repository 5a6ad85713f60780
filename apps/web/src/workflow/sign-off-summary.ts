import type { ProposalView } from "@accord/api-contract";
import { affiliationLabels, affiliations, type Affiliation } from "@accord/domain";
import { personName } from "./stage-wording.js";

/** Who signed off and who has not, for one affiliation of the electorate. */
export interface AffiliationSignOffs {
  affiliation: Affiliation;
  label: string;
  signed: string[];
  pending: string[];
}

/**
 * The electorate by affiliation (in the catalogue's order, only affiliations present), each with the
 * names of those who signed off and those who have not. Affiliations are the electorate snapshot's,
 * as the rule counts them, so a later change of someone's affiliation does not move them here.
 */
export function signOffsByAffiliation(proposal: Pick<ProposalView, "electorate" | "signOffs" | "names">): AffiliationSignOffs[] {
  const signedIds = new Set(proposal.signOffs.map((signOff) => signOff.userId));
  return affiliations
    .map((affiliation) => {
      const members = proposal.electorate.filter((member) => member.affiliation === affiliation);
      return {
        affiliation,
        label: affiliationLabels[affiliation],
        signed: members.filter((member) => signedIds.has(member.userId)).map((member) => personName(proposal.names, member.userId)),
        pending: members.filter((member) => !signedIds.has(member.userId)).map((member) => personName(proposal.names, member.userId)),
      };
    })
    .filter((group) => group.signed.length + group.pending.length > 0);
}

/** The names of those who have not signed off yet, from the server's evaluation. */
export function pendingNames(proposal: Pick<ProposalView, "evaluation" | "names">): string[] {
  return proposal.evaluation.pendingUserIds.map((userId) => personName(proposal.names, userId));
}

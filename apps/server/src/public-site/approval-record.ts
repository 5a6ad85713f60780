import { affiliationLabels, type Affiliation } from "@accord/domain";
import { escapeHtml } from "@accord/policy-render";
import type { ProposalState } from "@accord/workflow";
import { humanDate } from "./public-layout.js";

/**
 * The public approval record of a published version: the working group's sign-offs by affiliation and
 * each body's decision with its date and meeting reference, all bound to the version's content hash.
 */
export function renderApprovalRecord(proposal: ProposalState, names: ReadonlyMap<string, string>, contentHash: string): string {
  const byAffiliation = new Map<Affiliation, string[]>();
  for (const signOff of proposal.signOffs) {
    const list = byAffiliation.get(signOff.affiliation) ?? [];
    list.push(names.get(signOff.userId) ?? "A member");
    byAffiliation.set(signOff.affiliation, list);
  }
  const signOffs = [...byAffiliation.entries()]
    .map(
      ([affiliation, people]) =>
        `<li><strong>${escapeHtml(affiliationLabels[affiliation])}</strong>: ${escapeHtml(people.join(", "))}</li>`,
    )
    .join("\n");
  const decisions = proposal.decisions
    .map((decision) => {
      const body = proposal.requiredBodies.find((candidate) => candidate.bodyId === decision.bodyId)?.name ?? "An approving body";
      const tally = decision.voteTally
        ? ` Vote: ${decision.voteTally.for} for, ${decision.voteTally.against} against, ${decision.voteTally.abstain} abstaining.`
        : "";
      return `<li><strong>${escapeHtml(body)}</strong>: ${decision.decision === "approve" ? "approved" : "rejected"} on ${escapeHtml(humanDate(decision.meetingDate))}, ${escapeHtml(decision.meetingReference)}.${escapeHtml(tally)} <span class="reason">${escapeHtml(decision.reason)}</span></li>`;
    })
    .join("\n");
  return `<section class="approval-record" aria-labelledby="approval-record">
<h2 id="approval-record">Approval record</h2>
<p>The working group and every required body approved exactly this text, whose SHA-256 hash is <code class="hash">${escapeHtml(contentHash)}</code>.</p>
<h3>Working-group sign-offs</h3>
<ul>${signOffs || "<li>None recorded.</li>"}</ul>
<h3>Decisions of the approving bodies</h3>
<ul>${decisions || "<li>None recorded.</li>"}</ul>
</section>`;
}

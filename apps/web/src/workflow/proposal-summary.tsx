import type { ProposalView, VersionSummary } from "@accord/api-contract";
import { paths } from "../paths.js";
import { formatVersionTime } from "../versions/version-format.js";
import { personName } from "./stage-wording.js";

/**
 * The facts of a proposal: which version (number, label, full content hash), the facilitator's note and
 * deadline, and who proposed it when. The hash is shown in full because approval binds to it.
 */
export function ProposalSummary(props: { proposal: ProposalView; version: VersionSummary | undefined }) {
  const { proposal, version } = props;
  return (
    <dl class="facts">
      <dt>Version</dt>
      <dd>
        <a href={paths.version(proposal.policyId, proposal.versionNumber)}>
          Version {proposal.versionNumber}
          {version ? `: ${version.label}` : ""}
        </a>
      </dd>
      <dt>Content hash</dt>
      <dd>
        <code class="content-hash">{proposal.contentHash}</code>
        <span class="hint">Sign-offs and decisions bind to this exact text, whatever happens to the draft.</span>
      </dd>
      {proposal.note && (
        <>
          <dt>Note</dt>
          <dd class="version-note">{proposal.note}</dd>
        </>
      )}
      {proposal.deadline && (
        <>
          <dt>Review deadline</dt>
          <dd>
            <time dateTime={proposal.deadline}>{proposal.deadline}</time>
          </dd>
        </>
      )}
      <dt>Proposed</dt>
      <dd>
        by {personName(proposal.names, proposal.proposedBy)},{" "}
        <time dateTime={proposal.proposedAt}>{formatVersionTime(proposal.proposedAt)}</time>
      </dd>
    </dl>
  );
}

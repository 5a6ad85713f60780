import type { ProposalView, VersionSummary } from "@accord/api-contract";
import { planActions } from "./action-plan.js";
import { ObjectionList } from "./objection-list.js";
import { ProposalActions } from "./proposal-actions.js";
import { DecisionRecord, SectionPositionRecord, SignOffRecord } from "./proposal-record.js";
import { ProposalSummary } from "./proposal-summary.js";
import { stageHeadline } from "./stage-wording.js";

/**
 * One proposal with its whole record: the stage in words, the version and its hash, sign-offs by
 * affiliation, objections, positions on sections, the bodies' decisions, and the controls for what I may
 * do now. The current proposal has an h3; earlier ones, inside their disclosure, an h4.
 */
export function ProposalCard(props: {
  proposal: ProposalView;
  version: VersionSummary | undefined;
  current: boolean;
  onChanged: () => void;
}) {
  const { proposal } = props;
  const plan = planActions(proposal.myActions);
  const headingId = `proposal-${proposal.id}`;
  const headline = stageHeadline(proposal);
  const level = props.current ? 4 : 5;
  return (
    <article class={`proposal proposal-${proposal.stage}`} aria-labelledby={headingId}>
      {props.current ? (
        <h3 id={headingId} class="proposal-stage">
          {headline}
        </h3>
      ) : (
        <h4 id={headingId} class="proposal-stage">
          Version {proposal.versionNumber}: {headline}
        </h4>
      )}
      <ProposalSummary proposal={proposal} version={props.version} />
      <ProposalActions proposal={proposal} plan={plan} onChanged={props.onChanged} />
      <SignOffRecord proposal={proposal} level={level} />
      <ObjectionList proposal={proposal} plan={plan} level={level} onChanged={props.onChanged} />
      <SectionPositionRecord proposal={proposal} level={level} plan={plan} onChanged={props.onChanged} />
      <DecisionRecord proposal={proposal} level={level} />
    </article>
  );
}

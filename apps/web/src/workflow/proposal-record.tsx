import type { ProposalView } from "@accord/api-contract";
import { ActionFeedback } from "../components/feedback.js";
import { useAction } from "../components/use-action.js";
import { formatVersionTime } from "../versions/version-format.js";
import { workflowApi } from "../workflow-api.js";
import type { ActionPlan } from "./action-plan.js";
import { groupSectionPositions, positionLabels, sectionPositionsOpen } from "./section-positions.js";
import { signOffsByAffiliation } from "./sign-off-summary.js";
import { bodyName, personName, tallyText } from "./stage-wording.js";

/**
 * The heading level of a record's parts: h4 under a current proposal's h3, h5 under an earlier one's h4,
 * h2 where a page shows a part on its own and h3 under a page's h2 (the decision screen).
 */
export type SubheadingLevel = 2 | 3 | 4 | 5;

const headingTags = { 2: "h2", 3: "h3", 4: "h4", 5: "h5" } as const;

/** A part's heading at the level its place in the page calls for. */
export function Subheading(props: { level: SubheadingLevel; children: string }) {
  const Heading = headingTags[props.level];
  return <Heading>{props.children}</Heading>;
}

/** The sign-off rule's verdict in words, and the electorate by affiliation: who signed, who is pending. */
export function SignOffRecord(props: { proposal: ProposalView; level: SubheadingLevel }) {
  const { proposal } = props;
  const groups = signOffsByAffiliation(proposal);
  return (
    <div class="record-part">
      <Subheading level={props.level}>Working-group sign-off</Subheading>
      <p class={proposal.evaluation.met ? "rule-verdict rule-met" : "rule-verdict"}>{proposal.evaluation.explanation}</p>
      {groups.length > 0 && (
        <ul class="sign-off-list">
          {groups.map((group) => (
            <li key={group.affiliation}>
              <strong>{group.label}:</strong> {group.signed.length > 0 ? `signed by ${group.signed.join(", ")}` : "no sign-off yet"}
              {group.pending.length > 0 && <span class="secondary">Not signed: {group.pending.join(", ")}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** My Withdraw for my position on one section, while the working group reviews. */
function WithdrawPosition(props: { proposalId: string; section: string; onChanged: () => void }) {
  const acting = useAction();
  const withdraw = () =>
    acting.run(async () => {
      await workflowApi.act(props.proposalId, { kind: "withdraw_section_position", section: props.section });
      props.onChanged();
      return `Your position on section ${props.section} was withdrawn.`;
    });
  return (
    <>
      <button type="button" class="button-quiet" disabled={acting.pending} onClick={withdraw}>
        Withdraw my position<span class="visually-hidden"> on section {props.section}</span>
      </button>
      <ActionFeedback action={acting} />
    </>
  );
}

const historyWords: Record<string, string> = { ...positionLabels, withdrawn: "Withdrew their position" };

/**
 * Members' positions on numbered sections, grouped by section: while the working group reviews, open
 * sections are marked and my own can be withdrawn (or changed with the position form); once the proposal
 * has left the working group, they are the final positions and nothing is "still open". Then every
 * change, oldest first, so the record shows how the positions came to be.
 */
export function SectionPositionRecord(props: {
  proposal: ProposalView;
  level: SubheadingLevel;
  plan?: ActionPlan;
  onChanged?: () => void;
}) {
  const { proposal } = props;
  const groups = groupSectionPositions(proposal.sectionPositions, proposal.stage);
  const history = proposal.sectionPositionHistory ?? [];
  if (groups.length === 0 && history.length === 0) return null;
  return (
    <div class="record-part">
      <Subheading level={props.level}>Positions on sections</Subheading>
      {!sectionPositionsOpen(proposal.stage) && groups.length > 0 && (
        <p class="hint">The final positions: the working group's review has closed.</p>
      )}
      <ul class="position-list">
        {groups.map((group) => (
          <li key={group.section} class={group.unsettled ? "position-group unsettled" : "position-group"}>
            <details>
              <summary>
                {group.section}: {group.summary}
                {group.unsettled && <span class="visually-hidden"> (still open)</span>}
              </summary>
              <ul class="plain-list">
                {group.positions.map((position) => (
                  <li key={position.userId}>
                    <strong>{personName(proposal.names, position.userId)}</strong>: {positionLabels[position.position]}
                    {position.reason && <> — {position.reason}</>}{" "}
                    <time class="secondary-inline" dateTime={position.at}>
                      ({formatVersionTime(position.at)})
                    </time>
                  </li>
                ))}
              </ul>
            </details>
            {props.plan?.withdrawableSections.includes(group.section) && props.onChanged && (
              <WithdrawPosition proposalId={proposal.id} section={group.section} onChanged={props.onChanged} />
            )}
          </li>
        ))}
      </ul>
      {history.length > proposal.sectionPositions.length && (
        <details>
          <summary>How the positions changed ({history.length} changes)</summary>
          <ol class="plain-list">
            {history.map((change, index) => (
              <li key={index}>
                <time dateTime={change.at}>{formatVersionTime(change.at)}</time>: {personName(proposal.names, change.userId)}, section{" "}
                {change.section}: {historyWords[change.position]}
                {change.reason && <> — {change.reason}</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

/** Each required body's decision (date, meeting reference, tally, reason), or that it is still to come. */
export function DecisionRecord(props: { proposal: ProposalView; level: SubheadingLevel }) {
  const { proposal } = props;
  if (proposal.requiredBodies.length === 0 && proposal.decisions.length === 0) return null;
  const bodyIds = [...new Set([...proposal.requiredBodies.map((body) => body.bodyId), ...proposal.decisions.map((d) => d.bodyId)])];
  return (
    <div class="record-part">
      <Subheading level={props.level}>Approving bodies</Subheading>
      <ul class="decision-list">
        {bodyIds.map((bodyId) => {
          const name = bodyName(proposal, bodyId);
          const decision = proposal.decisions.find((candidate) => candidate.bodyId === bodyId);
          if (!decision) {
            return (
              <li key={bodyId}>
                <strong>{name}:</strong> no decision yet
              </li>
            );
          }
          return (
            <li key={bodyId} class={`decision decision-${decision.decision}`}>
              <strong>
                {name}: {decision.decision === "approve" ? "Approved" : "Rejected"}
              </strong>
              <dl class="facts compact-facts">
                <dt>Meeting</dt>
                <dd>
                  <time dateTime={decision.meetingDate}>{decision.meetingDate}</time>, {decision.meetingReference}
                </dd>
                {decision.voteTally && (
                  <>
                    <dt>Vote</dt>
                    <dd>{tallyText(decision.voteTally)}</dd>
                  </>
                )}
                <dt>Reason</dt>
                <dd class="version-note">{decision.reason}</dd>
                <dt>Recorded</dt>
                <dd>
                  by {personName(proposal.names, decision.recordedBy)},{" "}
                  <time dateTime={decision.recordedAt}>{formatVersionTime(decision.recordedAt)}</time>
                </dd>
              </dl>
            </li>
          );
        })}
      </ul>
      {proposal.publication && (
        <p>
          Published by {personName(proposal.names, proposal.publication.publishedBy)} on{" "}
          <time dateTime={proposal.publication.publishedAt}>{formatVersionTime(proposal.publication.publishedAt)}</time>, effective{" "}
          <time dateTime={proposal.publication.effectiveDate}>{proposal.publication.effectiveDate}</time>.
        </p>
      )}
    </div>
  );
}

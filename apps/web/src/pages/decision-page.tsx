import type { PolicyDetail, ProposalView, PublicationSummary } from "@accord/api-contract";
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { RedlineView } from "../versions/redline-view.js";
import { planActions } from "../workflow/action-plan.js";
import { DecisionForm } from "../workflow/decision-form.js";
import { ObjectionList } from "../workflow/objection-list.js";
import { DecisionRecord, SectionPositionRecord, SignOffRecord } from "../workflow/proposal-record.js";
import { stageHeadline } from "../workflow/stage-wording.js";
import { workflowApi } from "../workflow-api.js";

/** What is being decided: the exact text (its version page) and its full content hash. */
function ExactText(props: { proposal: ProposalView }) {
  const { proposal } = props;
  return (
    <section aria-labelledby="exact-text-heading">
      <h2 id="exact-text-heading">The text to decide on</h2>
      <p>
        <a href={paths.version(proposal.policyId, proposal.versionNumber)}>Read the exact text of version {proposal.versionNumber}</a>
      </p>
      <dl class="facts">
        <dt>Content hash</dt>
        <dd>
          <code class="content-hash">{proposal.contentHash}</code>
          <span class="hint">
            The SHA-256 fingerprint of that text. Your decision binds to it: the public record shows this hash, and the text with it is the
            text your body approved or rejected.
          </span>
        </dd>
      </dl>
    </section>
  );
}

/** The redline from the version in force to the proposed one, or why there is none. */
function ChangesSincePublished(props: { proposal: ProposalView; published: PublicationSummary | undefined }) {
  const { proposal, published } = props;
  if (!published) return <p>Nothing of this policy has been published yet, so the whole text is new.</p>;
  if (published.versionNumber === proposal.versionNumber) return <p>This is the version already in force.</p>;
  return <RedlineView policyId={proposal.policyId} from={published.versionNumber} to={proposal.versionNumber} />;
}

/**
 * What the working group did with this version before it came to the bodies: who signed off by
 * affiliation, each objection and how it was closed, and the members' positions on sections, so a
 * representative decides knowing where the group stood.
 */
function WorkingGroupRecord(props: { proposal: ProposalView; onChanged: () => void }) {
  const { proposal } = props;
  return (
    <section aria-labelledby="working-group-record-heading">
      <h2 id="working-group-record-heading">The working group's record</h2>
      <SignOffRecord proposal={proposal} level={3} />
      <ObjectionList proposal={proposal} plan={planActions(proposal.myActions)} level={3} onChanged={props.onChanged} />
      <SectionPositionRecord proposal={proposal} level={3} />
    </section>
  );
}

/** The decision screen for one proposal, once the policy, the proposal and the publications are loaded. */
function DecisionScreen(props: { policy: PolicyDetail; proposalId: string }) {
  const { policy } = props;
  const [proposal, reload] = useResource((signal) => workflowApi.getProposal(props.proposalId, signal), [props.proposalId]);
  const [record] = useResource((signal) => workflowApi.listProposals(policy.id, signal), [policy.id]);
  const [recorded, setRecorded] = useState("");

  return (
    <Loaded resource={proposal} what="the proposal">
      {(view) => {
        const bodyIds = planActions(view.myActions).decisionBodyIds;
        return (
          <>
            <h1>
              Decision on version {view.versionNumber} of {policy.title}
            </h1>
            <p class="proposal-stage">{stageHeadline(view)}</p>
            <p class="notice" role="status">
              {recorded}
            </p>
            {recorded && (
              <p>
                <a href={`${paths.policy(policy.id)}#sign-off`}>Back to {policy.title}</a>
              </p>
            )}
            {bodyIds.length === 0 && !recorded && <p>There is no decision for you to record on this proposal now. Its record is below.</p>}
            {bodyIds.length > 0 && (
              // The redline can run to many screens; the form stays last, but one link away.
              <p>
                <a href="#decision-forms">Skip to the decision form</a>
              </p>
            )}
            <ExactText proposal={view} />
            <Loaded resource={record} what="the published versions">
              {(data) => <ChangesSincePublished proposal={view} published={data.publications[0]} />}
            </Loaded>
            <WorkingGroupRecord proposal={view} onChanged={reload} />
            <div id="decision-forms">
              {bodyIds.map((bodyId) => (
                <DecisionForm
                  key={bodyId}
                  proposal={view}
                  bodyId={bodyId}
                  onRecorded={(message) => {
                    setRecorded(message);
                    reload();
                  }}
                />
              ))}
            </div>
            <DecisionRecord proposal={view} level={2} />
          </>
        );
      }}
    </Loaded>
  );
}

/**
 * `/app/policies/:policyId/proposals/:proposalId/decide`: where a body's representative reads what they
 * decide on (the exact text, its full hash, the redline from the version in force) and then records the
 * body's decision. The form comes last on purpose: the text comes before the vote.
 */
export function DecisionPage() {
  const { params } = useRoute();
  const policyId = params["policyId"] ?? "";
  const proposalId = params["proposalId"] ?? "";
  const [policy] = useResource((signal) => api.getPolicy(policyId, signal), [policyId]);
  usePageTitle(policy.state === "ready" ? `Decision on ${policy.data.title}` : "Decision");

  return (
    <Loaded resource={policy} what="the policy">
      {(detail) => (
        <>
          <p class="breadcrumb">
            <a href={`${paths.policy(detail.id)}#sign-off`}>{detail.title}</a>
          </p>
          <DecisionScreen policy={detail} proposalId={proposalId} />
        </>
      )}
    </Loaded>
  );
}

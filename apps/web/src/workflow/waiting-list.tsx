import type { WaitingItem } from "@accord/api-contract";
import { ErrorMessage } from "../components/feedback.js";
import type { Resource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { planActions } from "./action-plan.js";
import { waitingSentences } from "./stage-wording.js";

/** One proposal waiting for me: what is expected, in words, as the link to the policy. */
function WaitingEntry(props: { item: WaitingItem }) {
  const { item } = props;
  const { proposal } = item;
  const [first, ...more] = waitingSentences(item);
  const decides = planActions(proposal.myActions).decisionBodyIds.length > 0;
  return (
    <li class="card waiting-item">
      <p class="waiting-what">
        <a href={`${paths.policy(item.policyId)}#sign-off`}>{first}</a>
      </p>
      {more.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
      {proposal.deadline && (
        <p class="secondary">
          Review deadline: <time dateTime={proposal.deadline}>{proposal.deadline}</time>
        </p>
      )}
      {decides && (
        <p>
          <a href={paths.decision(item.policyId, proposal.id)}>Open the decision screen</a>
        </p>
      )}
    </li>
  );
}

/**
 * "Waiting for me" on the home page: the proposals on which I have a sign-off to give, a decision to
 * record or a publication to do (`workflowApi.waitingForMe`, loaded by the page). Nothing is shown while loading or when nothing waits, so the page does not
 * jump for people who have nothing to do; a failure is shown, since a silent one would hide work.
 */
export function WaitingList(props: { waiting: Resource<WaitingItem[]> }) {
  const { waiting } = props;
  if (waiting.state === "loading") return null;
  if (waiting.state === "failed") return <ErrorMessage error={waiting.error} />;
  if (waiting.data.length === 0) return null;
  return (
    <section class="waiting" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">Waiting for me</h2>
      <ul class="card-list">
        {waiting.data.map((item) => (
          <WaitingEntry key={item.proposal.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

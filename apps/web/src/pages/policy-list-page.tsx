import type { Policy } from "@accord/api-contract";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { StatusBadge } from "../components/status-badge.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { useAccount } from "../session.js";
import { WaitingList } from "../workflow/waiting-list.js";
import { workflowApi } from "../workflow-api.js";

/** One policy in the list: its title as the link, its status, its summary. */
function PolicyListItem(props: { policy: Policy }) {
  const { policy } = props;
  return (
    <li class="card">
      <h2 class="card-title">
        <a href={paths.policy(policy.id)}>{policy.title}</a>
      </h2>
      <p>
        <StatusBadge status={policy.status} />
      </p>
      {policy.summary && <p class="summary">{policy.summary}</p>}
    </li>
  );
}

/**
 * The home page: what is waiting for me (sign-offs, decisions, publications), then the signed-in
 * person's policies; a facilitator also starts new ones here.
 */
export function PolicyListPage() {
  usePageTitle("My policies");
  const account = useAccount();
  const [policies] = useResource((signal) => api.listPolicies(signal), []);
  const [waiting] = useResource((signal) => workflowApi.waitingForMe(signal), []);

  return (
    <>
      <h1>My policies</h1>
      <WaitingList waiting={waiting} />
      <Loaded resource={policies} what="your policies">
        {(list) =>
          list.length === 0 ? (
            <p>
              {account.isFacilitator
                ? "There are no policies yet. Start one with “New policy”."
                : "You are not in any policy's working group yet. Your facilitator adds you to one."}
            </p>
          ) : (
            <ul class="card-list">
              {list.map((policy) => (
                <PolicyListItem key={policy.id} policy={policy} />
              ))}
            </ul>
          )
        }
      </Loaded>
      {account.isFacilitator && (
        <p>
          <a class="button-link" href={paths.newPolicy}>
            New policy
          </a>
        </p>
      )}
    </>
  );
}

import type { VersionSummary } from "@accord/api-contract";
import { useLocation, useRoute } from "preact-iso";
import { api } from "../api.js";
import { ErrorMessage, Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { CompareForm } from "../versions/compare-form.js";
import { readCompareQuery } from "../versions/compare-query.js";
import { RedlineView } from "../versions/redline-view.js";

/** The comparison the query asks for, with the form to choose another. */
function Comparison(props: { policyId: string; versions: VersionSummary[]; query: Record<string, string> }) {
  // The timeline is newest first, so the first entry is the default "from" side.
  const request = readCompareQuery(props.query, props.versions[0]?.number ?? null);
  return (
    <>
      {props.versions.length > 0 && <CompareForm policyId={props.policyId} versions={props.versions} from={request.from} to={request.to} />}
      {request.ok ? (
        <RedlineView policyId={props.policyId} from={request.from} to={request.to} />
      ) : (
        <ErrorMessage error={new Error(request.problem)} />
      )}
    </>
  );
}

/** `/app/policies/:policyId/compare?from=&to=`: the redline between two versions, or a version and the draft. */
export function ComparePage() {
  const policyId = useRoute().params["policyId"] ?? "";
  const { query } = useLocation();
  const [policy] = useResource((signal) => api.getPolicy(policyId, signal), [policyId]);
  const [versions] = useResource((signal) => api.listVersions(policyId, signal), [policyId]);
  usePageTitle(policy.state === "ready" ? `Compare versions of ${policy.data.title}` : "Compare versions");

  return (
    <Loaded resource={policy} what="the policy">
      {(detail) => (
        <>
          <p class="breadcrumb">
            <a href={paths.policy(detail.id)}>{detail.title}</a>
          </p>
          <h1>Compare versions</h1>
          <Loaded resource={versions} what="the versions">
            {(list) => <Comparison policyId={detail.id} versions={list} query={query} />}
          </Loaded>
        </>
      )}
    </Loaded>
  );
}

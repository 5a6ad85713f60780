import type { PolicyDetail, PolicyProposals, PublicationSummary, VersionSummary } from "@accord/api-contract";
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { workflowApi } from "../workflow-api.js";
import { publicationsInForce } from "./in-force.js";
import { ProposalCard } from "./proposal-card.js";
import { ProposeForm } from "./propose-form.js";

/** Stages in which a proposal is still under way; proposing another one supersedes it. */
const openStages = new Set(["review", "awaiting_approval", "approved"]);

/**
 * The version in force today and the adopted ones yet to take effect (by the server's clock), with a link
 * to the public page. A publication with a future effective date is "adopted", never "in force", early.
 */
function InForce(props: { policy: PolicyDetail; publications: readonly PublicationSummary[] }) {
  if (props.publications.length === 0) return <p>No version of this policy has been published yet.</p>;
  const { inForce, adopted } = publicationsInForce(props.publications);
  const version = (publication: PublicationSummary) => (
    <a href={paths.version(props.policy.id, publication.versionNumber)}>version {publication.versionNumber}</a>
  );
  return (
    <>
      <p class="in-force">
        {inForce ? (
          <>
            In force: {version(inForce)}, effective <time dateTime={inForce.effectiveDate}>{inForce.effectiveDate}</time>.
          </>
        ) : (
          "No version of this policy is in force yet."
        )}{" "}
        <a href={paths.publicPolicy(props.policy.slug)}>Read the public page</a>
      </p>
      {adopted.map((publication) => (
        <p class="in-force" key={publication.versionNumber}>
          Adopted: {version(publication)}, takes effect on <time dateTime={publication.effectiveDate}>{publication.effectiveDate}</time>.
        </p>
      ))}
    </>
  );
}

/** The proposals: the newest with its controls, and the earlier ones collapsed, each with its record. */
function ProposalList(props: { data: PolicyProposals; versions: readonly VersionSummary[]; onChanged: () => void }) {
  const [current, ...earlier] = props.data.proposals;
  const versionOf = (number: number) => props.versions.find((version) => version.number === number);
  if (!current) return <p>No version has been proposed for sign-off yet.</p>;
  return (
    <>
      <ProposalCard key={current.id} proposal={current} version={versionOf(current.versionNumber)} current onChanged={props.onChanged} />
      {earlier.length > 0 && (
        <details class="earlier-proposals">
          <summary>Earlier proposals ({earlier.length})</summary>
          {earlier.map((proposal) => (
            <ProposalCard
              key={proposal.id}
              proposal={proposal}
              version={versionOf(proposal.versionNumber)}
              current={false}
              onChanged={props.onChanged}
            />
          ))}
        </details>
      )}
    </>
  );
}

/**
 * The policy page's sign-off workflow: what is in force, where the current proposal stands and what I
 * may do on it, the facilitator's "Propose a version for sign-off", and the earlier proposals' records.
 * Every change reloads the proposals and tells the page (`onChanged`), whose status badge follows.
 */
export function WorkflowPanel(props: { policy: PolicyDetail; onChanged: () => void }) {
  const { policy } = props;
  const [proposals, reloadProposals] = useResource((signal) => workflowApi.listProposals(policy.id, signal), [policy.id]);
  const [versions, reloadVersions] = useResource((signal) => api.listVersions(policy.id, signal), [policy.id]);
  const [proposing, setProposing] = useState(false);
  const canPropose = policy.myPermissions.includes("proposal.create");
  const versionList = versions.state === "ready" ? versions.data : [];

  const changed = () => {
    reloadProposals();
    props.onChanged();
  };

  return (
    <section class="workflow panel" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">Sign-off and approval</h2>
      <Loaded resource={proposals} what="the sign-off record">
        {(data) => (
          <>
            <InForce policy={policy} publications={data.publications} />
            {canPropose &&
              (proposing ? (
                <ProposeForm
                  policyId={policy.id}
                  versions={versionList}
                  hasOpenProposal={data.proposals.some((proposal) => openStages.has(proposal.stage))}
                  onProposed={() => {
                    setProposing(false);
                    changed();
                  }}
                  onCancel={() => setProposing(false)}
                />
              ) : (
                <p>
                  <button
                    type="button"
                    class="button-quiet"
                    onClick={() => {
                      // Versions saved since the page opened (by anyone) must be choosable.
                      reloadVersions();
                      setProposing(true);
                    }}
                  >
                    Propose a version for sign-off
                  </button>
                </p>
              ))}
            <ProposalList data={data} versions={versionList} onChanged={changed} />
          </>
        )}
      </Loaded>
    </section>
  );
}

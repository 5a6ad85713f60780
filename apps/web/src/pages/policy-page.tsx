import type { Member, PolicyDetail } from "@accord/api-contract";
import { affiliationLabels, type PolicyAction } from "@accord/domain";
import { useRoute } from "preact-iso";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { StatusBadge } from "../components/status-badge.js";
import { useResource } from "../components/use-resource.js";
import { PolicyDraftView } from "../draft/policy-draft-view.js";
import { roleLabels, signOffRuleLabels } from "../labels.js";
import { AuthorshipSection } from "../suggestions/authorship-section.js";
import { paths } from "../paths.js";
import { VersionsSection } from "../versions/versions-section.js";
import { WorkflowPanel } from "../workflow/workflow-panel.js";
import { PolicySettingsForm } from "./policy-settings-form.js";
import { RequiredBodiesForm } from "./required-bodies-form.js";

/** The working group as a read-only table. */
function WorkingGroup(props: { policyId: string; canManage: boolean }) {
  const [members] = useResource((signal) => api.listMembers(props.policyId, signal), [props.policyId]);
  return (
    <section aria-labelledby="working-group-heading">
      <h2 id="working-group-heading">Working group</h2>
      {props.canManage && (
        <p>
          <a class="button-link" href={paths.members(props.policyId)}>
            Manage members
          </a>
        </p>
      )}
      <Loaded resource={members} what="the working group">
        {(list: Member[]) =>
          list.length === 0 ? (
            <p>Nobody is in the working group yet.</p>
          ) : (
            <table class="responsive-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Affiliation</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {list.map((member) => (
                  <tr key={member.userId}>
                    <th scope="row" data-label="Name">
                      {member.displayName}
                    </th>
                    <td data-label="Affiliation">{affiliationLabels[member.affiliation]}</td>
                    <td data-label="Role">{roleLabels[member.role]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

/** Facts about the policy and the signed-in person's part in it. */
function PolicyFacts(props: { policy: PolicyDetail }) {
  const { policy } = props;
  return (
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={policy.status} />
        {policy.status === "published" && (
          <>
            {" "}
            <a href={paths.publicPolicy(policy.slug)}>Read the public page</a>
          </>
        )}
      </dd>
      <dt>Your role</dt>
      <dd>{policy.myRole ? roleLabels[policy.myRole] : "Not in the working group"}</dd>
      <dt>Your affiliation</dt>
      <dd>{policy.myAffiliation ? affiliationLabels[policy.myAffiliation] : "None"}</dd>
      <dt>Sign-off rule</dt>
      <dd>{signOffRuleLabels[policy.signOffRule]}</dd>
      <dt>Required approving bodies</dt>
      <dd>
        {policy.requiredBodies.length === 0 ? (
          "None chosen yet"
        ) : (
          <ul class="inline-list">
            {policy.requiredBodies.map((body) => (
              <li key={body.id}>{body.name}</li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

/**
 * One policy: what it is, where its sign-off and approval stand, who works on it, its draft and
 * versions, and (for the facilitator) its settings.
 */
export function PolicyPage() {
  const policyId = useRoute().params["policyId"] ?? "";
  const [policy, reload] = useResource((signal) => api.getPolicy(policyId, signal), [policyId]);
  usePageTitle(policy.state === "ready" ? policy.data.title : "Policy");

  return (
    <Loaded resource={policy} what="the policy">
      {(detail) => {
        const can = (permission: PolicyAction) => detail.myPermissions.includes(permission);
        return (
          <>
            <p class="breadcrumb">
              <a href={paths.policies}>My policies</a>
            </p>
            <h1>{detail.title}</h1>
            {detail.summary && <p class="summary">{detail.summary}</p>}
            <PolicyFacts policy={detail} />
            <WorkflowPanel policy={detail} onChanged={reload} />
            <WorkingGroup policyId={detail.id} canManage={can("member.manage")} />
            <PolicyDraftView
              policyId={detail.id}
              canEdit={can("draft.edit")}
              canSuggest={can("draft.suggest")}
              canComment={can("comment.create")}
              canHideComments={can("comment.hide")}
              myAffiliation={detail.myAffiliation}
            />
            <AuthorshipSection policyId={detail.id} />
            <VersionsSection policyId={detail.id} canSave={can("version.save")} canRestore={can("draft.edit")} />
            {can("policy.update") && <PolicySettingsForm policy={detail} onSaved={reload} />}
            {can("policy.set_bodies") && <RequiredBodiesForm policy={detail} onSaved={reload} />}
          </>
        );
      }}
    </Loaded>
  );
}

import type { PolicyDetail } from "@accord/api-contract";
import type { ComponentChildren } from "preact";
import { affiliationLabels, type PolicyAction } from "@accord/domain";
import { useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { StatusBadge } from "../components/status-badge.js";
import { useResource } from "../components/use-resource.js";
import { PolicyDraftView } from "../draft/policy-draft-view.js";
import { roleLabels, signOffRuleLabels } from "../labels.js";
import { paths } from "../paths.js";
import { AuthorshipSection } from "../suggestions/authorship-section.js";
import { VersionsSection } from "../versions/versions-section.js";
import { policyStageSentence } from "../workflow/stage-wording.js";
import { WorkflowPanel } from "../workflow/workflow-panel.js";
import { PolicySettingsForm } from "./policy-settings-form.js";
import { PolicySidePanel, type SideTab } from "./policy-side-panel.js";
import { RequiredBodiesForm } from "./required-bodies-form.js";
import { versionsTab, workspaceAddress } from "./workspace-address.js";
import { WorkingGroup } from "./working-group.js";

/** The rule and the bodies the sign-off follows (the status and my part are in the header). */
function SignOffFacts(props: { policy: PolicyDetail }) {
  const { policy } = props;
  return (
    <dl class="facts">
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

/** The compact header above the draft: where it belongs, its title, its stage in a sentence, and my part in it. */
function PolicyHeading(props: { policy: PolicyDetail }) {
  const { policy } = props;
  // The stage as a sentence a newcomer understands ("Drafting: editors are writing; …"), not a bare label.
  const stage = policyStageSentence(policy.status);
  return (
    <div class="policy-heading">
      <p class="breadcrumb">
        <a href={paths.policies}>My policies</a>
      </p>
      <h1>{policy.title}</h1>
      {policy.summary && <p class="summary">{policy.summary}</p>}
      <p class="policy-stage">
        <span class="policy-stage-sentence">
          <StatusBadge status={policy.status} />
          <span class="policy-stage-explanation">: {stage.explanation}.</span>
        </span>
        <span class="secondary">
          {policy.myRole ? roleLabels[policy.myRole] : "Not in the working group"}
          {policy.myAffiliation && `, ${affiliationLabels[policy.myAffiliation]}`}
        </span>
        {policy.status === "published" && <a href={paths.publicPolicy(policy.slug)}>Read the public page</a>}
      </p>
    </div>
  );
}

/**
 * `…#thread-<id>` names a comment thread the way the tabs are named; the margin opens a thread from
 * `?thread=<id>` (where mention notifications lead), so the one form becomes the other, in place.
 */
function useThreadFragment(): void {
  const { url, route } = useLocation();
  useEffect(() => {
    const thread = /^#thread-(.+)$/.exec(location.hash)?.[1];
    if (thread === undefined) return;
    const query = new URLSearchParams(location.search);
    query.set("thread", decodeURIComponent(thread));
    route(`${location.pathname}?${query.toString()}`, true);
  }, [url]);
}

/**
 * The version open on the Versions tab: the one the address names (`/versions/3`, also when a link on the
 * page leads there), else the one last chosen on the tab, which stays open while another tab is looked at.
 */
function useChosenVersion(policyId: string, addressed: string | null): [string | null, (version: number | null) => void] {
  const [chosen, setChosen] = useState({ policyId, version: addressed });
  useEffect(() => {
    if (addressed !== null) setChosen({ policyId, version: addressed });
  }, [policyId, addressed]);
  const version = chosen.policyId === policyId ? chosen.version : addressed;
  return [version, (number) => setChosen({ policyId, version: number === null ? null : String(number) })];
}

/**
 * One policy, document first (after Google Docs): a compact header, the draft at full height with its
 * toolbar and comments in the margin, and one side panel with tabs for the suggestions (and where the
 * text came from), the versions, the sign-off, the working group and, for the facilitator, the settings.
 */
export function PolicyPage() {
  const { params } = useRoute();
  const policyId = params["policyId"] ?? "";
  // `/app/policies/<id>/versions/<n>` is this page with version n open on the Versions tab.
  const addressedVersion = params["versionNumber"] ?? null;
  const [chosenVersion, chooseVersion] = useChosenVersion(policyId, addressedVersion);
  const [policy, reload] = useResource((signal) => api.getPolicy(policyId, signal), [policyId]);
  usePageTitle(policy.state === "ready" ? policy.data.title : "Policy");
  useThreadFragment();

  return (
    <Loaded resource={policy} what="the policy">
      {(detail) => {
        const can = (permission: PolicyAction) => detail.myPermissions.includes(permission);
        const tabs = (suggestions: ComponentChildren): SideTab[] => [
          {
            id: "suggestions",
            label: "Suggestions",
            content: (
              <>
                {suggestions}
                <AuthorshipSection policyId={detail.id} />
              </>
            ),
          },
          {
            id: versionsTab,
            label: "Versions",
            content: (
              <VersionsSection
                policyId={detail.id}
                canSave={can("version.save")}
                canRestore={can("draft.edit")}
                selected={chosenVersion}
                onSelect={chooseVersion}
              />
            ),
            address:
              chosenVersion === null
                ? undefined
                : workspaceAddress(detail.id, { tab: versionsTab, version: chosenVersion }, location.search),
          },
          {
            id: "sign-off",
            label: "Sign-off",
            content: (
              <>
                <SignOffFacts policy={detail} />
                <WorkflowPanel policy={detail} onChanged={reload} />
              </>
            ),
          },
          {
            id: "working-group",
            label: "Working group",
            content: <WorkingGroup policyId={detail.id} canManage={can("member.manage")} />,
          },
          ...(can("policy.update") || can("policy.set_bodies")
            ? [
                {
                  id: "settings",
                  label: "Settings",
                  content: (
                    <>
                      {can("policy.update") && <PolicySettingsForm policy={detail} onSaved={reload} />}
                      {can("policy.set_bodies") && <RequiredBodiesForm policy={detail} onSaved={reload} />}
                    </>
                  ),
                },
              ]
            : []),
        ];
        return (
          <div class="policy-workspace">
            <PolicyDraftView
              policyId={detail.id}
              canEdit={can("draft.edit")}
              canSuggest={can("draft.suggest")}
              canComment={can("comment.create")}
              canHideComments={can("comment.hide")}
              myAffiliation={detail.myAffiliation}
              heading={<PolicyHeading policy={detail} />}
              side={(suggestions) => (
                <PolicySidePanel
                  tabs={tabs(suggestions)}
                  pagePath={paths.policy(detail.id)}
                  openedByPath={addressedVersion === null ? null : versionsTab}
                />
              )}
            />
          </div>
        );
      }}
    </Loaded>
  );
}

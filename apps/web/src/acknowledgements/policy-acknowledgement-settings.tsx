import type { AcknowledgementCounts } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { FieldProblems } from "../components/field-problems.js";
import { SelectField, TextField } from "../components/fields.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { formatVersionTime } from "../versions/version-format.js";
import { acknowledgementsApi } from "./acknowledgements-api.js";

/** The counts per version, and the switch that shows them (never names) on the public page. */
function PublicCounts(props: { policyId: string; counts: AcknowledgementCounts; onSaved: () => void }) {
  const { counts } = props;
  const saving = useAction();
  async function toggle() {
    await saving.run(async () => {
      const saved = await acknowledgementsApi.setPublicCounts(props.policyId, !counts.public);
      props.onSaved();
      return saved.public ? "The public page now shows the counts per version." : "The public page no longer shows the counts.";
    });
  }
  return (
    <>
      {counts.versions.length === 0 ? (
        <p>No version of this policy has been assigned yet.</p>
      ) : (
        <table class="responsive-table">
          <caption>Acknowledgements per version</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {counts.versions.map((entry) => (
              <tr key={entry.versionNumber}>
                <td>Version {entry.versionNumber}</td>
                <td>
                  {entry.acknowledged} of {entry.assigned}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {counts.public ? "The public page shows these counts (numbers only, never a name)." : "The public page does not show these counts."}
      </p>
      <ActionFeedback action={saving} />
      <button type="button" class="button-quiet" disabled={saving.pending} onClick={() => void toggle()}>
        {counts.public ? "Stop showing the counts publicly" : "Show the counts on the public page"}
      </button>
    </>
  );
}

/** The marks "editorial, no new acknowledgement", with their reasons, and the form to mark a version. */
function EditorialMarks(props: { policyId: string; counts: AcknowledgementCounts; onSaved: () => void }) {
  const marking = useAction();
  const [versions] = useResource((signal) => api.listVersions(props.policyId, signal), [props.policyId]);
  const marked = new Set(props.counts.editorial.map((mark) => mark.versionNumber));
  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const versionNumber = Number(textOf(form, "versionNumber"));
    const reason = textOf(form, "reason");
    await marking.run(async () => {
      const problems: Record<string, string> = {};
      if (!versionNumber) problems.versionNumber = "Choose the version whose change is editorial.";
      if (reason.length < 10) problems.reason = "Say why the change needs no new acknowledgement (at least 10 characters).";
      if (Object.keys(problems).length > 0) throw new FieldProblems(problems);
      const result = await acknowledgementsApi.markEditorial(props.policyId, { versionNumber, reason });
      form.reset();
      props.onSaved();
      return `Version ${result.versionNumber} is marked editorial: ${result.covered} open ${result.covered === 1 ? "assignment was" : "assignments were"} closed as covered.`;
    });
  }
  return (
    <>
      <h3>Editorial changes, no new acknowledgement</h3>
      {props.counts.editorial.length === 0 ? (
        <p>No version of this policy is marked editorial.</p>
      ) : (
        <ul>
          {props.counts.editorial.map((mark) => (
            <li key={mark.versionNumber}>
              Version {mark.versionNumber}, marked {formatVersionTime(mark.markedAt)}: {mark.reason}
            </li>
          ))}
        </ul>
      )}
      <Loaded resource={versions} what="the versions">
        {(list) => {
          const open = list.filter((version) => !marked.has(version.number) && version.number > 1);
          if (open.length === 0) return <p>No other version can be marked editorial (the first version always needs acknowledging).</p>;
          return (
            <form class="stack" onSubmit={submit} noValidate>
              <ProblemsBesideFields error={marking.error}>
                <SelectField
                  label="Version"
                  name="versionNumber"
                  required
                  placeholder="Choose a version"
                  options={open.map((version) => [
                    String(version.number),
                    `Version ${version.number}${version.label ? `, ${version.label}` : ""}`,
                  ])}
                  hint="Those who acknowledged an earlier version need not acknowledge this one; everyone else still must."
                />
                <TextField
                  label="Reason"
                  name="reason"
                  required
                  multiline
                  maxLength={2000}
                  hint="Shown with the version and the campaign, and kept in the audit trail."
                />
                <ActionFeedback action={marking} />
                <button type="submit" disabled={marking.pending}>
                  Mark as editorial
                </button>
              </ProblemsBesideFields>
            </form>
          );
        }}
      </Loaded>
    </>
  );
}

/** Per policy: its counts per version with the public switch, and its editorial marks. Facilitator only. */
export function PolicyAcknowledgementSettings(props: { onChanged: () => void }) {
  const [policies] = useResource((signal) => api.listPolicies(signal), []);
  const [policyId, setPolicyId] = useState("");
  const [counts, reloadCounts] = useResource(
    (signal) => (policyId ? acknowledgementsApi.counts(policyId, signal) : Promise.resolve(null)),
    [policyId],
  );
  const saved = () => {
    reloadCounts();
    props.onChanged();
  };
  return (
    <section class="panel" aria-labelledby="policy-settings-heading">
      <h2 id="policy-settings-heading">Editorial changes and public counts</h2>
      <Loaded resource={policies} what="the policies">
        {(list) => (
          <SelectField
            label="Policy"
            name="settingsPolicyId"
            placeholder="Choose a policy"
            defaultValue={policyId}
            onChange={setPolicyId}
            options={list.map((policy) => [policy.id, policy.title])}
          />
        )}
      </Loaded>
      {policyId && (
        <Loaded resource={counts} what="the counts">
          {(data) =>
            data && (
              <div class="stack" key={policyId}>
                <PublicCounts policyId={policyId} counts={data} onSaved={saved} />
                <EditorialMarks policyId={policyId} counts={data} onSaved={saved} />
              </div>
            )
          }
        </Loaded>
      )}
    </section>
  );
}

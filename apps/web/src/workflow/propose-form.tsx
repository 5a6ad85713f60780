import type { VersionSummary } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { ActionFeedback } from "../components/feedback.js";
import { SelectField, TextField } from "../components/fields.js";
import { FieldProblems } from "../components/field-problems.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";
import { versionTitle } from "../versions/version-format.js";
import { workflowApi } from "../workflow-api.js";
import { readOptionalDate } from "./workflow-input.js";

/**
 * The facilitator's form to put a saved version forward for sign-off. It sends the version's number and
 * the content hash the timeline listed, so the server refuses the proposal if the two ever disagree;
 * an open proposal is superseded, keeping its record, and the form says so before sending.
 */
export function ProposeForm(props: {
  policyId: string;
  versions: readonly VersionSummary[];
  hasOpenProposal: boolean;
  onProposed: () => void;
  onCancel: () => void;
}) {
  const proposing = useAction();
  const choices = props.versions.map((version) => [String(version.number), versionTitle(version)] as const);

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const version = props.versions.find((candidate) => String(candidate.number) === textOf(form, "versionNumber"));
    const deadline = readOptionalDate(textOf(form, "deadline"), "review deadline");
    const note = textOf(form, "note");
    await proposing.run(async () => {
      const problems = {
        ...(version ? {} : { versionNumber: "Choose the version to propose." }),
        ...(deadline.ok ? {} : { deadline: deadline.problem }),
      };
      if (!version || !deadline.ok) throw new FieldProblems(problems);
      await workflowApi.propose(props.policyId, {
        versionNumber: version.number,
        contentHash: version.contentHash,
        ...(note ? { note } : {}),
        deadline: deadline.input,
      });
      props.onProposed();
    });
  }

  return (
    <form class="stack inline-panel" aria-labelledby="propose-heading" onSubmit={submit}>
      <h3 id="propose-heading">Propose a version for sign-off</h3>
      <ProblemsBesideFields error={proposing.error}>
        {props.versions.length === 0 ? (
          <p>No version has been saved yet. Save the draft as a version first, under Versions below.</p>
        ) : (
          <>
            <SelectField
              label="Version"
              name="versionNumber"
              required
              placeholder="Choose a version"
              options={choices}
              defaultValue={choices[0]?.[0]}
              hint="Newest first. The working group signs off this exact text; later edits to the draft do not change it."
            />
            <TextField label="Note" name="note" required={false} multiline maxLength={4000} hint="What the group should look at." />
            <TextField label="Review deadline" name="deadline" type="date" required={false} />
            {props.hasOpenProposal && <p class="hint">The proposal now under way will be closed as superseded; its record is kept.</p>}
          </>
        )}
        <ActionFeedback action={proposing} />
        <div class="row-actions">
          {props.versions.length > 0 && (
            <button type="submit" disabled={proposing.pending}>
              Propose this version
            </button>
          )}
          <button type="button" class="button-quiet" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </ProblemsBesideFields>
    </form>
  );
}

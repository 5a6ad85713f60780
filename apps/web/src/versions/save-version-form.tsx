import type { VersionSummary } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { api } from "../api.js";
import { ActionFeedback } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { FieldProblems } from "../components/field-problems.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";
import { readVersionInput, versionLabelMaxLength, versionNoteMaxLength } from "./version-input.js";

/**
 * The form that saves the draft as a new version. A draft unchanged since the latest version is refused
 * by the server (409 version_unchanged, "The draft has not changed since version N."), and that message
 * is shown as it is: it names the version that already holds this text.
 */
export function SaveVersionForm(props: { policyId: string; onSaved: (version: VersionSummary) => void }) {
  const saving = useAction();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const read = readVersionInput(textOf(form, "label"), textOf(form, "note"));
    await saving.run(async () => {
      if (!read.ok) throw new FieldProblems({ [read.field]: read.problem });
      const version = await api.saveVersion(props.policyId, read.input);
      form.reset();
      props.onSaved(version);
      return `Version ${version.number} was saved: “${version.label}”.`;
    });
  }

  return (
    <form class="stack save-version-form" aria-labelledby="save-version-heading" onSubmit={submit}>
      <h3 id="save-version-heading">Save a version</h3>
      <ProblemsBesideFields error={saving.error}>
        <p class="hint">
          A version is a fixed copy of the draft as the server has it now. Wait until the draft says “Saved” so your latest typing is
          included.
        </p>
        <TextField
          label="Label"
          name="label"
          required
          maxLength={versionLabelMaxLength}
          hint="A few words that tell this version apart, such as “Before the board meeting”."
        />
        <TextField
          label="Note"
          name="note"
          required={false}
          multiline
          maxLength={versionNoteMaxLength}
          hint="What changed and why, for the working group and the approving bodies."
        />
        <ActionFeedback action={saving} />
        <button type="submit" disabled={saving.pending}>
          Save version
        </button>
      </ProblemsBesideFields>
    </form>
  );
}

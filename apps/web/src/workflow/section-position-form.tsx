import { numberSectionsJSON, type PolicyNodeJSON } from "@accord/policy-schema";
import type { TargetedSubmitEvent } from "preact";
import { api } from "../api.js";
import { SelectField, TextField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useResource } from "../components/use-resource.js";
import type { ProposalActionInput, SectionPositionValue } from "../workflow-api.js";
import { positionLabels } from "./section-positions.js";

const positionChoices = (Object.keys(positionLabels) as SectionPositionValue[]).map((value) => [value, positionLabels[value]] as const);

/** "4.2 Retention periods" for each numbered heading of the proposed version, or null if it cannot be read. */
async function sectionChoices(policyId: string, versionNumber: number, signal: AbortSignal) {
  const version = await api.getVersion(policyId, versionNumber, signal);
  try {
    // The same numbering the editor, the server and the public site use, so "4.2" means the same everywhere.
    return numberSectionsJSON(version.content as unknown as PolicyNodeJSON).map(
      (section) => [section.number, `${section.number} ${section.text}`] as const,
    );
  } catch {
    return null;
  }
}

/**
 * Records my position on one numbered section of the proposed version. The sections are those of the
 * proposed version (not the live draft), since that is the text being signed; if they cannot be read,
 * the section is typed instead. A reason is required for "object" and "reserve", as the server requires.
 */
export function SectionPositionForm(props: {
  policyId: string;
  versionNumber: number;
  pending: boolean;
  onSubmit: (input: ProposalActionInput) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [sections] = useResource((signal) => sectionChoices(props.policyId, props.versionNumber, signal), [
    props.policyId,
    props.versionNumber,
  ]);
  const choices = sections.state === "ready" ? sections.data : null;

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const position = textOf(form, "position") as SectionPositionValue;
    await props.onSubmit({ kind: "set_section_position", section: textOf(form, "section"), position, reason: textOf(form, "reason") });
  }

  return (
    <form class="stack inline-panel" aria-label="Your position on a section" onSubmit={submit}>
      {choices && choices.length > 0 ? (
        <SelectField label="Section" name="section" required placeholder="Choose a section" options={choices} />
      ) : (
        <TextField
          label="Section"
          name="section"
          required
          maxLength={20}
          pattern="[0-9]+(\.[0-9]+)*(\.[a-z]+)?"
          hint={sections.state === "loading" ? "Loading the sections of this version…" : "Its number, such as 4.2 or 4.2.a."}
        />
      )}
      <SelectField label="Position" name="position" required options={positionChoices} defaultValue="object" />
      <TextField
        label="Reason"
        name="reason"
        required={false}
        multiline
        maxLength={4000}
        hint="Needed when you object or reserve judgement: say what would settle it."
      />
      <div class="row-actions">
        <button type="submit" disabled={props.pending}>
          Record my position
        </button>
        <button type="button" class="button-quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import type { ProposalActionInput, SectionPositionValue } from "@accord/api-contract";
import { numberSectionsJSON, type PolicyNodeJSON } from "@accord/policy-schema";
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { SelectField, TextField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useResource } from "../components/use-resource.js";
import { positionLabels, reasonRule } from "./section-positions.js";

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
 * the section is typed instead. The reason's label follows the rule the server applies: required to
 * object or reserve, optional to approve. Problems show beside their field, as sentences (the server's
 * through the ProblemsBesideFields around it).
 */
export function SectionPositionForm(props: {
  policyId: string;
  versionNumber: number;
  pending: boolean;
  onSubmit: (input: ProposalActionInput) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [sections] = useResource(
    (signal) => sectionChoices(props.policyId, props.versionNumber, signal),
    [props.policyId, props.versionNumber],
  );
  const choices = sections.state === "ready" ? sections.data : null;
  const [position, setPosition] = useState<SectionPositionValue>("object");
  // A problem found here, before sending (shown beside the reason); the server's own show beside their
  // fields through the surrounding ProblemsBesideFields.
  const [reasonProblem, setReasonProblem] = useState<string | undefined>(undefined);
  const rule = reasonRule(position);

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const section = textOf(form, "section");
    const reason = textOf(form, "reason");
    if (rule.required && reason === "") {
      setReasonProblem(rule.missing(section));
      return;
    }
    setReasonProblem(undefined);
    await props.onSubmit({ kind: "set_section_position", section, position, reason });
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
      <SelectField
        label="Position"
        name="position"
        required
        options={positionChoices}
        defaultValue="object"
        onChange={(value) => {
          setPosition(value as SectionPositionValue);
          setReasonProblem(undefined);
        }}
      />
      <TextField label="Reason" name="reason" required={rule.required} multiline maxLength={4000} hint={rule.hint} error={reasonProblem} />
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

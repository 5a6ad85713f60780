import type { Member } from "@accord/api-contract";
import type { Affiliation, PolicyRole } from "@accord/domain";
import type { TargetedSubmitEvent } from "preact";
import { useId } from "preact/hooks";
import { api } from "../api.js";
import { affiliationChoices, shortRoleChoices } from "../components/choices.js";
import { ActionFeedback } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { SelectField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";

/**
 * One member as a table row. A form cannot wrap a row, so the row's form sits in its last cell and the
 * selects join it with the `form` attribute.
 */
export function MemberRow(props: { policyId: string; member: Member; onChanged: () => void }) {
  const { member } = props;
  const formId = useId();
  const saving = useAction();
  const removing = useAction();

  async function save(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const affiliation = textOf(form, "affiliation") as Affiliation;
    const role = textOf(form, "role") as PolicyRole;
    removing.clear();
    await saving.run(async () => {
      if (affiliation === member.affiliation && role === member.role) return "Nothing was changed.";
      await api.putMember(props.policyId, member.userId, { affiliation, role });
      props.onChanged();
      return `Saved ${member.displayName}.`;
    });
  }

  async function remove() {
    saving.clear();
    await removing.run(async () => {
      await api.removeMember(props.policyId, member.userId);
      props.onChanged();
    });
  }

  return (
    <tr>
      <ProblemsBesideFields error={saving.error}>
        <th scope="row" data-label="Member">
          {member.displayName}
          <span class="secondary">{member.email}</span>
        </th>
        <td data-label="Affiliation">
          <SelectField
            label={`Affiliation of ${member.displayName}`}
            hiddenLabel
            name="affiliation"
            form={formId}
            options={affiliationChoices}
            defaultValue={member.affiliation}
          />
        </td>
        <td data-label="Role">
          <SelectField
            label={`Role of ${member.displayName}`}
            hiddenLabel
            name="role"
            form={formId}
            options={shortRoleChoices}
            defaultValue={member.role}
          />
        </td>
        <td data-label="Actions">
          <form id={formId} class="row-actions" onSubmit={save}>
            <button type="submit" disabled={saving.pending}>
              Save<span class="visually-hidden"> {member.displayName}</span>
            </button>
            <button type="button" class="button-danger" disabled={removing.pending} onClick={remove}>
              Remove<span class="visually-hidden"> {member.displayName}</span>
            </button>
          </form>
          <ActionFeedback action={saving} />
          <ActionFeedback action={removing} />
        </td>
      </ProblemsBesideFields>
    </tr>
  );
}

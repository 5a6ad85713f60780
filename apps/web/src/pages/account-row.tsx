import type { Account } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { api } from "../api.js";
import { ActionFeedback } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import type { Affiliation } from "@accord/domain";
import { affiliationChoices } from "../components/choices.js";
import { SelectField, TextField } from "../components/fields.js";
import { passwordOf, takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";

/**
 * One account as a table row. Your own row offers no disable or facilitator switch: the server refuses
 * disabling yourself, and dropping your own facilitator role would shut you out of this very page.
 */
export function AccountRow(props: { account: Account; isMe: boolean; onChanged: () => void }) {
  const { account } = props;
  const changing = useAction();
  const resetting = useAction();
  const affiliating = useAction();

  function change(changes: { disabled?: boolean; isFacilitator?: boolean }, done: string) {
    resetting.clear();
    return changing.run(async () => {
      await api.updateAccount(account.id, changes);
      props.onChanged();
      return done;
    });
  }

  async function saveAffiliation(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const defaultAffiliation = (textOf(form, "defaultAffiliation") || null) as Affiliation | null;
    resetting.clear();
    await affiliating.run(async () => {
      if (defaultAffiliation === account.defaultAffiliation) return "Nothing was changed.";
      await api.updateAccount(account.id, { defaultAffiliation });
      props.onChanged();
      return `Saved the default affiliation of ${account.displayName}.`;
    });
  }

  async function resetPassword(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const password = passwordOf(form, "password");
    changing.clear();
    await resetting.run(async () => {
      await api.updateAccount(account.id, { password });
      form.reset();
      return `The password of ${account.displayName} was reset. Tell them the new one privately.`;
    });
  }

  return (
    <tr>
      <th scope="row" data-label="Name">
        {account.displayName}
        {props.isMe && " (you)"}
        <span class="secondary">{account.email}</span>
      </th>
      <td data-label="Default affiliation">
        <form class="inline-form" onSubmit={saveAffiliation}>
          <SelectField
            label={`Default affiliation of ${account.displayName}`}
            hiddenLabel
            name="defaultAffiliation"
            options={affiliationChoices}
            placeholder="None yet"
            defaultValue={account.defaultAffiliation ?? ""}
          />
          <button type="submit" class="button-quiet" disabled={affiliating.pending}>
            Save<span class="visually-hidden"> the default affiliation of {account.displayName}</span>
          </button>
        </form>
        <ActionFeedback action={affiliating} />
      </td>
      <td data-label="Site role">{account.isFacilitator ? "Facilitator" : "Member"}</td>
      <td data-label="Sign-in">{account.disabled ? "Disabled" : "Active"}</td>
      <td data-label="Actions">
        {!props.isMe && (
          <div class="row-actions">
            <button
              type="button"
              class={account.disabled ? undefined : "button-danger"}
              disabled={changing.pending}
              onClick={() =>
                change(
                  { disabled: !account.disabled },
                  account.disabled ? `${account.displayName} can sign in again.` : `${account.displayName} can no longer sign in.`,
                )
              }
            >
              {account.disabled ? "Enable" : "Disable"}
              <span class="visually-hidden"> {account.displayName}</span>
            </button>
            <button
              type="button"
              class="button-quiet"
              disabled={changing.pending}
              onClick={() =>
                change(
                  { isFacilitator: !account.isFacilitator },
                  account.isFacilitator
                    ? `${account.displayName} is no longer a facilitator.`
                    : `${account.displayName} is now a facilitator.`,
                )
              }
            >
              {account.isFacilitator ? "Remove facilitator role" : "Make facilitator"}
              <span class="visually-hidden"> ({account.displayName})</span>
            </button>
          </div>
        )}
        <ActionFeedback action={changing} />
        <details>
          <summary>
            Reset password<span class="visually-hidden"> of {account.displayName}</span>
          </summary>
          <ProblemsBesideFields error={resetting.error}>
            <form class="stack" onSubmit={resetPassword}>
              <TextField
                label={`New password for ${account.displayName}`}
                name="password"
                type="password"
                required
                autoComplete="new-password"
                minLength={8}
                maxLength={256}
                hint="At least 8 characters."
              />
              <button type="submit" disabled={resetting.pending}>
                Set password
              </button>
            </form>
            <ActionFeedback action={resetting} />
          </ProblemsBesideFields>
        </details>
      </td>
    </tr>
  );
}

import type { Account } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { api } from "../api.js";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import type { Affiliation } from "@accord/domain";
import { affiliationChoices } from "../components/choices.js";
import { CheckboxField, SelectField, TextField } from "../components/fields.js";
import { isChecked, passwordOf, takeForm, textOf } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { FacilitatorsOnly } from "../components/require-account.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { useAccount } from "../session.js";
import { AccountRow } from "./account-row.js";

/** The form to create an account with an initial password, which the person should then change. */
function NewAccountForm(props: { onCreated: () => void }) {
  const creating = useAction();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const input = {
      email: textOf(form, "email"),
      displayName: textOf(form, "displayName"),
      password: passwordOf(form, "password"),
      isFacilitator: isChecked(form, "isFacilitator"),
      defaultAffiliation: (textOf(form, "defaultAffiliation") || null) as Affiliation | null,
    };
    await creating.run(async () => {
      const account = await api.createAccount(input);
      form.reset();
      props.onCreated();
      return `Created an account for ${account.displayName}. Give them the initial password in person or by phone.`;
    });
  }

  return (
    <section class="panel" aria-labelledby="new-account-heading">
      <h2 id="new-account-heading">New account</h2>
      <form class="stack" onSubmit={submit}>
        <ProblemsBesideFields error={creating.error}>
          <TextField label="Email" name="email" type="email" required autoComplete="off" maxLength={254} />
          <TextField label="Display name" name="displayName" required autoComplete="off" maxLength={120} />
          <TextField
            label="Initial password"
            name="password"
            type="password"
            required
            autoComplete="new-password"
            minLength={8}
            maxLength={256}
            hint="At least 8 characters. The person can change it on their account page."
          />
          <SelectField
            label="Default affiliation"
            name="defaultAffiliation"
            options={affiliationChoices}
            placeholder="None yet"
            hint="Filled in when you add this person to a new policy's working group; each policy can still set its own."
          />
          <CheckboxField label="Facilitator (can manage people, bodies and every policy)" name="isFacilitator" />
          <ActionFeedback action={creating} />
          <button type="submit" disabled={creating.pending}>
            Create account
          </button>
        </ProblemsBesideFields>
      </form>
    </section>
  );
}

function AccountsTable(props: { accounts: Account[]; myId: string; onChanged: () => void }) {
  return (
    <table class="responsive-table">
      <caption class="visually-hidden">Accounts, with their default affiliation, site role, whether they can sign in, and actions.</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Default affiliation</th>
          <th scope="col">Site role</th>
          <th scope="col">Sign-in</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.accounts.map((account) => (
          <AccountRow key={account.id} account={account} isMe={account.id === props.myId} onChanged={props.onChanged} />
        ))}
      </tbody>
    </table>
  );
}

function PeopleManager(props: { myId: string }) {
  const [accounts, reload] = useResource((signal) => api.listAccounts(signal), []);
  return (
    <>
      <Loaded resource={accounts} what="the accounts">
        {(list) => <AccountsTable accounts={list} myId={props.myId} onChanged={reload} />}
      </Loaded>
      <NewAccountForm onCreated={reload} />
    </>
  );
}

/** The facilitator's page for accounts: create, disable or enable, reset passwords. */
export function PeoplePage() {
  usePageTitle("People");
  const me = useAccount();
  if (!me.isFacilitator) return <FacilitatorsOnly title="People" action="manage accounts" />;
  return (
    <>
      <h1>People</h1>
      <PeopleManager myId={me.id} />
    </>
  );
}

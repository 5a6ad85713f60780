import type { Account } from "@accord/api-contract";
import type { Affiliation, PolicyRole } from "@accord/domain";
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { affiliationChoices, shortRoleChoices } from "../components/choices.js";
import { takeForm, textOf, checkedValues } from "../components/form-values.js";
import { paths } from "../paths.js";
import type { NewPolicyAnswers, PickedMember } from "./answers.js";
import { ErrorSummary, type Problem } from "./error-summary.js";

/** Where a person starts in this step: as picked before, else an editor with their default affiliation. */
function startingPick(account: Account, answers: NewPolicyAnswers): PickedMember {
  return answers.members[account.id] ?? { role: "editor", affiliation: account.defaultAffiliation ?? "" };
}

/** Step 2: the working group, several people at once, each with a role and an affiliation for this policy. */
export function GroupStep(props: {
  answers: NewPolicyAnswers;
  accounts: readonly Account[];
  onNext: (changes: Partial<NewPolicyAnswers>) => void;
}) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const people = props.accounts.filter((account) => !account.disabled);

  function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const picked = new Set(checkedValues(form, "member"));
    const members: Record<string, PickedMember> = {};
    const found: Problem[] = [];
    for (const account of people) {
      if (!picked.has(account.id)) continue;
      const affiliation = textOf(form, `affiliation-${account.id}`) as Affiliation | "";
      if (!affiliation) found.push({ fieldId: `affiliation-${account.id}`, message: `Choose the affiliation of ${account.displayName}` });
      members[account.id] = { role: textOf(form, `role-${account.id}`) as PolicyRole, affiliation };
    }
    setProblems(found);
    if (found.length === 0) props.onNext({ members });
  }

  if (people.length === 0) {
    return (
      <p>
        There are no accounts yet. <a href={paths.people}>Create accounts</a> first, then come back.
      </p>
    );
  }
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} />
      <p class="hint" id="group-hint">
        Tick everyone who works on this policy. The affiliation comes from each person's account and can be changed here for this policy
        only. You can change the working group later too.
      </p>
      <table class="responsive-table" aria-describedby="group-hint">
        <caption class="visually-hidden">People to include in the working group, with their role and affiliation on this policy.</caption>
        <thead>
          <tr>
            <th scope="col">Include</th>
            <th scope="col">Role</th>
            <th scope="col">Affiliation</th>
          </tr>
        </thead>
        <tbody>
          {people.map((account) => {
            const pick = startingPick(account, props.answers);
            return (
              <tr key={account.id}>
                <th scope="row" data-label="Include">
                  <div class="field checkbox">
                    <input
                      id={`member-${account.id}`}
                      type="checkbox"
                      name="member"
                      value={account.id}
                      defaultChecked={account.id in props.answers.members}
                    />
                    <label for={`member-${account.id}`}>
                      {account.displayName}
                      <span class="secondary"> {account.email}</span>
                    </label>
                  </div>
                </th>
                <td data-label="Role">
                  <label class="visually-hidden" for={`role-${account.id}`}>
                    Role of {account.displayName}
                  </label>
                  <select id={`role-${account.id}`} name={`role-${account.id}`}>
                    {shortRoleChoices.map(([value, label]) => (
                      <option key={value} value={value} selected={value === pick.role}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-label="Affiliation">
                  <label class="visually-hidden" for={`affiliation-${account.id}`}>
                    Affiliation of {account.displayName}
                  </label>
                  <select id={`affiliation-${account.id}`} name={`affiliation-${account.id}`}>
                    <option value="">Choose an affiliation</option>
                    {affiliationChoices.map(([value, label]) => (
                      <option key={value} value={value} selected={value === pick.affiliation}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit">Continue</button>
    </form>
  );
}

import type { Account, Member } from "@accord/api-contract";
import type { Affiliation, PolicyRole } from "@accord/domain";
import type { TargetedSubmitEvent } from "preact";
import { useRoute } from "preact-iso";
import { api } from "../api.js";
import { affiliationChoices, roleChoices } from "../components/choices.js";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { SelectField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { FacilitatorsOnly } from "../components/require-account.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { MemberRow } from "./member-row.js";

/** The form to add someone to the working group, choosing from accounts not already in it. */
function AddMemberForm(props: { policyId: string; candidates: Account[]; onAdded: () => void }) {
  const adding = useAction();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const userId = textOf(form, "userId");
    const affiliation = textOf(form, "affiliation") as Affiliation;
    const role = textOf(form, "role") as PolicyRole;
    const person = props.candidates.find((account) => account.id === userId);
    await adding.run(async () => {
      await api.putMember(props.policyId, userId, { affiliation, role });
      form.reset();
      props.onAdded();
      return `${person?.displayName ?? "The person"} was added to the working group.`;
    });
  }

  return (
    <section class="panel" aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">Add a member</h2>
      {props.candidates.length === 0 ? (
        <p>
          Every active account is already in the working group. <a href={paths.people}>Create an account</a> to add someone new.
        </p>
      ) : (
        <form class="stack" onSubmit={submit}>
          <ProblemsBesideFields error={adding.error}>
            <SelectField
              label="Person"
              name="userId"
              required
              placeholder="Choose a person"
              options={props.candidates.map((account) => [account.id, `${account.displayName} (${account.email})`] as const)}
            />
            <SelectField label="Affiliation" name="affiliation" required placeholder="Choose an affiliation" options={affiliationChoices} />
            <SelectField label="Role" name="role" required defaultValue="viewer" options={roleChoices} />
            <ActionFeedback action={adding} />
            <button type="submit" disabled={adding.pending}>
              Add member
            </button>
          </ProblemsBesideFields>
        </form>
      )}
    </section>
  );
}

/** The working group's members, each with their affiliation and role, changeable in place. */
function MembersTable(props: { policyId: string; members: Member[]; onChanged: () => void }) {
  if (props.members.length === 0) return <p>Nobody is in the working group yet.</p>;
  return (
    <table class="responsive-table">
      <caption class="visually-hidden">Working-group members; change a row and save it, or remove the member.</caption>
      <thead>
        <tr>
          <th scope="col">Member</th>
          <th scope="col">Affiliation</th>
          <th scope="col">Role</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.members.map((member) => (
          <MemberRow key={member.userId} policyId={props.policyId} member={member} onChanged={props.onChanged} />
        ))}
      </tbody>
    </table>
  );
}

/** The facilitator's page for one policy's working group. */
export function MembersPage() {
  const policyId = useRoute().params["policyId"] ?? "";
  const [policy] = useResource((signal) => api.getPolicy(policyId, signal), [policyId]);
  const [members, reloadMembers] = useResource((signal) => api.listMembers(policyId, signal), [policyId]);
  const [accounts] = useResource((signal) => api.listAccounts(signal), []);
  usePageTitle(policy.state === "ready" ? `Members of ${policy.data.title}` : "Members");

  return (
    <Loaded resource={policy} what="the policy">
      {(detail) =>
        !detail.myPermissions.includes("member.manage") ? (
          <FacilitatorsOnly title="Members" action="change a working group" />
        ) : (
          <>
            <p class="breadcrumb">
              <a href={paths.policy(detail.id)}>{detail.title}</a>
            </p>
            <h1>Members of {detail.title}</h1>
            <Loaded resource={members} what="the members">
              {(memberList) => (
                <>
                  <MembersTable policyId={detail.id} members={memberList} onChanged={reloadMembers} />
                  <Loaded resource={accounts} what="the accounts">
                    {(accountList) => {
                      const memberIds = new Set(memberList.map((member) => member.userId));
                      const candidates = accountList.filter((account) => !account.disabled && !memberIds.has(account.id));
                      return <AddMemberForm policyId={detail.id} candidates={candidates} onAdded={reloadMembers} />;
                    }}
                  </Loaded>
                </>
              )}
            </Loaded>
          </>
        )
      }
    </Loaded>
  );
}

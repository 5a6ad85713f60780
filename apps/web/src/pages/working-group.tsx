import type { Member } from "@accord/api-contract";
import { affiliationLabels } from "@accord/domain";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { roleLabels } from "../labels.js";
import { paths } from "../paths.js";

/** The working group as a read-only table. */
export function WorkingGroup(props: { policyId: string; canManage: boolean }) {
  const [members] = useResource((signal) => api.listMembers(props.policyId, signal), [props.policyId]);
  return (
    <section aria-labelledby="working-group-heading">
      <h2 id="working-group-heading">Working group</h2>
      {props.canManage && (
        <p>
          <a class="button-link" href={paths.members(props.policyId)}>
            Manage members
          </a>
        </p>
      )}
      <p>
        <a href={paths.commentPeriod(props.policyId)}>Public comment: periods, moderation and responses</a>
      </p>
      <Loaded resource={members} what="the working group">
        {(list: Member[]) =>
          list.length === 0 ? (
            <p>Nobody is in the working group yet.</p>
          ) : (
            <table class="responsive-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Affiliation</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {list.map((member) => (
                  <tr key={member.userId}>
                    <th scope="row" data-label="Name">
                      {member.displayName}
                    </th>
                    <td data-label="Affiliation">{affiliationLabels[member.affiliation]}</td>
                    <td data-label="Role">{roleLabels[member.role]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

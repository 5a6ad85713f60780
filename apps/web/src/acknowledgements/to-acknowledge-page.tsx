import type { AssignmentSummary } from "@accord/api-contract";
import { Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { acknowledgementsApi } from "./acknowledgements-api.js";
import { assignmentStatusWords } from "./status-words.js";
import "./acknowledgements.css";

function AssignmentItem(props: { assignment: AssignmentSummary }) {
  const { assignment } = props;
  return (
    <li class="panel acknowledgement-item">
      <h3>
        <a href={paths.acknowledgement(assignment.id)}>
          {assignment.policyTitle}, version {assignment.versionNumber}
        </a>
      </h3>
      <p>
        {assignmentStatusWords[assignment.status]}
        {assignment.status === "open" && (
          <>
            {" · "}
            {assignment.overdue ? <strong>Overdue: was due {assignment.dueDate}</strong> : <>Due {assignment.dueDate}</>}
          </>
        )}
      </p>
    </li>
  );
}

/** The officer's list: the policies they must acknowledge, then those they did. */
export function ToAcknowledgePage() {
  usePageTitle("To acknowledge");
  const [assignments] = useResource((signal) => acknowledgementsApi.mine(signal), []);
  return (
    <>
      <h1>Policies to acknowledge</h1>
      <Loaded resource={assignments} what="your policies to acknowledge">
        {(list) => {
          const open = list.filter((assignment) => assignment.status === "open");
          const done = list.filter((assignment) => assignment.status !== "open");
          return (
            <>
              <section aria-labelledby="open-heading">
                <h2 id="open-heading">To acknowledge ({open.length})</h2>
                {open.length === 0 ? (
                  <p>Nothing to acknowledge now.</p>
                ) : (
                  <ul class="plain-list">
                    {open.map((assignment) => (
                      <AssignmentItem key={assignment.id} assignment={assignment} />
                    ))}
                  </ul>
                )}
              </section>
              {done.length > 0 && (
                <section aria-labelledby="done-heading">
                  <h2 id="done-heading">Acknowledged</h2>
                  <ul class="plain-list">
                    {done.map((assignment) => (
                      <AssignmentItem key={assignment.id} assignment={assignment} />
                    ))}
                  </ul>
                </section>
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

import type { PersonHistory } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { FieldProblems } from "../components/field-problems.js";
import { SelectField, TextField } from "../components/fields.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { takeForm, textOf } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { FacilitatorsOnly } from "../components/require-account.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { useAccount } from "../session.js";
import { formatVersionTime } from "../versions/version-format.js";
import { isCalendarDate } from "../workflow/workflow-input.js";
import { acknowledgementsApi, historyCsvHref } from "./acknowledgements-api.js";
import { assignmentStatusWords } from "./status-words.js";
import "./acknowledgements.css";

/** A content hash in full, wrapping on a narrow screen. */
const Hash = (props: { hash: string }) => <code class="hash">{props.hash}</code>;

function Assignments(props: { history: PersonHistory }) {
  const { assignments } = props.history;
  if (assignments.length === 0) return <p>Nothing was ever assigned to this person.</p>;
  return (
    <table class="responsive-table">
      <caption class="visually-hidden">Every version assigned to this person, newest first.</caption>
      <thead>
        <tr>
          <th scope="col">Policy and version</th>
          <th scope="col">Content hash</th>
          <th scope="col">Assigned</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {assignments.map((assignment) => (
          <tr key={assignment.id}>
            <td>
              {assignment.policyTitle}, version {assignment.versionNumber}
            </td>
            <td>
              <Hash hash={assignment.contentHash} />
            </td>
            <td>{formatVersionTime(assignment.assignedAt)}</td>
            <td>{assignment.dueDate}</td>
            <td>
              {assignmentStatusWords[assignment.status]}
              {assignment.overdue ? " (overdue)" : ""}
              {assignment.closedAt && assignment.status !== "open" ? `, ${formatVersionTime(assignment.closedAt)}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Attempts(props: { history: PersonHistory }) {
  const { attempts } = props.history;
  if (attempts.length === 0) return <p>No quiz attempt.</p>;
  return (
    <table class="responsive-table">
      <caption class="visually-hidden">Every quiz attempt, oldest first.</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Policy and version</th>
          <th scope="col">Right answers</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((attempt) => (
          <tr key={attempt.id}>
            <td>{formatVersionTime(attempt.attemptedAt)}</td>
            <td>
              {attempt.policyTitle}, version {attempt.versionNumber}
            </td>
            <td>
              {attempt.correct} of {attempt.total}
            </td>
            <td>{attempt.passed ? "Passed" : "Not passed"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Acknowledgements(props: { history: PersonHistory }) {
  const { acknowledgements } = props.history;
  if (acknowledgements.length === 0) return <p>No acknowledgement yet.</p>;
  return (
    <table class="responsive-table">
      <caption class="visually-hidden">Every acknowledgement, with the exact version and statement confirmed.</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Policy and version</th>
          <th scope="col">Content hash</th>
          <th scope="col">Statement confirmed</th>
        </tr>
      </thead>
      <tbody>
        {acknowledgements.map((acknowledgement) => (
          <tr key={acknowledgement.id}>
            <td>{formatVersionTime(acknowledgement.acknowledgedAt)}</td>
            <td>
              {acknowledgement.policyTitle}, version {acknowledgement.versionNumber}
            </td>
            <td>
              <Hash hash={acknowledgement.contentHash} />
            </td>
            <td class="statement-cell">{acknowledgement.statement}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Which version had this officer acknowledged on date D": policy and date, then the answer. */
function AcknowledgedOnLookup(props: { userId: string; policies: { id: string; title: string }[] }) {
  const looking = useAction();
  const [answer, setAnswer] = useState<string | null>(null);
  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const policyId = textOf(form, "policyId");
    const date = textOf(form, "date");
    setAnswer(null);
    await looking.run(async () => {
      const problems: Record<string, string> = {};
      if (!policyId) problems.policyId = "Choose the policy.";
      if (!isCalendarDate(date)) problems.date = "Give the date (YYYY-MM-DD).";
      if (Object.keys(problems).length > 0) throw new FieldProblems(problems);
      const result = await acknowledgementsApi.acknowledgedOn(props.userId, policyId, date);
      const found = result.acknowledgement;
      setAnswer(
        found
          ? `On ${result.date}, ${result.displayName} had acknowledged version ${found.versionNumber} of ${result.policyTitle} (content hash ${found.contentHash}), on ${formatVersionTime(found.acknowledgedAt)}.`
          : `On ${result.date}, ${result.displayName} had acknowledged no version of ${result.policyTitle}.`,
      );
    });
  }
  return (
    <section class="panel" aria-labelledby="acknowledged-on-heading">
      <h2 id="acknowledged-on-heading">Which version on a given day</h2>
      <form class="stack" onSubmit={submit} noValidate>
        <ProblemsBesideFields error={looking.error}>
          <SelectField
            label="Policy"
            name="policyId"
            required
            placeholder="Choose a policy"
            options={props.policies.map((policy) => [policy.id, policy.title])}
          />
          <TextField label="Date" name="date" type="date" required hint="The day to ask about, by the server's calendar (UTC)." />
          <ActionFeedback action={looking} />
          <button type="submit" disabled={looking.pending}>
            Look it up
          </button>
        </ProblemsBesideFields>
      </form>
      <p role="status" class="hash-line">
        {answer}
      </p>
    </section>
  );
}

/** One officer's history for the facilitator: every assignment, attempt and acknowledgement, the CSV, and the lookup by date. */
export function PersonHistoryPage(props: { userId?: string }) {
  const userId = props.userId ?? "";
  const me = useAccount();
  const [history] = useResource((signal) => acknowledgementsApi.history(userId, signal), [userId]);
  const [policies] = useResource((signal) => api.listPolicies(signal), []);
  const name = history.state === "ready" ? history.data.person.displayName : "Acknowledgement history";
  usePageTitle(name);
  if (!me.isFacilitator) return <FacilitatorsOnly title="Acknowledgement history" action="see an officer's acknowledgements" />;
  return (
    <Loaded resource={history} what="the history">
      {(data) => (
        <>
          <p>
            <a href={paths.acknowledgementReports}>Officers' acknowledgements</a>
          </p>
          <h1>{data.person.displayName}: acknowledgement history</h1>
          <p>
            {data.person.email} · {data.person.unit}
            {data.person.supervisorName ? ` · supervisor ${data.person.supervisorName}` : ""}
          </p>
          <p>
            <a href={historyCsvHref(userId)} download>
              Download the acknowledgements as CSV
            </a>
          </p>
          <section aria-labelledby="assignments-heading">
            <h2 id="assignments-heading">Assigned ({data.assignments.length})</h2>
            <Assignments history={data} />
          </section>
          <section aria-labelledby="attempts-heading">
            <h2 id="attempts-heading">Quiz attempts ({data.attempts.length})</h2>
            <Attempts history={data} />
          </section>
          <section aria-labelledby="acknowledged-heading">
            <h2 id="acknowledged-heading">Acknowledged ({data.acknowledgements.length})</h2>
            <Acknowledgements history={data} />
          </section>
          <Loaded resource={policies} what="the policies">
            {(list) => <AcknowledgedOnLookup userId={userId} policies={list} />}
          </Loaded>
        </>
      )}
    </Loaded>
  );
}

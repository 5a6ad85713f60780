import type { AssignmentDetail } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { isChecked, passwordOf, takeForm } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { acknowledgementsApi } from "./acknowledgements-api.js";
import "./acknowledgements.css";

const longDate = (iso: string) =>
  new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/** The quiz: one group of choices per question; every attempt is kept, the latest result shown. */
function QuizForm(props: { detail: AssignmentDetail; onAttempted: () => void }) {
  const attempting = useAction();
  const { quiz, attempts, assignment } = props.detail;
  if (!quiz) return null;
  const passed = attempts.some((attempt) => attempt.passed);

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const answers = quiz!.questions.map((_question, index) => Number(new FormData(form).get(`question-${index}`) ?? -1));
    await attempting.run(async () => {
      const attempt = await acknowledgementsApi.attemptQuiz(assignment.id, answers);
      props.onAttempted();
      return attempt.passed
        ? `Passed: ${attempt.correct} of ${attempt.total} right. You can now acknowledge the policy.`
        : `Not passed: ${attempt.correct} of ${attempt.total} right (${quiz!.passMarkPercent}% needed). Read the policy again and retry.`;
    });
  }

  return (
    <section class="panel" aria-labelledby="quiz-heading">
      <h2 id="quiz-heading">Quiz</h2>
      <p>
        Answer the questions ({quiz.passMarkPercent}% right to pass). Attempts so far: {attempts.length}
        {passed ? ", passed." : "."}
      </p>
      {!passed && (
        <form class="stack" onSubmit={submit}>
          {quiz.questions.map((question, index) => (
            <fieldset key={index} class="quiz-question">
              <legend>
                {index + 1}. {question.prompt}
              </legend>
              {question.choices.map((choice, choiceIndex) => (
                <label key={choiceIndex} class="choice">
                  <input type="radio" name={`question-${index}`} value={String(choiceIndex)} required /> {choice}
                </label>
              ))}
            </fieldset>
          ))}
          <ActionFeedback action={attempting} />
          <button type="submit" disabled={attempting.pending}>
            Check my answers
          </button>
        </form>
      )}
      {passed && <ActionFeedback action={attempting} />}
    </section>
  );
}

/** The statement to confirm, with the password re-entered: one policy per confirmation. */
function AcknowledgeForm(props: { detail: AssignmentDetail; onDone: () => void }) {
  const acknowledging = useAction();
  const { detail } = props;
  const quizPending = detail.quiz !== null && !detail.attempts.some((attempt) => attempt.passed);

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    if (!isChecked(form, "confirm")) return;
    const password = passwordOf(form, "password");
    await acknowledging.run(async () => {
      await acknowledgementsApi.acknowledge(detail.assignment.id, {
        statement: detail.statement,
        contentHash: detail.assignment.contentHash,
        password,
      });
      props.onDone();
    });
  }

  return (
    <section class="panel" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">Acknowledge version {detail.assignment.versionNumber}</h2>
      {quizPending ? (
        <p>Pass the quiz above first.</p>
      ) : (
        <form class="stack" onSubmit={submit}>
          <label class="choice statement">
            <input type="checkbox" name="confirm" required /> {detail.statement}
          </label>
          <TextField
            label="Your password"
            name="password"
            type="password"
            required
            autoComplete="current-password"
            maxLength={256}
            hint="Enter it again to sign this acknowledgement."
          />
          <ActionFeedback action={acknowledging} />
          <button type="submit" disabled={acknowledging.pending}>
            Acknowledge version {detail.assignment.versionNumber}
          </button>
        </form>
      )}
    </section>
  );
}

function AssignmentScreen(props: { detail: AssignmentDetail; reload: () => void }) {
  const { detail } = props;
  const { assignment } = detail;
  return (
    <>
      <p>
        <a href={paths.toAcknowledge}>All policies to acknowledge</a>
      </p>
      <h1>
        {assignment.policyTitle}, version {assignment.versionNumber}
      </h1>
      <p class="meta">
        {assignment.status === "open"
          ? assignment.overdue
            ? `Overdue: was due ${assignment.dueDate}`
            : `Due ${assignment.dueDate}`
          : null}
      </p>
      <p class="hash-line">
        SHA-256 of this text: <code class="hash">{assignment.contentHash}</code>
      </p>
      {detail.editorial && (
        <p class="notice">
          This version was marked an editorial change that needs no new acknowledgement from those who acknowledged the one before:{" "}
          {detail.editorial.reason}
        </p>
      )}
      {detail.acknowledgement && (
        <p class="notice" role="status">
          You acknowledged this version on {longDate(detail.acknowledgement.acknowledgedAt)}.
        </p>
      )}
      {detail.previous && (
        <details class="panel">
          <summary>
            What changed since version {detail.previous.versionNumber}, which you acknowledged on {longDate(detail.previous.acknowledgedAt)}
          </summary>
          <div class="redline draft-text" dangerouslySetInnerHTML={{ __html: detail.previous.redlineHtml }} />
        </details>
      )}
      <section aria-labelledby="text-heading">
        <h2 id="text-heading">The published text</h2>
        <div class="draft-text version-text acknowledgement-text" dangerouslySetInnerHTML={{ __html: detail.html }} />
      </section>
      {assignment.status === "open" && (
        <>
          <QuizForm detail={detail} onAttempted={props.reload} />
          <AcknowledgeForm detail={detail} onDone={props.reload} />
        </>
      )}
    </>
  );
}

/** One policy to acknowledge: the exact published text, the redline from the version acknowledged before, the quiz, the statement. */
export function AcknowledgePage(props: { assignmentId?: string }) {
  usePageTitle("Acknowledge a policy");
  const assignmentId = props.assignmentId ?? "";
  const [detail, reload] = useResource((signal) => acknowledgementsApi.get(assignmentId, signal), [assignmentId]);
  return (
    <Loaded resource={detail} what="the policy to acknowledge">
      {(data) => <AssignmentScreen detail={data} reload={reload} />}
    </Loaded>
  );
}

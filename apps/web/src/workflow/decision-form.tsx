import type { ProposalView } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useId } from "preact/hooks";
import { useConfirmation } from "../components/confirm-dialog.js";
import { ActionFeedback } from "../components/feedback.js";
import { FieldError, TextField } from "../components/fields.js";
import { FieldProblems } from "../components/field-problems.js";
import { ProblemsBesideFields, useFieldProblem } from "../components/form-problems.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";
import { workflowApi } from "../workflow-api.js";
import { consequenceOf } from "./action-plan.js";
import { bodyName, bodyPossessive, decisionConfirmation } from "./stage-wording.js";
import { readDecisionInput } from "./workflow-input.js";

/**
 * Approve or reject, as two radio buttons: both choices stay in view, unlike a drop-down. A problem
 * shows under the legend; the summary links to the first choice, as GOV.UK's radios do.
 */
function DecisionChoice() {
  const id = useId();
  const error = useFieldProblem({ id: `${id}-approve`, name: "decision", label: "Decision" });
  const described = error ? `${id}-error` : undefined;
  return (
    <fieldset aria-describedby={described}>
      <legend>Decision</legend>
      <FieldError id={id} error={error} />
      <div class="field checkbox">
        <input id={`${id}-approve`} type="radio" name="decision" value="approve" required aria-invalid={error ? true : undefined} />
        <label for={`${id}-approve`}>Approve this version</label>
      </div>
      <div class="field checkbox">
        <input id={`${id}-reject`} type="radio" name="decision" value="reject" required aria-invalid={error ? true : undefined} />
        <label for={`${id}-reject`}>Reject it (changes requested)</label>
      </div>
    </fieldset>
  );
}

/**
 * The form a representative fills in after the body's meeting: approve or reject, the reason, the
 * meeting's date and reference (minutes, agenda item, resolution), and the vote if it was counted.
 * The record is public, so the hints say what readers will check it against.
 */
export function DecisionForm(props: { proposal: ProposalView; bodyId: string; onRecorded: (message: string) => void }) {
  const { proposal, bodyId } = props;
  const recording = useAction();
  const confirmation = useConfirmation();
  const name = bodyName(proposal, bodyId);
  const headingId = useId();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const read = readDecisionInput(bodyId, {
      decision: textOf(form, "decision"),
      reason: textOf(form, "reason"),
      meetingDate: textOf(form, "meetingDate"),
      meetingReference: textOf(form, "meetingReference"),
      votesFor: textOf(form, "voteTally/for"),
      votesAgainst: textOf(form, "voteTally/against"),
      votesAbstain: textOf(form, "voteTally/abstain"),
    });
    if (!read.ok) {
      // Shown beside their fields, as the server's own refusals are.
      void recording.run(async () => {
        throw new FieldProblems(read.problems);
      });
      return;
    }
    const input = read.input;
    const rejecting = input.kind === "record_decision" && input.decision === "reject";
    const verb = rejecting ? "rejection" : "approval";
    const record = () =>
      void recording.run(async () => {
        await workflowApi.act(proposal.id, input);
        props.onRecorded(`${bodyPossessive(name)} ${verb} of version ${proposal.versionNumber} was recorded.`);
      });
    // Every decision is confirmed first: it cannot be undone, so the dialog repeats the body and the
    // exact text (version and full content hash) it binds to, and says what will happen next (a rejection
    // sends the proposal back; the last approval, as the server says, approves the version).
    const next = rejecting
      ? "The proposal goes back to the working group with changes requested, and your reason is shown to everyone."
      : (consequenceOf(proposal.myActions, { kind: "record_decision", bodyId }) ?? "");
    confirmation.ask({
      title: `Record ${bodyPossessive(name, false)} ${verb} of version ${proposal.versionNumber}?`,
      consequence: decisionConfirmation(name, verb, proposal, next),
      confirmLabel: `Record the ${verb}`,
      run: record,
    });
  }

  return (
    <form class="stack decision-form" aria-labelledby={headingId} onSubmit={submit}>
      <ProblemsBesideFields error={recording.error}>
        <h2 id={headingId}>Record {bodyPossessive(name, false)} decision</h2>
        <p class="hint">
          On version {proposal.versionNumber}, content hash <code>{proposal.contentHash.slice(0, 12)}…</code>. A body decides once per
          proposal; the decision is part of the public record.
        </p>
        <DecisionChoice />
        <TextField label="Reason" name="reason" required multiline maxLength={4000} hint="As the meeting recorded it." />
        <TextField label="Meeting date" name="meetingDate" type="date" required />
        <TextField
          label="Meeting reference"
          name="meetingReference"
          required
          maxLength={200}
          hint="Minutes, agenda item or resolution number, so anyone can check the record."
        />
        <fieldset>
          <legend>
            Vote <span class="optional">(optional)</span>
          </legend>
          <p class="hint">Give all three counts, or none.</p>
          <div class="tally-fields">
            {/* Named as the request names them, so the server's problems with a count show beside it too. */}
            <TextField label="For" name="voteTally/for" inputMode="numeric" pattern="[0-9]*" maxLength={6} />
            <TextField label="Against" name="voteTally/against" inputMode="numeric" pattern="[0-9]*" maxLength={6} />
            <TextField label="Abstaining" name="voteTally/abstain" inputMode="numeric" pattern="[0-9]*" maxLength={6} />
          </div>
        </fieldset>
        <ActionFeedback action={recording} />
        {confirmation.dialog}
        <button type="submit" disabled={recording.pending}>
          Record the decision
        </button>
      </ProblemsBesideFields>
    </form>
  );
}

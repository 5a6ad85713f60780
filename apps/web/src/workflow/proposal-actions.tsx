import type { ProposalActionInput, ProposalView } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useConfirmation } from "../components/confirm-dialog.js";
import { ErrorMessage } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { FieldProblems } from "../components/field-problems.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";
import { paths } from "../paths.js";
import { workflowApi } from "../workflow-api.js";
import { consequenceOf, type ActionPlan } from "./action-plan.js";
import { SectionPositionForm } from "./section-position-form.js";
import { bodyName, bodyPossessive } from "./stage-wording.js";
import { readRequiredDate } from "./workflow-input.js";

/** Which of the action forms is open; only one at a time, so the page does not grow a stack of forms. */
type OpenForm = "none" | "object" | "position" | "publish";

/** What each action says once the server has accepted it. */
function successNotice(input: ProposalActionInput, versionNumber: number): string {
  switch (input.kind) {
    case "sign_off":
      return `You signed off on version ${versionNumber}.`;
    case "withdraw_sign_off":
      return "Your sign-off was withdrawn.";
    case "object":
      return "Your objection was recorded. It blocks the sign-off until it is withdrawn or overruled.";
    case "set_section_position":
      return `Your position on section ${input.section} was recorded.`;
    case "withdraw_section_position":
      return `Your position on section ${input.section} was withdrawn.`;
    case "publish":
      return `Version ${versionNumber} is published, effective ${input.effectiveDate}.`;
    default:
      return "Done.";
  }
}

/**
 * The buttons and forms for exactly the actions the server lists in `myActions`: Sign off, Withdraw
 * sign-off, Object (with a reason), Position on a section, Publish (with an effective date), and for a
 * representative a link to the decision screen, where the body's decision is recorded beside the text.
 * One feedback line serves them all; it stays while the buttons change, and takes focus after a success
 * so a keyboard user is not left on a button that has just disappeared.
 */
export function ProposalActions(props: { proposal: ProposalView; plan: ActionPlan; onChanged: () => void }) {
  const { proposal, plan } = props;
  const acting = useAction();
  const [open, setOpen] = useState<OpenForm>("none");
  const status = useRef<HTMLParagraphElement>(null);
  const [succeeded, setSucceeded] = useState(0);
  const confirmation = useConfirmation();

  useEffect(() => {
    if (succeeded > 0) status.current?.focus();
  }, [succeeded]);

  async function act(input: ProposalActionInput): Promise<boolean> {
    const done = await acting.run(async () => {
      const { effects } = await workflowApi.actWithEffects(proposal.id, input);
      props.onChanged();
      // What the action did besides itself (my sign-off replaced, the next stage) is said with it.
      return [successNotice(input, proposal.versionNumber), ...effects.map((effect) => effect.message)].join(" ");
    });
    if (done) {
      setOpen("none");
      setSucceeded((count) => count + 1);
    }
    return done;
  }

  function toggle(form: OpenForm) {
    acting.clear();
    setOpen((current) => (current === form ? "none" : form));
  }

  // A problem found before sending is shown beside its field, as the server's refusals are.
  const refuse = (field: string, problem: string) =>
    void acting.run(async () => {
      throw new FieldProblems({ [field]: problem });
    });

  /** Signs off, first asking for confirmation when this sign-off moves the proposal on (the server says so). */
  function signOff() {
    const consequence = consequenceOf(proposal.myActions, { kind: "sign_off" });
    if (!consequence) return void act({ kind: "sign_off" });
    confirmation.ask({
      title: `Sign off on version ${proposal.versionNumber}?`,
      consequence,
      confirmLabel: `Sign off on version ${proposal.versionNumber}`,
      run: () => void act({ kind: "sign_off" }),
    });
  }

  async function submitObjection(event: TargetedSubmitEvent<HTMLFormElement>) {
    const reason = textOf(takeForm(event), "reason");
    if (reason === "") return refuse("reason", "Say what you object to and why.");
    await act({ kind: "object", reason });
  }

  async function submitPublication(event: TargetedSubmitEvent<HTMLFormElement>) {
    const read = readRequiredDate(textOf(takeForm(event), "effectiveDate"), "effective date");
    if (!read.ok) return refuse("effectiveDate", read.problem);
    await act({ kind: "publish", effectiveDate: read.input });
  }

  const anything =
    plan.signOff || plan.withdrawSignOff || plan.object || plan.sectionPosition || plan.publish || plan.decisionBodyIds.length > 0;
  if (!anything && !acting.notice && !acting.error) return null;

  return (
    <div class="proposal-actions" role="group" aria-label={`What you can do on version ${proposal.versionNumber}`}>
      <ProblemsBesideFields error={acting.error}>
        <div class="row-actions">
          {plan.signOff && (
            <button type="button" disabled={acting.pending} onClick={signOff}>
              Sign off on version {proposal.versionNumber}
            </button>
          )}
          {plan.withdrawSignOff && (
            <button type="button" class="button-quiet" disabled={acting.pending} onClick={() => act({ kind: "withdraw_sign_off" })}>
              Withdraw my sign-off
            </button>
          )}
          {plan.object && (
            <button type="button" class="button-quiet" aria-expanded={open === "object"} onClick={() => toggle("object")}>
              Object to version {proposal.versionNumber}
            </button>
          )}
          {plan.sectionPosition && (
            <button type="button" class="button-quiet" aria-expanded={open === "position"} onClick={() => toggle("position")}>
              Position on a section
            </button>
          )}
          {plan.publish && (
            <button type="button" aria-expanded={open === "publish"} onClick={() => toggle("publish")}>
              Publish version {proposal.versionNumber}…
            </button>
          )}
          {plan.decisionBodyIds.map((bodyId) => (
            <a key={bodyId} class="button-link" href={paths.decision(proposal.policyId, proposal.id)}>
              Review and record {bodyPossessive(bodyName(proposal, bodyId), false)} decision
            </a>
          ))}
        </div>

        {!plan.signOff && plan.withdrawableObjectionIds.length > 0 && (
          <p class="hint">To sign off, first withdraw your open objection below: one person cannot both object and sign off.</p>
        )}
        {open === "object" && plan.object && (
          <form class="stack inline-panel" aria-label="Your objection" onSubmit={submitObjection}>
            <TextField
              label="Your objection"
              name="reason"
              required
              multiline
              maxLength={4000}
              hint={
                plan.withdrawSignOff
                  ? "What must change before you can sign off. Raising an objection withdraws your sign-off, and an open objection blocks the sign-off rule."
                  : "What must change before you can sign off. An open objection blocks the sign-off rule."
              }
            />
            <div class="row-actions">
              <button type="submit" disabled={acting.pending}>
                Raise the objection
              </button>
              <button type="button" class="button-quiet" onClick={() => setOpen("none")}>
                Cancel
              </button>
            </div>
          </form>
        )}
        {open === "position" && plan.sectionPosition && (
          <SectionPositionForm
            policyId={proposal.policyId}
            versionNumber={proposal.versionNumber}
            pending={acting.pending}
            onSubmit={act}
            onCancel={() => setOpen("none")}
          />
        )}
        {open === "publish" && plan.publish && (
          <form class="stack inline-panel" aria-label={`Publish version ${proposal.versionNumber}`} onSubmit={submitPublication}>
            <TextField
              label="Effective date"
              name="effectiveDate"
              type="date"
              required
              hint="The day from which the policy applies. Publishing makes this version public and supersedes the one in force."
            />
            <div class="row-actions">
              <button type="submit" disabled={acting.pending}>
                Publish version {proposal.versionNumber}
              </button>
              <button type="button" class="button-quiet" onClick={() => setOpen("none")}>
                Cancel
              </button>
            </div>
          </form>
        )}
        <ErrorMessage error={acting.error} />
        {confirmation.dialog}
        <p class="notice" role="status" tabIndex={-1} ref={status}>
          {acting.notice}
        </p>
      </ProblemsBesideFields>
    </div>
  );
}

import type { Objection, ProposalView } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { useConfirmation } from "../components/confirm-dialog.js";
import { ActionFeedback } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { FieldProblems } from "../components/field-problems.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";
import { formatVersionTime } from "../versions/version-format.js";
import { workflowApi } from "../workflow-api.js";
import { consequenceOf, type ActionPlan } from "./action-plan.js";
import { Subheading, type SubheadingLevel } from "./proposal-record.js";
import { personName } from "./stage-wording.js";

const statusLabels: Record<Objection["status"], string> = { open: "Open", withdrawn: "Withdrawn", overruled: "Overruled" };

/**
 * The author's Withdraw and the facilitator's Overrule (with a reason) for one open objection. Each has
 * its own feedback, so a refusal shows beside the objection it is about; success shows as the
 * objection's new status once the record reloads.
 */
function ObjectionControls(props: {
  proposalId: string;
  objection: Objection;
  authorName: string;
  plan: ActionPlan;
  actions: ProposalView["myActions"];
  onChanged: () => void;
}) {
  const { objection, plan } = props;
  const acting = useAction();
  const [overruling, setOverruling] = useState(false);
  const confirmation = useConfirmation();
  const mayWithdraw = plan.withdrawableObjectionIds.includes(objection.id);
  const mayOverrule = plan.overrulableObjectionIds.includes(objection.id);
  if (!mayWithdraw && !mayOverrule) return null;

  const sendWithdrawal = () =>
    acting.run(async () => {
      await workflowApi.act(props.proposalId, { kind: "withdraw_objection", objectionId: objection.id });
      props.onChanged();
    });
  // Withdrawing or overruling the last open objection can move the proposal on: ask first, saying what follows.
  const withdraw = () => {
    const consequence = consequenceOf(props.actions, { kind: "withdraw_objection", objectionId: objection.id });
    if (!consequence) return void sendWithdrawal();
    confirmation.ask({
      title: "Withdraw your objection?",
      consequence,
      confirmLabel: "Withdraw my objection",
      run: () => void sendWithdrawal(),
    });
  };

  async function overrule(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const reason = textOf(form, "reason");
    const send = async () => {
      const done = await acting.run(async () => {
        if (reason === "") {
          throw new FieldProblems({ reason: "Say why the objection is overruled; the working group and the public will read it." });
        }
        await workflowApi.act(props.proposalId, { kind: "overrule_objection", objectionId: objection.id, reason });
        props.onChanged();
      });
      if (done) setOverruling(false);
    };
    const consequence = reason === "" ? undefined : consequenceOf(props.actions, { kind: "overrule_objection", objectionId: objection.id });
    if (!consequence) return send();
    confirmation.ask({
      title: `Overrule the objection by ${props.authorName}?`,
      consequence,
      confirmLabel: "Overrule the objection",
      run: () => void send(),
    });
  }

  return (
    <div class="objection-controls">
      <ProblemsBesideFields error={acting.error}>
        <div class="row-actions">
          {mayWithdraw && (
            <button type="button" class="button-quiet" disabled={acting.pending} onClick={withdraw}>
              Withdraw my objection
            </button>
          )}
          {mayOverrule && !overruling && (
            <button type="button" class="button-quiet" onClick={() => setOverruling(true)}>
              Overrule<span class="visually-hidden"> the objection by {props.authorName}</span>
            </button>
          )}
        </div>
        {overruling && (
          <form class="stack inline-panel" aria-label={`Overrule the objection by ${props.authorName}`} onSubmit={overrule}>
            <TextField label="Why it is overruled" name="reason" required multiline maxLength={4000} />
            <div class="row-actions">
              <button type="submit" disabled={acting.pending}>
                Overrule the objection
              </button>
              <button type="button" class="button-quiet" onClick={() => setOverruling(false)}>
                Cancel
              </button>
            </div>
          </form>
        )}
        <ActionFeedback action={acting} />
        {confirmation.dialog}
      </ProblemsBesideFields>
    </div>
  );
}

/** The proposal's objections, open ones first in effect (they block the rule), each with who, when, why. */
export function ObjectionList(props: { proposal: ProposalView; plan: ActionPlan; level: SubheadingLevel; onChanged: () => void }) {
  const { proposal } = props;
  if (proposal.objections.length === 0) return null;
  return (
    <div class="record-part">
      <Subheading level={props.level}>Objections</Subheading>
      <ul class="objection-list">
        {proposal.objections.map((objection) => (
          <li key={objection.id} class={`objection objection-${objection.status}`}>
            <p class="objection-head">
              <span class={`status objection-status-${objection.status}`}>{statusLabels[objection.status]}</span>{" "}
              <strong>{personName(proposal.names, objection.authorId)}</strong>,{" "}
              <time dateTime={objection.raisedAt}>{formatVersionTime(objection.raisedAt)}</time>
            </p>
            <p class="version-note">{objection.reason}</p>
            {objection.withdrewSignOffGivenAt && (
              <p class="secondary">
                Raising it withdrew {personName(proposal.names, objection.authorId)}'s sign-off of{" "}
                {formatVersionTime(objection.withdrewSignOffGivenAt)}.
              </p>
            )}
            {objection.status !== "open" && objection.closedBy && (
              <p class="secondary">
                {objection.status === "withdrawn" ? "Withdrawn" : "Overruled"} by {personName(proposal.names, objection.closedBy)}
                {objection.closedAt && <> on {formatVersionTime(objection.closedAt)}</>}
                {objection.closingReason && <>: {objection.closingReason}</>}
              </p>
            )}
            {objection.status === "open" && (
              <ObjectionControls
                proposalId={proposal.id}
                objection={objection}
                authorName={personName(proposal.names, objection.authorId)}
                plan={props.plan}
                actions={proposal.myActions}
                onChanged={props.onChanged}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

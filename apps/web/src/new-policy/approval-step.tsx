import type { ApprovingBody } from "@accord/api-contract";
import type { SignOffRule } from "@accord/domain";
import type { TargetedSubmitEvent } from "preact";
import { signOffRuleChoices } from "../components/choices.js";
import { checkedValues, takeForm, textOf } from "../components/form-values.js";
import { paths } from "../paths.js";
import type { NewPolicyAnswers } from "./answers.js";

/** Step 3: which approving bodies must approve the policy, and the working group's sign-off rule. */
export function ApprovalStep(props: {
  answers: NewPolicyAnswers;
  bodies: readonly ApprovingBody[];
  onNext: (changes: Partial<NewPolicyAnswers>) => void;
}) {
  function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    props.onNext({ requiredBodyIds: checkedValues(form, "bodyId"), signOffRule: textOf(form, "signOffRule") as SignOffRule });
  }

  return (
    <form class="stack" onSubmit={submit}>
      <fieldset>
        <legend>Approving bodies: each body ticked must approve a version before it can be published.</legend>
        {props.bodies.length === 0 ? (
          <p>
            There are no approving bodies yet; you can add them later. <a href={paths.bodies}>Create one</a>.
          </p>
        ) : (
          props.bodies.map((body) => (
            <div class="field checkbox" key={body.id}>
              <input
                id={`body-${body.id}`}
                type="checkbox"
                name="bodyId"
                value={body.id}
                defaultChecked={props.answers.requiredBodyIds.includes(body.id)}
              />
              <label for={`body-${body.id}`}>{body.name}</label>
            </div>
          ))
        )}
      </fieldset>
      <fieldset>
        <legend>Sign-off rule: what the working group must do before a proposed version goes to the approving bodies.</legend>
        {signOffRuleChoices.map(([value, label]) => (
          <div class="field checkbox" key={value}>
            <input
              id={`rule-${value}`}
              type="radio"
              name="signOffRule"
              value={value}
              defaultChecked={props.answers.signOffRule === value}
            />
            <label for={`rule-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit">Continue</button>
    </form>
  );
}

import type { PolicyDetail } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { api } from "../api.js";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { CheckboxField } from "../components/fields.js";
import { checkedValues, takeForm } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";

/** The facilitator's choice of which approving bodies must approve this policy. */
export function RequiredBodiesForm(props: { policy: PolicyDetail; onSaved: () => void }) {
  const { policy } = props;
  const [bodies] = useResource((signal) => api.listBodies(signal), []);
  const saving = useAction();
  const required = new Set(policy.requiredBodies.map((body) => body.id));

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const bodyIds = checkedValues(form, "bodyId");
    await saving.run(async () => {
      const saved = await api.setRequiredBodies(policy.id, bodyIds);
      props.onSaved();
      return saved.length === 0 ? "No approving body is required now." : `Required now: ${saved.map((body) => body.name).join(", ")}.`;
    });
  }

  return (
    <section class="panel" aria-labelledby="required-bodies-heading">
      <h2 id="required-bodies-heading">Required approving bodies</h2>
      <Loaded resource={bodies} what="the approving bodies">
        {(list) =>
          list.length === 0 ? (
            <p>
              There are no approving bodies yet. <a href={paths.bodies}>Create one</a> first.
            </p>
          ) : (
            <form class="stack" onSubmit={submit}>
              <ProblemsBesideFields error={saving.error}>
                <fieldset>
                  <legend>Each body ticked here must approve a version before it can be published.</legend>
                  {list.map((body) => (
                    <CheckboxField key={body.id} label={body.name} name="bodyId" value={body.id} defaultChecked={required.has(body.id)} />
                  ))}
                </fieldset>
                <ActionFeedback action={saving} />
                <button type="submit" disabled={saving.pending}>
                  Save required bodies
                </button>
              </ProblemsBesideFields>
            </form>
          )
        }
      </Loaded>
    </section>
  );
}

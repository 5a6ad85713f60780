import type { TargetedSubmitEvent } from "preact";
import { slugMaxLength, slugPattern } from "@accord/domain";
import { api } from "../api.js";
import { ActionFeedback } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";

/** The facilitator's form to start a policy: title, optional slug (derived from the title when empty), summary. */
export function NewPolicyForm(props: { onCreated: () => void }) {
  const creating = useAction();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const title = textOf(form, "title");
    const slug = textOf(form, "slug");
    const summary = textOf(form, "summary");
    await creating.run(async () => {
      const policy = await api.createPolicy({ title, ...(slug ? { slug } : {}), ...(summary ? { summary } : {}) });
      form.reset();
      props.onCreated();
      return `Created “${policy.title}”. It is now in the list above.`;
    });
  }

  return (
    <section class="panel" aria-labelledby="new-policy-heading">
      <h2 id="new-policy-heading">New policy</h2>
      <form class="stack" onSubmit={submit}>
        <TextField label="Title" name="title" required maxLength={200} />
        <TextField
          label="Slug"
          name="slug"
          required={false}
          maxLength={slugMaxLength}
          pattern={slugPattern}
          hint="Used in the public address /policies/slug. Lowercase letters, digits and single hyphens. Left empty, it is made from the title."
        />
        <TextField label="Summary" name="summary" required={false} multiline maxLength={2000} />
        <ActionFeedback action={creating} />
        <button type="submit" disabled={creating.pending}>
          Create policy
        </button>
      </form>
    </section>
  );
}

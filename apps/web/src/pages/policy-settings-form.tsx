import type { Policy } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { slugMaxLength, slugPattern, type SignOffRule } from "@accord/domain";
import { api } from "../api.js";
import { signOffRuleChoices } from "../components/choices.js";
import { ActionFeedback } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { SelectField, TextField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";

/** The facilitator's form for a policy's title, slug, summary and sign-off rule. Only changed fields are sent. */
export function PolicySettingsForm(props: { policy: Policy; onSaved: () => void }) {
  const { policy } = props;
  const saving = useAction();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const changes: { title?: string; slug?: string; summary?: string; signOffRule?: SignOffRule } = {};
    const title = textOf(form, "title");
    const slug = textOf(form, "slug");
    const summary = textOf(form, "summary");
    const signOffRule = textOf(form, "signOffRule") as SignOffRule;
    if (title !== policy.title) changes.title = title;
    if (slug !== policy.slug) changes.slug = slug;
    if (summary !== policy.summary) changes.summary = summary;
    if (signOffRule !== policy.signOffRule) changes.signOffRule = signOffRule;
    await saving.run(async () => {
      if (Object.keys(changes).length === 0) return "Nothing was changed.";
      await api.updatePolicy(policy.id, changes);
      props.onSaved();
      return "The policy settings were saved.";
    });
  }

  return (
    <section class="panel" aria-labelledby="policy-settings-heading">
      <h2 id="policy-settings-heading">Policy settings</h2>
      <form class="stack" onSubmit={submit}>
        <ProblemsBesideFields error={saving.error}>
          <TextField label="Title" name="title" required maxLength={200} defaultValue={policy.title} />
          <TextField
            label="Slug"
            name="slug"
            required
            maxLength={slugMaxLength}
            pattern={slugPattern}
            defaultValue={policy.slug}
            hint="Used in the public address /policies/slug. Lowercase letters, digits and single hyphens."
          />
          <TextField label="Summary" name="summary" required={false} multiline maxLength={2000} defaultValue={policy.summary} />
          <SelectField
            label="Sign-off rule"
            name="signOffRule"
            required
            options={signOffRuleChoices}
            defaultValue={policy.signOffRule}
            hint="What the working group must do before a proposed version goes to the approving bodies."
          />
          <ActionFeedback action={saving} />
          <button type="submit" disabled={saving.pending}>
            Save settings
          </button>
        </ProblemsBesideFields>
      </form>
    </section>
  );
}

import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { slugMaxLength, slugPattern } from "@accord/domain";
import { takeForm, textOf } from "../components/form-values.js";
import type { NewPolicyAnswers } from "./answers.js";
import { ErrorSummary, type Problem } from "./error-summary.js";

/** Step 1: the policy's title, slug and summary. */
export function DetailsStep(props: { answers: NewPolicyAnswers; onNext: (changes: Partial<NewPolicyAnswers>) => void }) {
  const [problems, setProblems] = useState<Problem[]>([]);

  function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const title = textOf(form, "title");
    const slug = textOf(form, "slug");
    const found: Problem[] = [];
    if (!title) found.push({ fieldId: "new-policy-title", message: "Enter the policy's title" });
    if (slug && !new RegExp(`^(?:${slugPattern})$`).test(slug)) {
      found.push({ fieldId: "new-policy-slug", message: "Use only lowercase letters, digits and single hyphens in the slug" });
    }
    setProblems(found);
    if (found.length === 0) props.onNext({ title, slug, summary: textOf(form, "summary") });
  }

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} />
      <div class="field">
        <label for="new-policy-title">Title</label>
        <input id="new-policy-title" name="title" type="text" maxLength={200} defaultValue={props.answers.title} autoComplete="off" />
      </div>
      <div class="field">
        <label for="new-policy-slug">
          Slug<span class="optional"> (optional)</span>
        </label>
        <p class="hint" id="new-policy-slug-hint">
          Used in the public address /policies/slug. Lowercase letters, digits and single hyphens. Left empty, it is made from the title.
        </p>
        <input
          id="new-policy-slug"
          name="slug"
          type="text"
          maxLength={slugMaxLength}
          defaultValue={props.answers.slug}
          aria-describedby="new-policy-slug-hint"
          autoComplete="off"
        />
      </div>
      <div class="field">
        <label for="new-policy-summary">
          Summary<span class="optional"> (optional)</span>
        </label>
        <textarea id="new-policy-summary" name="summary" rows={4} maxLength={2000} defaultValue={props.answers.summary} />
      </div>
      <button type="submit">Continue</button>
    </form>
  );
}

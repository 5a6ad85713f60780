import type { Account, ApprovingBody, Representative } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useId } from "preact/hooks";
import { api } from "../api.js";
import { ActionFeedback } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { SelectField, TextField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";

/** One representative with a button to remove them from the body. */
function RepresentativeItem(props: { body: ApprovingBody; representative: Representative; onChanged: () => void }) {
  const { representative } = props;
  const removing = useAction();
  return (
    <li class="representative">
      <span>
        {representative.displayName} <span class="secondary">{representative.email}</span>
      </span>
      <button
        type="button"
        class="button-danger"
        disabled={removing.pending}
        onClick={() =>
          removing.run(async () => {
            await api.removeRepresentative(props.body.id, representative.userId);
            props.onChanged();
          })
        }
      >
        Remove
        <span class="visually-hidden">
          {" "}
          {representative.displayName} from {props.body.name}
        </span>
      </button>
      <ActionFeedback action={removing} />
    </li>
  );
}

/** One approving body: rename it, describe it, and choose who represents it. */
export function BodyCard(props: { body: ApprovingBody; accounts: Account[]; onChanged: () => void }) {
  const { body } = props;
  const headingId = useId();
  const renaming = useAction();
  const addingRepresentative = useAction();
  const representativeIds = new Set(body.representatives.map((representative) => representative.userId));
  const candidates = props.accounts.filter((account) => !representativeIds.has(account.id));

  async function rename(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const name = textOf(form, "name");
    const description = textOf(form, "description");
    const changes: { name?: string; description?: string } = {};
    if (name !== body.name) changes.name = name;
    if (description !== body.description) changes.description = description;
    await renaming.run(async () => {
      if (Object.keys(changes).length === 0) return "Nothing was changed.";
      await api.updateBody(body.id, changes);
      props.onChanged();
      return "Saved.";
    });
  }

  async function addRepresentative(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const userId = textOf(form, "userId");
    await addingRepresentative.run(async () => {
      const updated = await api.addRepresentative(body.id, userId);
      form.reset();
      props.onChanged();
      const added = updated.representatives.find((representative) => representative.userId === userId);
      return `${added?.displayName ?? "The person"} now represents ${updated.name}.`;
    });
  }

  return (
    <li class="card">
      <h2 id={headingId} class="card-title">
        {body.name}
      </h2>
      {body.description && <p class="summary">{body.description}</p>}

      <h3>Representatives</h3>
      {body.representatives.length === 0 ? (
        <p>Nobody represents this body yet.</p>
      ) : (
        <ul class="plain-list">
          {body.representatives.map((representative) => (
            <RepresentativeItem key={representative.userId} body={body} representative={representative} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <form class="inline-form" onSubmit={addRepresentative}>
          <ProblemsBesideFields error={addingRepresentative.error}>
            <SelectField
              label={`Add a representative of ${body.name}`}
              name="userId"
              required
              placeholder="Choose a person"
              options={candidates.map((account) => [account.id, `${account.displayName} (${account.email})`] as const)}
            />
            <button type="submit" disabled={addingRepresentative.pending}>
              Add representative<span class="visually-hidden"> to {body.name}</span>
            </button>
            <ActionFeedback action={addingRepresentative} />
          </ProblemsBesideFields>
        </form>
      )}

      <details>
        <summary>Rename or describe {body.name}</summary>
        <form class="stack" onSubmit={rename}>
          <ProblemsBesideFields error={renaming.error}>
            <TextField label="Name" name="name" required maxLength={200} defaultValue={body.name} />
            <TextField label="Description" name="description" required={false} multiline maxLength={2000} defaultValue={body.description} />
            <ActionFeedback action={renaming} />
            <button type="submit" disabled={renaming.pending}>
              Save body
            </button>
          </ProblemsBesideFields>
        </form>
      </details>
    </li>
  );
}

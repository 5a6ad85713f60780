import type { Account } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { api } from "../api.js";
import { ActionFeedback, ErrorMessage, Loaded } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { TextField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { FacilitatorsOnly } from "../components/require-account.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { useAccount } from "../session.js";
import { BodyCard } from "./body-card.js";

/** The form to define a new approving body. */
function NewBodyForm(props: { onCreated: () => void }) {
  const creating = useAction();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const name = textOf(form, "name");
    const description = textOf(form, "description");
    await creating.run(async () => {
      const body = await api.createBody({ name, ...(description ? { description } : {}) });
      form.reset();
      props.onCreated();
      return `Created “${body.name}”. Add its representatives in the list above.`;
    });
  }

  return (
    <section class="panel" aria-labelledby="new-body-heading">
      <h2 id="new-body-heading">New approving body</h2>
      <form class="stack" onSubmit={submit}>
        <ProblemsBesideFields error={creating.error}>
          <TextField label="Name" name="name" required maxLength={200} hint="For example: Board of Police Commissioners." />
          <TextField label="Description" name="description" required={false} multiline maxLength={2000} />
          <ActionFeedback action={creating} />
          <button type="submit" disabled={creating.pending}>
            Create body
          </button>
        </ProblemsBesideFields>
      </form>
    </section>
  );
}

/** Loads the bodies and the accounts that may represent them. Rendered for facilitators only. */
function BodiesManager() {
  const [bodies, reload] = useResource((signal) => api.listBodies(signal), []);
  const [accounts] = useResource((signal) => api.listAccounts(signal), []);
  const activeAccounts: Account[] = accounts.state === "ready" ? accounts.data.filter((account) => !account.disabled) : [];
  return (
    <>
      {accounts.state === "failed" && <ErrorMessage error={accounts.error} />}
      <Loaded resource={bodies} what="the approving bodies">
        {(list) =>
          list.length === 0 ? (
            <p>There are no approving bodies yet.</p>
          ) : (
            <ul class="card-list">
              {list.map((body) => (
                <BodyCard key={body.id} body={body} accounts={activeAccounts} onChanged={reload} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <NewBodyForm onCreated={reload} />
    </>
  );
}

/** The facilitator's page for approving bodies and the people who speak for them. */
export function BodiesPage() {
  usePageTitle("Approving bodies");
  const account = useAccount();
  if (!account.isFacilitator) return <FacilitatorsOnly title="Approving bodies" action="manage approving bodies" />;
  return (
    <>
      <h1>Approving bodies</h1>
      <p>
        An approving body (a board, a union) must approve a policy before it is published, when the policy requires it. Its representatives
        record its decisions.
      </p>
      <BodiesManager />
    </>
  );
}

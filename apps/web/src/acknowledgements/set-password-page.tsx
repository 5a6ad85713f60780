import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { ActionFeedback } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { passwordOf, takeForm } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { useAction } from "../components/use-action.js";
import { paths } from "../paths.js";
import { acknowledgementsApi } from "./acknowledgements-api.js";

/** Setting a first password with the link the roster mailed (no password is ever mailed). */
export function SetPasswordPage() {
  usePageTitle("Set your password");
  const saving = useAction();
  const [done, setDone] = useState(false);
  const token = new URLSearchParams(location.search).get("token") ?? "";

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const password = passwordOf(form, "password");
    await saving.run(async () => {
      await acknowledgementsApi.setPassword(token, password);
      setDone(true);
    });
  }

  return (
    <>
      <h1>Set your password</h1>
      {done ? (
        <p role="status">
          Your password is set. <a href={paths.login}>Sign in</a>.
        </p>
      ) : !token ? (
        // The in-app notification links here without the key: only the e-mail carries it.
        <p>
          Open this page from the link in the e-mail Accord sent you: only that link can set your password. It works once, for 14 days; if
          it no longer works, ask the facilitator who put you on the roster.
        </p>
      ) : (
        <form class="stack narrow" onSubmit={submit}>
          <TextField
            label="New password"
            name="password"
            type="password"
            required
            autoComplete="new-password"
            minLength={8}
            maxLength={256}
            hint="At least 8 characters."
          />
          <ActionFeedback action={saving} />
          <button type="submit" disabled={saving.pending || !token}>
            Set password
          </button>
        </form>
      )}
    </>
  );
}

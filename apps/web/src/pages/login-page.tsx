import type { TargetedSubmitEvent } from "preact";
import { useEffect } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, ApiError } from "../api.js";
import { ErrorMessage } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { passwordOf, takeForm, textOf } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { useAction } from "../components/use-action.js";
import { afterSignIn } from "../paths.js";
import { useSession } from "../session.js";

/** Adds the wait to a too-many-attempts refusal when the server's message does not already say it. */
function withWait(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.code !== "too_many_attempts" || !error.retryAfterSeconds) return error;
  if (/\d/.test(error.message)) return error;
  const seconds = error.retryAfterSeconds;
  return new ApiError(
    error.code,
    `${error.message} Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`,
    error.status,
    error.fields,
    seconds,
  );
}

/** Sign-in: email and password, then on to the page the person wanted (the policy list by default). */
export function LoginPage() {
  usePageTitle("Sign in");
  const { account, signedIn } = useSession();
  const { query, route } = useLocation();
  const signingIn = useAction();
  const destination = afterSignIn(query["next"]);

  // Someone signed in (already, or just now) has nothing to do here. Replacing the history entry keeps
  // Back from returning to the sign-in form.
  useEffect(() => {
    if (account) route(destination, true);
  }, [account]);

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    await signingIn.run(async () => {
      const signedInAccount = await api.login(textOf(form, "email"), passwordOf(form, "password"));
      signedIn(signedInAccount);
    });
  }

  return (
    <section class="narrow" aria-labelledby="login-heading">
      <h1 id="login-heading">Sign in to Accord</h1>
      <form class="stack" onSubmit={submit}>
        <TextField label="Email" name="email" type="email" autoComplete="username" required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <ErrorMessage error={withWait(signingIn.error)} />
        <button type="submit" disabled={signingIn.pending} aria-busy={signingIn.pending}>
          Sign in
        </button>
      </form>
      <p class="hint">Accounts are created by your facilitator. Ask them if you have forgotten your password.</p>
    </section>
  );
}

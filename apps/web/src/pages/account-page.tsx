import type { TargetedSubmitEvent } from "preact";
import { api, ApiError } from "../api.js";
import { ActionFeedback } from "../components/feedback.js";
import { ProblemsBesideFields } from "../components/form-problems.js";
import { TextField } from "../components/fields.js";
import { passwordOf, takeForm } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { useAction } from "../components/use-action.js";
import { EmailPreferences } from "../notifications/email-preferences.js";
import { useAccount } from "../session.js";

/** The signed-in person's own account: who they are, changing their password, and their e-mail choices. */
export function AccountPage() {
  usePageTitle("My account");
  const account = useAccount();
  const changing = useAction();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const currentPassword = passwordOf(form, "currentPassword");
    const newPassword = passwordOf(form, "newPassword");
    const repeated = passwordOf(form, "repeatPassword");
    await changing.run(async () => {
      if (newPassword !== repeated) {
        throw new ApiError("passwords_differ", "The new password and its repetition differ. Type them again.", 0, [
          { path: "/repeatPassword", message: "must be the same as the new password" },
        ]);
      }
      const { endedSessions } = await api.changePassword(currentPassword, newPassword);
      form.reset();
      const others =
        endedSessions === 0
          ? "You had no other sessions."
          : `${endedSessions} other ${endedSessions === 1 ? "session was" : "sessions were"} signed out.`;
      return `Your password was changed. ${others}`;
    });
  }

  return (
    <>
      <h1>My account</h1>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{account.displayName}</dd>
        <dt>Email</dt>
        <dd>{account.email}</dd>
        <dt>Site role</dt>
        <dd>{account.isFacilitator ? "Facilitator" : "Member"}</dd>
      </dl>
      <section class="panel narrow" aria-labelledby="password-heading">
        <h2 id="password-heading">Change my password</h2>
        <form class="stack" onSubmit={submit}>
          <ProblemsBesideFields error={changing.error}>
            <TextField label="Current password" name="currentPassword" type="password" required autoComplete="current-password" />
            <TextField
              label="New password"
              name="newPassword"
              type="password"
              required
              autoComplete="new-password"
              minLength={8}
              maxLength={256}
              hint="At least 8 characters. Changing it signs you out everywhere else."
            />
            <TextField label="Repeat new password" name="repeatPassword" type="password" required autoComplete="new-password" />
            <ActionFeedback action={changing} />
            <button type="submit" disabled={changing.pending}>
              Change password
            </button>
          </ProblemsBesideFields>
        </form>
      </section>
      <EmailPreferences />
    </>
  );
}

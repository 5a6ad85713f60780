import type { TargetedSubmitEvent } from "preact";
import { useId } from "preact/hooks";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { notificationSettingsApi, type NotificationPreference } from "./notifications-api.js";

/** One kind: a checkbox named by the kind, described by what it is about. */
function KindChoice(props: { preference: NotificationPreference }) {
  const id = useId();
  const { preference } = props;
  return (
    <div class="field checkbox">
      <input
        id={id}
        type="checkbox"
        name="email"
        value={preference.kind}
        defaultChecked={preference.email}
        aria-describedby={`${id}-about`}
      />
      <label for={id}>{preference.label}</label>
      <p id={`${id}-about`} class="hint">
        {preference.description}
      </p>
    </div>
  );
}

/**
 * My e-mail choices per kind of notification. Notifications always show in the app; this only says
 * which of them also come by e-mail. The whole list is saved at once, so what is ticked is what holds.
 */
export function EmailPreferences() {
  const [loaded] = useResource((signal) => notificationSettingsApi.preferences(signal), []);
  const saving = useAction();

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loaded.state !== "ready") return;
    const ticked = new Set(new FormData(event.currentTarget).getAll("email").map(String));
    const email = Object.fromEntries(loaded.data.map((preference) => [preference.kind, ticked.has(preference.kind)]));
    await saving.run(async () => {
      // The boxes already show what was saved: the form is not reloaded, so the notice stays in place.
      const saved = await notificationSettingsApi.setEmail(email);
      const count = saved.filter((preference) => preference.email).length;
      return `Saved. ${count} of ${saved.length} kinds also come by e-mail; all of them show in the app.`;
    });
  }

  return (
    <section class="panel narrow" aria-labelledby="email-preferences-heading">
      <h2 id="email-preferences-heading">E-mail notifications</h2>
      <p>Every notification shows in the app. Choose which also come to you by e-mail, if this site sends e-mail.</p>
      <Loaded resource={loaded} what="your e-mail choices">
        {(preferences) => (
          <form class="stack" onSubmit={submit}>
            <fieldset>
              <legend>Also e-mail me when</legend>
              {preferences.map((preference) => (
                <KindChoice key={preference.kind} preference={preference} />
              ))}
            </fieldset>
            <ActionFeedback action={saving} />
            <button type="submit" disabled={saving.pending}>
              Save e-mail choices
            </button>
          </form>
        )}
      </Loaded>
    </section>
  );
}

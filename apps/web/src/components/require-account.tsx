import type { ComponentType } from "preact";
import { useEffect } from "preact/hooks";
import { useLocation } from "preact-iso";
import { paths } from "../paths.js";
import { useSession } from "../session.js";

/**
 * Wraps a page that needs a signed-in person. While the session is being checked it says so; with no
 * session it sends the person to sign in and back here afterwards.
 */
export function requireAccount<Props extends object>(Page: ComponentType<Props>): ComponentType<Props> {
  function SignedInPage(props: Props) {
    const { account } = useSession();
    const { url, route } = useLocation();
    useEffect(() => {
      if (account === null) route(`${paths.login}?next=${encodeURIComponent(url)}`, true);
    }, [account, url]);

    if (account === undefined) {
      return (
        <p class="loading" role="status">
          Checking your session…
        </p>
      );
    }
    if (account === null) return null;
    return <Page {...props} />;
  }
  SignedInPage.displayName = `requireAccount(${Page.displayName ?? Page.name})`;
  return SignedInPage;
}

/** Shown instead of a facilitator's page to anyone else; the server would refuse them anyway. */
export function FacilitatorsOnly(props: { title: string; action: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>Only a facilitator can {props.action}. Ask your facilitator if something here needs changing.</p>
    </>
  );
}

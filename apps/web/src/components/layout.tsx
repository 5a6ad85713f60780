import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import { appBase, paths } from "../paths.js";
import { useSession } from "../session.js";
import { NotificationsBell } from "../workflow/notifications-bell.js";
import { ErrorMessage } from "./feedback.js";
import { useAction } from "./use-action.js";

/** One link of the main navigation, marked as the current page when it is. */
function NavLink(props: { href: string; current: boolean; children: ComponentChildren }) {
  return (
    <li>
      <a href={props.href} aria-current={props.current ? "page" : undefined}>
        {props.children}
      </a>
    </li>
  );
}

/** The page frame: skip link, header with navigation and the signed-in person, and the main region. */
export function Layout(props: { children: ComponentChildren }) {
  const { account, signOut } = useSession();
  const { path } = useLocation();
  const signingOut = useAction();

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="site-header">
        <div class="header-bar">
          <a class="brand" href={paths.policies}>
            Accord
          </a>
          {account && (
            <div class="who">
              <NotificationsBell />
              <span class="who-name">{account.displayName}</span>
              <button type="button" class="button-quiet" disabled={signingOut.pending} onClick={() => signingOut.run(signOut)}>
                Sign out
              </button>
            </div>
          )}
        </div>
        {account && (
          <nav aria-label="Main">
            <ul class="nav-list">
              <NavLink href={paths.policies} current={path === appBase || path.startsWith(`${appBase}/policies`)}>
                My policies
              </NavLink>
              {account.isFacilitator && (
                <>
                  <NavLink href={paths.people} current={path === paths.people}>
                    People
                  </NavLink>
                  <NavLink href={paths.bodies} current={path === paths.bodies}>
                    Approving bodies
                  </NavLink>
                </>
              )}
              <NavLink href={paths.toAcknowledge} current={path.startsWith(paths.toAcknowledge)}>
                To acknowledge
              </NavLink>
              {account.isFacilitator && (
                <>
                  <NavLink href={paths.roster} current={path === paths.roster}>
                    Roster
                  </NavLink>
                  <NavLink href={paths.acknowledgementReports} current={path === paths.acknowledgementReports}>
                    Acknowledgements
                  </NavLink>
                </>
              )}
              <NavLink href={paths.account} current={path === paths.account}>
                My account
              </NavLink>
            </ul>
          </nav>
        )}
        <ErrorMessage error={signingOut.error} />
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <footer class="site-footer">
        <p>
          Published policies are public: <a href="/policies">read them without signing in</a>.
        </p>
      </footer>
    </>
  );
}

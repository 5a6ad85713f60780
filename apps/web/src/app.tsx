import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { lazy, LocationProvider, Route, Router, useLocation } from "preact-iso";
import { api, ApiError, onUnauthenticated } from "./api.js";
import { ErrorMessage } from "./components/feedback.js";
import { Layout } from "./components/layout.js";
import { requireAccount } from "./components/require-account.js";
import { AccountPage } from "./pages/account-page.js";
import { BodiesPage } from "./pages/bodies-page.js";
import { ComparePage } from "./pages/compare-page.js";
import { DecisionPage } from "./pages/decision-page.js";
import { LoginPage } from "./pages/login-page.js";
import { MembersPage } from "./pages/members-page.js";
import { NewPolicyPage } from "./pages/new-policy-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { PeoplePage } from "./pages/people-page.js";
import { PolicyListPage } from "./pages/policy-list-page.js";
import { CommentPeriodPage } from "./comment-periods/comment-period-page.js";
import { samePolicyPage } from "./pages/workspace-address.js";
import { appScope, paths, routes, signInReturningHere, worksSignedOut } from "./paths.js";
import { SessionProvider, type Session, type SessionState } from "./session.js";
import { AcknowledgePage } from "./acknowledgements/acknowledge-page.js";
import { CampaignsPage } from "./acknowledgements/campaigns-page.js";
import { PersonHistoryPage } from "./acknowledgements/person-history-page.js";
import { RosterPage } from "./acknowledgements/roster-page.js";
import { SetPasswordPage } from "./acknowledgements/set-password-page.js";
import { ToAcknowledgePage } from "./acknowledgements/to-acknowledge-page.js";

// The policy page holds the collaborative editor (ProseMirror, Yjs, y-prosemirror: five sixths of the
// app's code), so it is loaded on first visit as a chunk of its own and signing in and the lists load
// without it. The router keeps the current page on screen while the chunk arrives. The other pages are
// small and stay in the entry chunk; tests/web-bundle/first-load-budget.test.ts keeps it so.
const PolicyPage = lazy(() => import("./pages/policy-page.js").then((module) => module.PolicyPage));

// Wrapped once, here, so each page keeps one component identity across renders.
const SignedInPolicyList = requireAccount(PolicyListPage);
const SignedInPolicy = requireAccount(PolicyPage);
const SignedInNewPolicy = requireAccount(NewPolicyPage);
const SignedInMembers = requireAccount(MembersPage);
const SignedInCompare = requireAccount(ComparePage);
const SignedInDecision = requireAccount(DecisionPage);
const SignedInBodies = requireAccount(BodiesPage);
const SignedInPeople = requireAccount(PeoplePage);
const SignedInAccount = requireAccount(AccountPage);
const SignedInCommentPeriod = requireAccount(CommentPeriodPage);
const SignedInToAcknowledge = requireAccount(ToAcknowledgePage);
const SignedInAcknowledge = requireAccount(AcknowledgePage);
const SignedInRoster = requireAccount(RosterPage);
const SignedInCampaigns = requireAccount(CampaignsPage);
const SignedInPersonHistory = requireAccount(PersonHistoryPage);

/** Moves keyboard and screen-reader focus to the new page's content after client-side navigation. */
function focusMain(): void {
  document.getElementById("main")?.focus();
}

/**
 * Moves focus to the new page after navigation, but not when the address changed within one policy's page
 * (another tab, another version on the Versions tab): the page is the same, and the person's focus stays
 * on what they used.
 */
function useFocusOnNewPage(): (url: string) => void {
  const shown = useRef(location.pathname + location.search);
  return (url: string) => {
    const previous = shown.current;
    shown.current = url;
    if (!samePolicyPage(previous, url)) focusMain();
  };
}

/** The app below the router: asks the server who is signed in, then shows the page for the URL. */
function AppShell() {
  const { route } = useLocation();
  const [account, setAccount] = useState<SessionState>(undefined);
  const [sessionError, setSessionError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const onRouteChange = useFocusOnNewPage();

  useEffect(() => {
    // A lost session mid-use (expired, signed out elsewhere) sends the person to sign in, then back.
    onUnauthenticated(() => {
      setAccount(null);
      if (!worksSignedOut(location.pathname)) route(signInReturningHere(), true);
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setSessionError(null);
    api.me(controller.signal).then(
      (me) => setAccount(me),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setAccount(null);
        else setSessionError(error);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const session = useMemo<Session>(
    () => ({
      account,
      signedIn: (signedInAccount) => setAccount(signedInAccount),
      signOut: async () => {
        try {
          await api.logout();
        } catch (error) {
          // A session that already ended (401) is as signed out as can be; anything else is shown.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        }
        setAccount(null);
        route(paths.login);
      },
    }),
    [account],
  );

  return (
    <SessionProvider session={session}>
      <Layout>
        {sessionError ? (
          <>
            <h1>Accord could not start</h1>
            <ErrorMessage error={sessionError} />
            <button type="button" onClick={() => setAttempt((value) => value + 1)}>
              Try again
            </button>
          </>
        ) : (
          <Router onRouteChange={onRouteChange}>
            <Route path={routes.login} component={LoginPage} />
            <Route path={routes.policies} component={SignedInPolicyList} />
            <Route path={routes.members} component={SignedInMembers} />
            <Route path={routes.newPolicy} component={SignedInNewPolicy} />
            <Route path={routes.policy} component={SignedInPolicy} />
            {/* A version opens on its policy's page, in the Versions tab: the same component, so moving between
                the two keeps the draft open. */}
            <Route path={routes.version} component={SignedInPolicy} />
            <Route path={routes.compare} component={SignedInCompare} />
            <Route path={routes.decision} component={SignedInDecision} />
            <Route path={routes.bodies} component={SignedInBodies} />
            <Route path={routes.people} component={SignedInPeople} />
            <Route path={routes.account} component={SignedInAccount} />
            <Route path={routes.commentPeriod} component={SignedInCommentPeriod} />
            <Route path={routes.toAcknowledge} component={SignedInToAcknowledge} />
            <Route path={routes.acknowledgement} component={SignedInAcknowledge} />
            <Route path={routes.roster} component={SignedInRoster} />
            <Route path={routes.acknowledgementReports} component={SignedInCampaigns} />
            <Route path={routes.personHistory} component={SignedInPersonHistory} />
            <Route path={routes.setPassword} component={SetPasswordPage} />
            <Route default component={NotFoundPage} />
          </Router>
        )}
      </Layout>
    </SessionProvider>
  );
}

/** The Accord working app. Links inside /app are routed here; others load their page normally. */
export function App() {
  return (
    <LocationProvider scope={appScope}>
      <AppShell />
    </LocationProvider>
  );
}

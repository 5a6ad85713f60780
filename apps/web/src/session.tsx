import type { SignedInAccount } from "@accord/api-contract";
import { createContext, type ComponentChildren } from "preact";
import { useContext } from "preact/hooks";

/** Who is signed in: undefined while asking the server, null when nobody is. */
export type SessionState = SignedInAccount | null | undefined;

/** The session as pages see it. */
export interface Session {
  account: SessionState;
  /** Records the person who just signed in. */
  signedIn: (account: SignedInAccount) => void;
  /** Ends the session on the server and goes to the sign-in page. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Makes the session available to every page. */
export function SessionProvider(props: { session: Session; children: ComponentChildren }) {
  return <SessionContext.Provider value={props.session}>{props.children}</SessionContext.Provider>;
}

/** The current session; only usable below SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() was called outside <SessionProvider>; wrap the app in it.");
  return session;
}

/**
 * The signed-in account. Pages behind `RequireAccount` use this, so they never render without one;
 * calling it elsewhere while nobody is signed in is a programming error.
 */
export function useAccount(): SignedInAccount {
  const { account } = useSession();
  if (!account) throw new Error("useAccount() needs a signed-in account; render the page inside <RequireAccount>.");
  return account;
}

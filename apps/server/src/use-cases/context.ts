import type { Kysely } from "kysely";
import type { SessionLifetimeConfig } from "@accord/domain";
import type { LoginThrottle } from "../auth/login-throttle-store.js";
import type { EventBus } from "../events/event-bus.js";
import type { Notifier } from "../notifications/notifier.js";
import type { Database } from "../storage/database.js";
import type { LiveDrafts } from "./live-drafts.js";

/** What every use case may use: the database, the clock, and the few settings use cases need. */
export interface UseCaseContext {
  db: Kysely<Database>;
  /** The clock, injected so that tests can move time. */
  now: () => Date;
  sessionLifetime: SessionLifetimeConfig;
  loginThrottle: LoginThrottle;
  /**
   * Announces, after commit: changes to who may do what (open collaboration sockets re-check), changed
   * comment threads (sockets on the draft are told to refetch), publications (the public site forgets
   * its rendered pages).
   */
  events: EventBus;
  /** The committed drafts, and server-made changes relayed live to connected editors. */
  liveDrafts: LiveDrafts;
  /** In-app notifications (and their e-mail), written in the caller's transaction. */
  notifier: Notifier;
}

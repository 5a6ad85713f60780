/**
 * Every event Accord announces, by kind: what a publisher sends through the `EventBus` and what each
 * subscriber receives. Use cases publish after their transaction commits, so a subscriber never hears of
 * a change that was rolled back. Each payload is plain JSON (strings only), so that an implementation
 * across processes can carry it as it is.
 */
export interface AccordEvents {
  /**
   * Something changed who may do what. The collaboration server re-checks the open sockets it concerns,
   * so a removed member, a lowered role, a disabled account or a session ended elsewhere reaches open
   * editors at once, not at their next request.
   */
  access: AccessChange;
  /**
   * A comment thread of a policy changed. The collaboration server tells every socket on that policy's
   * draft, so the people editing it see new threads and replies at once (their clients refetch them).
   */
  comment: CommentChange;
  /**
   * A version was published. The public site renders each published page once and keeps it; this tells
   * it to forget what it rendered, so a new publication shows at once.
   */
  publication: PublicationChange;
  /**
   * Someone did something to a policy's draft or its workflow that everyone editing it is told of in
   * words (who restored which version, decided how many suggestions, took which workflow step). The
   * collaboration server sends it to every socket on that draft, on every process.
   */
  draft: DraftNotice;
}

/** The kinds of event, the keys of `AccordEvents`. */
export type AccordEventKind = keyof AccordEvents;

/** Whose access changed: everyone's on one policy, one account's everywhere, or one session's. */
export type AccessChange =
  { kind: "policy"; policyId: string } | { kind: "account"; userId: string } | { kind: "session"; sessionId: string };

/**
 * A comment thread changed: started, replied to, edited, deleted, hidden, resolved or reopened. Both are
 * `anyPolicy` when this process may have missed comment events (Redis was down while several processes
 * serve): then every open draft's clients refetch their threads.
 */
export interface CommentChange {
  policyId: string;
  threadId: string;
}

/** A version of this policy was published. */
export interface PublicationChange {
  /**
   * The policy, or `anyPolicy` when this process may have missed publications (Redis was down while
   * several processes serve): a subscriber then forgets what it knows of every policy.
   */
  policyId: string;
}

/** What everyone on a policy's draft is told: an Accord event (`@accord/collab`'s `AccordEvent`) as its JSON. */
export interface DraftNotice {
  policyId: string;
  /** The event, as `JSON.stringify` wrote it (`parseAccordEvent` reads it back). */
  notice: string;
}

/** The `policyId` of a publication event that stands for every policy (see `PublicationChange`). */
export const anyPolicy = "*";

/**
 * Every kind of notification, in the order the settings list them, with how a person recognises it.
 * One table: the server's notifier type, the API contract (the preferences' schema and answer) and the
 * settings page all read it, so a new kind cannot be sent without being something people can switch
 * e-mail off for.
 */
export const notificationKinds = [
  { kind: "signoff_requested", label: "Sign-off requested", description: "A version you may sign off was proposed." },
  { kind: "proposal_made", label: "Version proposed", description: "A version of a policy you take part in was put forward for sign-off." },
  { kind: "objection_raised", label: "Objection raised", description: "Someone objected to a proposed version." },
  { kind: "objection_withdrawn", label: "Objection withdrawn", description: "An objection to a proposed version was withdrawn." },
  {
    kind: "objection_overruled",
    label: "Objection overruled",
    description: "The facilitator overruled an objection to a proposed version.",
  },
  { kind: "decision_requested", label: "Decision requested", description: "Your body's decision is requested on a version." },
  { kind: "body_decided", label: "Body decided", description: "An approving body approved or rejected a version." },
  { kind: "changes_requested", label: "Changes requested", description: "A body rejected a version, so it goes back to drafting." },
  { kind: "approved", label: "Approved", description: "Every required body approved a version; it can be published." },
  { kind: "published", label: "Published", description: "A policy you take part in was published." },
  { kind: "mentioned", label: "Mentioned", description: "Someone mentioned you in a comment." },
  { kind: "thread_reply", label: "Reply in a thread", description: "Someone replied in a comment thread you started or joined." },
  { kind: "thread_resolved", label: "Thread resolved", description: "A comment thread you started was resolved." },
  { kind: "suggestion_accepted", label: "Suggestion accepted", description: "An editor accepted one of your suggestions." },
  { kind: "suggestion_rejected", label: "Suggestion rejected", description: "An editor rejected one of your suggestions." },
  {
    kind: "acknowledgement_requested",
    label: "Policy to acknowledge",
    description: "You are asked to read and acknowledge a published policy.",
  },
  {
    kind: "acknowledgement_reminder",
    label: "Acknowledgement reminder",
    description: "A policy you must acknowledge is due in 7 days or tomorrow.",
  },
  {
    kind: "acknowledgement_overdue",
    label: "Acknowledgement overdue",
    description: "A policy you (or someone you supervise) must acknowledge is overdue.",
  },
  { kind: "account_invited", label: "Account created", description: "An account was made for you, with a link to set its password." },
] as const;

/** The kinds of notification the workflow, the comments and the suggestions send. */
export type NotificationKind = (typeof notificationKinds)[number]["kind"];

/** Every kind's name, in the table's order. */
export const notificationKindNames: readonly NotificationKind[] = notificationKinds.map((entry) => entry.kind);

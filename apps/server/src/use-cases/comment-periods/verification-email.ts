/** The origin placeholder in a queued e-mail's links: the mailer writes its public origin in its place when it sends. */
export const originPlaceholder = "{{origin}}";

/**
 * The e-mail that asks a named commenter to confirm their address, with the "this was not me" link that
 * withdraws the comment made with it. Plain text only: it quotes what the commenter wrote, and plain text
 * cannot run anything in a mail reader.
 */
export function verificationEmail(input: {
  policyTitle: string;
  slug: string;
  section: string;
  body: string;
  verifyToken: string;
  withdrawToken: string;
}): { subject: string; text: string } {
  const base = `${originPlaceholder}/policies/${encodeURIComponent(input.slug)}/comments`;
  const excerpt = [...input.body].slice(0, 300).join("") + ([...input.body].length > 300 ? "…" : "");
  const subject = `Confirm your comment on ${input.policyTitle}`.replace(/\s+/g, " ").trim();
  const text = [
    `Someone used this e-mail address to comment on section ${input.section} of "${input.policyTitle}":`,
    "",
    excerpt,
    "",
    "If it was you, confirm it here (a moderator reads it before it is published; your address is never published):",
    `${base}/confirm?token=${input.verifyToken}`,
    "",
    "If it was not you, withdraw the comment here:",
    `${base}/not-me?token=${input.withdrawToken}`,
    "",
    "-- ",
    "Accord, the public comment period of this policy.",
    "",
  ].join("\n");
  return { subject, text };
}

/** Where e-mail goes: an SMTP server and the sender address. Null in the config when e-mail is off. */
export interface SmtpConfig {
  /** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps:// (TLS from the start). */
  url: string;
  /** The From of every e-mail, such as `Accord <accord@example.org>`. */
  from: string;
}

/**
 * Reads SMTP_URL and SMTP_FROM; null when SMTP_URL is unset (e-mail off, in-app notifications only).
 * Pushes problems instead of throwing, so that the config reports every problem at once. Messages never
 * repeat the URL: it may carry a password.
 */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv, problems: string[]): SmtpConfig | null {
  const url = env.SMTP_URL?.trim();
  const from = env.SMTP_FROM?.trim();
  if (!url) {
    if (from) problems.push("SMTP_FROM is set but SMTP_URL is not: set both to send e-mail, or neither.");
    return null;
  }
  const before = problems.length;
  if (!isSmtpUrl(url)) {
    problems.push("SMTP_URL must be an smtp:// or smtps:// URL with a host, such as smtps://user:password@mail.example.org:465.");
  }
  if (!from) problems.push("SMTP_FROM is required when SMTP_URL is set, such as Accord <accord@example.org>.");
  // A line break in From would let the configured text add headers to every e-mail.
  else if (!from.includes("@") || /[\r\n]/.test(from))
    problems.push("SMTP_FROM must be an e-mail address, such as Accord <accord@example.org>.");
  // E-mails link back to Accord, and only the operator knows the address people reach it at.
  if (!env.PUBLIC_ORIGIN?.trim()) problems.push("PUBLIC_ORIGIN is required when SMTP_URL is set: e-mails link to it.");
  return problems.length === before && from ? { url, from } : null;
}

/** The SMTP server for logs: scheme, host and port, never the credentials. */
export function describeSmtp(config: SmtpConfig): string {
  const url = new URL(config.url);
  return `${url.protocol}//${url.host}`;
}

function isSmtpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
}

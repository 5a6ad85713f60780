import { escapeHtml } from "@accord/policy-render";

/** What one notification e-mail says: the notification, its recipient and where it links. */
export interface NotificationEmailInput {
  recipientName: string;
  title: string;
  body: string;
  /** A path in the app, such as /app/policies/<id>. */
  link: string;
}

/** An e-mail ready for the transport: subject, plain text, and the same as simple HTML. */
export interface NotificationEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Writes the e-mail for a notification. Every piece of text goes into the HTML escaped, titles and bodies
 * included: they quote policy titles and notes that people typed.
 */
export function renderNotificationEmail(input: NotificationEmailInput, publicOrigin: string): NotificationEmail {
  // Headers are one line; nodemailer encodes the rest, and folding white space keeps the subject intact.
  const subject = input.title.replace(/\s+/g, " ").trim();
  const url = absoluteLink(publicOrigin, input.link);
  const footer = "You receive this because you take part in a policy on Accord. All your notifications are in the app.";
  const text = [`Hello ${input.recipientName},`, "", input.body, "", `Open it in Accord: ${url}`, "", "--", footer, ""].join("\n");
  const paragraphs = input.body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`);
  const html = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 40em;">',
    `<p>Hello ${escapeHtml(input.recipientName)},</p>`,
    `<h1 style="font-size: 1.25em;">${escapeHtml(subject)}</h1>`,
    ...paragraphs,
    `<p><a href="${escapeHtml(url)}">Open it in Accord</a></p>`,
    `<p style="color: #555; font-size: 0.9em;">${escapeHtml(url)}<br>${escapeHtml(footer)}</p>`,
    "</body></html>",
    "",
  ].join("\n");
  return { subject, text, html };
}

/**
 * The full address of an app path on Accord's public origin. Only a path of Accord's own is accepted:
 * an absolute or protocol-relative link (`https://…`, `//evil.example`) becomes the app's start page,
 * so an e-mail from Accord never sends anyone elsewhere.
 */
export function absoluteLink(publicOrigin: string, link: string): string {
  const base = new URL(publicOrigin);
  if (link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\")) {
    const url = new URL(link, base);
    if (url.origin === base.origin) return url.href;
  }
  return new URL("/app/", base).href;
}

import { createHash } from "node:crypto";
import type { PublicConsultation } from "./public-consultation.js";

/** The export files of a period: CSV and JSON of every published comment and every response, and their SHA-256. */
export interface CommentExport {
  csv: string;
  json: string;
  /** `sha256sum` format: "<hash>  <file name>" per file. */
  checksums: string;
  csvName: string;
  jsonName: string;
}

/**
 * A CSV cell: quoted, quotes doubled, and a leading = + - @ tab or carriage return neutralised with an
 * apostrophe (OWASP's CSV injection advice), so a spreadsheet never runs a comment as a formula.
 */
function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const neutral = /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
  return `"${neutral.replace(/"/g, '""')}"`;
}

/**
 * JSON with the characters HTML and script parsers care about escaped (`<`, `>`, `&`, U+2028, U+2029):
 * the same data to any JSON reader, and no markup even if a browser or a careless page treats it as HTML.
 */
function inertJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The export of a period's published comments and responses. Byte-identical for the same data: rows in
 * the stored order (received, then id), fixed keys and columns, instants in ISO 8601 UTC, and nothing of
 * when the export was made. No e-mail or address: the read model holds none.
 */
export function exportComments(consultation: PublicConsultation): CommentExport {
  const { policy, view, published, responses } = consultation;
  const groupSize = new Map<string, number>();
  for (const comment of published) groupSize.set(comment.duplicate_key, (groupSize.get(comment.duplicate_key) ?? 0) + 1);
  const comments = published.map((comment) => ({
    id: comment.id,
    section: comment.section,
    receivedAt: new Date(comment.received_at).toISOString(),
    name: comment.display_name,
    organisation: comment.organisation,
    commenterKind: comment.commenter_kind,
    quote: comment.quote,
    comment: comment.body,
    commentsWithThisText: groupSize.get(comment.duplicate_key) ?? 1,
    answeredInSection: comment.answered_in_section,
    noResponseReason: comment.no_response_reason,
  }));
  const answers = [...responses]
    .sort((a, b) => a.section.localeCompare(b.section, "en", { numeric: true }))
    .map((response) => ({
      section: response.section,
      response: response.response,
      writtenAt: new Date(response.written_at).toISOString(),
      answersCommentIds: published.filter((comment) => comment.answered_in_section === response.section).map((comment) => comment.id),
    }));
  const json = inertJson({
    policy: { slug: policy.slug, title: policy.title },
    commentPeriod: {
      id: view.period.id,
      versionNumber: view.period.version_number,
      contentHash: view.period.content_hash,
      opensAt: new Date(view.period.opens_at).toISOString(),
      closesAt: new Date(view.period.closes_at).toISOString(),
      extensions: view.extensions.map((extension) => ({
        previousClosesAt: new Date(extension.previous_closes_at).toISOString(),
        closesAt: new Date(extension.closes_at).toISOString(),
        reason: extension.reason,
      })),
    },
    comments,
    responses: answers,
  });
  const header = [
    "record",
    "id",
    "section",
    "received_at",
    "name",
    "organisation",
    "commenter_kind",
    "quote",
    "text",
    "comments_with_this_text",
    "answered_in_section",
    "no_response_reason",
  ];
  const rows = [
    header.map(csvCell).join(","),
    ...comments.map((comment) =>
      [
        "comment",
        comment.id,
        comment.section,
        comment.receivedAt,
        comment.name,
        comment.organisation,
        comment.commenterKind,
        comment.quote,
        comment.comment,
        comment.commentsWithThisText,
        comment.answeredInSection,
        comment.noResponseReason,
      ]
        .map(csvCell)
        .join(","),
    ),
    ...answers.map((answer) =>
      ["response", `response-${answer.section}`, answer.section, answer.writtenAt, "", "", "", "", answer.response, "", "", ""]
        .map(csvCell)
        .join(","),
    ),
  ];
  // RFC 4180: CRLF between records, and after the last.
  const csv = `${rows.join("\r\n")}\r\n`;
  const base = `${policy.slug}-comments-v${view.period.version_number}`;
  const csvName = `${base}.csv`;
  const jsonName = `${base}.json`;
  const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  const checksums = `${sha(csv)}  ${csvName}\n${sha(json)}  ${jsonName}\n`;
  return { csv, json, checksums, csvName, jsonName };
}

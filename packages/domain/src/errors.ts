/**
 * The one error catalogue. Every refusal Accord gives over HTTP is one of these codes; the collaboration
 * socket closes with the codes of @accord/collab's protocol table (`collabCloseEvents`) instead.
 * Codes are stable: clients may rely on them. Messages are for people and may be reworded.
 */
export const errorCatalogue = {
  validation_failed: { status: 400, message: "The request is not valid." },
  malformed_json: { status: 400, message: "The request body is not valid JSON." },
  unauthenticated: { status: 401, message: "Sign in to continue." },
  invalid_credentials: { status: 401, message: "That email and password do not match an active account." },
  wrong_password: { status: 403, message: "The current password is not correct." },
  forbidden: { status: 403, message: "You are not allowed to do this." },
  cross_origin_refused: { status: 403, message: "This request did not come from Accord itself, so it was refused." },
  not_found: { status: 404, message: "Nothing was found here." },
  method_not_allowed: { status: 405, message: "This method is not allowed here." },
  email_taken: { status: 409, message: "An account with this email already exists." },
  slug_taken: { status: 409, message: "Another policy already uses this slug." },
  body_name_taken: { status: 409, message: "An approving body with this name already exists." },
  already_member: { status: 409, message: "This person is already in the working group." },
  cannot_disable_self: { status: 409, message: "You cannot disable your own account." },
  last_facilitator: { status: 409, message: "At least one active facilitator must remain." },
  version_unchanged: { status: 409, message: "The draft has not changed since the latest version." },
  draft_unchanged: { status: 409, message: "The draft already has exactly this text." },
  payload_too_large: { status: 413, message: "The request body is too large." },
  import_too_large: { status: 413, message: "The file to import is larger than an imported policy may be." },
  import_unreadable: {
    status: 422,
    message: "The file to import could not be read as a Word document (.docx) or Markdown (.md). Save it again and try again.",
  },
  import_exceeds_limits: {
    status: 422,
    message: "The file to import holds more than an imported policy may: it was not imported.",
  },
  unsupported_media_type: { status: 415, message: "Send the request body as application/json." },
  too_many_attempts: { status: 429, message: "Too many attempts. Wait a moment and try again." },
  internal_error: { status: 500, message: "Something went wrong on our side. Nothing was changed." },
  unavailable: { status: 503, message: "Accord is starting or stopping. Try again shortly." },
  wrong_stage: { status: 409, message: "This proposal is not at a stage that allows this." },
  already_decided: { status: 409, message: "This body has already recorded its decision on this proposal." },
  objection_not_found: { status: 404, message: "No objection was found on this proposal." },
  objection_not_open: { status: 409, message: "This objection is no longer open." },
  own_objection_open: {
    status: 409,
    message: "You have an open objection to this version. Withdraw it first, then sign off.",
  },
  reason_required: { status: 400, message: "Give a reason." },
  not_required_body: { status: 403, message: "This body is not asked to approve this proposal." },
  empty_electorate: {
    status: 409,
    message: "No one in the working group may sign off (there are no editors), so this version cannot be proposed.",
  },
  comment_gone: { status: 409, message: "This comment was deleted or hidden, so it can no longer be changed." },
  thread_already_resolved: { status: 409, message: "This thread is already resolved." },
  thread_not_resolved: { status: 409, message: "This thread is open, so there is nothing to reopen." },
  no_required_bodies: {
    status: 409,
    message: "This policy has no approving bodies, so no one could approve this version. Add its approving bodies first.",
  },
  suggestion_not_found: { status: 404, message: "No such pending suggestion was found in the draft." },
  suggestions_pending: {
    status: 409,
    message: "This version still has pending suggestions: accept or reject them, then save a new version.",
  },
  comment_period_not_open: { status: 409, message: "This comment period has not opened yet." },
  comment_period_closed: { status: 409, message: "This comment period has closed, so it takes no more comments." },
  comment_period_open: {
    status: 409,
    message: "This policy's public comment period has not closed yet: wait for it to close and answer the comments, then propose.",
  },
  comment_period_exists: { status: 409, message: "This policy already has a comment period open or scheduled." },
  comments_unanswered: {
    status: 409,
    message: 'Some published public comments are not yet answered: answer each, or mark it "no response needed" with a reason.',
  },
  comment_not_moderatable: { status: 409, message: "This comment is not in a state that allows this." },
  commenter_not_allowed: { status: 403, message: "This comment period does not take comments this way." },
  too_many_comments: { status: 429, message: "Too many comments were sent from here. Wait a while and try again." },
  assignment_closed: { status: 409, message: "This acknowledgement is no longer open: it was made, or a newer version replaced it." },
  quiz_not_passed: { status: 409, message: "Pass the quiz before acknowledging this policy." },
  statement_mismatch: {
    status: 409,
    message: "The statement or content hash confirmed is not this version's: reload the page and read it again.",
  },
  version_not_published: { status: 409, message: "Only a published version can be assigned for acknowledgement." },
  setup_link_invalid: { status: 400, message: "This link to set a password is not valid: it was used, or it expired. Ask for a new one." },
  not_on_roster: { status: 404, message: "This person is not on the department's roster." },
} as const satisfies Record<string, { status: number; message: string }>;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof errorCatalogue;

/** One offending field of a refused request, as a JSON pointer path and what is wrong with it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The error every layer throws for an expected refusal. Carries a catalogue code; the message defaults to
 * the catalogue's and may be made more precise ("the slug must be lowercase").
 */
export class AccordError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldProblem[] | undefined;
  /** Seconds a client should wait before retrying (for too_many_attempts). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message?: string, extra: { fields?: FieldProblem[]; retryAfterSeconds?: number } = {}) {
    super(message ?? errorCatalogue[code].message);
    this.name = "AccordError";
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

/** True when the value is an AccordError (also across module copies, by shape). */
export function isAccordError(value: unknown): value is AccordError {
  return value instanceof AccordError;
}

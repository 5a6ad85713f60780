import { publicCommentEndpoints } from "@accord/api-contract";
import { isAccordError } from "@accord/domain";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import type { RequestAccess } from "../access/request-access.js";
import type { CurrentUser } from "../auth/sessions.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { exportComments } from "../use-cases/comment-periods/comment-export.js";
import { followCommentLink } from "../use-cases/comment-periods/confirm-by-link.js";
import { findPublicConsultation, type PublicConsultation } from "../use-cases/comment-periods/public-consultation.js";
import { submitPublicComment } from "../use-cases/comment-periods/submit-public-comment.js";
import {
  consultationPath,
  emptyCommentForm,
  renderCommentForm,
  renderConsultationPage,
  renderLinkPage,
  renderNoticePage,
} from "./consultation-pages.js";
import { publicPage } from "./public-layout.js";

const html = "text/html; charset=utf-8";
/** The largest form body: a 5,000-character comment in the worst encoding, with room for the other fields. */
const formBodyLimit = 128 * 1024;

/** What the public comment routes need besides the use cases. */
export interface PublicCommentRoutesOptions {
  context: UseCaseContext;
  /** Who is asking: a signed-in account may comment as itself when the period allows it. */
  access: RequestAccess;
  /** The installation's key for hashing network addresses, read once at start (the same in every process). */
  addressKey: Buffer;
  /** Told after a named comment is stored, so its verification e-mail goes out soon. */
  onVerificationQueued: () => void;
}

function page(reply: FastifyReply, status: number, body: string): FastifyReply {
  // Live data (the state by the clock, the comments): never kept by a shared cache. The site's policy
  // elsewhere is no-referrer, under which a browser posts a form with `Origin: null`, which the origin
  // guard must refuse; same-origin keeps referrers off other sites and lets the form say where it is from.
  return reply.code(status).type(html).header("cache-control", "no-store").header("referrer-policy", "same-origin").send(body);
}

function notFound(reply: FastifyReply): FastifyReply {
  return page(
    reply,
    404,
    publicPage({
      title: "Not found",
      body: `<h1>Not found</h1><p>No comment period is at this address. <a href="/policies">See all published policies</a>.</p>`,
    }),
  );
}

/**
 * The public comment period of a policy, with no account and no script: the period's page, a form per
 * numbered section (plain HTML form posts), the verification e-mail's two links, and the exports. The
 * comment's own rules answer as the form again, with its problems; a closed period 409, a flood 429.
 */
export const publicCommentRoutes: FastifyPluginAsyncTypebox<PublicCommentRoutesOptions> = async (
  app,
  { context, access, addressKey, onVerificationQueued },
) => {
  // Scoped to this plugin: only these routes read an HTML form; the API stays JSON only.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: formBodyLimit }, (_request, body, done) => {
    const fields: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(body as string)) if (!(key in fields)) fields[key] = value;
    done(null, fields);
  });

  const load = (slug: string) => findPublicConsultation(context.db, slug, context.now());
  const signedIn = async (request: Parameters<RequestAccess["sessionTokenOf"]>[0]): Promise<CurrentUser | null> => {
    const token = access.sessionTokenOf(request);
    return token ? ((await access.sessionFor(token))?.user ?? null) : null;
  };

  app.get("/policies/:slug/comments", { schema: publicCommentEndpoints.period }, async (request, reply) => {
    const consultation = await load(request.params.slug);
    return consultation ? page(reply, 200, renderConsultationPage(consultation)) : notFound(reply);
  });

  app.get("/policies/:slug/comments/sections/:section", { schema: publicCommentEndpoints.form }, async (request, reply) => {
    const consultation = await load(request.params.slug);
    const section = consultation?.sections.find((candidate) => candidate.number === request.params.section);
    if (!consultation || !section) return notFound(reply);
    if (consultation.view.state !== "open") return page(reply, 200, renderConsultationPage(consultation));
    return page(reply, 200, renderCommentForm(consultation, section));
  });

  app.post("/policies/:slug/comments", { schema: publicCommentEndpoints.submit }, async (request, reply) => {
    const consultation = await load(request.params.slug);
    if (!consultation) return notFound(reply);
    const form = request.body;
    const values = {
      body: form.body,
      quote: form.quote ?? "",
      name: form.name ?? "",
      organisation: form.organisation ?? "",
      email: form.email ?? "",
    };
    const section = consultation.sections.find((candidate) => candidate.number === form.section);
    if (!section) return notFound(reply);
    try {
      const result = await submitPublicComment(
        context,
        consultation.view.period.id,
        { section: form.section, ...values, website: form.website ?? "" },
        { address: request.ip, user: await signedIn(request) },
        addressKey,
      );
      if (result.status === "unverified") onVerificationQueued();
      const outcome = result.status === "unverified" ? "confirm" : "received";
      return reply
        .code(303)
        .header("location", `${consultationPath(consultation.policy.slug)}/thanks?${outcome}`)
        .send("");
    } catch (error) {
      if (!isAccordError(error)) throw error;
      return refusal(reply, error, consultation, section, values);
    }
  });

  app.get("/policies/:slug/comments/thanks", { schema: publicCommentEndpoints.period }, async (request, reply) => {
    const consultation = await load(request.params.slug);
    if (!consultation) return notFound(reply);
    const confirm = new URL(request.url, "http://accord.invalid").searchParams.has("confirm");
    return page(
      reply,
      200,
      renderNoticePage(
        "Thank you: your comment was received",
        confirm
          ? "We sent you an e-mail: follow its link to confirm your comment. A moderator reads it once it is confirmed, before it is published."
          : "A moderator reads it before it is published, following the published moderation rules.",
        consultation.policy.slug,
      ),
    );
  });

  for (const which of ["confirm", "not-me"] as const) {
    app.get(`/policies/:slug/comments/${which}`, { schema: publicCommentEndpoints.link }, async (request, reply) => {
      const consultation = await load(request.params.slug);
      if (!consultation || !request.query.token) return notFound(reply);
      return page(reply, 200, renderLinkPage(which, request.query.token, consultation.policy.slug));
    });

    app.post(`/policies/:slug/comments/${which}`, { schema: publicCommentEndpoints.followLink }, async (request, reply) => {
      const { slug } = request.params;
      try {
        const result = await followCommentLink(context, which, request.body.token);
        if (!result) return notFound(reply);
        return page(
          reply,
          200,
          which === "confirm"
            ? renderNoticePage("Your comment is confirmed", "A moderator reads it before it is published.", slug)
            : renderNoticePage(
                "The comment was withdrawn",
                "It will never be published. Your e-mail address is not published either.",
                slug,
              ),
        );
      } catch (error) {
        if (!isAccordError(error)) throw error;
        return page(reply, error.status, renderNoticePage("Nothing to do", error.message, slug));
      }
    });
  }

  const exportRoute = (file: "csv" | "json" | "sha256") =>
    app.get(`/policies/:slug/comments/export.${file}`, { schema: publicCommentEndpoints.period }, async (request, reply) => {
      const consultation = await load(request.params.slug);
      if (!consultation) return notFound(reply);
      const exported = exportComments(consultation);
      const [body, type, name] =
        file === "csv"
          ? [exported.csv, "text/csv; charset=utf-8; header=present", exported.csvName]
          : file === "json"
            ? [exported.json, "application/json; charset=utf-8", exported.jsonName]
            : [exported.checksums, "text/plain; charset=utf-8", `${consultation.policy.slug}-comments.sha256`];
      return reply
        .code(200)
        .type(type)
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(body);
    });
  exportRoute("csv");
  exportRoute("json");
  exportRoute("sha256");
};

/** A refused comment as a page: the form again with its problems (400), or why the period took none (403, 409, 429). */
function refusal(
  reply: FastifyReply,
  error: {
    code: string;
    status: number;
    message: string;
    fields: { path: string; message: string }[] | undefined;
    retryAfterSeconds: number | undefined;
  },
  consultation: PublicConsultation,
  section: PublicConsultation["sections"][number],
  values: typeof emptyCommentForm,
): FastifyReply {
  if (error.status === 400) {
    const problems = (error.fields ?? [{ path: "/body/body", message: error.message }]).map((field) => ({
      field: field.path.replace(/^\/body\//, ""),
      message: field.message,
    }));
    return page(reply, 400, renderCommentForm(consultation, section, values, problems));
  }
  if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
  const titles: Record<string, string> = {
    comment_period_closed: "The comment period has closed",
    comment_period_not_open: "The comment period has not opened yet",
    too_many_comments: "Too many comments",
    commenter_not_allowed: "This period does not take comments this way",
  };
  return page(
    reply,
    error.status,
    renderNoticePage(titles[error.code] ?? "Your comment was not accepted", error.message, consultation.policy.slug),
  );
}

import type { CommentPeriodView, PeriodCommentsView, PublicCommentView, VersionSummary } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useRoute } from "preact-iso";
import { api } from "../api.js";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { CheckboxField, SelectField, TextField } from "../components/fields.js";
import { checkedValues, isChecked, takeForm, textOf } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { RedlineView } from "../versions/redline-view.js";
import { commentPeriodApi } from "./comment-period-api.js";

const rejectionReasons = [
  ["personal_data", "Personal data"],
  ["threat", "Threats or abuse"],
  ["off_topic", "Off-topic"],
  ["spam", "Spam or advertising"],
  ["unlawful", "Unlawful content"],
] as const;

const commenterOptions = [
  ["anonymous", "Anonymously"],
  ["verified_email", "Named, with a verified e-mail (never published)"],
  ["signed_in", "Signed in to an Accord account"],
] as const;

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "long", timeStyle: "short" });
/** A datetime-local value (the browser's local time) as an ISO instant. */
const instant = (local: string) => new Date(local).toISOString();

/** The facilitator opens a period on a saved version (its number and hash go together). */
function OpenPeriodForm(props: { policyId: string; versions: VersionSummary[]; onOpened: () => void }) {
  const opening = useAction();
  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const version = props.versions.find((candidate) => String(candidate.number) === textOf(form, "version"));
    await opening.run(async () => {
      if (!version) throw new Error("Choose a saved version.");
      await commentPeriodApi.open(props.policyId, {
        versionNumber: version.number,
        contentHash: version.contentHash,
        opensAt: instant(textOf(form, "opensAt")),
        closesAt: instant(textOf(form, "closesAt")),
        allowed: checkedValues(form, "allowed") as ("anonymous" | "verified_email" | "signed_in")[],
        allowOrganisation: isChecked(form, "allowOrganisation"),
      });
      props.onOpened();
      return `The comment period on version ${version.number} is set.`;
    });
  }
  return (
    <section class="panel" aria-labelledby="open-period-heading">
      <h2 id="open-period-heading">Open a public comment period</h2>
      <form class="stack" onSubmit={submit}>
        <SelectField
          label="Version to put to the public"
          name="version"
          required
          placeholder="Choose a saved version"
          options={props.versions.map((version) => [String(version.number), `Version ${version.number}: ${version.label}`] as const)}
        />
        <div class="field">
          <label for="period-opens">Opens</label>
          <input id="period-opens" name="opensAt" type="datetime-local" required />
        </div>
        <div class="field">
          <label for="period-closes">Closes</label>
          <input id="period-closes" name="closesAt" type="datetime-local" required />
        </div>
        <fieldset>
          <legend>Who may comment</legend>
          {commenterOptions.map(([value, label]) => (
            <CheckboxField key={value} label={label} name="allowed" value={value} defaultChecked={value === "anonymous"} />
          ))}
        </fieldset>
        <CheckboxField label="Commenters may say they speak for an organisation" name="allowOrganisation" defaultChecked />
        <ActionFeedback action={opening} />
        <button type="submit" disabled={opening.pending}>
          Open the period
        </button>
      </form>
    </section>
  );
}

/** The facilitator moves the closing time later, with the reason the public page shows. */
function ExtendForm(props: { period: CommentPeriodView; onExtended: () => void }) {
  const extending = useAction();
  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    await extending.run(async () => {
      await commentPeriodApi.extend(props.period.id, { closesAt: instant(textOf(form, "closesAt")), reason: textOf(form, "reason") });
      props.onExtended();
      return "The period is extended.";
    });
  }
  return (
    <form class="stack" onSubmit={submit} aria-labelledby="extend-heading">
      <h3 id="extend-heading">Extend the period</h3>
      <div class="field">
        <label for="extend-closes">New closing time</label>
        <input id="extend-closes" name="closesAt" type="datetime-local" required />
      </div>
      <TextField label="Reason (published with the period)" name="reason" required multiline maxLength={2000} />
      <ActionFeedback action={extending} />
      <button type="submit" disabled={extending.pending}>
        Extend
      </button>
    </form>
  );
}

/** One comment in the moderation queue, with its three actions. */
function QueuedComment(props: { periodId: string; comment: PublicCommentView; onChanged: () => void }) {
  const moderating = useAction();
  const { comment } = props;
  const act = (input: { action: "publish" } | { action: "hold" } | { action: "reject"; reason: string }) =>
    moderating.run(async () => {
      await commentPeriodApi.moderate(props.periodId, comment.id, input);
      props.onChanged();
    });
  async function reject(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    await act({ action: "reject", reason: textOf(form, "reason") });
  }
  return (
    <li class="card">
      <p class="meta">
        Section {comment.section} · {comment.name || "Anonymous"}
        {comment.organisation ? `, for ${comment.organisation}` : ""} · {when(comment.receivedAt)} · {comment.status}
        {comment.duplicates > 1 ? ` · ${comment.duplicates} comments with this text` : ""}
      </p>
      {comment.quote && <blockquote>{comment.quote}</blockquote>}
      <p class="comment-text">{comment.body}</p>
      <div class="row">
        {comment.status !== "published" && (
          <button type="button" disabled={moderating.pending} onClick={() => void act({ action: "publish" })}>
            Publish
          </button>
        )}
        {comment.status !== "held" && (
          <button type="button" disabled={moderating.pending} onClick={() => void act({ action: "hold" })}>
            Hold
          </button>
        )}
        <form class="row" onSubmit={reject}>
          <SelectField label="Reason for rejecting" name="reason" required placeholder="Choose a reason" options={rejectionReasons} />
          <button type="submit" disabled={moderating.pending}>
            Reject
          </button>
        </form>
      </div>
      <ActionFeedback action={moderating} />
    </li>
  );
}

/** The working group's response for one section: the text, and which published comments it answers. */
function SectionResponse(props: { data: PeriodCommentsView; section: { number: string; heading: string }; onChanged: () => void }) {
  const writing = useAction();
  const { data, section } = props;
  const existing = data.responses.find((response) => response.section === section.number);
  const published = data.comments.filter((comment) => comment.status === "published");
  const onSection = published.filter((comment) => comment.section === section.number);
  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    await writing.run(async () => {
      await commentPeriodApi.respond(data.commentPeriod.id, section.number, {
        response: textOf(form, "response"),
        answersCommentIds: checkedValues(form, "answers"),
      });
      props.onChanged();
      return `The response on section ${section.number} is saved.`;
    });
  }
  return (
    <section class="panel" aria-labelledby={`response-${section.number}`}>
      <h3 id={`response-${section.number}`}>
        {section.number} {section.heading}
      </h3>
      <p class="meta">{onSection.length === 1 ? "1 published comment" : `${onSection.length} published comments`}</p>
      <form class="stack" onSubmit={submit}>
        <TextField
          label="What changed and why"
          name="response"
          required
          multiline
          maxLength={20000}
          defaultValue={existing?.response ?? ""}
        />
        {onSection.length > 0 && (
          <fieldset>
            <legend>Comments this response answers</legend>
            {onSection.map((comment) => (
              <CheckboxField
                key={comment.id}
                label={`${comment.name || "Anonymous"}: ${comment.body.slice(0, 120)}`}
                name="answers"
                value={comment.id}
                defaultChecked={comment.answeredInSection === section.number}
              />
            ))}
          </fieldset>
        )}
        <ActionFeedback action={writing} />
        <button type="submit" disabled={writing.pending}>
          Save the response
        </button>
      </form>
    </section>
  );
}

/** Marks a published comment "no response needed", with the reason. */
function NoResponseForm(props: { periodId: string; comment: PublicCommentView; onChanged: () => void }) {
  const marking = useAction();
  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    await marking.run(async () => {
      await commentPeriodApi.noResponse(props.periodId, props.comment.id, { reason: textOf(form, "reason") });
      props.onChanged();
    });
  }
  return (
    <li class="card">
      <p class="meta">
        Section {props.comment.section} · {props.comment.name || "Anonymous"}
      </p>
      <p class="comment-text">{props.comment.body}</p>
      <form class="row" onSubmit={submit}>
        <TextField label="No response needed, because" name="reason" required maxLength={2000} />
        <button type="submit" disabled={marking.pending}>
          Mark
        </button>
      </form>
      <ActionFeedback action={marking} />
    </li>
  );
}

/**
 * What changed after the public commented: the redline from the commented version to the version proposed
 * for sign-off after the period (the one the public page shows), or, before any, to the newest saved
 * version when it is newer. The server computes the redline (the compare page's view, reused).
 */
function ChangesSinceComments(props: { policyId: string; commented: number; proposed: number | null; newest: number | null }) {
  const { commented, proposed, newest } = props;
  const after = proposed ?? (newest !== null && newest > commented ? newest : null);
  if (after === null) return null;
  return (
    <section aria-labelledby="since-comments-heading">
      <h2 id="since-comments-heading">What changed after the comments</h2>
      {after === commented ? (
        <p>Version {commented}, the version the public commented on, was proposed for approval unchanged.</p>
      ) : (
        <>
          <p>
            {proposed !== null
              ? `Version ${after} was proposed for approval after the period.`
              : `Version ${after} is the newest saved version.`}{" "}
            It is marked against version {commented}, the version the public commented on.
          </p>
          <RedlineView policyId={props.policyId} from={commented} to={after} />
        </>
      )}
    </section>
  );
}

/** One period: its dates and state, extension, the moderation queue, and (once closed) the responses. */
function PeriodPanel(props: { period: CommentPeriodView; canManage: boolean; newestVersion: number | null; onChanged: () => void }) {
  const [data, reload] = useResource((signal) => commentPeriodApi.comments(props.period.id, signal), [props.period.id]);
  const refresh = () => {
    reload();
    props.onChanged();
  };
  return (
    <Loaded resource={data} what="the comments">
      {(found) => {
        const queue = found.comments.filter((comment) => comment.status === "pending" || comment.status === "held");
        const unanswered = found.comments.filter(
          (comment) =>
            comment.status === "published" &&
            comment.noResponseReason === null &&
            !(comment.answeredInSection !== null && found.responses.some((response) => response.section === comment.answeredInSection)),
        );
        return (
          <>
            <p>
              Version {props.period.versionNumber} · {props.period.state} · opens {when(props.period.opensAt)} · closes{" "}
              {when(props.period.closesAt)}
            </p>
            {props.period.extensions.map((extension) => (
              <p key={extension.extendedAt} class="meta">
                Extended to {when(extension.closesAt)}: {extension.reason}
              </p>
            ))}
            {props.canManage && props.period.state !== "closed" && <ExtendForm period={props.period} onExtended={refresh} />}
            {props.canManage && (
              <section aria-labelledby="queue-heading">
                <h2 id="queue-heading">Moderation queue ({queue.length})</h2>
                {queue.length === 0 ? (
                  <p>No comment is waiting.</p>
                ) : (
                  <ul class="card-list">
                    {queue.map((comment) => (
                      <QueuedComment key={comment.id} periodId={props.period.id} comment={comment} onChanged={refresh} />
                    ))}
                  </ul>
                )}
              </section>
            )}
            <section aria-labelledby="responses-heading">
              <h2 id="responses-heading">The working group's response</h2>
              {props.period.state !== "closed" ? (
                <p>The working group responds once the period has closed.</p>
              ) : (
                <>
                  <p>
                    {found.unanswered === 0
                      ? "Every published comment is answered."
                      : found.unanswered === 1
                        ? "1 published comment is not answered yet."
                        : `${found.unanswered} published comments are not answered yet.`}
                  </p>
                  {found.sections.map((section) => (
                    <SectionResponse key={section.number} data={found} section={section} onChanged={refresh} />
                  ))}
                  {unanswered.length > 0 && (
                    <>
                      <h3>Comments no response needs to answer</h3>
                      <ul class="card-list">
                        {unanswered.map((comment) => (
                          <NoResponseForm key={comment.id} periodId={props.period.id} comment={comment} onChanged={refresh} />
                        ))}
                      </ul>
                    </>
                  )}
                </>
              )}
            </section>
            <ChangesSinceComments
              policyId={props.period.policyId}
              commented={props.period.versionNumber}
              proposed={found.proposedVersionNumber}
              newest={props.newestVersion}
            />
          </>
        );
      }}
    </Loaded>
  );
}

/** The app's page of a policy's public comment periods: open or extend one, moderate, respond. */
export function CommentPeriodPage() {
  const policyId = useRoute().params["policyId"] ?? "";
  const [policy] = useResource((signal) => api.getPolicy(policyId, signal), [policyId]);
  const [periods, reloadPeriods] = useResource((signal) => commentPeriodApi.list(policyId, signal), [policyId]);
  const [versions, reloadVersions] = useResource((signal) => api.listVersions(policyId, signal), [policyId]);
  usePageTitle(policy.state === "ready" ? `Public comment on ${policy.data.title}` : "Public comment");
  return (
    <Loaded resource={policy} what="the policy">
      {(detail) => {
        const canManage = detail.myPermissions.includes("comment_period.manage");
        return (
          <>
            <p class="breadcrumb">
              <a href={paths.policy(detail.id)}>{detail.title}</a>
            </p>
            <h1>Public comment on {detail.title}</h1>
            <p>
              <a href={paths.publicComments(detail.slug)}>The period's public page</a>
            </p>
            <Loaded resource={periods} what="the comment periods">
              {(list) => (
                <>
                  {list[0] ? (
                    <PeriodPanel
                      period={list[0]}
                      canManage={canManage}
                      newestVersion={
                        versions.state === "ready" && versions.data.length > 0
                          ? Math.max(...versions.data.map((version) => version.number))
                          : null
                      }
                      onChanged={() => {
                        reloadPeriods();
                        reloadVersions();
                      }}
                    />
                  ) : (
                    <p>This policy has had no public comment period.</p>
                  )}
                  {canManage && (!list[0] || list[0].state === "closed") && (
                    <Loaded resource={versions} what="the versions">
                      {(versionList) => (
                        <OpenPeriodForm
                          policyId={detail.id}
                          versions={versionList}
                          onOpened={() => {
                            reloadPeriods();
                            reloadVersions();
                          }}
                        />
                      )}
                    </Loaded>
                  )}
                </>
              )}
            </Loaded>
          </>
        );
      }}
    </Loaded>
  );
}

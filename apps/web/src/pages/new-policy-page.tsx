import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api } from "../api.js";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { FacilitatorsOnly } from "../components/require-account.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { ApprovalStep } from "../new-policy/approval-step.js";
import { createRequest, emptyAnswers, steps, stepTitles, type NewPolicyAnswers, type Step } from "../new-policy/answers.js";
import { CheckAnswers } from "../new-policy/check-answers.js";
import { DetailsStep } from "../new-policy/details-step.js";
import type { Problem } from "../new-policy/error-summary.js";
import { fileRefusalOf } from "../new-policy/file-refusal.js";
import { GroupStep } from "../new-policy/group-step.js";
import { newPolicyApi } from "../new-policy/new-policy-api.js";
import { StartStep } from "../new-policy/start-step.js";
import { paths } from "../paths.js";
import { useAccount } from "../session.js";

/** Focuses the step's heading after a step changes, so screen readers and the keyboard start there. */
function focusStepHeading(): void {
  requestAnimationFrame(() => document.getElementById("new-policy-step")?.focus());
}

/**
 * The facilitator's new-policy flow, after GOV.UK's question pages: one thing per step (title and
 * summary, working group, approving bodies and sign-off rule, how the draft starts), a back link on each,
 * then a summary to check with a way back to every answer. "Create policy" sends everything in one
 * request, which the server writes in one transaction, and opens the new policy's draft.
 */
function NewPolicyFlow() {
  const { route } = useLocation();
  const [step, setStep] = useState<Step>("details");
  // From the summary, "Change" returns to the summary after its step, not through the steps after it.
  const [changingFromCheck, setChangingFromCheck] = useState(false);
  const [answers, setAnswers] = useState<NewPolicyAnswers>(emptyAnswers);
  const [accounts] = useResource((signal) => api.listAccounts(signal), []);
  const [bodies] = useResource((signal) => api.listBodies(signal), []);
  const [templates] = useResource((signal) => newPolicyApi.listTemplates(signal), []);
  const creating = useAction();
  // The server's refusal of the imported file, shown on the start step as a problem of its file field.
  const [fileRefusal, setFileRefusal] = useState<Problem | null>(null);
  const index = steps.indexOf(step);
  usePageTitle(`New policy: ${stepTitles[step]}`);

  function go(next: Step) {
    setStep(next);
    focusStepHeading();
  }

  function next(changes: Partial<NewPolicyAnswers>) {
    setFileRefusal(null);
    setAnswers((current) => ({ ...current, ...changes }));
    go(changingFromCheck ? "check" : steps[index + 1]!);
  }

  function change(target: Step) {
    setChangingFromCheck(true);
    creating.clear();
    go(target);
  }

  async function create() {
    await creating.run(async () => {
      let policy;
      try {
        policy = await newPolicyApi.createPolicy(createRequest(answers));
      } catch (error) {
        // A file the browser's check let through but the server refused (too large, unreadable, over the
        // limits) is a problem of the file field: back to its step, where the summary links to the field
        // and the field says what is wrong, in the server's words. Nothing was created.
        const refusal = fileRefusalOf(error);
        if (!refusal) throw error;
        setFileRefusal(refusal);
        setChangingFromCheck(true);
        setStep("start");
        return;
      }
      route(paths.policy(policy.id));
    });
  }

  return (
    <>
      {index === 0 ? (
        <a class="back-link" href={paths.policies}>
          Back to my policies
        </a>
      ) : (
        <button type="button" class="button-quiet back-link" onClick={() => go(changingFromCheck ? "check" : steps[index - 1]!)}>
          Back
        </button>
      )}
      <p class="secondary">{step === "check" ? "New policy" : `New policy: step ${index + 1} of ${steps.length - 1}`}</p>
      <h1 id="new-policy-step" tabIndex={-1}>
        {stepTitles[step]}
      </h1>
      {step === "details" && <DetailsStep answers={answers} onNext={next} />}
      {step === "group" && (
        <Loaded resource={accounts} what="the people">
          {(list) => <GroupStep answers={answers} accounts={list} onNext={next} />}
        </Loaded>
      )}
      {step === "approval" && (
        <Loaded resource={bodies} what="the approving bodies">
          {(list) => <ApprovalStep answers={answers} bodies={list} onNext={next} />}
        </Loaded>
      )}
      {step === "start" && (
        <Loaded resource={templates} what="the templates">
          {(list) => <StartStep answers={answers} templates={list} refusal={fileRefusal} onNext={next} />}
        </Loaded>
      )}
      {step === "check" && (
        <Loaded resource={accounts} what="the people">
          {(accountList) => (
            <Loaded resource={bodies} what="the approving bodies">
              {(bodyList) => (
                <Loaded resource={templates} what="the templates">
                  {(templateList) => (
                    <div class="stack">
                      <CheckAnswers answers={answers} accounts={accountList} bodies={bodyList} templates={templateList} onChange={change} />
                      <p>Creating the policy sets all of this at once and opens its draft. If any part is refused, nothing is created.</p>
                      <ActionFeedback action={creating} />
                      <button type="button" disabled={creating.pending} onClick={() => void create()}>
                        {creating.pending ? "Creating…" : "Create policy"}
                      </button>
                    </div>
                  )}
                </Loaded>
              )}
            </Loaded>
          )}
        </Loaded>
      )}
    </>
  );
}

/** The new-policy flow, for facilitators. */
export function NewPolicyPage() {
  const account = useAccount();
  if (!account.isFacilitator) return <FacilitatorsOnly title="New policy" action="create policies" />;
  return <NewPolicyFlow />;
}

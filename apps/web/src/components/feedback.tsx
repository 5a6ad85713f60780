import type { ComponentChildren } from "preact";
import { ApiError } from "../api.js";
import { useContext } from "preact/hooks";
import { FieldProblems, fieldProblemsOf } from "./field-problems.js";
import { FormProblemsContext } from "./form-problems.js";
import type { Action } from "./use-action.js";
import type { Resource } from "./use-resource.js";

/** The person-readable message of anything thrown, and the fields it names. */
function describe(error: unknown): { message: string } {
  if (error instanceof ApiError || error instanceof FieldProblems) return { message: error.message };
  if (error instanceof Error && error.message) return { message: error.message };
  return { message: "Something went wrong. Try again." };
}

/**
 * Shows an error's message and the fields it names, each as a sentence (never a raw field path),
 * announced at once to screen readers. Inside a form that shows problems beside its fields
 * (ProblemsBesideFields), this is the summary: each problem of a field shown there links to it, worded
 * as beside it; `labels` names fields the form does not show.
 */
export function ErrorMessage(props: { error: unknown; labels?: Readonly<Record<string, string>> }) {
  const form = useContext(FormProblemsContext);
  if (!props.error) return null;
  const { message } = describe(props.error);
  const shown = form && form.error === props.error ? form.fields : new Map<string, { id: string; label: string }>();
  const labels = { ...props.labels, ...Object.fromEntries([...shown].map(([key, field]) => [key, field.label])) };
  const fields = Object.entries(fieldProblemsOf(props.error, labels))
    .filter(([, sentence]) => sentence !== message)
    .map(([key, sentence]) => ({ key, sentence, fieldId: shown.get(key)?.id }));
  return (
    <div class="error" role="alert">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field.key}>{field.fieldId ? <a href={`#${field.fieldId}`}>{field.sentence}</a> : field.sentence}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * An action's outcome: its error, or its success notice. The notice region is always present (empty
 * until used) so screen readers announce what appears in it.
 */
export function ActionFeedback(props: { action: Action }) {
  return (
    <>
      <ErrorMessage error={props.action.error} />
      <p class="notice" role="status">
        {props.action.notice}
      </p>
    </>
  );
}

/** Renders loaded data, or says it is loading, or why it failed. */
export function Loaded<T>(props: { resource: Resource<T>; what: string; children: (data: T) => ComponentChildren }) {
  const { resource } = props;
  if (resource.state === "loading") {
    return (
      <p class="loading" role="status">
        Loading {props.what}…
      </p>
    );
  }
  if (resource.state === "failed") return <ErrorMessage error={resource.error} />;
  return <>{props.children(resource.data)}</>;
}

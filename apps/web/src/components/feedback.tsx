import type { ComponentChildren } from "preact";
import { ApiError } from "../api.js";
import { fieldProblemsOf } from "./field-problems.js";
import type { Action } from "./use-action.js";
import type { Resource } from "./use-resource.js";

/** The person-readable message of anything thrown, and the fields it names. */
function describe(error: unknown): { message: string; fields: { path: string; message: string }[] } {
  if (error instanceof ApiError) return { message: error.message, fields: error.fields };
  if (error instanceof Error && error.message) return { message: error.message, fields: [] };
  return { message: "Something went wrong. Try again.", fields: [] };
}

/**
 * Shows an error's message and the fields it names, each as a sentence (never a raw field path),
 * announced at once to screen readers. A form that shows its fields' problems beside them lists their
 * keys in `beside`, so they are not repeated here; `labels` names its fields as the form does.
 */
export function ErrorMessage(props: { error: unknown; labels?: Readonly<Record<string, string>>; beside?: readonly string[] }) {
  if (!props.error) return null;
  const { message } = describe(props.error);
  const problems = fieldProblemsOf(props.error, props.labels);
  const fields = Object.entries(problems)
    .filter(([key, sentence]) => !props.beside?.includes(key) && sentence !== message)
    .map(([key, sentence]) => ({ path: key, message: sentence }));
  return (
    <div class="error" role="alert">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field.path + field.message}>{field.message}</li>
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

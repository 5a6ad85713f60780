import { createContext, type ComponentChildren } from "preact";
import { useContext, useEffect, useRef } from "preact/hooks";
import { fieldProblemsOf } from "./field-problems.js";

/** A field shown in a form: the id of its control (or fieldset) and its label, by the request's name for it. */
export interface ShownField {
  id: string;
  label: string;
}

/** What the fields of one form share: the form's last error, and the fields it shows. */
export interface FormProblemsState {
  error: unknown;
  /** Filled in by the fields as they render, so the error summary can link each problem to its field. */
  fields: Map<string, ShownField>;
}

/** The form's problems, for its fields and its error summary; absent outside a form that shows them. */
export const FormProblemsContext = createContext<FormProblemsState | null>(null);

/**
 * Puts a form's error beside its fields, as GOV.UK's error message pattern does: each field the error
 * names (by the server, or by the form's own checks with FieldProblems) shows its problem as a sentence
 * under its label, tied to the control (aria-describedby, aria-invalid); the error summary (ErrorMessage,
 * ActionFeedback) inside it links to those fields instead of repeating them as bare text.
 */
export function ProblemsBesideFields(props: { error: unknown; children: ComponentChildren }) {
  // One map for the form's whole life: the fields write themselves into it as they render.
  const fields = useRef(new Map<string, ShownField>()).current;
  return <FormProblemsContext.Provider value={{ error: props.error, fields }}>{props.children}</FormProblemsContext.Provider>;
}

/**
 * The problem to show beside one field: the one the form passes itself, or else what the surrounding
 * form's error says of the field's name, as a sentence with the field's own label. The field is
 * registered while it is shown, so the summary can link to it.
 */
export function useFieldProblem(field: { id: string; name: string | undefined; label: string; error?: string }): string | undefined {
  const form = useContext(FormProblemsContext);
  const { id, name, label } = field;
  const shown = form?.fields;
  // Registered during render (a plain map, no state), so the summary rendered in the same pass sees it.
  if (shown && name) shown.set(name, { id, label });
  useEffect(() => {
    if (!shown || !name) return;
    return () => {
      if (shown.get(name)?.id === id) shown.delete(name);
    };
  }, [shown, name, id]);
  if (field.error) return field.error;
  if (!form || !name) return undefined;
  return fieldProblemsOf(form.error, { [name]: label })[name];
}

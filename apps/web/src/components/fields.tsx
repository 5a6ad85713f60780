import { useId } from "preact/hooks";
import { useFieldProblem } from "./form-problems.js";

interface CommonFieldProps {
  label: string;
  name: string;
  /** A line under the label, tied to the input with aria-describedby. */
  hint?: string;
  required?: boolean;
  /** Hides the label visually (it stays for screen readers), for compact table rows. */
  hiddenLabel?: boolean;
  /** Associates the control with a form elsewhere on the page (a table row's form). */
  form?: string;
  /**
   * What is wrong with the value, as a sentence: shown under the field and tied to it (aria-describedby).
   * Without it, the problem the surrounding form's error names for this field's name (ProblemsBesideFields).
   */
  error?: string;
}

/** The ids that describe a control: its hint and its error, when it has them. */
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

/** A field's error under it, with the id its control points to. */
export function FieldError(props: { id: string; error: string | undefined }) {
  if (!props.error) return null;
  return (
    <p class="field-error" id={`${props.id}-error`}>
      {props.error}
    </p>
  );
}

/** A labelled text-like input. */
export function TextField(
  props: CommonFieldProps & {
    type?: "text" | "email" | "password" | "date";
    /** The on-screen keyboard a phone shows ("numeric" for counts). */
    inputMode?: "numeric";
    defaultValue?: string;
    autoComplete?: string;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    multiline?: boolean;
  },
) {
  const id = useId();
  const hintId = `${id}-hint`;
  const error = useFieldProblem({ id, name: props.name, label: props.label, error: props.error });
  const shared = {
    id,
    name: props.name,
    required: props.required,
    minLength: props.minLength,
    maxLength: props.maxLength,
    defaultValue: props.defaultValue,
    form: props.form,
    "aria-describedby": describedBy(id, props.hint, error),
    "aria-invalid": error ? true : undefined,
  };
  return (
    <div class="field">
      <label for={id} class={props.hiddenLabel ? "visually-hidden" : undefined}>
        {props.label}
        {props.required === false && <span class="optional"> (optional)</span>}
      </label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.multiline ? (
        <textarea {...shared} rows={4} />
      ) : props.type === "password" ? (
        <input {...shared} type="password" autoComplete={props.autoComplete} />
      ) : props.type === "date" ? (
        <input {...shared} type="date" />
      ) : props.type === "email" ? (
        <input {...shared} type="email" autoComplete={props.autoComplete} pattern={props.pattern} />
      ) : (
        <input {...shared} type="text" autoComplete={props.autoComplete} pattern={props.pattern} inputMode={props.inputMode} />
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A labelled drop-down of fixed choices. */
export function SelectField(
  props: CommonFieldProps & {
    options: readonly (readonly [value: string, label: string])[];
    defaultValue?: string;
    /** A first, empty choice ("Choose a person") that a required select refuses. */
    placeholder?: string;
    /** Called with the new value when the choice changes. */
    onChange?: (value: string) => void;
  },
) {
  const id = useId();
  const hintId = `${id}-hint`;
  const error = useFieldProblem({ id, name: props.name, label: props.label, error: props.error });
  return (
    <div class="field">
      <label for={id} class={props.hiddenLabel ? "visually-hidden" : undefined}>
        {props.label}
      </label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <select
        id={id}
        name={props.name}
        required={props.required}
        form={props.form}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? true : undefined}
        onChange={props.onChange ? (event) => props.onChange!(event.currentTarget.value) : undefined}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map(([value, label]) => (
          // A select has no defaultValue property in the DOM, so the initial choice is marked on its option.
          <option key={value} value={value} selected={value === props.defaultValue}>
            {label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A labelled checkbox. */
export function CheckboxField(props: { label: string; name: string; value?: string; defaultChecked?: boolean }) {
  const id = useId();
  return (
    <div class="field checkbox">
      <input id={id} type="checkbox" name={props.name} value={props.value ?? "on"} defaultChecked={props.defaultChecked} />
      <label for={id}>{props.label}</label>
    </div>
  );
}

import type { TargetedSubmitEvent } from "preact";

/** Stops the browser's own submission and returns the form, for reading its fields. */
export function takeForm(event: TargetedSubmitEvent<HTMLFormElement>): HTMLFormElement {
  event.preventDefault();
  return event.currentTarget;
}

/** A text field's value, trimmed. Missing fields read as "" so a renamed input shows up as a refusal, not a crash. */
export function textOf(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** A password field's value exactly as typed: leading or trailing spaces are part of a password. */
export function passwordOf(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value : "";
}

/** Whether a checkbox is ticked. */
export function isChecked(form: HTMLFormElement, name: string): boolean {
  return new FormData(form).get(name) !== null;
}

/** Every ticked value of a group of checkboxes sharing one name. */
export function checkedValues(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).filter((value): value is string => typeof value === "string");
}

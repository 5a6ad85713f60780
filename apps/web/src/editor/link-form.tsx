import { isAllowedHref } from "@accord/policy-schema";
import type { TargetedKeyboardEvent, TargetedSubmitEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

/**
 * The address a person typed, ready for a link mark, or why it cannot be one. Surrounding spaces (as
 * pasted) are dropped; everything else must pass the schema's own rule, isAllowedHref.
 */
export function checkLinkAddress(typed: string): { href: string } | { problem: string } {
  const href = typed.trim();
  if (href === "") return { problem: "Enter the address the link should go to." };
  if (!isAllowedHref(href)) {
    return {
      problem:
        "That address cannot be used for a link. Use a full web address starting with https:// or http://, or a mailto: address, with no spaces.",
    };
  }
  return { href };
}

/** The props of the link form. */
export interface LinkFormProps {
  /** The link's current address when the selection already has one. */
  initialHref: string;
  /** Applies the checked address; returns a problem to show instead when it cannot be applied. */
  onSubmit: (href: string) => string | null;
  onCancel: () => void;
}

/** A small form that asks for a link's address, below the toolbar. Escape cancels it. */
export function LinkForm(props: LinkFormProps) {
  const [value, setValue] = useState(props.initialHref);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkLinkAddress(value);
    if ("problem" in checked) {
      setProblem(checked.problem);
      input.current?.focus();
      return;
    }
    const refused = props.onSubmit(checked.href);
    if (refused) setProblem(refused);
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      props.onCancel();
    }
  };

  return (
    <form class="link-form" aria-label="Link" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <div class="field">
        <label for="link-href">Link address</label>
        <input
          ref={input}
          id="link-href"
          type="text"
          inputMode="url"
          autocomplete="url"
          spellcheck={false}
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
          aria-invalid={problem ? "true" : undefined}
          aria-describedby={problem ? "link-href-hint link-href-problem" : "link-href-hint"}
        />
        <p id="link-href-hint" class="hint">
          For example https://www.example.gov/page or mailto:clerk@example.gov
        </p>
        {problem && (
          <p id="link-href-problem" class="error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div class="row-actions">
        <button type="submit">Apply link</button>
        <button type="button" class="button-quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

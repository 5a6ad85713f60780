import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api.js";
import { SectionPositionForm } from "../workflow/section-position-form.js";
import { ErrorMessage } from "./feedback.js";
import { FieldProblems } from "./field-problems.js";
import { SelectField, TextField } from "./fields.js";
import { ProblemsBesideFields } from "./form-problems.js";

// Forms' markup as the browser gets it (rendered to a string), parsed just enough to follow their ids.

/** The attributes of the one control named `name` (input, textarea or select). */
function controlAttributes(html: string, name: string): Record<string, string> {
  const tag = new RegExp(`<(?:input|textarea|select)\\b[^>]*\\bname="${name.replace("/", "\\/")}"[^>]*>`).exec(html)?.[0];
  if (!tag) throw new Error(`No control named ${name} in ${html}`);
  return Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map((match) => [match[1]!, match[2] ?? ""]));
}

/** The text of the element with this id. */
function textOfId(html: string, id: string): string | undefined {
  const match = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>(.*?)</\\1>`).exec(html);
  return match?.[2]?.replace(/<[^>]+>/g, "");
}

const serverRefusal = new ApiError("validation_failed", "The request is not valid.", 400, [
  { path: "/body/reason", message: "must NOT have more than 4000 characters" },
  { path: "/body/section", message: "must match pattern" },
  { path: "/body/bodyId", message: "is required" },
]);

describe("problems beside their fields", () => {
  it("show each field's problem as a sentence under it, tied to the control with aria-describedby and aria-invalid", () => {
    const html = renderToString(
      h(ProblemsBesideFields, {
        error: serverRefusal,
        children: [
          h(TextField, { label: "Reason", name: "reason", multiline: true, hint: "Why." }),
          h(TextField, { label: "Meeting reference", name: "meetingReference" }),
          h(ErrorMessage, { error: serverRefusal }),
        ],
      }),
    );
    const reason = controlAttributes(html, "reason");
    expect(reason["aria-invalid"]).toBe("true");
    const [hintId, errorId] = reason["aria-describedby"]!.split(" ");
    expect(textOfId(html, hintId!)).toBe("Why.");
    expect(textOfId(html, errorId!)).toBe("Reason can be at most 4000 characters long.");
    // A field the error does not name stays as it was.
    expect(controlAttributes(html, "meetingReference")).not.toHaveProperty("aria-invalid");
    expect(controlAttributes(html, "meetingReference")).not.toHaveProperty("aria-describedby");
  });

  it("keep the summary, which links each problem to its field and names the fields the form does not show", () => {
    const html = renderToString(
      h(ProblemsBesideFields, {
        error: serverRefusal,
        children: [h(TextField, { label: "Reason", name: "reason", multiline: true }), h(ErrorMessage, { error: serverRefusal })],
      }),
    );
    const reasonId = controlAttributes(html, "reason").id;
    const summary = /<div class="error" role="alert">(.*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(summary).toContain("<p>The request is not valid.</p>");
    expect(summary).toContain(`<a href="#${reasonId}">Reason can be at most 4000 characters long.</a>`);
    expect(summary).toContain("<li>Fill in body id.</li>");
    expect(summary).not.toMatch(/\/body|reason:/);
  });

  it("show the form's own problems, found before sending, the same way", () => {
    const found = new FieldProblems({ effectiveDate: "Give the effective date (YYYY-MM-DD)." });
    const html = renderToString(
      h(ProblemsBesideFields, { error: found, children: [h(TextField, { label: "Effective date", name: "effectiveDate", type: "date" })] }),
    );
    const field = controlAttributes(html, "effectiveDate");
    expect(field["aria-invalid"]).toBe("true");
    expect(textOfId(html, field["aria-describedby"]!)).toBe("Give the effective date (YYYY-MM-DD).");
  });

  it("put a problem with a choice beside its drop-down", () => {
    const refused = new ApiError("validation_failed", "The request is not valid.", 400, [
      { path: "/body/role", message: "is not allowed here" },
    ]);
    const html = renderToString(
      h(ProblemsBesideFields, {
        error: refused,
        children: [h(SelectField, { label: "Role", name: "role", options: [["viewer", "Viewer"]] })],
      }),
    );
    const role = controlAttributes(html, "role");
    expect(role["aria-invalid"]).toBe("true");
    expect(textOfId(html, role["aria-describedby"]!)).toBe("Role is not expected here.");
  });
});

describe("the section-position form, refused by the server", () => {
  it("shows the refusal beside the section and the reason, as sentences, never as field paths", () => {
    const html = renderToString(
      h(ProblemsBesideFields, {
        error: serverRefusal,
        children: h(SectionPositionForm, {
          policyId: "policy-1",
          versionNumber: 3,
          pending: false,
          onSubmit: async () => true,
          onCancel: () => undefined,
        }),
      }),
    );
    const section = controlAttributes(html, "section");
    expect(section["aria-invalid"]).toBe("true");
    expect(textOfId(html, section["aria-describedby"]!.split(" ").at(-1)!)).toBe("Section is not in the expected form.");
    const reason = controlAttributes(html, "reason");
    expect(reason["aria-invalid"]).toBe("true");
    expect(textOfId(html, reason["aria-describedby"]!.split(" ").at(-1)!)).toBe("Reason can be at most 4000 characters long.");
    expect(html).not.toMatch(/\/body\/|reason:/);
  });
});

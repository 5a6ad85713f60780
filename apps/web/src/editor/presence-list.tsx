import { useLayoutEffect, useRef } from "preact/hooks";
import type { PresentPerson } from "./presence.js";

/**
 * A small square in a person's colour. The colour is set through the CSSOM (`style.setProperty`), which
 * the Content-Security-Policy allows, unlike a `style` attribute in markup.
 */
export function ColorSwatch(props: { color: string }) {
  const swatch = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    swatch.current?.style.setProperty("--person-color", props.color);
  }, [props.color]);
  return <span ref={swatch} class="color-swatch" aria-hidden="true" />;
}

/** Everyone who has the draft open now, with name, affiliation and colour; me marked "(you)". A row in the draft's header. */
export function PresenceList(props: { people: PresentPerson[] }) {
  const count = props.people.length;
  return (
    <section class="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">
        Here now <span class="presence-count">({count})</span>
      </h2>
      <ul class="plain-list presence-list">
        {props.people.map((person) => (
          <li key={person.userId} class="presence-person">
            <ColorSwatch color={person.color} />
            <span>
              <span class="presence-name">
                {person.name}
                {person.isMe && " (you)"}
              </span>{" "}
              <span class="secondary">{person.affiliationLabel}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

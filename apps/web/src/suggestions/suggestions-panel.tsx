import type { Person } from "@accord/api-contract";
import { collectSuggestions, numberSections } from "@accord/policy-schema";
import { useEffect, useMemo, useState } from "preact/hooks";
import { TextSelection, type EditorState } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { ActionFeedback } from "../components/feedback.js";
import { useAction, type Action } from "../components/use-action.js";
import { ColorSwatch } from "../editor/presence-list.js";
import { useAuthorDirectory } from "./author-directory.js";
import { announceDecision } from "./decision-events.js";
import { setSuggestionAuthors } from "./suggestion-decorations.js";
import { groupByAuthor, rangeOfSuggestion, suggestionItems, type AuthorSuggestions, type SuggestionItem } from "./suggestion-groups.js";
import {
  affiliationColor,
  affiliationLabel,
  countSuggestions,
  decisionNotice,
  describeChange,
  formatSuggestionTime,
  kindLabels,
  unknownAuthorName,
} from "./suggestion-wording.js";
import { suggestionsApi, type DecisionTarget, type SuggestionDecision } from "./suggestions-api.js";
import "./suggestions.css";

/** The props of the suggestions panel. */
export interface SuggestionsPanelProps {
  policyId: string;
  view: EditorView | null;
  /** The editor's latest state: the panel is computed from its document, so it follows every change live. */
  state: EditorState | null;
  /** The person holds "draft.edit": they may accept and reject. */
  canDecide: boolean;
  /** The signed-in person, so their own suggestions are named even before the members load. */
  me: Person;
}

/** Selects a suggestion's text in the editor and scrolls to it; its range is read afresh, as others edit meanwhile. */
function selectSuggestion(view: EditorView, id: string): void {
  const range = rangeOfSuggestion(collectSuggestions(view.state.doc), id);
  if (!range) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView());
  view.focus();
}

interface ItemProps {
  item: SuggestionItem;
  canDecide: boolean;
  action: Action;
  onSelect: (id: string) => void;
  onDecide: (decision: SuggestionDecision, target: DecisionTarget) => void;
}

/** One suggestion: what it changes, where and when; clicking it shows it in the draft. */
function SuggestionEntry({ item, canDecide, action, onSelect, onDecide }: ItemProps) {
  const descriptionId = `suggestion-entry-${item.id}`;
  return (
    <li class={`suggestion-entry suggestion-entry-${item.kind}`}>
      <button type="button" class="suggestion-jump" id={descriptionId} onClick={() => onSelect(item.id)}>
        <span class="suggestion-kind">{kindLabels[item.kind]}</span>
        <span class="suggestion-change">{describeChange(item)}</span>
        <span class="secondary">
          {item.section ? `Section ${item.section}` : "Before the first section"} ·{" "}
          <time dateTime={item.time}>{formatSuggestionTime(item.time)}</time>
        </span>
      </button>
      {canDecide && (
        <div class="row-actions">
          <button
            type="button"
            aria-describedby={descriptionId}
            disabled={action.pending}
            onClick={() => onDecide("accept", { suggestionIds: [item.id] })}
          >
            Accept
          </button>
          <button
            type="button"
            class="button-danger"
            aria-describedby={descriptionId}
            disabled={action.pending}
            onClick={() => onDecide("reject", { suggestionIds: [item.id] })}
          >
            Reject
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * The pending suggestions of the draft beside the editor, grouped by author. Editors accept or reject
 * one, or all of one author's; the server changes the draft and the editor (and so this list) follows.
 */
export function SuggestionsPanel(props: SuggestionsPanelProps) {
  const { view, state, policyId, canDecide, me } = props;
  const doc = state?.doc ?? null;
  const groups = useMemo<AuthorSuggestions[]>(
    () => (doc ? groupByAuthor(suggestionItems(collectSuggestions(doc), numberSections(doc))) : []),
    [doc],
  );
  const authorIds = useMemo(() => groups.map((group) => group.author), [groups]);
  const directory = useAuthorDirectory(policyId, authorIds, me);
  const action = useAction();
  // Phones get the panel folded under its heading; wide screens always show it (see suggestions.css).
  const [expanded, setExpanded] = useState(false);

  // The editor's tooltips name authors from the same directory.
  useEffect(() => {
    if (view) view.dispatch(setSuggestionAuthors(view.state.tr, directory));
  }, [view, directory]);

  const nameOf = (authorId: string) => directory.get(authorId)?.name ?? unknownAuthorName;
  const count = groups.reduce((sum, group) => sum + group.items.length, 0);

  const decide = (decision: SuggestionDecision, target: DecisionTarget, authorName?: string) => {
    void action.run(async () => {
      const decided = await suggestionsApi.decide(policyId, decision, target);
      announceDecision();
      const ids = new Set(decided.map((entry) => entry.suggestionId));
      return decisionNotice(decision, ids.size, authorName);
    });
  };

  return (
    <aside class="suggestions-panel" aria-labelledby="suggestions-heading">
      <div class="suggestions-panel-header">
        <h3 id="suggestions-heading">Suggestions</h3>
        <span class="suggestions-count">{count === 0 ? "none pending" : `${countSuggestions(count)} pending`}</span>
        <button
          type="button"
          class="button-quiet suggestions-fold"
          aria-expanded={expanded ? "true" : "false"}
          aria-controls="suggestions-body"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? "Hide" : "Show"}
        </button>
      </div>
      <div id="suggestions-body" class={`suggestions-body${expanded ? "" : " suggestions-body-folded"}`}>
        <ActionFeedback action={action} />
        {count === 0 ? (
          <p class="hint">No pending suggestions in the draft.</p>
        ) : (
          groups.map((group) => {
            const name = nameOf(group.author);
            const affiliation = affiliationLabel(group.affiliation);
            return (
              <div key={group.author} class="suggestion-author">
                <h4 class="suggestion-author-name">
                  <ColorSwatch color={affiliationColor(group.affiliation)} />
                  <span>
                    {name}
                    {group.author === me.id && " (you)"}
                    {affiliation && <span class="secondary">{affiliation}</span>}
                  </span>
                </h4>
                {canDecide && (
                  <div class="row-actions suggestion-author-actions">
                    <button
                      type="button"
                      class="button-quiet"
                      disabled={action.pending}
                      onClick={() => decide("accept", { authorId: group.author }, name)}
                    >
                      Accept all from {name}
                    </button>
                    <button
                      type="button"
                      class="button-danger"
                      disabled={action.pending}
                      onClick={() => decide("reject", { authorId: group.author }, name)}
                    >
                      Reject all from {name}
                    </button>
                  </div>
                )}
                <ul class="plain-list suggestion-list">
                  {group.items.map((item) => (
                    <SuggestionEntry
                      key={item.id}
                      item={item}
                      canDecide={canDecide}
                      action={action}
                      onSelect={(id) => view && selectSuggestion(view, id)}
                      onDecide={(decision, target) => decide(decision, target, name)}
                    />
                  ))}
                </ul>
              </div>
            );
          })
        )}
      </div>
    </aside>
  );
}

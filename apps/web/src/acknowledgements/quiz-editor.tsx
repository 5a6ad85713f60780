import { useId } from "preact/hooks";
import { FieldError, TextField } from "../components/fields.js";
import { useFieldProblem } from "../components/form-problems.js";
import type { QuizQuestionInput } from "./campaign-input.js";

/** A question as the editor holds it: a stable key per question and per choice, so removing one keeps the others' inputs. */
export interface EditedQuestion extends QuizQuestionInput {
  key: number;
  choiceKeys: number[];
}

let nextKey = 1;
const newKey = () => nextKey++;

/** A new, empty question with two empty choices. */
export function emptyQuestion(): EditedQuestion {
  return { key: newKey(), prompt: "", choices: ["", ""], choiceKeys: [newKey(), newKey()], correctChoice: null };
}

/** The right answer, as radio buttons beside the choices; a problem shows under the legend. */
function RightAnswer(props: { question: EditedQuestion; index: number; onChange: (choice: number) => void }) {
  const { question, index } = props;
  const id = useId();
  const name = `quiz/questions/${index}/correctChoice`;
  const error = useFieldProblem({ id: `${id}-0`, name, label: `Right answer to question ${index + 1}` });
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Right answer to question {index + 1}</legend>
      <FieldError id={id} error={error} />
      {question.choices.map((choice, choiceIndex) => (
        <div class="field checkbox" key={question.choiceKeys[choiceIndex]}>
          <input
            id={`${id}-${choiceIndex}`}
            type="radio"
            name={name}
            value={String(choiceIndex)}
            checked={question.correctChoice === choiceIndex}
            aria-invalid={error ? true : undefined}
            onChange={() => props.onChange(choiceIndex)}
          />
          <label for={`${id}-${choiceIndex}`}>
            Choice {choiceIndex + 1}
            {choice.trim() ? `: ${choice.trim()}` : ""}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** One question: its text, its choices (add and remove), and which choice is right. */
function QuestionEditor(props: {
  question: EditedQuestion;
  index: number;
  onChange: (question: EditedQuestion) => void;
  onRemove: () => void;
}) {
  const { question, index } = props;
  const base = `quiz/questions/${index}`;
  const choicesProblem = useFieldProblem({ id: `question-${question.key}-choices`, name: `${base}/choices`, label: "Choices" });
  const change = (changes: Partial<EditedQuestion>) => props.onChange({ ...question, ...changes });
  const removeChoice = (choiceIndex: number) => {
    const correct = question.correctChoice;
    change({
      choices: question.choices.filter((_, at) => at !== choiceIndex),
      choiceKeys: question.choiceKeys.filter((_, at) => at !== choiceIndex),
      correctChoice: correct === null || correct === choiceIndex ? null : correct > choiceIndex ? correct - 1 : correct,
    });
  };
  return (
    <fieldset class="quiz-question">
      <legend>Question {index + 1}</legend>
      <div onInput={(event) => change({ prompt: (event.target as HTMLTextAreaElement).value })}>
        <TextField
          label={`Question ${index + 1}`}
          name={`${base}/prompt`}
          required
          maxLength={500}
          multiline
          defaultValue={question.prompt}
        />
      </div>
      <p id={`question-${question.key}-choices`} class="hint">
        Two to ten choices.
      </p>
      <FieldError id={`question-${question.key}-choices`} error={choicesProblem} />
      {question.choices.map((choice, choiceIndex) => (
        <div key={question.choiceKeys[choiceIndex]} class="quiz-choice">
          <div
            onInput={(event) =>
              change({ choices: question.choices.map((old, at) => (at === choiceIndex ? (event.target as HTMLInputElement).value : old)) })
            }
          >
            <TextField
              label={`Question ${index + 1}, choice ${choiceIndex + 1}`}
              name={`${base}/choices/${choiceIndex}`}
              required
              maxLength={300}
              autoComplete="off"
              defaultValue={choice}
            />
          </div>
          {question.choices.length > 2 && (
            <button type="button" class="button-quiet" onClick={() => removeChoice(choiceIndex)}>
              Remove choice {choiceIndex + 1}
              <span class="visually-hidden"> of question {index + 1}</span>
            </button>
          )}
        </div>
      ))}
      {question.choices.length < 10 && (
        <button
          type="button"
          class="button-quiet"
          onClick={() => change({ choices: [...question.choices, ""], choiceKeys: [...question.choiceKeys, newKey()] })}
        >
          Add a choice<span class="visually-hidden"> to question {index + 1}</span>
        </button>
      )}
      <RightAnswer question={question} index={index} onChange={(choice) => change({ correctChoice: choice })} />
      <button type="button" class="button-quiet" onClick={props.onRemove}>
        Remove question {index + 1}
      </button>
    </fieldset>
  );
}

/** The quiz the facilitator writes: questions with choices and the right answer, and the pass mark. */
export function QuizEditor(props: {
  questions: EditedQuestion[];
  onChange: (questions: EditedQuestion[]) => void;
  passMark: string;
  onPassMarkChange: (passMark: string) => void;
}) {
  const { questions } = props;
  const questionsProblem = useFieldProblem({ id: "quiz-questions", name: "quiz/questions", label: "Questions" });
  return (
    <div class="stack" id="quiz-questions">
      <FieldError id="quiz-questions" error={questionsProblem} />
      {questions.map((question, index) => (
        <QuestionEditor
          key={question.key}
          question={question}
          index={index}
          onChange={(changed) => props.onChange(questions.map((old) => (old.key === changed.key ? changed : old)))}
          onRemove={() => props.onChange(questions.filter((old) => old.key !== question.key))}
        />
      ))}
      {questions.length < 20 && (
        <button type="button" class="button-quiet" onClick={() => props.onChange([...questions, emptyQuestion()])}>
          Add a question
        </button>
      )}
      <div onInput={(event) => props.onPassMarkChange((event.target as HTMLInputElement).value)}>
        <TextField
          label="Pass mark (percent of answers right)"
          name="quiz/passMarkPercent"
          required
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={3}
          defaultValue={props.passMark}
          hint="From 1 to 100. Every attempt is kept; an officer may try again until they pass."
        />
      </div>
    </div>
  );
}

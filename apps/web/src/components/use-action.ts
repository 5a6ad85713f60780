import { useState } from "preact/hooks";

/** The state of one button's or form's request to the server. */
export interface Action {
  pending: boolean;
  error: unknown;
  notice: string;
  /** Runs the request; a returned string is shown as the success notice. Errors are kept for display. */
  run: (perform: () => Promise<string | void>) => Promise<boolean>;
  /** Clears a shown error and notice. */
  clear: () => void;
}

/** Tracks a request started by the person: pending while it runs, then its error or success notice. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");

  async function run(perform: () => Promise<string | void>): Promise<boolean> {
    setPending(true);
    setError(null);
    setNotice("");
    try {
      const message = await perform();
      if (message) setNotice(message);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setPending(false);
    }
  }

  return {
    pending,
    error,
    notice,
    run,
    clear: () => {
      setError(null);
      setNotice("");
    },
  };
}

import { useCallback, useEffect, useState } from "preact/hooks";

/** What a page knows about data it is loading. */
export type Resource<T> = { state: "loading" } | { state: "failed"; error: unknown } | { state: "ready"; data: T };

/**
 * Loads data when the inputs change and on `reload()`. An answer that arrives after the inputs have
 * changed (or the page has gone) is dropped, so a slow old request never overwrites a newer one.
 * `inputs` are compared by their JSON form: pass ids and other plain values.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, inputs: readonly unknown[]): [Resource<T>, () => void] {
  const inputsKey = JSON.stringify(inputs);
  const [loaded, setLoaded] = useState<{ key: string; resource: Resource<T> } | null>(null);
  const [generation, setGeneration] = useState(0);

  // `load` is a new closure on every render; the inputs say when it really needs calling again.
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ key: inputsKey, resource: { state: "ready", data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key: inputsKey, resource: { state: "failed", error } });
      },
    );
    return () => controller.abort();
  }, [inputsKey, generation]);

  // A reload keeps showing the current data until the new answer arrives, so forms do not flicker away;
  // data for other inputs (another policy's page) is never shown as if it were this one's.
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const resource: Resource<T> = loaded && loaded.key === inputsKey ? loaded.resource : { state: "loading" };
  return [resource, reload];
}

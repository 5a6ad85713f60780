import { useEffect } from "preact/hooks";

/** Sets the browser tab's title for the current page, so each page is told apart in history and by screen readers. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Accord` : "Accord";
  }, [title]);
}

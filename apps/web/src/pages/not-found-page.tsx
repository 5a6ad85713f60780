import { usePageTitle } from "../components/page-title.js";
import { paths } from "../paths.js";

/** Any /app address the app does not know. */
export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <a href={paths.policies}>Go to my policies</a>.
      </p>
    </>
  );
}

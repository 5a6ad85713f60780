import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

/** The body as the client reads it after undoing the response's Content-Encoding. */
function decoded(response: LightMyRequestResponse): string {
  const encoding = response.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(response.rawPayload).toString("utf8");
  if (encoding === "gzip") return gunzipSync(response.rawPayload).toString("utf8");
  if (encoding === undefined) return response.rawPayload.toString("utf8");
  throw new Error(`unexpected content-encoding ${String(encoding)}`);
}

function varies(response: LightMyRequestResponse): boolean {
  return String(response.headers.vary ?? "")
    .toLowerCase()
    .split(/\s*,\s*/)
    .includes("accept-encoding");
}

// A built web app in miniature, laid out as `pnpm build` lays it: hashed assets, and `.br`/`.gz` twins
// of the text files that the build compressed (the stylesheet has none, as an older build would not).
const script = `export const policies = ${JSON.stringify(Array.from({ length: 200 }, (_, index) => `policy ${index}`))};\n`;
const stylesheet = `${Array.from({ length: 100 }, (_, index) => `.rule-${index} { margin: ${index}px; }`).join("\n")}\n`;
const indexHtml = `<!doctype html><html lang="en"><head><title>Accord</title><script type="module" src="/app/assets/index-test.js"></script></head><body><div id="root"></div>${"<!-- padding -->".repeat(100)}</body></html>\n`;

function writeWebRoot(): string {
  const webRoot = mkdtempSync(path.join(tmpdir(), "accord-compression-web-"));
  mkdirSync(path.join(webRoot, "assets"));
  const files: Record<string, string> = { "index.html": indexHtml, "assets/index-test.js": script, "assets/index-test.css": stylesheet };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(webRoot, name), text);
  for (const name of ["index.html", "assets/index-test.js"]) {
    writeFileSync(path.join(webRoot, `${name}.br`), brotliCompressSync(files[name] as string));
    writeFileSync(path.join(webRoot, `${name}.gz`), gzipSync(files[name] as string));
  }
  return webRoot;
}

describe.each(testDatabaseKinds())("responses compressed when the client asks, and only then (%s)", (kind) => {
  let accord: TestAccord;
  let webRoot: string;
  let cookie: string;
  let policyId: string;

  beforeAll(async () => {
    webRoot = writeWebRoot();
    accord = await startTestAccord(kind, { env: { ACCORD_WEB_ROOT: webRoot } });
    cookie = await accord.logIn("facilitator@accord.test");
    policyId = (await accord.request({ url: "/api/policies", cookie })).json().policies[0].id;
  });
  afterAll(async () => {
    await accord.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it("sends the app's JavaScript as its precompressed brotli or gzip twin, and as it is to a client that asks for neither", async () => {
    const brotli = await accord.request({ url: "/app/assets/index-test.js", headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers["content-type"]).toMatch(/javascript/);
    expect(brotli.headers["cache-control"]).toContain("immutable");
    expect(varies(brotli)).toBe(true);
    expect(decoded(brotli)).toBe(script);
    // The very bytes the build wrote: compressed once, not again per request.
    expect(brotli.rawPayload.equals(readFileSync(path.join(webRoot, "assets/index-test.js.br")))).toBe(true);

    const gzip = await accord.request({ url: "/app/assets/index-test.js", headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(script);
    expect(gzip.rawPayload.equals(readFileSync(path.join(webRoot, "assets/index-test.js.gz")))).toBe(true);

    for (const headers of [{}, { "accept-encoding": "identity" }]) {
      const plain = await accord.request({ url: "/app/assets/index-test.js", headers });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body).toBe(script);
    }
  });

  it("compresses a static file that has no precompressed twin as it goes", async () => {
    const gzip = await accord.request({ url: "/app/assets/index-test.css", headers: { "accept-encoding": "gzip" } });
    expect(gzip.statusCode).toBe(200);
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(stylesheet);
    const plain = await accord.request({ url: "/app/assets/index-test.css" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(stylesheet);
  });

  it("sends the app's page compressed at a deep link too", async () => {
    const response = await accord.request({ url: `/app/policies/${policyId}`, headers: { "accept-encoding": "br" } });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(decoded(response)).toBe(indexHtml);
  });

  it("compresses JSON from the API", async () => {
    const plain = await accord.request({ url: `/api/policies/${policyId}/draft`, cookie });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    for (const encoding of ["br", "gzip"]) {
      const compressed = await accord.request({ url: `/api/policies/${policyId}/draft`, cookie, headers: { "accept-encoding": encoding } });
      expect(compressed.statusCode).toBe(200);
      expect(compressed.headers["content-encoding"]).toBe(encoding);
      expect(compressed.headers["content-type"]).toContain("application/json");
      expect(varies(compressed)).toBe(true);
      expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(JSON.parse(decoded(compressed))).toEqual(plain.json());
    }
  });

  it("compresses the public pages and the Atom feed, with the same ETag and 304 on revalidation", async () => {
    for (const url of ["/policies", "/policies/body-worn-cameras", "/policies/feed.atom"]) {
      const plain = await accord.request({ url });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      const compressed = await accord.request({ url, headers: { "accept-encoding": "br, gzip" } });
      expect(compressed.statusCode).toBe(200);
      expect(compressed.headers["content-encoding"]).toBe("br");
      expect(varies(compressed)).toBe(true);
      expect(decoded(compressed)).toBe(plain.body);
      // The ETag names the page's content, whichever encoding carries it, so either copy revalidates.
      expect(compressed.headers.etag).toBe(plain.headers.etag);
      const revalidated = await accord.request({
        url,
        headers: { "accept-encoding": "br, gzip", "if-none-match": plain.headers.etag as string },
      });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.rawPayload.length).toBe(0);
    }
  });

  it("leaves small answers as they are", async () => {
    const response = await accord.request({ url: "/api/health", headers: { "accept-encoding": "br, gzip" } });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.length).toBeLessThan(1024);
    expect(response.headers["content-encoding"]).toBeUndefined();
  });
});

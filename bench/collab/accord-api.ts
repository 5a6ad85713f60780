import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { registerCleanup, repositoryRoot } from "./processes.js";

/** The demo facilitator: may create policies and edit every one. */
export const facilitator = { email: "facilitator@accord.test", password: "accord-demo" };

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
}

/** Signs in and returns the session cookie as a Cookie header value. */
export async function logIn(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    // Accord refuses state-changing requests without its own Origin.
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password }),
  });
  await expectStatus(response, 200, "sign-in");
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
  if (cookies.length === 0) throw new Error("sign-in set no cookie");
  return cookies.join("; ");
}

/** Creates a policy (which creates its empty draft) and returns its id. */
export async function createPolicy(origin: string, cookie: string, title: string): Promise<string> {
  const response = await fetch(`${origin}/api/policies`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie },
    body: JSON.stringify({ title }),
  });
  await expectStatus(response, 201, "create policy");
  return ((await response.json()) as { policy: { id: string } }).policy.id;
}

/** Creates an account (as a facilitator) and returns its id. */
export async function createAccount(
  origin: string,
  cookie: string,
  account: { email: string; displayName: string; password: string },
): Promise<string> {
  const response = await fetch(`${origin}/api/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie },
    body: JSON.stringify(account),
  });
  await expectStatus(response, 201, "create account");
  return ((await response.json()) as { account: { id: string } }).account.id;
}

/** Puts an account in a policy's working group as an editor (a citizen member). */
export async function addEditor(origin: string, cookie: string, policyId: string, userId: string): Promise<void> {
  const response = await fetch(`${origin}/api/policies/${policyId}/members/${userId}`, {
    method: "PUT",
    headers: { "content-type": "application/json", origin, cookie },
    body: JSON.stringify({ role: "editor", affiliation: "citizen" }),
  });
  await expectStatus(response, 201, "add member");
}

interface ProseMirrorJson {
  type?: string;
  text?: string;
  content?: ProseMirrorJson[];
}

/** The text of every paragraph of the stored draft (GET /api/policies/:id/draft, read from the database). */
export async function storedParagraphs(origin: string, cookie: string, policyId: string): Promise<string[]> {
  const response = await fetch(`${origin}/api/policies/${policyId}/draft`, { headers: { cookie } });
  await expectStatus(response, 200, "read draft");
  const { draft } = (await response.json()) as { draft: { content: ProseMirrorJson } };
  const paragraphs: string[] = [];
  const textOf = (node: ProseMirrorJson): string => node.text ?? (node.content ?? []).map(textOf).join("");
  const walk = (node: ProseMirrorJson) => {
    if (node.type === "paragraph") paragraphs.push(textOf(node));
    else for (const child of node.content ?? []) walk(child);
  };
  walk(draft.content);
  return paragraphs;
}

// `pg` is a dependency of the server, not of the root: load it from there (CommonJS, no types at the root).
/** The little of a `pg` Client the benchmark uses. */
export interface PgClient {
  connect(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
}
const requireFromServer = createRequire(path.join(repositoryRoot, "apps/server/package.json"));

/** Connects one `pg` client to the URL, runs the work, and always disconnects. */
export async function withPostgresClient(url: string, work: (client: PgClient) => Promise<void>): Promise<void> {
  const { Client } = requireFromServer("pg") as { Client: new (config: { connectionString: string }) => PgClient };
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database next to the one adminUrl names; drop() removes it (also at cleanup). */
export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `accord_bench_${process.pid}_${Date.now()}`;
  await withPostgresClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`).then(() => undefined));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let unregister: () => void = () => undefined;
  // WITH (FORCE) (PostgreSQL 13+) ends any connection a killed server left behind.
  const drop = async () => {
    unregister();
    await withPostgresClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined));
  };
  // At exit nothing asynchronous runs any more: drop it from a short child process, synchronously.
  const dropAtExit = () => {
    const script = `const { Client } = require("pg"); const c = new Client({ connectionString: process.env.ADMIN_URL });
      c.connect().then(() => c.query("DROP DATABASE IF EXISTS ${name} WITH (FORCE)")).finally(() => c.end());`;
    execFileSync(process.execPath, ["-e", script], {
      cwd: path.join(repositoryRoot, "apps/server"),
      env: { ...process.env, ADMIN_URL: adminUrl },
      timeout: 15_000,
    });
  };
  unregister = registerCleanup(drop, dropAtExit);
  return { url: url.toString(), drop };
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

describe.each(testDatabaseKinds())("accounts and approving bodies on %s", (kind) => {
  let accord: TestAccord;
  let facilitator = "";
  beforeAll(async () => {
    accord = await startTestAccord(kind);
    facilitator = await accord.logIn("facilitator@accord.test");
  });
  afterAll(() => accord.close());

  const createAccount = (payload: Record<string, unknown>) =>
    accord.request({ method: "POST", url: "/api/accounts", cookie: facilitator, payload });

  it("creates an account that can then sign in, and refuses the same email twice", async () => {
    const created = await createAccount({ email: "New.Member@Example.org", displayName: "New Member", password: "first-password" });
    expect(created.statusCode).toBe(201);
    expect(created.json().account).toMatchObject({ email: "new.member@example.org", isFacilitator: false, disabled: false });
    expect(created.json().account).not.toHaveProperty("passwordHash");
    await accord.logIn("new.member@example.org", "first-password");

    const duplicate = await createAccount({ email: "new.member@example.org", displayName: "Again", password: "first-password" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe("email_taken");
  });

  it("refuses an invalid email and an unknown field, naming them", async () => {
    const response = await createAccount({ email: "not-an-email", displayName: "X", password: "long enough", admin: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
    expect(response.json().error.fields.length).toBeGreaterThan(0);
  });

  it("keeps account management to the facilitator", async () => {
    const officer = await accord.logIn("officer@accord.test");
    expect((await accord.request({ url: "/api/accounts", cookie: officer })).statusCode).toBe(403);
    const response = await accord.request({
      method: "POST",
      url: "/api/accounts",
      cookie: officer,
      payload: { email: "sneaky@example.org", displayName: "Sneaky", password: "long enough" },
    });
    expect(response.statusCode).toBe(403);
  });

  it("disables an account, which ends its sessions and refuses its sign-in, and enables it again", async () => {
    const created = await createAccount({ email: "to-disable@example.org", displayName: "Temp", password: "first-password" });
    const id = created.json().account.id;
    const session = await accord.logIn("to-disable@example.org", "first-password");

    const disabled = await accord.request({
      method: "PATCH",
      url: `/api/accounts/${id}`,
      cookie: facilitator,
      payload: { disabled: true },
    });
    expect(disabled.json().account.disabled).toBe(true);
    expect((await accord.request({ url: "/api/auth/me", cookie: session })).statusCode).toBe(401);
    const login = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "to-disable@example.org", password: "first-password" },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json().error.code).toBe("invalid_credentials");

    await accord.request({ method: "PATCH", url: `/api/accounts/${id}`, cookie: facilitator, payload: { disabled: false } });
    await accord.logIn("to-disable@example.org", "first-password");
  });

  it("refuses to let the facilitator disable themselves", async () => {
    const me = (await accord.request({ url: "/api/auth/me", cookie: facilitator })).json().account;
    const response = await accord.request({
      method: "PATCH",
      url: `/api/accounts/${me.id}`,
      cookie: facilitator,
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("cannot_disable_self");
  });

  it("resets a password, ending the person's sessions", async () => {
    const created = await createAccount({ email: "forgetful@example.org", displayName: "Forgetful", password: "first-password" });
    const session = await accord.logIn("forgetful@example.org", "first-password");
    const reset = await accord.request({
      method: "PATCH",
      url: `/api/accounts/${created.json().account.id}`,
      cookie: facilitator,
      payload: { password: "second-password" },
    });
    expect(reset.statusCode).toBe(200);
    expect((await accord.request({ url: "/api/auth/me", cookie: session })).statusCode).toBe(401);
    await accord.logIn("forgetful@example.org", "second-password");
  });

  it("creates a body, names representatives, and refuses a duplicate name", async () => {
    const created = await accord.request({
      method: "POST",
      url: "/api/bodies",
      cookie: facilitator,
      payload: { name: "City Council Public Safety Committee" },
    });
    expect(created.statusCode).toBe(201);
    const bodyId = created.json().body.id;
    const accounts = (await accord.request({ url: "/api/accounts", cookie: facilitator })).json().accounts;
    const citizen = accounts.find((account: { email: string }) => account.email === "citizen@accord.test");

    const added = await accord.request({ method: "PUT", url: `/api/bodies/${bodyId}/representatives/${citizen.id}`, cookie: facilitator });
    expect(added.json().body.representatives).toEqual([expect.objectContaining({ userId: citizen.id })]);
    const again = await accord.request({ method: "PUT", url: `/api/bodies/${bodyId}/representatives/${citizen.id}`, cookie: facilitator });
    expect(again.json().body.representatives).toHaveLength(1);
    const removed = await accord.request({
      method: "DELETE",
      url: `/api/bodies/${bodyId}/representatives/${citizen.id}`,
      cookie: facilitator,
    });
    expect(removed.json().body.representatives).toEqual([]);

    const duplicate = await accord.request({
      method: "POST",
      url: "/api/bodies",
      cookie: facilitator,
      payload: { name: "City Council Public Safety Committee" },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe("body_name_taken");
  });

  it("shows bodies to members without representatives' emails, and refuses them changes", async () => {
    const citizen = await accord.logIn("citizen@accord.test");
    const bodies = await accord.request({ url: "/api/bodies", cookie: citizen });
    expect(bodies.statusCode).toBe(200);
    const board = bodies.json().bodies.find((body: { name: string }) => body.name === "Board of Police Commissioners");
    expect(board.representatives).toEqual([{ userId: expect.any(String), displayName: "Commissioner Ruth Alvarez" }]);
    const refused = await accord.request({ method: "POST", url: "/api/bodies", cookie: citizen, payload: { name: "My Body" } });
    expect(refused.statusCode).toBe(403);
  });
});

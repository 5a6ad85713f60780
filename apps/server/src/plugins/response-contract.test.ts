import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { Type } from "typebox";
import { Closed, errorAnswers } from "@accord/api-contract";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { responseContractPlugin } from "./response-contract.js";

const Answer = Closed({ title: Type.String(), count: Type.Integer() });
const response = { 200: Answer, ...errorAnswers(400, 500) };

/** An app whose routes answer what each test needs, checked as the test apps check every route. */
async function probeApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(responseContractPlugin);
  app.get("/api/kept", { schema: { response } }, async () => ({ title: "Body-worn cameras", count: 2 }));
  app.get("/api/undeclared-key", { schema: { response } }, async () => ({ title: "Body-worn cameras", count: 2, secret: "leaks" }));
  app.get("/api/wrong-type", { schema: { response } }, async () => ({ title: "Body-worn cameras", count: "2" }));
  app.get("/api/missing-key", { schema: { response } }, async () => ({ title: "Body-worn cameras" }));
  app.get("/api/undeclared-status", { schema: { response } }, async (_request, reply: FastifyReply) =>
    reply.code(201).send({ title: "x", count: 1 }),
  );
  app.get("/page", async (_request, reply) => reply.type("text/html").send("<p>a page</p>"));
  app.get("/other-json", async () => ({ anything: true }));
  await app.ready();
  return app;
}

describe("the response check", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await probeApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("lets an answer through that keeps to its declared schema", async () => {
    const response = await app.inject("/api/kept");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ title: "Body-worn cameras", count: 2 });
  });

  it("fails an answer with a key its schema does not declare, which the serializer would silently drop", async () => {
    const response = await app.inject("/api/undeclared-key");
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe("internal_error");
    expect(response.json().error.message).toMatch(/GET \/api\/undeclared-key answered 200 with a shape its schema does not declare/);
    expect(response.json().error.message).toMatch(/must NOT have additional properties/);
  });

  it("fails an answer with a value of the wrong type, which the serializer would silently convert", async () => {
    const response = await app.inject("/api/wrong-type");
    expect(response.statusCode).toBe(500);
    expect(response.json().error.message).toMatch(/answer\/count must be integer/);
  });

  it("fails an answer without a key its schema requires", async () => {
    const response = await app.inject("/api/missing-key");
    expect(response.statusCode).toBe(500);
    expect(response.json().error.message).toMatch(/must have required property 'count'/);
  });

  it("fails an answer with a status its route does not declare", async () => {
    const response = await app.inject("/api/undeclared-status");
    expect(response.statusCode).toBe(500);
    expect(response.json().error.message).toMatch(/answered 201, a status its schema does not declare/);
  });

  it("refuses to register a JSON API route that declares no answers", async () => {
    const bare = Fastify({ logger: false });
    await bare.register(responseContractPlugin);
    void bare.register(async (routes) => {
      routes.get("/api/no-schema", async () => ({ anything: true }));
    });
    await expect(bare.ready()).rejects.toThrow(/GET \/api\/no-schema declares no answers/);
  });

  it("leaves pages, and routes outside the API that declare nothing, to themselves", async () => {
    expect((await app.inject("/page")).statusCode).toBe(200);
    expect((await app.inject("/other-json")).json()).toEqual({ anything: true });
  });
});

describe("the test apps", () => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord("pglite");
  });
  afterAll(async () => {
    await accord.close();
  });

  it("check every answer of every route against its declared schema (and so every API route declares them)", () => {
    expect(accord.app.hasPlugin("accord-response-contract")).toBe(true);
  });
});

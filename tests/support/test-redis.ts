/**
 * The Redis the multi-process tests use: TEST_REDIS_URL (CI sets it, beside TEST_DATABASE_URL). Without
 * it, as on a machine without Redis, the tests that need one are not part of the run, exactly as the
 * PostgreSQL half of the database tests is not.
 */
export function testRedisUrl(): string | null {
  return process.env.TEST_REDIS_URL?.trim() || null;
}

/** The kinds of Redis a test runs against: the real one when configured; always an unreachable one. */
export function testRedisKinds(): ("reachable" | "unreachable")[] {
  return testRedisUrl() ? ["reachable", "unreachable"] : ["unreachable"];
}

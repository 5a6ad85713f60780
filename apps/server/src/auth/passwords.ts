import { hash, verify } from "@node-rs/argon2";

// OWASP's Password Storage Cheat Sheet: argon2id, 19 MiB of memory, 2 iterations, parallelism 1.
// `algorithm: 2` is Algorithm.Argon2id; the enum is a `const enum`, which isolatedModules cannot import.
const owaspArgon2id = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The argon2id hash of a password, in PHC string form (salt and parameters included). */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, owaspArgon2id);
}

/** True when the password matches the hash. A malformed hash counts as no match. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-ins that name no active account, so that
 * response times do not reveal which accounts exist.
 */
export async function verifyDecoyPassword(password: string): Promise<false> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword(await decoyHash, password);
  return false;
}

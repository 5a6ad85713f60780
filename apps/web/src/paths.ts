/**
 * The app's URLs. The server mounts the app under /app and answers index.html for every /app path that
 * is not a built asset, so each of these can be loaded directly or reloaded.
 */
export const appBase = "/app";

/** Links the client router handles; anything else (the public site, /api) is a full page load. */
export const appScope = /^\/app(?:[/?#]|$)/;

export const paths = {
  policies: `${appBase}/`,
  login: `${appBase}/login`,
  account: `${appBase}/account`,
  people: `${appBase}/people`,
  bodies: `${appBase}/bodies`,
  policy: (policyId: string) => `${appBase}/policies/${encodeURIComponent(policyId)}`,
  members: (policyId: string) => `${appBase}/policies/${encodeURIComponent(policyId)}/members`,
  publicPolicy: (slug: string) => `/policies/${encodeURIComponent(slug)}`,
};

/** Route patterns for the router, matching `paths` above. */
export const routes = {
  policies: appBase,
  login: `${appBase}/login`,
  account: `${appBase}/account`,
  people: `${appBase}/people`,
  bodies: `${appBase}/bodies`,
  policy: `${appBase}/policies/:policyId`,
  members: `${appBase}/policies/:policyId/members`,
} as const;

/**
 * Where to go after signing in: the `next` path when it is a page of this app, else the policy list.
 * Only same-app paths are accepted, so a crafted link cannot send someone elsewhere after sign-in.
 */
export function afterSignIn(next: string | undefined): string {
  if (next && appScope.test(next) && !next.startsWith("//") && !next.startsWith(paths.login)) return next;
  return paths.policies;
}

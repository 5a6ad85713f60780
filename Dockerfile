# Build stage: install everything, compile the server and packages, build the web app.
FROM node:20-bookworm-slim AS build
WORKDIR /accord
RUN npm install -g pnpm@12.4.2
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && node scripts/build-if-needed.mjs

# Run stage: production dependencies and the build output only (no sources, so nothing rebuilds).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /accord
RUN npm install -g pnpm@12.4.2
COPY --from=build /accord/package.json /accord/pnpm-lock.yaml /accord/pnpm-workspace.yaml ./
COPY --from=build /accord/packages/api-contract/package.json packages/api-contract/package.json
COPY --from=build /accord/packages/api-contract/dist packages/api-contract/dist
COPY --from=build /accord/packages/collab/package.json packages/collab/package.json
COPY --from=build /accord/packages/collab/dist packages/collab/dist
COPY --from=build /accord/packages/domain/package.json packages/domain/package.json
COPY --from=build /accord/packages/domain/dist packages/domain/dist
COPY --from=build /accord/packages/policy-diff/package.json packages/policy-diff/package.json
COPY --from=build /accord/packages/policy-diff/dist packages/policy-diff/dist
COPY --from=build /accord/packages/policy-render/package.json packages/policy-render/package.json
COPY --from=build /accord/packages/policy-render/dist packages/policy-render/dist
COPY --from=build /accord/packages/policy-schema/package.json packages/policy-schema/package.json
COPY --from=build /accord/packages/policy-schema/dist packages/policy-schema/dist
COPY --from=build /accord/packages/workflow/package.json packages/workflow/package.json
COPY --from=build /accord/packages/workflow/dist packages/workflow/dist
COPY --from=build /accord/migrations/package.json migrations/package.json
COPY --from=build /accord/migrations/dist migrations/dist
COPY --from=build /accord/apps/server/package.json apps/server/package.json
COPY --from=build /accord/apps/server/dist apps/server/dist
COPY --from=build /accord/apps/web/package.json apps/web/package.json
COPY --from=build /accord/apps/web/dist apps/web/dist
# Only its manifest: the workspace names it, and the lockfile must match; nothing of it is installed.
COPY --from=build /accord/tests/support/package.json tests/support/package.json
RUN pnpm install --frozen-lockfile --prod --filter @accord/server...
USER node
EXPOSE 3000
CMD ["node", "apps/server/dist/main.js"]

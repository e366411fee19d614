# syntax=docker/dockerfile:1.7
# SMP consultation analyzer: multi-stage build, models baked in, runs as a non-root user.
# (No Docker engine runs on the development machines; this file is kept buildable by review.)

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source under npm 11's allowScripts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY datasets ./datasets
COPY test/eval ./test/eval
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    SMP_DATA_DIR=/data
WORKDIR /app
# The report's Chinese, Japanese and Korean (src/plan/render/fonts.ts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-droid-fallback \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system smp && useradd --system --gid smp --home-dir /app --no-create-home smp \
 && mkdir -p /data && chown smp:smp /data
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root bin ./bin
COPY --chown=root:root models ./models
COPY --chown=root:root web ./web
USER smp
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "bin/smp.js", "serve"]

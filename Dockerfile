# Onset for a server: the collector and the web app in one container, Postgres beside
# it (docker-compose.yml). Not buildable on the development machines (no Docker engine
# there); kept correct by review.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY . .
RUN npm ci && npm run build
ENV ONSET_HOST=0.0.0.0 ONSET_DATA_DIR=/data
EXPOSE 3000 4317 4318
VOLUME ["/data"]
CMD ["node", "--heap-growing-percent=50", "--max-semi-space-size=8", "packages/cli/bin/onset.js", "start"]

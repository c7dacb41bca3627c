# syntax=docker/dockerfile:1
#
# onrecord in a container: a static binary on distroless, running as a
# non-root user, its data folder a volume at /data.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) -t onrecord .
#   docker run -d -e DISCORD_TOKEN -v onrecord-data:/data onrecord            # the bot
#   docker run --rm -v onrecord-data:/data -v "$PWD/transcripts:/in:ro" onrecord ingest /in
#   docker run --rm -v onrecord-data:/data onrecord ask "What did Blinken say about Iran?"
#
# See README.md (Docker) and compose.yaml.

# The build stage runs on the builder's own platform and cross-compiles.
FROM --platform=$BUILDPLATFORM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
ARG TARGETOS
ARG TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/onrecord ./cmd/onrecord \
 && mkdir -p /out/data

# distroless/static: CA certificates and time zones, no shell, no libc.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/onrecord /usr/local/bin/onrecord
# An empty /data owned by the non-root user, so a fresh volume is writable.
COPY --from=build --chown=65532:65532 /out/data /data
ENV ONRECORD_DATA=/data
VOLUME ["/data"]
# serve listens here; bot serves /healthz, /readyz and /metrics here when ONRECORD_ADDR=:8080.
EXPOSE 8080
USER 65532:65532
ENTRYPOINT ["onrecord"]
CMD ["bot"]

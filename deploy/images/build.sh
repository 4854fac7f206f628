#!/usr/bin/env bash
# Builds the JVM images of the services as image archives in target/images/ (no Docker daemon, nothing pushed):
#   deploy/images/build.sh                      all five
#   deploy/images/build.sh auth-service ...     some
# writes target/images/<service>-<version>.tar (BAZAAR_IMAGE_DIR overrides the folder), image
# ghcr.io/stream-bazaar/<service>:<version>, what deploy/kubernetes names.
# Base image: $BAZAAR_BASE_IMAGE when set (an image archive's path, or a registry reference such as
# registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24), else the Debian one base-image.sh makes (root, debootstrap;
# cached after the first time). Extra Maven options in MAVEN_ARGS, e.g. MAVEN_ARGS=-o (offline) or MAVEN_ARGS="-Pnative"
# for native images (on quay.io/quarkus/quarkus-micro-image; needs GraalVM or Mandrel, see deploy/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
services=("$@")
if [[ ${#services[@]} -eq 0 ]]; then
  services=(auth-service catalog-service session-service realtime-service analytics-service)
fi
modules=$(IFS=,; echo "${services[*]}")
export BAZAAR_IMAGE_DIR="${BAZAAR_IMAGE_DIR:-$PWD/target/images}"

base_args=()
if [[ " ${MAVEN_ARGS:-} " != *" -Pnative "* && "${MAVEN_ARGS:-}" != *"quarkus.jib.base-jvm-image="* ]]; then
  base="${BAZAAR_BASE_IMAGE:-$(deploy/images/base-image.sh)}"
  if [[ -f "$base" ]]; then
    base="tar://$(cd "$(dirname "$base")" && pwd)/$(basename "$base")"
  fi
  echo "build.sh: base image $base" >&2
  base_args=("-Dquarkus.jib.base-jvm-image=$base")
fi

# Maven reads MAVEN_ARGS itself too: hand them over once
maven_args="${MAVEN_ARGS:-}"
unset MAVEN_ARGS
started=$SECONDS
./mvnw -q $maven_args -pl "$modules" -am package -DskipTests \
  -Dquarkus.container-image.build=true \
  -Dquarkus.jib.docker-executable-name="$PWD/deploy/images/docker-archive" \
  "${base_args[@]}"
echo "build.sh: built in $((SECONDS - started)) s" >&2
ls -l "$BAZAAR_IMAGE_DIR"

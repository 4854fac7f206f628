#!/usr/bin/env bash
# Builds the JVM images of the services as image archives in target/images/ (no Docker daemon, nothing pushed):
#   deploy/images/build.sh                      all five
#   deploy/images/build.sh auth-service ...     some
# Extra Maven options in MAVEN_ARGS, e.g. MAVEN_ARGS="-Pnative" for native images, or
# MAVEN_ARGS="-Dquarkus.jib.base-jvm-image=tar:///path/base.tar" where the base image registry is out of reach.
set -euo pipefail
cd "$(dirname "$0")/../.."
services=("$@")
if [[ ${#services[@]} -eq 0 ]]; then
  services=(auth-service catalog-service session-service realtime-service analytics-service)
fi
modules=$(IFS=,; echo "${services[*]}")
export BAZAAR_IMAGE_DIR="${BAZAAR_IMAGE_DIR:-$PWD/target/images}"
./mvnw -q ${MAVEN_ARGS:-} -pl "$modules" -am package -DskipTests \
  -Dquarkus.container-image.build=true \
  -Dquarkus.jib.docker-executable-name="$PWD/deploy/images/docker-archive"
ls -l "$BAZAAR_IMAGE_DIR"

#!/usr/bin/env bash
# Smoke test for the kafka image: the packaged version, non-root user, and a KRaft broker that formats its storage and carries a message.
# container.yaml tests[] runs it from the container folder; it works from anywhere.
#
#   IMAGE, SMOKE_BUILD, SMOKE_REQUIRE_DOCKER, DOCKYARD_TESTS_STATIC: see containers/_lib/testlib.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/testlib.sh"

current="$(yaml_value version current)"
publish_image="$(yaml_value publish image)"
image="${IMAGE:-${publish_image}:${current}}"
[ -n "$current" ] || fail "version.current is empty"

# --- static checks ---------------------------------------------------------------------------
[ "$(dockerfile_arg KAFKA_VERSION)" = "$current" ] || fail "Dockerfile ARG KAFKA_VERSION differs from version.current ${current}"
pass "Dockerfile KAFKA_VERSION default is ${current}"

# --- runtime checks --------------------------------------------------------------------------
need_docker

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

docker run --rm "$image" kafka-topics.sh --version 2>/dev/null | grep -q "^${current}\b" || fail "kafka-topics.sh --version does not report ${current}"
pass "Kafka tools report ${current}"

docker run --rm "$image" sh -c "ls /opt/kafka/libs/kafka-clients-${current}.jar" >/dev/null || fail "kafka-clients-${current}.jar is missing"
pass "kafka-clients ${current} is on the classpath"

name="kafka-smoke-$$"
docker run -d --name "$name" -e KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://localhost:9092 "$image" >/dev/null
cleanup_cmds+=("docker rm -f $name")
wait_for 90 docker exec "$name" kafka-broker-api-versions.sh --bootstrap-server localhost:9092 \
  || { docker logs "$name" 2>&1 | tail -n 40 >&2; fail "broker not ready within 90s"; }
pass "broker formatted its storage and is ready"

docker exec "$name" kafka-topics.sh --bootstrap-server localhost:9092 --create --topic smoke --partitions 1 >/dev/null
docker exec "$name" sh -c 'echo "hello-lakehouse" | kafka-console-producer.sh --bootstrap-server localhost:9092 --topic smoke'
got="$(docker exec "$name" kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic smoke \
  --from-beginning --max-messages 1 --timeout-ms 30000 2>/dev/null)"
[ "$got" = "hello-lakehouse" ] || fail "consumed '${got}' instead of the produced message"
pass "a produced message is consumed"

done_ok

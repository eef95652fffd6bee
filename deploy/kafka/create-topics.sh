#!/usr/bin/env bash
# Creates Segmenta's topics on the compose cluster (the "topics" one-shot service runs it with the kafka image).
# Idempotent: --if-not-exists, so every "docker compose up" may run it again. Partition counts and compaction
# match the one-process runtime (app: DemoTopics / KafkaTopics).
set -euo pipefail

bootstrap="${BOOTSTRAP_SERVERS:-kafka:19092}"
rf="${REPLICATION_FACTOR:-1}"
kafka_topics=/opt/kafka/bin/kafka-topics.sh

# the broker may report healthy a moment before it accepts admin requests
for attempt in $(seq 1 30); do
  if "$kafka_topics" --bootstrap-server "$bootstrap" --list > /dev/null 2>&1; then
    break
  fi
  if [ "$attempt" -eq 30 ]; then
    echo "topics: broker $bootstrap not reachable" >&2
    exit 1
  fi
  sleep 2
done

create() { # name partitions [--config k=v ...]
  local name=$1 partitions=$2
  shift 2
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$rf" "$@"
}

compacted=(--config cleanup.policy=compact --config min.cleanable.dirty.ratio=0.1 --config segment.ms=600000)

create customer-events       4                  # input: key = customer id
create segment-models        1 "${compacted[@]}" # latest model per model name
create segment-model-history 1 --config retention.ms=-1 # every model version, kept: event-time scoring, replays, audits
create segment-assignments   4 "${compacted[@]}" # current segment per customer
create segment-changes       4                  # one record per segment change
create segment-drift         1                  # trainer's drift reports
create segment-dlq           1                  # records that could not be processed

echo "topics: ready on $bootstrap"
"$kafka_topics" --bootstrap-server "$bootstrap" --list

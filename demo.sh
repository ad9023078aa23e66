#!/usr/bin/env bash
# Builds the runnable jar when it is missing or older than the sources, writes a 10 s demo clip
# (640x480, 25 fps, H.264 + 16 kHz AAC), and runs the whole pipeline on it through an embedded broker.
# Extra arguments go to `run` (e.g. ./demo.sh --realtime).
set -euo pipefail
cd "$(dirname "$0")"
JAR=cli/target/affect.jar
if [ ! -f "$JAR" ] || [ -n "$(find . -name target -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' \) -newer "$JAR" -print -quit)" ]; then
  echo "building $JAR ..." >&2
  mvn -B -ntp -q -DskipTests package
fi
mkdir -p target/demo
java -jar "$JAR" demo-clip --out target/demo/demo.mp4 --seconds 10
java -jar "$JAR" run --input target/demo/demo.mp4 --out target/demo/affect.jsonl "$@"
echo "demo: $(wc -l < target/demo/affect.jsonl) records in target/demo/affect.jsonl; first one:" >&2
head -n 1 target/demo/affect.jsonl >&2

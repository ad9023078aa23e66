#!/usr/bin/env bash
# Makes the AOT cache that lets `java -jar affect.jar` start and warm up faster (JEP 483/514/515: classes loaded and
# linked, lambdas and string concatenations resolved, and method profiles, all recorded by one training run). Needs a
# JDK 25 or later: $AFFECT_AOT_JDK, else $JAVA_HOME, else the newest under /usr/lib/jvm. Without one it says so and
# leaves nothing, and the jar runs as before on any JDK 17+. Run by `mvn package` (the cli module); idempotent.
#
#   scripts/train-aot-cache.sh cli/target/affect.jar
#
# Writes, beside the jar: affect.aot (the cache) and affect.aot.properties (the java that made it, which must be the
# one that uses it). AffectCli relaunches itself on that java with the cache when both are newer than the jar.
set -euo pipefail
JAR="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
DIR="$(dirname "$JAR")"
CACHE="$DIR/affect.aot"
PROPS="$DIR/affect.aot.properties"
WORK="$DIR/aot-training"

major() {  # major JDK version of a java executable, or 0
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}

find_jdk() {
    local candidates=()
    [ -n "${AFFECT_AOT_JDK:-}" ] && candidates+=("$AFFECT_AOT_JDK/bin/java")
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
    for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${d%/}/bin/java"); done
    for j in "${candidates[@]}"; do
        if [ -x "$j" ] && [ "$(major "$j")" -ge 25 ] 2>/dev/null; then
            echo "$j"
            return 0
        fi
    done
    return 1
}

rm -f "$CACHE" "$PROPS"
if ! JAVA=$(find_jdk); then
    echo "train-aot-cache: no JDK 25 or later found (AFFECT_AOT_JDK, JAVA_HOME, /usr/lib/jvm): no AOT cache;" \
         "affect.jar starts without one" >&2
    exit 0
fi
rm -rf "$WORK"
mkdir -p "$WORK"
# The training run: the default pipeline (embedded broker, every default model) on a short demo clip.
"$JAVA" -jar "$JAR" demo-clip --out "$WORK/train.mp4" --seconds "${AFFECT_AOT_SECONDS:-8}" >/dev/null 2>&1
if ! "$JAVA" -Daffect.launcher=training -XX:AOTCacheOutput="$CACHE" -Xlog:aot*=error -Xlog:cds*=error \
        --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$JAR" run --input "$WORK/train.mp4" --out "$WORK/train.jsonl" \
        --no-progress >"$WORK/training.log" 2>&1 || [ ! -s "$CACHE" ]; then
    echo "train-aot-cache: the training run failed (see $WORK/training.log); no AOT cache" >&2
    rm -f "$CACHE"
    exit 0
fi
printf 'java=%s\n' "$JAVA" > "$PROPS"
rm -rf "$WORK"
echo "train-aot-cache: $CACHE ($(du -h "$CACHE" | cut -f1)) for $JAVA"

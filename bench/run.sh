#!/usr/bin/env bash
# Ferry's benchmark, one command:
#   bench/run.sh [--rows N] [--registrations N] [--store derby|postgresql] [--observe SECONDS] [--karaf-lock FILE]
# It needs the build (mvn -B install -DskipTests) and the machine's PostgreSQL and MariaDB; it starts and stops the
# built distribution itself, prints a table and writes bench/results/latest.json. See bench/README.md.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
DIST=$(ls "$ROOT"/karaf-distribution/target/ferry-distribution-*.tar.gz 2>/dev/null | head -1 || true)
JAR=$(ls "$BENCH"/target/ferry-bench-*.jar 2>/dev/null | head -1 || true)

missing=()
[[ -n "$DIST" ]] || missing+=("the distribution (karaf-distribution/target/ferry-distribution-*.tar.gz)")
[[ -n "$JAR" && -d "$BENCH/target/lib" && -d "$BENCH/target/products" ]] || missing+=("the bench module (bench/target)")
if (( ${#missing[@]} > 0 )); then
  printf 'bench: %s not built; run "mvn -B install -DskipTests" first\n' "$(IFS=' and '; echo "${missing[*]}")" >&2
  exit 1
fi

export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
exec "$JAVA_HOME/bin/java" -Dbench.dir="$BENCH" -Dferry.distribution="$DIST" \
  -cp "$JAR:$BENCH/target/lib/*" dev.ferry.bench.Bench "$@"

#!/usr/bin/env bash
# The honest offline check: boots the built distribution in a network namespace with only loopback and a
# user.home whose Maven repository is empty, so every bundle must come from the distribution's system/ folder.
# Prints the cold start time (to the REST API answering with the demo product loaded) and the memory at idle.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIST=$(ls "$ROOT"/karaf-distribution/target/ferry-distribution-*.tar.gz 2>/dev/null | head -1 || true)
[[ -n "$DIST" ]] || { echo "offline check: build the distribution first (mvn -B install)" >&2; exit 1; }
if ! unshare -n true 2>/dev/null; then
  echo "offline check skipped: this machine cannot make a network namespace (unshare -n needs root)"
  exit 0
fi
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
tar xzf "$DIST" -C "$WORK"
KARAF=$(ls -d "$WORK"/ferry-distribution-*/)

unshare -n bash -s "$KARAF" "$WORK/home" <<'INSIDE'
set -euo pipefail
KARAF="$1"; EMPTY_HOME="$2"
ip link set lo up
cd "$KARAF"
export EXTRA_JAVA_OPTS="-Duser.home=$EMPTY_HOME"
t0=$(date +%s.%N)
bin/start
up=false
for _ in $(seq 1 600); do
  if curl -fsS -u admin:admin http://localhost:8181/ferry/api/products 2>/dev/null | grep -q '"available":true'; then
    up=true; break
  fi
  sleep 0.2
done
t1=$(date +%s.%N)
status=0
if [[ "$up" == true ]]; then
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "offline check: Ferry booted with no network in %.1f s (REST answering, demo product loaded)\n", b - a }'
  sleep 20
  pid=$(pgrep -f "karaf.base=${KARAF%/}" | head -1 || true)
  [[ -n "$pid" ]] && echo "offline check: RSS after 20 s idle: $(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 )) MiB"
else
  echo "offline check FAILED: Ferry did not answer within 120 s with no network" >&2
  status=1
fi
if grep -E "Error (resolving|downloading|installing)" data/log/karaf.log >&2; then
  echo "offline check FAILED: something was not in system/" >&2
  status=1
fi
[[ -d "$EMPTY_HOME/.m2/repository" ]] && ls -R "$EMPTY_HOME/.m2/repository" | head -5 >&2
bin/stop >/dev/null 2>&1 || true
for _ in $(seq 1 60); do pgrep -f "karaf.base=${KARAF%/}" >/dev/null || break; sleep 1; done
exit $status
INSIDE

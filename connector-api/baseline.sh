#!/usr/bin/env bash
# Checks that connector-api is backward compatible with the API connectors were first built against (bnd baseline).
#
# Connector API 1.0.0 is the API as the foundation landed it (commit 05306d2, every package at 1.0.0). It was never
# published to a repository, so this rebuilds it from that commit, installs it in the local Maven repository as
# dev.ferry:ferry-connector-api:1.0.0 (its parent as dev.ferry:ferry-parent:1.0.0), and runs bnd's baseline of the
# current API against it. A change that would break a connector built for 1.0.0 (a method removed or changed, a
# package version not raised as its changes need) fails; the report is in connector-api/target/baseline.
# Needs the git history (exit 2 without it) and Maven Central for what the 1.0.0 build needs.
set -euo pipefail
cd "$(dirname "$0")/.."

RELEASE=05306d2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! git cat-file -e "$RELEASE^{commit}" 2>/dev/null; then
  echo "connector-api baseline not checked: 1.0.0's commit $RELEASE is not in this checkout's history (a shallow clone?)" >&2
  exit 2
fi
git archive "$RELEASE" pom.xml connector-api | tar -x -C "$work"
# the release's own version, in the reactor's pom and the API's
sed -i '0,/<version>0.1.0-SNAPSHOT<\/version>/s##<version>1.0.0</version>#' "$work/pom.xml"
sed -i 's#<version>0.1.0-SNAPSHOT</version>#<version>1.0.0</version>#' "$work/connector-api/pom.xml"
mvn -B -q -N install -f "$work/pom.xml"
mvn -B -q install -DskipTests -f "$work/connector-api/pom.xml"

mvn -B -pl connector-api -Papi-baseline verify -DskipTests | tee "$work/baseline.log" \
  | grep -E 'Comparing bundle|PACKAGE_NAME|^\[INFO\] [<>= ] dev\.ferry|BUILD|ERROR' || true
grep -q 'BUILD SUCCESS' "$work/baseline.log" || { echo "connector-api is not backward compatible with 1.0.0" >&2; exit 1; }
echo "connector-api: backward compatible with 1.0.0 (bnd baseline)"

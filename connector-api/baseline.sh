#!/usr/bin/env bash
# Checks that connector-api is backward compatible with the APIs connectors were built against (bnd baseline).
#
# Connector API 1.0.0 is the API as the foundation landed it (commit 05306d2, every package at 1.0.0); 1.1.0 is the
# API as the connector-catalog stop landed it (commit 6e08f0d, every package at 1.1.0). Neither was published to a
# repository, so this rebuilds both from their commits, installs them in the local Maven repository as
# dev.ferry:ferry-connector-api:1.0.0 and :1.1.0 (their parents as dev.ferry:ferry-parent of the same version), and
# runs bnd's baseline of the current API against each. A change that would break a connector built for either (a
# method removed or changed, a package version not raised as its changes need) fails. Against 1.1.0 warnings fail
# too (a version raised more than its changes need); against 1.0.0 a package raised past 1.1 for what came after
# 1.1.0 is expected. The reports are in connector-api/target/baseline.
# Needs the git history (exit 2 without it) and Maven Central for what the old builds need.
set -euo pipefail
cd "$(dirname "$0")/.."

RELEASES=("05306d2:1.0.0" "6e08f0d:1.1.0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for release in "${RELEASES[@]}"; do
  commit=${release%%:*}
  version=${release##*:}
  if ! git cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "connector-api baseline not checked: $version's commit $commit is not in this checkout's history (a shallow clone?)" >&2
    exit 2
  fi
  mkdir -p "$work/$version"
  git archive "$commit" pom.xml connector-api | tar -x -C "$work/$version"
  # the release's own version, in the reactor's pom and the API's
  sed -i "0,/<version>0.1.0-SNAPSHOT<\/version>/s##<version>$version</version>#" "$work/$version/pom.xml"
  sed -i "s#<version>0.1.0-SNAPSHOT</version>#<version>$version</version>#" "$work/$version/connector-api/pom.xml"
  mvn -B -q -N install -f "$work/$version/pom.xml"
  mvn -B -q install -DskipTests -f "$work/$version/connector-api/pom.xml"
done

mvn -B -pl connector-api -Papi-baseline verify -DskipTests | tee "$work/baseline.log" \
  | grep -E 'Comparing bundle|PACKAGE_NAME|^\[INFO\] [<>= ] dev\.ferry|BUILD|ERROR' || true
grep -q 'BUILD SUCCESS' "$work/baseline.log" || { echo "connector-api is not backward compatible with 1.0.0 and 1.1.0" >&2; exit 1; }
echo "connector-api: backward compatible with 1.0.0 and 1.1.0 (bnd baseline)"

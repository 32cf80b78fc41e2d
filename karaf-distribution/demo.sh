#!/usr/bin/env bash
# Ferry's demo, end to end on embedded Derby:
#   builds Ferry (unless built already), unpacks the distribution into demo-run/, starts it, creates the
#   workspace "acme", registers the customer-sync-demo product to it, drops a CSV of 1,000 customers in its
#   inbox, waits for the 10-second job to move them, prints the moved rows, the run and the activity log,
#   then stops Karaf cleanly.  --keep leaves Karaf running (stop it with demo-run/ferry/bin/stop).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KEEP=false
[[ "${1:-}" == "--keep" ]] && KEEP=true
RUN_DIR="$ROOT/demo-run"
HOME_DIR="$RUN_DIR/ferry"
DIST=$(ls "$ROOT"/karaf-distribution/target/ferry-distribution-*.tar.gz 2>/dev/null | head -1 || true)

export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

say() { printf '\n== %s\n' "$*"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

if [[ -z "$DIST" ]]; then
  say "Building Ferry (mvn install -DskipTests; the first build downloads dependencies)"
  (cd "$ROOT" && mvn -B -q install -DskipTests)
  DIST=$(ls "$ROOT"/karaf-distribution/target/ferry-distribution-*.tar.gz | head -1)
fi

if [[ -f "$HOME_DIR/bin/stop" ]]; then
  "$HOME_DIR/bin/stop" >/dev/null 2>&1 || true
  sleep 2
fi
rm -rf "$RUN_DIR"
mkdir -p "$HOME_DIR"
tar xzf "$DIST" -C "$HOME_DIR" --strip-components=1

# the demo talks to Karaf's shell over SSH with a key of its own
ssh-keygen -q -t rsa -b 2048 -m PEM -N "" -f "$RUN_DIR/demo-key" >/dev/null
echo "admin=$(cut -d' ' -f2 "$RUN_DIR/demo-key.pub"),_g_:admingroup" >> "$HOME_DIR/etc/keys.properties"
shell() {
  ssh -q -p 8101 -i "$RUN_DIR/demo-key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10 \
      -o PreferredAuthentications=publickey -o BatchMode=yes admin@localhost "$@" 2> >(grep -v 'closed by remote host' >&2)
}

say "Starting Ferry in $HOME_DIR"
START=$(date +%s.%N)
"$HOME_DIR/bin/start"
UP=false
for _ in $(seq 1 180); do
  # GET /health answers 200 once the store, the scheduler and every boot feature are up (503 while starting)
  if curl -fsS --max-time 5 http://localhost:8181/ferry/api/health >/dev/null 2>&1 \
     && shell "ferry:product-list" >/dev/null 2>&1; then
    UP=true
    break
  fi
  sleep 1
done
[[ "$UP" == true ]] || { echo "Ferry did not come up within 3 minutes; see $HOME_DIR/data/log/karaf.log" >&2; exit 1; }
echo "Ferry is up (healthy, shell and REST answering) after $(since "$START") s"

stop_ferry() {
  if [[ "$KEEP" == true ]]; then
    say "Ferry keeps running: ssh -p 8101 admin@localhost (password admin), REST http://localhost:8181/ferry/api/ (admin/admin); stop: $HOME_DIR/bin/stop"
    return
  fi
  say "Stopping Ferry"
  "$HOME_DIR/bin/stop"
  for _ in $(seq 1 60); do
    pgrep -f "$HOME_DIR" >/dev/null || { echo "Ferry stopped"; return; }
    sleep 1
  done
  echo "Ferry did not stop within 60 s" >&2
  return 1
}
trap 'stop_ferry' EXIT

say "Installed products"
shell "ferry:product-list"

INBOX="$HOME_DIR/data/ferry/workspaces/acme/demo/inbox" # the product's default: the workspace's own folder, made by Ferry
say "Creating workspace acme and registering customer-sync-demo to it"
shell "ferry:workspace-create --description \"ACME Corp, demo\" acme"
shell "ferry:register customer-sync-demo acme"

say "Dropping customers-1.csv (1,000 customers) in $INBOX"
{
  echo "id,name,email,country,signup_date"
  for i in $(seq 1 1000); do
    printf '%d,Customer %d,customer%d@example.com,%s,2024-%02d-%02d\n' "$i" "$i" "$i" \
      "$( [[ $((i % 3)) == 0 ]] && echo NL || echo DE )" $((1 + i % 12)) $((1 + i % 28))
  done
} > "$INBOX/.customers-1.csv.tmp"
DROPPED=$(date +%s.%N)
mv "$INBOX/.customers-1.csv.tmp" "$INBOX/customers-1.csv"

say "Waiting for the scheduled job (every 10 s) to move them"
for _ in $(seq 1 60); do
  RUNS=$(curl -fsS --max-time 10 -u admin:admin "http://localhost:8181/ferry/api/runs?registration=acme:customer-sync-demo&limit=5")
  if echo "$RUNS" | grep -q '"actionsSucceeded":1000'; then break; fi
  sleep 1
done
echo "The 1,000 customers were in the target table $(since "$DROPPED") s after the file was dropped"

say "Job runs"
shell "ferry:run-list --registration acme:customer-sync-demo --limit 5"

say "Rows in the target table (read back through the jdbc connector)"
shell "ferry:records --count --limit 10000 acme:customer-sync-demo customers-writer"
shell "ferry:records --limit 5 acme:customer-sync-demo customers-writer"

say "Activity log"
shell "ferry:activity --limit 10"

#!/usr/bin/env bash
# The benchmark of docs/performance.md: Switchboard standalone and a plain Node.js `ws` peer (bench/peer), side by
# side in one run, each pinned to core 0 while the load tool runs pinned to core 1 (taskset). Loopback only; every
# step bounded in count and time. Not part of `mvn verify` (too heavy).
#
#   bench/run.sh                    # every scenario, both servers (~15 min on 2 cores)
#   bench/run.sh fanout direct      # only some: storm storm-global fanout fanout-rate direct direct-h2 idle badinput
#   SERVERS=switchboard bench/run.sh fanout
#   SERVERS=switchboard SERVER_ENV=SWITCHBOARD_TRANSPORT=portable bench/run.sh fanout   # before/after a change
#   SERVERS=switchboard JAR=/tmp/sb-before/target/switchboard-standalone.jar bench/run.sh direct   # another build
#
# JAR (default target/switchboard-standalone.jar) is the server to run, LOADTEST (default
# target/switchboard-loadtest.jar) the load tool: compare two builds of the server with one load tool.
#
# Results: bench/results/<UTC date-time>/<server>-<scenario>.json (the load tool's --json report, plus the
# server's memory for idle) and summary.md, the table docs/performance.md quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SCENARIOS=${*:-storm storm-global fanout fanout-rate direct direct-h2 badinput idle}
SERVERS=${SERVERS:-switchboard node}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-18181}
SECRET=bench-secret-0123456789abcdef0123456789
OUT=${OUT:-bench/results/$(date -u +%Y-%m-%dT%H-%M-%SZ)}
JAR=${JAR:-target/switchboard-standalone.jar}
LOADTEST=${LOADTEST:-target/switchboard-loadtest.jar}
mkdir -p "$OUT"

log() { printf '\n=== %s\n' "$*" >&2; }

[ -f "$JAR" ] && [ -f "$LOADTEST" ] || mvn -B -q package -DskipTests
[[ " $SERVERS " != *" node "* ]] || [ -d bench/peer/node_modules/ws ] || (cd bench/peer && npm install --no-audit --no-fund --silent)

SERVER_PID=
start_server() { # server, extra env...
  local which=$1; shift
  # Switchboard stores nothing unless a scenario asks (the peer stores nothing): the side by side is the same work.
  # The limits are off (docs/configuration.md, "Limits"): storms come from one address, and the scenarios send as
  # fast as they are accepted, far past the defaults (the peer has no limits either). SERVER_ENV may set them again.
  local envs=(JWT_SECRET=$SECRET SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT=$PORT DATABASE_URL=none
    SWITCHBOARD_RATE_LIMIT=off SWITCHBOARD_HANDSHAKE_RATE=off SWITCHBOARD_MAX_CONNECTIONS_PER_USER=off
    "$@" ${SERVER_ENV:-})
  if [ "$which" = switchboard ]; then
    env "${envs[@]}" taskset -c "$SERVER_CPU" java ${SB_JAVA_OPTS:--Xms1g -Xmx1g} \
      -jar "$JAR" > "$OUT/$which-server.log" 2>&1 < /dev/null &
  else
    env "${envs[@]}" taskset -c "$SERVER_CPU" node --expose-gc bench/peer/server.js > "$OUT/$which-server.log" 2>&1 < /dev/null &
  fi
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null -m 1 "http://127.0.0.1:$PORT/health" && return 0
    sleep 0.2
  done
  echo "server did not start" >&2; exit 1
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  sleep 2 # let the sockets of the last run leave TIME_WAIT's way
}
trap stop_server EXIT

rss_kib() { awk '/VmRSS/{print $2}' "/proc/$SERVER_PID/status"; }
full_gc() { # server
  if [ "$1" = switchboard ]; then jcmd "$SERVER_PID" GC.run > /dev/null; else curl -s -o /dev/null "http://127.0.0.1:$PORT/gc"; fi
  sleep 2
}
heap_kib() { # server: live heap (after a full GC), KiB
  if [ "$1" = switchboard ]; then
    jcmd "$SERVER_PID" GC.heap_info | awk '/(generation|heap) +total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); t+=v}} END {print t+0}'
  else
    curl -s "http://127.0.0.1:$PORT/gc" | sed 's/.*"heap_used_kib":\([0-9]*\).*/\1/'
  fi
}

loadtest() { # name, args...  (recorded when name is given, warm-up when it is "-")
  local name=$1; shift
  local json
  json=$(timeout 900 taskset -c "$CLIENT_CPU" java ${LT_JAVA_OPTS:--Xmx2g} -jar "$LOADTEST" \
    --url "ws://127.0.0.1:$PORT/ws" --secret "$SECRET" --server-pid "$SERVER_PID" --json --quiet "$@") || true
  if [ "$name" != - ]; then
    echo "$json" > "$OUT/$name.json"
  fi
}

# Warm-up: JIT compilation doubles a cold JVM's cost (STACK notes), and the peer gets the same treatment.
warm_up() {
  loadtest - --test-type fanout --connections 1000 --messages 300 --max-concurrent 100
  loadtest - --test-type throughput --connections 400 --messages 300 --window 16 --max-concurrent 100
  loadtest - --test-type storm --connections 5000 --max-concurrent 100
}

run_scenario() { # server scenario
  local s=$1 sc=$2
  case $sc in
    storm)
      start_server "$s" SWITCHBOARD_PRESENCE_EVENTS=off; warm_up
      loadtest "$s-storm" --label "storm 10k, presence off" --test-type storm --connections 10000 --max-concurrent 100
      stop_server ;;
    storm-global)
      start_server "$s" SWITCHBOARD_PRESENCE_EVENTS=global; warm_up
      loadtest "$s-storm-global" --label "storm 3k, presence global" --test-type storm --connections 3000 \
        --max-concurrent 100
      stop_server ;;
    fanout)
      start_server "$s" SWITCHBOARD_PRESENCE_EVENTS=off; warm_up
      loadtest "$s-fanout" --label "fan-out 5k receivers, as fast as accepted" --test-type fanout \
        --connections 5000 --messages 400 --window 64 --max-concurrent 100
      stop_server ;;
    fanout-rate)
      start_server "$s" SWITCHBOARD_PRESENCE_EVENTS=off; warm_up
      # 20 broadcasts/s to 2k receivers = 40k deliveries/s, which both servers sustain on one core here
      # (100/s = 200k deliveries/s is more than either can do on this machine).
      loadtest "$s-fanout-rate" --label "fan-out 2k receivers, 20 msg/s" --test-type fanout \
        --connections 2000 --messages 400 --rate 20 --max-concurrent 100
      stop_server ;;
    direct)
      start_server "$s" SWITCHBOARD_PRESENCE_EVENTS=off; warm_up
      loadtest "$s-direct" --label "direct 1k pairs" --test-type throughput --connections 2000 \
        --messages 150 --window 8 --max-concurrent 100
      stop_server ;;
    direct-h2)
      # What persistence costs on the same core: every /ws message written to a fresh H2 file (the standalone
      # default). Switchboard only; PostgreSQL or MariaDB would do this work in their own processes.
      [ "$s" = switchboard ] || return 0
      rm -rf "$OUT/h2"
      start_server "$s" SWITCHBOARD_PRESENCE_EVENTS=off "DATABASE_URL=jdbc:h2:file:$(cd "$OUT" && pwd)/h2/switchboard"
      warm_up
      loadtest "$s-direct-h2" --label "direct 1k pairs, stored in H2" --test-type throughput --connections 2000 \
        --messages 150 --window 8 --max-concurrent 100
      stop_server
      rm -rf "$OUT/h2" ;;
    badinput)
      start_server "$s"
      loadtest "$s-badinput" --label "bad input" --test-type badinput --connections 120
      stop_server ;;
    idle)
      # 19,900 held + 200 more that must be refused cleanly (SWITCHBOARD_MAX_CONNECTIONS), two client workers.
      # Memory per connection = (after - before) / held, both measured right after a full GC; the JVM gets a heap
      # that may shrink back after a GC, so that its RSS shows what is live, not the high-water mark of garbage.
      SB_JAVA_OPTS="${IDLE_JAVA_OPTS:--Xms32m -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}" \
        start_server "$s" SWITCHBOARD_PRESENCE_EVENTS=off SWITCHBOARD_MAX_CONNECTIONS=19900
      local ready="$OUT/$s-idle.ready"
      rm -f "$ready"
      full_gc "$s"; local rss0 heap0
      rss0=$(rss_kib); heap0=$(heap_kib "$s")
      loadtest "$s-idle" --label "idle 19,900 (+200 over the limit)" --test-type idle --connections 20100 \
        --workers 2 --max-concurrent 200 --duration 20 --ready-file "$ready" &
      local lt=$!
      for _ in $(seq 1 600); do [ -f "$ready" ] && break; sleep 0.5; done
      sleep 2
      local health stats
      health=$(curl -s -o /dev/null -m 5 -w '%{http_code} in %{time_total}s' "http://127.0.0.1:$PORT/health")
      if [ "$s" = switchboard ]; then
        local admin
        admin=$(java -cp "$LOADTEST" io.switchboard.loadtest.MintAdmin "$SECRET")
        stats=$(curl -s -o /dev/null -m 5 -w '%{http_code} in %{time_total}s' -H "Authorization: Bearer $admin" \
          "http://127.0.0.1:$PORT/ws/stats")
      else
        stats=$(curl -s -o /dev/null -m 5 -w '%{http_code} in %{time_total}s' "http://127.0.0.1:$PORT/ws/stats")
      fi
      local held_rss
      held_rss=$(rss_kib)
      full_gc "$s"
      cat > "$OUT/$s-idle-server.json" <<JSON
{"server":"$s","rss_before_kib":$rss0,"heap_before_kib":$heap0,"rss_held_kib":$held_rss,
 "rss_after_gc_kib":$(rss_kib),"heap_after_gc_kib":$(heap_kib "$s"),"fds":$(ls /proc/$SERVER_PID/fd | wc -l),
 "health":"$health","stats":"$stats","emfile_log_lines":$(grep -ci 'too many open files' "$OUT/$s-server.log" || true)}
JSON
      wait $lt || true
      stop_server ;;
  esac
}

log "server $JAR, load tool $LOADTEST"
log "machine: $(nproc) cores, $(awk '/MemTotal/{print int($2/1024)" MiB"}' /proc/meminfo), $(uname -r); java $(java -version 2>&1 | head -1); node $(node -v)"
for sc in $SCENARIOS; do
  for s in $SERVERS; do
    log "$s: $sc"
    run_scenario "$s" "$sc"
  done
done
node bench/summarize.js "$OUT" | tee "$OUT/summary.md"

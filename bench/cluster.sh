#!/usr/bin/env bash
# The cluster's benchmark (docs/cluster.md "Measured"): standalone nodes on the Redis at 127.0.0.1:6379, each run
# under a cluster prefix of its own, against one node in memory, side by side in one run. Loopback only; every step
# bounded in count and time. Not part of `mvn verify`.
#
#   bench/cluster.sh                  # cost latency idle (~15 min on 2 cores)
#   bench/cluster.sh cost             # server CPU per delivery: 3 nodes on Redis vs 1 in memory, ROUNDS times
#   bench/cluster.sh latency          # cross-node one-way latency at a moderate fixed rate (and 1 node beside it)
#   bench/cluster.sh idle             # IDLE_CONNECTIONS idle connections over IDLE_NODES nodes: presence, memory
#
# Nodes run pinned to NODE_CPU (0), the load tool to CLIENT_CPU (1) in cost and latency; Redis is the machine's own
# (shared, not pinned). The load tool spreads its clients over the nodes (client i on node i mod N, the two sides
# of a pair on different nodes, a fan-out's sender on node 1 and its receivers on the others: every delivery
# crosses nodes) and measures the nodes' CPU (summed, /proc/<pid>/stat) and redis-server's over the measured
# window. Results: bench/results/<UTC date-time>-cluster/<config>-<scenario>[-<round>].json and summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SCENARIOS=${*:-cost latency idle}
ROUNDS=${ROUNDS:-2}
NODE_CPU=${NODE_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
BASE_PORT=${BASE_PORT:-18301}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
IDLE_NODES=${IDLE_NODES:-6}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-100200}
IDLE_HOLD=${IDLE_HOLD:-240}   # seconds the connections are held once all are open (measuring 6 nodes takes ~1 min)
IDLE_WAIT=${IDLE_WAIT:-1500}   # seconds to wait for every idle connection to open; then whatever is held is measured
JAR=${JAR:-target/switchboard-standalone.jar}
LOADTEST=${LOADTEST:-target/switchboard-loadtest.jar}
SECRET=bench-secret-0123456789abcdef0123456789
OUT=${OUT:-bench/results/$(date -u +%Y-%m-%dT%H-%M-%SZ)-cluster}
RUN_ID=bench$(date -u +%s)$$
mkdir -p "$OUT"

log() { printf '\n=== %s\n' "$*" >&2; }

[ -f "$JAR" ] && [ -f "$LOADTEST" ] || mvn -B -q package -DskipTests
REDIS_HOST=$(sed -E 's#^redis://([^:/]+).*#\1#' <<< "$REDIS_URL")
REDIS_PORT=$(sed -E 's#^redis://[^:/]+:([0-9]+).*#\1#' <<< "$REDIS_URL")
case $REDIS_HOST in 127.*|localhost) ;; *) echo "REDIS_URL must be on loopback" >&2; exit 2 ;; esac
rcli() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }
REDIS_PID=$(rcli INFO server | tr -d '\r' | awk -F: '/^process_id/{print $2}')
[ -r "/proc/$REDIS_PID/stat" ] || { echo "redis-server's process $REDIS_PID is not on this machine" >&2; exit 2; }

PIDS=()
PORTS=()
PREFIX=
start_nodes() { # count, redis|memory, java options, extra env...
  local n=$1 mode=$2 jopts=$3; shift 3
  PREFIX=$RUN_ID-$((++STARTS))
  PIDS=(); PORTS=()
  for i in $(seq 1 "$n"); do
    local port=$((BASE_PORT + i - 1))
    # The limits of SPEC §13 off, as in bench/run.sh: the load tool opens thousands of connections from one address.
    local envs=(JWT_SECRET=$SECRET SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT=$port DATABASE_URL=none
                SWITCHBOARD_PRESENCE_EVENTS=off SWITCHBOARD_RATE_LIMIT=off SWITCHBOARD_HANDSHAKE_RATE=off
                SWITCHBOARD_MAX_CONNECTIONS_PER_USER=off "$@")
    [ "$mode" = redis ] && envs+=(REDIS_URL=$REDIS_URL SWITCHBOARD_CLUSTER=$PREFIX SWITCHBOARD_NODE_ID=n$i)
    env "${envs[@]}" taskset -c "${PIN:-0-1}" java $jopts -jar "$JAR" > "$OUT/node-$PREFIX-$i.log" 2>&1 < /dev/null &
    PIDS+=($!); PORTS+=($port)
  done
  for port in "${PORTS[@]}"; do
    for _ in $(seq 1 150); do
      curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/health" && continue 2
      sleep 0.2
    done
    echo "node on $port did not start" >&2; exit 1
  done
}
STARTS=0

stop_nodes() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
  # What the nodes left under this run's prefix (an orderly stop removes its own entries; this is the rest).
  if [ -n "$PREFIX" ]; then
    rcli --scan --pattern "$PREFIX:*" | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" DEL > /dev/null
  fi
  sleep 2
}
trap stop_nodes EXIT

urls() { local u=() p; for p in "${PORTS[@]}"; do u+=("ws://127.0.0.1:$p/ws"); done; (IFS=,; echo "${u[*]}"); }
pids() { (IFS=,; echo "${PIDS[*]}"); }

loadtest() { # name ("-" = warm-up, not kept), args...
  local name=$1; shift
  local json
  json=$(timeout 900 taskset -c "${LT_PIN:-$CLIENT_CPU}" java ${LT_JAVA_OPTS:--Xmx2g} -jar "$LOADTEST" \
    --url "$(urls)" --secret "$SECRET" --server-pid "$(pids)" --redis-pid "$REDIS_PID" --json --quiet "$@") || true
  [ "$name" = - ] || echo "$json" > "$OUT/$name.json"
}

warm_up() {
  loadtest - --test-type fanout --connections 1000 --messages 300 --max-concurrent 100
  loadtest - --test-type throughput --connections 400 --messages 300 --window 16 --max-concurrent 100
}

admin_token() { java -cp "$LOADTEST" io.switchboard.loadtest.MintAdmin "$SECRET"; }
heap_kib() { # pid: used heap after a full GC, KiB
  jcmd "$1" GC.run > /dev/null; sleep 1
  jcmd "$1" GC.heap_info | awk '/(generation|heap) +total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); t+=v}} END {print t+0}'
}
rss_kib() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }

cost_round() { # config (1-memory | 3-redis), round
  local cfg=$1 k=$2
  if [ "$cfg" = 1-memory ]; then start_nodes 1 memory "-Xms1g -Xmx1g"; else start_nodes 3 redis "-Xms1g -Xmx1g"; fi
  warm_up
  loadtest "$cfg-direct-$k" --label "direct 1k pairs, $cfg" --test-type throughput --connections 2000 \
    --messages 150 --window 8 --max-concurrent 100
  loadtest "$cfg-fanout-rate-$k" --label "fan-out 2k receivers, 20 msg/s, $cfg" --test-type fanout \
    --connections 2000 --messages 400 --rate 20 --max-concurrent 100
  stop_nodes
}

latency_run() { # config
  local cfg=$1
  if [ "$cfg" = 1-memory ]; then start_nodes 1 memory "-Xms1g -Xmx1g"; else start_nodes 3 redis "-Xms1g -Xmx1g"; fi
  warm_up
  # 200 pairs, one request per pair every 100 ms and its answer: 4,000 direct messages/s, every one across nodes.
  loadtest "$cfg-latency" --label "sustained 200 pairs x 10/s each way, $cfg" --test-type sustained \
    --connections 400 --message-interval 100 --duration 30 --max-concurrent 100
  stop_nodes
}

idle_run() {
  local n=$IDLE_NODES
  # A heap that may shrink back after a GC, as in bench/run.sh idle: RSS then shows what is live.
  PIN=0-1 start_nodes "$n" redis "-Xms32m -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
  local i before=() after=() heap0=() heap1=() rss_held=()
  for i in "${!PIDS[@]}"; do heap0+=("$(heap_kib "${PIDS[$i]}")"); before+=("$(rss_kib "${PIDS[$i]}")"); done
  local ready="$OUT/idle.ready" workers=$(( (IDLE_CONNECTIONS + 14999) / 15000 ))
  [ "$workers" -ge 6 ] || workers=6
  rm -f "$ready"
  LT_PIN=0-1 loadtest "${n}-redis-idle" --label "idle $IDLE_CONNECTIONS over $n nodes" --test-type idle \
    --connections "$IDLE_CONNECTIONS" --workers "$workers" --max-concurrent 300 --duration "$IDLE_HOLD" \
    --connect-timeout 30 --time-limit $((IDLE_WAIT + 300)) --ready-file "$ready" &
  local lt=$! waited=0
  while [ ! -f "$ready" ] && [ $waited -lt "$IDLE_WAIT" ]; do sleep 1; waited=$((waited + 1)); done
  [ -f "$ready" ] || { echo "not every connection open after ${IDLE_WAIT}s: measuring what is held" >&2; echo -1 > "$ready"; }
  sleep 3
  local admin; admin=$(admin_token)
  local checks="$OUT/${n}-redis-idle-nodes.jsonl"; : > "$checks"
  for i in "${!PIDS[@]}"; do
    local port=${PORTS[$i]} pid=${PIDS[$i]}
    rss_held+=("$(rss_kib "$pid")")
    local online stats
    online=$(curl -s -m 20 -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/ws/online?limit=1")
    stats=$(curl -s -m 20 -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/ws/stats")
    heap1+=("$(heap_kib "$pid")"); after+=("$(rss_kib "$pid")")
    printf '{"node":%d,"port":%d,"opened_ready":%s,"rss_before_kib":%s,"heap_before_kib":%s,"rss_held_kib":%s,"rss_after_gc_kib":%s,"heap_after_gc_kib":%s,"fds":%s,"online":%s,"stats":%s}\n' \
      $((i + 1)) "$port" "$(cat "$ready")" "${before[$i]}" "${heap0[$i]}" "${rss_held[$i]}" "${after[$i]}" \
      "${heap1[$i]}" "$(ls "/proc/$pid/fd" | wc -l)" "${online:-null}" "${stats:-null}" >> "$checks"
  done
  wait $lt || true
  # The load tool's coordinator and workers end by themselves (held --duration after ready, or at --time-limit).
  stop_nodes
}

log "machine: $(nproc) cores, $(awk '/MemTotal/{print int($2/1024)" MiB"}' /proc/meminfo), $(uname -r); java $(java -version 2>&1 | head -1); redis $(rcli INFO server | tr -d '\r' | awk -F: '/^redis_version/{print $2}') pid $REDIS_PID; $(date -u)"
for sc in $SCENARIOS; do
  case $sc in
    cost)
      for k in $(seq 1 "$ROUNDS"); do
        if [ $((k % 2)) = 1 ]; then order="1-memory 3-redis"; else order="3-redis 1-memory"; fi
        for cfg in $order; do log "cost $cfg round $k"; PIN=$NODE_CPU cost_round "$cfg" "$k"; done
      done ;;
    latency)
      for cfg in 3-redis 1-memory; do log "latency $cfg"; PIN=$NODE_CPU latency_run "$cfg"; done ;;
    idle)
      log "idle $IDLE_CONNECTIONS over $IDLE_NODES nodes"; idle_run ;;
    *) echo "unknown scenario $sc" >&2; exit 2 ;;
  esac
done
node bench/summarize-cluster.js "$OUT" | tee "$OUT/summary.md"

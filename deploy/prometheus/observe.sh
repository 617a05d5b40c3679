# shellcheck shell=bash
# A real Prometheus scraping a running mesh, for `./aiworld demo --observe`. Source this file, then
#
#   observe_mesh start [STATE_DIR]   # starts prometheus on $OBSERVE_ADDR (127.0.0.1:9090), waits for every target up
#   ...                              # run the demo
#   observe_mesh report              # a few live queries as small tables
#   observe_mesh stop                # stops the prometheus started here (its data stays in STATE_DIR/prom)
#
# It scrapes what deploy/prometheus/prometheus.yml names (the default ports 9464..9468) every 2 s
# and evaluates the alert rules. OBSERVE_PORTS="gateway=19464 core=19465 ..." scrapes other metrics
# ports instead. Needs prometheus (Debian package `prometheus`), curl and jq.

OBSERVE_ADDR=${OBSERVE_ADDR:-127.0.0.1:9090}
OBSERVE_DIR=${OBSERVE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
OBSERVE_STATE=${OBSERVE_STATE:-}

_observe_query() {  # PROMQL -> JSON of an instant query
  curl -sfG "http://$OBSERVE_ADDR/api/v1/query" --data-urlencode "query=$1"
}

# Prints "title" then one row per series: the labels named, then the value rounded.
_observe_table() {  # TITLE PROMQL LABEL...
  local title=$1 expr=$2
  shift 2
  local labels
  labels=$(printf '%s\n' "$@" | jq -R . | jq -sc .)
  local json
  if ! json=$(_observe_query "$expr"); then
    printf '  %s: query failed\n' "$title"
    return
  fi
  printf '  %s\n' "$title"
  local rows
  rows=$(jq -r --argjson labels "$labels" '
      .data.result
      | sort_by([.metric[$labels[]]] | map(. // "") | join(" "))
      | .[]
      | ([$labels[] as $l | .metric[$l] // "-"] + [(.value[1] | tonumber | (. * 100 | round) / 100 | tostring)])
      | @tsv' <<<"$json")
  if [[ -z $rows ]]; then
    printf '    (no series)\n'
  else
    awk -F'\t' '{ line = "   "; for (i = 1; i <= NF; i++) line = line sprintf(" %-16s", $i); print line }' <<<"$rows"
  fi
}

observe_mesh_start() {
  local state=${1:-${OBSERVE_STATE:-${STATE:-.aiworld}}}
  OBSERVE_STATE=$state
  command -v prometheus >/dev/null || { echo "observe: prometheus is not installed (apt-get install prometheus)" >&2; return 1; }
  mkdir -p "$state/prom/data"
  local config=$state/prom/prometheus.yml
  # The static config, faster, with the rules by absolute path and the ports asked for.
  sed -e 's/^\(  scrape_interval:\).*/\1 2s/' -e 's/^\(  evaluation_interval:\).*/\1 2s/' \
      -e "s|^  - rules/\*\.yml|  - $OBSERVE_DIR/rules/*.yml|" "$OBSERVE_DIR/prometheus.yml" >"$config"
  local pair name port default
  for pair in ${OBSERVE_PORTS:-}; do
    name=${pair%%=*} port=${pair#*=}
    default=$(grep -B1 "service: $name}" "$config" | grep -o '127.0.0.1:[0-9]*' | head -1)
    [[ -n $default ]] && sed -i "s/\"$default\"/\"127.0.0.1:$port\"/" "$config"
  done
  if curl -sf "http://$OBSERVE_ADDR/-/ready" >/dev/null 2>&1; then
    echo "observe: something already answers on $OBSERVE_ADDR (set OBSERVE_ADDR)" >&2
    return 1
  fi
  prometheus --config.file="$config" --storage.tsdb.path="$state/prom/data" \
    --web.listen-address="$OBSERVE_ADDR" --log.level=warn >"$state/prom/prometheus.log" 2>&1 &
  echo $! >"$state/prom/prometheus.pid"
  local targets
  targets=$(grep -c '^      - targets:' "$config")
  local i up=0
  for ((i = 0; i < 150; i++)); do
    if ! kill -0 "$(cat "$state/prom/prometheus.pid")" 2>/dev/null; then
      echo "observe: prometheus exited; its log:" >&2
      cat "$state/prom/prometheus.log" >&2
      return 1
    fi
    up=$(curl -sf "http://$OBSERVE_ADDR/api/v1/targets?state=active" 2>/dev/null |
      jq '[.data.activeTargets[] | select(.health == "up")] | length' 2>/dev/null || echo 0)
    [[ $up -ge $targets ]] && break
    sleep 0.2
  done
  echo "observe: prometheus at http://$OBSERVE_ADDR scraping $up of $targets targets (log: $state/prom/prometheus.log)"
  [[ $up -ge $targets ]]
}

observe_mesh_report() {
  echo "Prometheus ($OBSERVE_ADDR), live queries:"
  _observe_table 'targets up (up)' 'up{job="aiworld"}' service instance
  _observe_table 'gRPC calls/s over 1m, by service' \
    'sum by (service) (rate(grpc_server_handled_total{job="aiworld"}[1m]))' service
  _observe_table 'gRPC calls not OK over 5m, by service and code' \
    'sum by (service, grpc_code) (increase(grpc_server_handled_total{job="aiworld", grpc_code!="OK"}[5m])) > 0' service grpc_code
  _observe_table 'events/s from bridges over 1m, by outcome' \
    'sum by (outcome) (rate(aiworld_gateway_events_total{job="aiworld"}[1m]))' outcome
  _observe_table 'actions/s over 1m: queued by group' \
    'sum by (group) (rate(aiworld_gateway_actions_merged_total{job="aiworld", outcome="queued"}[1m]))' group
  _observe_table 'actions/s over 1m: delivered by path' \
    'sum by (path) (rate(aiworld_gateway_actions_delivered_total{job="aiworld"}[1m]))' path
  _observe_table 'decisions over 5m, by group and tier' \
    'sum by (service, tier) (increase(aiworld_decisions_total{job="aiworld"}[5m])) > 0' service tier
  _observe_table 'agent p95 seconds over 5m, by group' \
    'histogram_quantile(0.95, sum by (group, le) (rate(aiworld_agent_handle_seconds_bucket{job="aiworld"}[5m])))' group
  _observe_table 'alerts pending or firing' 'ALERTS' alertname alertstate service
}

observe_mesh_stop() {
  local pidfile=${OBSERVE_STATE:-${STATE:-.aiworld}}/prom/prometheus.pid
  [[ -f $pidfile ]] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    local i
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

observe_mesh() {
  local cmd=${1:-report}
  shift || true
  case $cmd in
    start) observe_mesh_start "$@" ;;
    report) observe_mesh_report "$@" ;;
    stop) observe_mesh_stop "$@" ;;
    *) echo "observe_mesh start [STATE_DIR] | report | stop" >&2; return 2 ;;
  esac
}

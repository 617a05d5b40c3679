#!/usr/bin/env bash
# shellcheck disable=SC2034 # the settings are read through ${!name} (render, expand)
# End-to-end test of the rAthena integration: a real rAthena (login/char/map-server with the bridge
# linked, built by build.sh), a private MariaDB, the mesh (./aiworld up on its private PostgreSQL) and
# an OpenKore bot that logs in, chats, types a line to a talker NPC (a copy of our AIW_Tpl_Talker placed
# for the run) and kills monsters; an e2e script sends a custom event with ai_bridge_emit at login. Then
# the mesh acts (Admin RunJobNow problem.daily: a server-wide broadcast and a monster spawn on the bot's
# map; the Dialogue agent's npc_say answer in the NPC's dialog window; the Karma agent's
# set_char_variable) and the test asserts that the bridge's events reached the gateway and that the
# actions were executed in game (the bot's log, map-server's log, rAthena's tables).
#
#   bridge-client/rathena/e2e.sh RATHENA_DIR OPENKORE_DIR
#
# RATHENA_DIR: an rAthena checkout (build.sh patches and builds it; AIWORLD_E2E_SKIP_BUILD=1 skips that
# and uses the binaries already there). OPENKORE_DIR: an OpenKore checkout (its XSTools are built here
# when missing). Both are external tools: nothing of theirs is copied into this repository; the bot's
# configuration and the rAthena overrides are generated from bridge-client/rathena/e2e/.
#
# Environment: AIWORLD_E2E_SKIP_BUILD=1 (no build.sh), AIWORLD_SKIP_BUILD=1 (the mesh is not built;
# otherwise it is, under flock /tmp/aiworld-build.lock), E2E_KEEP=1 (keep the temp dir with every log, also on success), E2E_BOT_TIMEOUT (seconds,
# default 900), E2E_KILLS (default 3), E2E_SCENARIO (another scenario file), E2E_GROUP_ID (the bot
# account's group, default 0), E2E_MESH_SCHEDULER=true (the gateway's scheduler on; off by default so
# only the test's RunJobNow calls make actions). Exit status 0 only when every check passed.
set -euo pipefail

# ---------------------------------------------------------------- settings
SERVER_ID="${E2E_SERVER_ID:-e2e}"           # the bridge's server_id at the gateway
USERNAME="aiwe2e"                           # the bot's account (inserted by SQL)
PASSWORD="e2epass1"
ACCOUNT_ID=2000000
CHAR_ID=150000
CHAR_NAME="AiwE2eBot"
BASE_LEVEL=35                               # >= 30: problem.daily can choose a monster surge
START_MAP="prt_fild08"                      # Prontera field with porings, next to Izlude
START_X=344
START_Y=216
# The NPC the bot talks to: a copy of our talker template (AIW_Tpl_Talker, npc/aiworld) that e2e.sh
# places next to the start cell for the run (e2e/rathena/aiworld_e2e.txt.in, listed in
# npc/scripts_custom.conf for the run; both restored afterwards). OpenKore "talknpc X Y SEQUENCE" clicks the NPC at X,Y
# and answers with SEQUENCE: c = next, t="TEXT" = typed text (script input), w5 = wait 5 s, n = close.
# The typed line is an npc_interaction TEXT_INPUT event; the core group's Dialogue agent answers it
# with npc_say DIALOG, which the bridge appends to the open dialog window while the bot waits (w8).
NPC_X=347
NPC_Y=219
NPC_NAME="Aiw Talker"
NPC_EXNAME="AiwE2eTalker"                   # on the bridge's movable_npcs list (npc_say to a server NPC)
NPC_TEXT="hello there, any news from the fields"
NPC_SEQUENCE="c t=\"$NPC_TEXT\" w8 c n"
E2E_NPC_FILE="npc/custom/aiworld_e2e.txt"       # in RATHENA_DIR, for the run only
CHAT_TEXT="hello from the AI World e2e bot"
KILLS="${E2E_KILLS:-3}"
GROUP_ID="${E2E_GROUP_ID:-0}"               # the account's rAthena group (99 = admin, for GM-command scenarios)
SCENARIO="${E2E_SCENARIO:-}"                # default: e2e/scenario.txt
BOT_TIMEOUT="${E2E_BOT_TIMEOUT:-900}"
APT_PACKAGES=(mariadb-server-core mariadb-client-core libmariadb-dev libmariadb-dev-compat libpcre3-dev zlib1g-dev
  libcurl4-openssl-dev libreadline-dev libncurses-dev g++ make cmake python3 perl jq xxd iproute2 procps
  postgresql-client-15)

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="$REPO/bridge-client/rathena/e2e"
SCENARIO="${SCENARIO:-$E2E/scenario.txt}"
START_TIME=$SECONDS

say() { printf '==> e2e: %s\n' "$*" >&2; }
die() { printf '==> e2e: FATAL: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

[ $# -eq 2 ] || { echo "usage: $0 RATHENA_DIR OPENKORE_DIR" >&2; exit 2; }
RATHENA_DIR="$(cd "$1" && pwd)" || die "no rAthena directory $1"
OPENKORE_DIR="$(cd "$2" && pwd)" || die "no OpenKore directory $2"
[ -f "$RATHENA_DIR/sql-files/main.sql" ] || die "$RATHENA_DIR does not look like rAthena (no sql-files/main.sql)"
[ -f "$OPENKORE_DIR/openkore.pl" ] || die "$OPENKORE_DIR does not look like OpenKore (no openkore.pl)"

# ---------------------------------------------------------------- results
RESULTS=()
FAILED=0
check() { # check pass|fail LABEL [DETAIL]
  local line
  if [ "$1" = pass ]; then line="PASS  $2"; else line="FAIL  $2"; FAILED=$((FAILED + 1)); fi
  [ -z "${3:-}" ] || line="$line ($3)"
  RESULTS+=("$line")
  printf '==> e2e: %s\n' "$line" >&2
}
info() { RESULTS+=("INFO  $*"); printf '==> e2e: INFO  %s\n' "$*" >&2; }
TIMINGS=()
timing() { TIMINGS+=("$1 $2s"); }

# ---------------------------------------------------------------- cleanup
TMP=""
PIDS=()          # "name pid", stopped in reverse order
MESH_STARTED=0
DB_STARTED=0
RESTORE=()       # "path backup": files of RATHENA_DIR we overwrote
REMOVE=()        # files of RATHENA_DIR we created
REMOVE_DIRS=()
cleanup() {
  local rc=$? i name pid entry path backup
  trap - EXIT INT TERM
  { exec 7>&-; } 2>/dev/null || true
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    read -r name pid <<<"${PIDS[$i]}"
    if kill -0 "$pid" 2>/dev/null; then
      say "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [ "$DB_STARTED" = 1 ] && [ -f "$TMP/mysql/mysqld.pid" ]; then
    pid="$(cat "$TMP/mysql/mysqld.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      say "stopping MariaDB (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if [ "$MESH_STARTED" = 1 ]; then
    say "stopping the mesh (./aiworld down)"
    (cd "$REPO" && ./aiworld down) >"${TMP:-/tmp}/mesh-down.log" 2>&1 || say "./aiworld down failed (see $TMP/mesh-down.log)"
  fi
  for entry in "${RESTORE[@]}"; do
    read -r path backup <<<"$entry"
    cp -p "$backup" "$path" && say "restored ${path#"$RATHENA_DIR"/}"
  done
  for path in "${REMOVE[@]}"; do rm -f "$path"; done
  for ((i = ${#REMOVE_DIRS[@]} - 1; i >= 0; i--)); do rmdir "${REMOVE_DIRS[$i]}" 2>/dev/null || true; done
  [ "${#REMOVE[@]}" = 0 ] || say "removed the ${#REMOVE[@]} files this run created in $RATHENA_DIR"
  if [ -n "$TMP" ] && [ -d "$TMP" ]; then
    rm -rf "$TMP/mysql/data"
    if [ "$rc" = 0 ] && [ -z "${E2E_KEEP:-}" ]; then rm -rf "$TMP"; else say "logs kept in $TMP"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- helpers
free_port() {
  local p=$1
  while ss -Hltn "sport = :$p" | grep -c . >/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# render TEMPLATE OUT: @NAME@ -> $NAME for the names below.
render() {
  local name value script=""
  for name in DB_PORT DB_USER DB_PASS DB_NAME LOGIN_PORT CHAR_PORT MAP_PORT GATEWAY_ADDR SERVER_ID BRIDGE_KEY \
    JOURNAL_DIR USERNAME PASSWORD ACCOUNT_ID CHAR_ID CHAR_NAME BASE_LEVEL START_MAP START_X START_Y GROUP_ID \
    NPC_X NPC_Y NPC_NAME NPC_EXNAME E2E_NPC_FILE; do
    value="${!name:-}"
    value="${value//\\/\\\\}"; value="${value//|/\\|}"; value="${value//&/\\&}"
    script+="s|@$name@|$value|g;"
  done
  sed "$script" "$1" >"$2"
}

# expand TEXT: ${NAME} -> $NAME for the scenario's names.
expand() {
  local text=$1 name
  for name in CHAR_NAME CHAT_TEXT NPC_X NPC_Y NPC_SEQUENCE KILLS SERVER_ID; do
    text="${text//\$\{$name\}/${!name}}"
  done
  printf '%s' "$text"
}

# Pipes read to the end (grep -c, not -q or -m; sed -n 1p, not head -1): a reader that stops early
# kills the writer with SIGPIPE and pipefail then fails the check although the text is there.
strip_ansi() { sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e 's/\x1b\][^\x07]*\x07//g' -e 's/\r//g' "$@"; }

# wait_log NAME FILE REGEX SECONDS PID: until FILE matches REGEX; fails early when PID died.
wait_log() {
  local name=$1 file=$2 regex=$3 limit=$4 pid=$5 t0=$SECONDS
  until strip_ansi "$file" 2>/dev/null | grep -Ec "$regex" >/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -25 "$file" >&2 || true
      die "$name exited before it was ready (log: $file)"
    fi
    if [ $((SECONDS - t0)) -ge "$limit" ]; then
      tail -25 "$file" >&2 || true
      die "$name not ready after ${limit}s (waiting for /$regex/ in $file)"
    fi
    sleep 0.5
  done
}

# own_file PATH: PATH of RATHENA_DIR is about to be written: back it up (or note that it is new).
own_file() {
  local path=$1 backup
  for entry in "${RESTORE[@]}" "${REMOVE[@]}"; do [ "${entry%% *}" != "$path" ] || return 0; done
  if [ -e "$path" ]; then
    backup="$TMP/backup/$(echo "${path#"$RATHENA_DIR"/}" | tr / _)"
    cp -p "$path" "$backup"
    RESTORE+=("$path $backup")
  else
    REMOVE+=("$path")
  fi
}

# ---------------------------------------------------------------- 1. packages, OpenKore, rAthena build
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -c "install ok installed" >/dev/null || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${#missing[@]} Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  say "all Debian packages present"
fi

TMP="$(mktemp -d /tmp/aiworld-e2e-XXXXXX)"
chmod 755 "$TMP"
mkdir -p "$TMP/backup" "$TMP/journal"
say "temp dir $TMP (logs: login.log char.log map.log bot.log mysql/ mesh-*.log)"

if [ ! -f "$OPENKORE_DIR/src/auto/XSTools/XSTools.so" ]; then
  say "building OpenKore's XSTools (scons)"
  t0=$SECONDS
  (cd "$OPENKORE_DIR" && python3 src/scons-local-3.1.2/scons.py) >"$TMP/xstools-build.log" 2>&1 ||
    { tail -20 "$TMP/xstools-build.log" >&2; die "XSTools build failed"; }
  timing "xstools-build" $((SECONDS - t0))
fi

if [ "${AIWORLD_E2E_SKIP_BUILD:-}" = 1 ]; then
  say "AIWORLD_E2E_SKIP_BUILD=1: not running build.sh, using the binaries in $RATHENA_DIR"
else
  [ -x "$REPO/bridge-client/rathena/build.sh" ] || die "bridge-client/rathena/build.sh is missing (or set AIWORLD_E2E_SKIP_BUILD=1)"
  say "build.sh $RATHENA_DIR (hooks + login/char/map-server with the bridge linked)"
  t0=$SECONDS
  "$REPO/bridge-client/rathena/build.sh" "$RATHENA_DIR"
  timing "rathena-build" $((SECONDS - t0))
fi
for b in login-server char-server map-server; do
  [ -x "$RATHENA_DIR/$b" ] || die "$RATHENA_DIR/$b is missing: build rAthena first (build.sh, or cmake + make $b)"
done

# Some mirrors of rAthena lack db/re/item_db_equip.yml (a large file): an empty item table stands in.
for f in db/re/item_db_equip.yml db/pre-re/item_db_equip.yml; do
  if [ ! -e "$RATHENA_DIR/$f" ]; then
    say "$f is missing in $RATHENA_DIR: writing an empty stand-in for this run (equipment items unknown)"
    own_file "$RATHENA_DIR/$f"
    printf 'Header:\n  Type: ITEM_DB\n  Version: 3\n' >"$RATHENA_DIR/$f"
  fi
done

# ---------------------------------------------------------------- 2. MariaDB
DB_USER=ragnarok
DB_PASS=ragnarok
DB_NAME=ragnarok
DB_PORT="$(free_port 33060)"
DB_SOCK="$TMP/mysql/mysqld.sock"
say "MariaDB: private instance on 127.0.0.1:$DB_PORT (datadir $TMP/mysql/data)"
t0=$SECONDS
mkdir -p "$TMP/mysql/data" "$TMP/mysql/tmp"
DB_OS_USER="$(id -un)"
if [ "$(id -u)" = 0 ]; then
  if getent passwd mysql >/dev/null; then DB_OS_USER=mysql; chown -R mysql: "$TMP/mysql"; else DB_OS_USER=root; fi
fi
mariadb-install-db --no-defaults --user="$DB_OS_USER" --datadir="$TMP/mysql/data" --auth-root-authentication-method=normal \
  --skip-test-db >"$TMP/mysql/install.log" 2>&1 || { tail -20 "$TMP/mysql/install.log" >&2; die "mariadb-install-db failed"; }
mariadbd --no-defaults --user="$DB_OS_USER" --datadir="$TMP/mysql/data" --socket="$DB_SOCK" --port="$DB_PORT" \
  --bind-address=127.0.0.1 --pid-file="$TMP/mysql/mysqld.pid" --log-error="$TMP/mysql/error.log" \
  --tmpdir="$TMP/mysql/tmp" --skip-log-bin --innodb-buffer-pool-size=64M --max-connections=200 \
  </dev/null >/dev/null 2>&1 &
DB_STARTED=1
db() { mariadb --no-defaults --socket="$DB_SOCK" -uroot "$@"; }
for i in $(seq 1 120); do db -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
db -e 'SELECT 1' >/dev/null 2>&1 || { tail -20 "$TMP/mysql/error.log" >&2; die "MariaDB did not start"; }
db -e "CREATE DATABASE $DB_NAME;
  CREATE USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS'; CREATE USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
  GRANT SELECT, INSERT, UPDATE, DELETE ON $DB_NAME.* TO '$DB_USER'@'127.0.0.1';
  GRANT SELECT, INSERT, UPDATE, DELETE ON $DB_NAME.* TO '$DB_USER'@'localhost';"
say "MariaDB: importing sql-files/main.sql and logs.sql, the test account $USERNAME and character $CHAR_NAME"
db "$DB_NAME" <"$RATHENA_DIR/sql-files/main.sql"
db "$DB_NAME" <"$RATHENA_DIR/sql-files/logs.sql"
render "$E2E/sql/account.sql.in" "$TMP/account.sql"
db "$DB_NAME" <"$TMP/account.sql"
timing "mariadb-ready" $((SECONDS - t0))

# ---------------------------------------------------------------- 3. the mesh
say "mesh: ./aiworld up (private PostgreSQL, five servers on their default ports; log $TMP/mesh-up.log)"
t0=$SECONDS
(cd "$REPO" && ./aiworld setup) >"$TMP/mesh-setup.log" 2>&1 || { tail -20 "$TMP/mesh-setup.log" >&2; die "./aiworld setup failed"; }
# The mesh's binaries (build/bin) are built here, under the lock every build of this repository
# takes (another build of build/ may be running), so that ./aiworld up only starts them.
if [ -z "${AIWORLD_SKIP_BUILD:-}" ]; then
  say "mesh: building the mesh's servers in build/ (log $TMP/mesh-build.log)"
  (cd "$REPO" && flock /tmp/aiworld-build.lock ./aiworld build aiworld-gateway aiworld-core aiworld-procedural \
    aiworld-progression aiworld-economy aiworld-migrate) >"$TMP/mesh-build.log" 2>&1 ||
    { tail -30 "$TMP/mesh-build.log" >&2; die "the mesh's build failed"; }
fi
MESH_STARTED=1
# Jobs run only when the test asks (Admin.RunJobNow): no scheduled slot (a midnight problem.daily, the
# minutely world_event.check) changes what the test expects. E2E_MESH_SCHEDULER=true turns it back on.
if ! (cd "$REPO" && AIWORLD_SKIP_BUILD=1 AIWORLD_SCHEDULER="${E2E_MESH_SCHEDULER:-false}" ./aiworld up) >"$TMP/mesh-up.log" 2>&1; then
  grep -q "is in use" "$TMP/mesh-up.log" && MESH_STARTED=0
  tail -20 "$TMP/mesh-up.log" >&2
  die "./aiworld up failed"
fi
# shellcheck disable=SC1091
. "$REPO/.aiworld/env"
BUF="$AIWORLD_BUF"
GATEWAY_ADDR="$AIWORLD_GATEWAY_ADDR"
CORE_ADDR="$AIWORLD_CORE_ADDR"
say "mesh: issuing the bridge key of server \"$SERVER_ID\" (./aiworld key issue $SERVER_ID)"
BRIDGE_KEY="$(cd "$REPO" && ./aiworld key issue "$SERVER_ID" "rAthena e2e" | jq -r '.secret // empty')"
[ -n "$BRIDGE_KEY" ] || die "could not issue a bridge key for $SERVER_ID"
timing "mesh-up" $((SECONDS - t0))

grpc() { # grpc ADDR SERVICE/METHOD JSON [BEARER]
  "$BUF" curl --protocol grpc --http2-prior-knowledge --timeout 120s ${4:+-H "authorization: Bearer $4"} -d "$3" "http://$1/$2"
}
admin() { grpc "$GATEWAY_ADDR" "aiworld.v1.Admin/$1" "$2" "$AIWORLD_ADMIN_TOKEN"; }
mesh_sql() { psql "$AIWORLD_DATABASE_URL" -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
# decode TYPE: the serialized message on stdin (hex) as JSON.
decode() {
  local f
  f="$(mktemp "$TMP/msg-XXXXXX")"
  xxd -r -p >"$f"
  "$BUF" convert "$REPO/proto" --type "$1" --from "$f#format=binpb" --to "-#format=json"
  rm -f "$f"
}

# ---------------------------------------------------------------- 4. rAthena
LOGIN_PORT="$(free_port 16900)"
CHAR_PORT="$(free_port 16121)"
MAP_PORT="$(free_port 15121)"
JOURNAL_DIR="$TMP/journal"
say "rAthena: conf/import overrides (127.0.0.1, ports login $LOGIN_PORT char $CHAR_PORT map $MAP_PORT, pincode off, DB port $DB_PORT) and ai_bridge.conf"
for pair in conf/import-tmpl:conf/import conf/msg_conf/import-tmpl:conf/msg_conf/import db/import-tmpl:db/import; do
  src="$RATHENA_DIR/${pair%%:*}" dst="$RATHENA_DIR/${pair##*:}"
  [ -d "$src" ] || continue
  if [ ! -d "$dst" ]; then mkdir -p "$dst"; REMOVE_DIRS+=("$dst"); fi
  for f in "$src"/*; do
    [ -f "$f" ] && [ ! -e "$dst/${f##*/}" ] || continue
    own_file "$dst/${f##*/}"
    cp "$f" "$dst/${f##*/}"
  done
done
for f in inter_conf login_conf char_conf map_conf log_conf; do
  own_file "$RATHENA_DIR/conf/import/$f.txt"
  render "$E2E/rathena/$f.txt.in" "$RATHENA_DIR/conf/import/$f.txt"
done
# The talker NPC of the scenario, a copy of AIW_Tpl_Talker: listed at the end of npc/scripts_custom.conf,
# after apply.py's block that loads the template (npc: lines of conf/import come before the template).
own_file "$RATHENA_DIR/$E2E_NPC_FILE"
render "$E2E/rathena/aiworld_e2e.txt.in" "$RATHENA_DIR/$E2E_NPC_FILE"
grep -q "aiworld-hook: npc end" "$RATHENA_DIR/npc/scripts_custom.conf" ||
  die "npc/scripts_custom.conf does not load npc/custom/aiworld/ (apply.py was not run on $RATHENA_DIR)"
own_file "$RATHENA_DIR/npc/scripts_custom.conf"
printf '// AI World e2e run (restored afterwards)\nnpc: %s\n' "$E2E_NPC_FILE" >>"$RATHENA_DIR/npc/scripts_custom.conf"
own_file "$RATHENA_DIR/conf/import/ai_bridge.conf"
render "$E2E/rathena/ai_bridge.conf.in" "$RATHENA_DIR/conf/import/ai_bridge.conf"
cp "$RATHENA_DIR/conf/import/ai_bridge.conf" "$TMP/ai_bridge.conf"

start_server() { # start_server NAME: sets SERVER_PID
  (cd "$RATHENA_DIR" && exec "./$1") </dev/null >"$TMP/${1%-server}.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$1 $SERVER_PID")
}
t0=$SECONDS
say "rAthena: starting login-server (log $TMP/login.log)"
start_server login-server
wait_log login-server "$TMP/login.log" "login-server is ready" 60 "$SERVER_PID"
say "rAthena: starting char-server (log $TMP/char.log)"
start_server char-server
wait_log char-server "$TMP/char.log" "char-server is ready" 60 "$SERVER_PID"
wait_log char-server "$TMP/char.log" "Connected to login-server" 60 "$SERVER_PID"
say "rAthena: starting map-server (log $TMP/map.log)"
start_server map-server
MAP_PID=$SERVER_PID
wait_log map-server "$TMP/map.log" "Server is 'ready'" 240 "$MAP_PID"
wait_log map-server "$TMP/map.log" "Map Server is now online" 60 "$MAP_PID"
timing "rathena-start" $((SECONDS - t0))
say "rAthena: login/char/map-server ready in $((SECONDS - t0))s"
if strip_ansi "$TMP/map.log" | grep -ci "bridge" >/dev/null; then
  info "map-server log about the bridge: $(strip_ansi "$TMP/map.log" | grep -i "bridge" | head -3 | tr '\n' ' ')"
else
  info "map-server log does not mention the bridge (without build.sh the bridge is not linked)"
fi

# ---------------------------------------------------------------- 5. the mesh acts (scenario step)
PROBLEM_IDS=()
BROADCAST_TEXT=""
SPAWN_MOB=""
world_json() { grpc "$CORE_ADDR" aiworld.v1.Core/GetWorldSnapshot "{\"serverId\":\"$1\"}" 2>/dev/null || true; }

# The problem agent's choice (surge or not) is seeded by (job, slot); the server does not enter it. A
# throw-away probe server with the same world (one player of this level on this map) finds a recent
# slot whose problem.daily spawns monsters; the real server then runs that slot.
probe_slot() { # probe_slot LEVEL MAP -> slot on stdout
  local level=$1 map=$2 i slot probe issued key key_id now ids kinds w
  now="$(date -u +%s)"
  for i in $(seq 1 12); do
    slot="$(date -u -d "@$(((now / 60 - i) * 60))" +%Y-%m-%dT%H:%M:%SZ)"
    probe="${SERVER_ID}-probe$i"
    issued="$(admin IssueServerKey "{\"serverId\":\"$probe\",\"description\":\"e2e slot probe\"}")"
    key="$(jq -r '.secret' <<<"$issued")"
    key_id="$(jq -r '.key.keyId' <<<"$issued")"
    jq -cn --arg s "$probe" --arg now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg map "$map" --argjson lv "$level" \
      '{batch: {serverId: $s, sequence: "1", events: [
        {eventId: "1", occurredAt: $now, charId: 150000, accountId: 2000000, map: $map, x: 100, y: 100,
         charName: "Probe", baseLevel: $lv, jobLevel: 20, jobId: 1, login: {}},
        {eventId: "2", occurredAt: $now, charId: 150000, accountId: 2000000, map: $map, x: 100, y: 100,
         charName: "Probe", baseLevel: $lv, jobLevel: 20, jobId: 1,
         monsterKilled: {mobId: 1002, mobLevel: 1, bossType: "BOSS_TYPE_NONE", mobName: "Poring"}}]}}' |
      "$BUF" curl --protocol grpc --http2-prior-knowledge -H "authorization: Bearer $key" -d @- \
        "http://$GATEWAY_ADDR/aiworld.v1.Bridge/DispatchEvents" >/dev/null
    for _ in $(seq 1 40); do
      w="$(world_json "$probe")"
      [ "$(jq -r '.world.players.online // 0' <<<"$w" 2>/dev/null)" -ge 1 ] 2>/dev/null && break
      sleep 0.25
    done
    ids="$(admin RunJobNow "{\"job\":\"problem.daily\",\"serverId\":\"$probe\",\"slot\":\"$slot\"}" | jq -r '.actionIds[]?' | sed "s/.*/'&'/" | paste -sd,)"
    kinds=""
    [ -z "$ids" ] || kinds="$(mesh_sql "SELECT string_agg(kind, ',') FROM gateway.actions WHERE action_id IN ($ids)")"
    admin RevokeServerKey "{\"keyId\":\"$key_id\",\"reason\":\"e2e slot probe done\"}" >/dev/null || true
    say "mesh: probe slot $slot -> ${kinds:-no actions}" >&2
    case ",$kinds," in *,spawn_monster,*) echo "$slot"; return 0 ;; esac
  done
  return 1
}

step_mesh_actions() {
  local t0=$SECONDS w online level map slot resp ids hex done_n total text
  say "mesh: waiting for the World agent to see $CHAR_NAME online (the bridge's events, up to 60s)"
  while :; do
    w="$(world_json "$SERVER_ID")"
    online="$(jq -r '.world.players.online // 0' <<<"$w" 2>/dev/null || echo 0)"
    [ "${online:-0}" -ge 1 ] 2>/dev/null && break
    if [ $((SECONDS - t0)) -ge 60 ]; then
      check fail "mesh: the World agent sees $CHAR_NAME online" "no events from $SERVER_ID reached the core group"
      check fail "mesh: problem.daily queued a broadcast and a spawn_monster for $SERVER_ID" "skipped: no world"
      return 0
    fi
    sleep 1
  done
  level="$(jq -r '.world.players.averageBaseLevel // 1' <<<"$w" | cut -d. -f1)"
  map="$(jq -r --arg m "$START_MAP" '[.world.maps[]?.map] | if index($m) then $m else (.[0] // $m) end' <<<"$w")"
  check pass "mesh: the World agent sees $CHAR_NAME online" "online $online, average level $level, map $map"
  say "mesh: probing for a problem.daily slot that spawns monsters (level $level on $map)"
  if ! slot="$(probe_slot "$level" "$map")"; then
    check fail "mesh: problem.daily queued a broadcast and a spawn_monster for $SERVER_ID" "no slot of the last 12 minutes chose a surge"
    return 0
  fi
  say "mesh: Admin.RunJobNow problem.daily for $SERVER_ID at slot $slot"
  resp="$(admin RunJobNow "{\"job\":\"problem.daily\",\"serverId\":\"$SERVER_ID\",\"slot\":\"$slot\"}")"
  echo "$resp" >"$TMP/run-job-now.json"
  mapfile -t PROBLEM_IDS < <(jq -r '.actionIds[]?' <<<"$resp")
  ids="$(printf "'%s'," "${PROBLEM_IDS[@]}")"; ids="${ids%,}"
  [ "${#PROBLEM_IDS[@]}" -gt 0 ] || { check fail "mesh: problem.daily queued actions" "$(jq -c .run <<<"$resp")"; return 0; }
  while IFS='|' read -r kind hex; do
    case "$kind" in
      broadcast) BROADCAST_TEXT="$(decode aiworld.v1.Action <<<"$hex" | jq -r '.broadcast.text')" ;;
      spawn_monster) SPAWN_MOB="$(decode aiworld.v1.Action <<<"$hex" | jq -r '"\(.spawnMonster.mobId) x\(.spawnMonster.amount) on \(.spawnMonster.at.map)"')" ;;
    esac
  done < <(mesh_sql "SELECT kind, encode(payload, 'hex') FROM gateway.actions WHERE action_id IN ($ids)
    UNION ALL SELECT kind, encode(payload, 'hex') FROM gateway.actions_archive WHERE action_id IN ($ids)")  # the bridge may be done already
  info "problem.daily queued ${#PROBLEM_IDS[@]} actions: broadcast \"$BROADCAST_TEXT\"; spawn_monster mob $SPAWN_MOB"
  say "mesh: waiting for the bridge to execute them (actions_archive state done, up to 90s)"
  t0=$SECONDS
  total=${#PROBLEM_IDS[@]}
  while :; do
    done_n="$(mesh_sql "SELECT count(*) FROM gateway.actions_archive WHERE action_id IN ($ids) AND final_state = 'done'")"
    [ "$done_n" -lt "$total" ] || break
    [ $((SECONDS - t0)) -lt 90 ] || break
    sleep 1
  done
  # The broadcast text as the bot prints it: "[S] <text>" (or the text alone for coloured broadcasts).
  text="${BROADCAST_TEXT:0:40}"
  if [ -n "$text" ]; then
    t0=$SECONDS
    until strip_ansi "$TMP/bot.log" | grep -Fc -- "$text" >/dev/null; do [ $((SECONDS - t0)) -lt 20 ] || break; sleep 1; done
  fi
}

# ---------------------------------------------------------------- 6. the bot
say "bot: OpenKore $(git -C "$OPENKORE_DIR" rev-parse --short HEAD 2>/dev/null || echo '?') as $USERNAME/$CHAR_NAME (log $TMP/bot.log, timeout ${BOT_TIMEOUT}s)"
mkdir -p "$TMP/openkore/control" "$TMP/openkore/tables" "$TMP/openkore/logs" "$TMP/openkore/plugins"
render "$E2E/openkore/config.txt.in" "$TMP/openkore/control/config.txt"
cp "$E2E/openkore/sys.txt" "$TMP/openkore/control/sys.txt"
render "$E2E/openkore/servers.txt.in" "$TMP/openkore/tables/servers.txt"
mkfifo "$TMP/bot.in"
exec 7<>"$TMP/bot.in"
BOT_T0=$SECONDS
(cd "$OPENKORE_DIR" && TERM=dumb exec timeout -k 10 "$BOT_TIMEOUT" perl openkore.pl --interface=Console::Simple \
  --control="$TMP/openkore/control:$OPENKORE_DIR/control" --tables="$TMP/openkore/tables:$OPENKORE_DIR/tables" \
  --plugins="$TMP/openkore/plugins" --fields="$OPENKORE_DIR/fields" --logs="$TMP/openkore/logs") \
  <"$TMP/bot.in" >"$TMP/bot.log" 2>&1 &
BOT_PID=$!
PIDS+=("openkore $BOT_PID")

bot_count() { strip_ansi "$TMP/bot.log" | grep -Ec -- "$1" || true; }
scenario_ok=1
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%%$'\r'}"
  case "$line" in '' | '#'*) continue ;; esac
  [ "$scenario_ok" = 1 ] || break
  line="$(expand "$line")"
  read -r verb rest <<<"$line"
  case "$verb" in
    send)
      say "bot <- $rest"
      printf '%s\n' "$rest" >&7
      # OpenKore's console reads a line when select() says stdin is readable: two lines written at
      # once leave the second in Perl's buffer until more input comes. One line at a time.
      sleep 2 ;;
    sleep) sleep "$rest" ;;
    step) "step_$rest" ;;
    expect)
      read -r secs count spec <<<"$rest"
      label="${spec%% :: *}" regex="${spec#* :: }"
      t0=$SECONDS
      while [ "$(bot_count "$regex")" -lt "$count" ]; do
        kill -0 "$BOT_PID" 2>/dev/null || break
        [ $((SECONDS - t0)) -lt "$secs" ] || break
        sleep 1
      done
      n="$(bot_count "$regex")"
      if [ "$n" -ge "$count" ]; then
        check pass "bot: $label" "$((SECONDS - BOT_T0))s after start"
        [ "$label" != "entered the game" ] || timing "bot-login" $((SECONDS - BOT_T0))
      else
        check fail "bot: $label" "$n of $count /$regex/ within ${secs}s"
        if ! kill -0 "$BOT_PID" 2>/dev/null; then scenario_ok=0; tail -15 "$TMP/bot.log" >&2; fi
        [ "$label" != "entered the game" ] || scenario_ok=0
      fi ;;
    *) die "scenario: unknown step: $line" ;;
  esac
done <"$SCENARIO"
[ "$scenario_ok" = 1 ] || check fail "bot: scenario finished" "stopped early; see $TMP/bot.log"
for _ in $(seq 1 30); do kill -0 "$BOT_PID" 2>/dev/null || break; sleep 1; done
kill -TERM "$BOT_PID" 2>/dev/null || true
timing "bot-total" $((SECONDS - BOT_T0))
# The character leaves when the bot's connection closes: map_quit saves it (its aiw_ variables) and
# the bridge sends the logout event. Everything below reads what that left.
t0=$SECONDS
until strip_ansi "$TMP/map.log" | grep -Fc "Character '$CHAR_NAME' logged off" >/dev/null; do
  [ $((SECONDS - t0)) -lt 30 ] || { info "map-server did not log $CHAR_NAME off within 30s"; break; }
  sleep 0.5
done

# rAthena's own evidence that the bot spoke (log_chat: 1).
n="$(db -N "$DB_NAME" -e "SELECT count(*) FROM chatlog WHERE src_charid = $CHAR_ID AND message LIKE '%${CHAT_TEXT}%'" 2>/dev/null || echo 0)"
if [ "${n:-0}" -ge 1 ]; then check pass "rAthena: chatlog has the bot's public chat"; else check fail "rAthena: chatlog has the bot's public chat"; fi

# ---------------------------------------------------------------- 7. assertions on the mesh
say "checks: events of $SERVER_ID at the gateway (gateway.inbox, decoded with buf convert)"
declare -A SEEN=()
last_seq=0
t0=$SECONDS
: >"$TMP/events.jsonl"   # every event of the run, one JSON object a line
while :; do
  while IFS='|' read -r seq hex; do
    [ -n "$seq" ] || continue
    last_seq=$seq
    decode aiworld.v1.EventBatch <<<"$hex" | jq -c '.events[]?' >>"$TMP/events.jsonl"
  done < <(mesh_sql "SELECT sequence, encode(batch, 'hex') FROM gateway.inbox WHERE server_id = '$SERVER_ID' AND sequence > $last_seq ORDER BY sequence")
  SEEN=()
  while read -r kind; do SEEN[$kind]=$((${SEEN[$kind]:-0} + 1)); done < <(jq -r 'del(.serverId, .eventId, .occurredAt,
    .charId, .accountId, .map, .x, .y, .priority, .charName, .baseLevel, .jobLevel, .jobId, .partyId, .guildId) | keys[]' "$TMP/events.jsonl")
  typed="$(jq -r --arg t "$NPC_TEXT" 'select(.npcInteraction.kind == "NPC_INTERACTION_KIND_TEXT_INPUT" and .npcInteraction.text == $t)
    | "\(.npcInteraction.npcExname) \"\(.npcInteraction.text)\""' "$TMP/events.jsonl" | head -1)"
  all=1
  for k in login chat npcInteraction monsterKilled logout custom; do [ -n "${SEEN[$k]:-}" ] || all=0; done
  [ -n "$typed" ] || all=0
  [ "$all" = 0 ] && [ $((SECONDS - t0)) -lt 20 ] || break
  sleep 2
done
for k in login chat npcInteraction monsterKilled logout; do
  name="$(sed -E 's/([A-Z])/_\L\1/g' <<<"$k")"
  if [ -n "${SEEN[$k]:-}" ]; then check pass "events: $name from $SERVER_ID at the gateway" "${SEEN[$k]}"
  else check fail "events: $name from $SERVER_ID at the gateway"; fi
done
npc_kinds="$(jq -r 'select(.npcInteraction) | .npcInteraction.kind | sub("NPC_INTERACTION_KIND_"; "")' "$TMP/events.jsonl" | sort | uniq -c |
  awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')"
if [ -n "$typed" ]; then check pass "events: npc_interaction TEXT_INPUT with the bot's typed line" "$typed; kinds: $npc_kinds"
else check fail "events: npc_interaction TEXT_INPUT with the bot's typed line" "kinds: ${npc_kinds:-none}"; fi
# The e2e script's ai_bridge_emit (e2e/rathena/aiworld_e2e.txt.in, at login).
emitted="$(strip_ansi "$TMP/map.log" | grep -F "aiworld e2e: ai_bridge_emit" | sed -n 1p | sed 's/^.*aiworld e2e: //')"
custom="$(jq -r 'select(.custom.name == "karma.heal_wounded_npc") | "\(.custom.name) \(.custom.json)"' "$TMP/events.jsonl" | head -1)"
if [ -n "$custom" ]; then check pass "events: custom from the script command ai_bridge_emit" "$custom; map-server: $emitted"
else check fail "events: custom from the script command ai_bridge_emit" "map-server: ${emitted:-no debugmes line}"; fi
kinds=""
for k in "${!SEEN[@]}"; do kinds+="$k ${SEEN[$k]}, "; done
info "event kinds received from $SERVER_ID: ${kinds:-none}"
rejected="$(mesh_sql "SELECT count(*) FROM gateway.rejected_events WHERE server_id = '$SERVER_ID'")"
if [ "$rejected" = 0 ]; then check pass "events: none of $SERVER_ID rejected by validation"
else
  check fail "events: none of $SERVER_ID rejected by validation" "$rejected rejected"
  mesh_sql "SELECT field || ': ' || reason FROM gateway.rejected_events WHERE server_id = '$SERVER_ID' LIMIT 5" |
    while read -r r; do info "rejected: $r"; done
fi

say "checks: actions of $SERVER_ID executed in game (gateway.actions_archive)"
if [ "${#PROBLEM_IDS[@]}" -gt 0 ]; then
  ids="$(printf "'%s'," "${PROBLEM_IDS[@]}")"; ids="${ids%,}"
  for kind in broadcast spawn_monster; do
    state="$(mesh_sql "SELECT coalesce((SELECT rtrim(final_state || ' affected ' || affected_count || ' ' || result_reason) FROM gateway.actions_archive WHERE action_id IN ($ids) AND kind = '$kind' LIMIT 1),
      (SELECT state || ' attempts ' || attempts || coalesce(' ' || last_error, '') FROM gateway.actions WHERE action_id IN ($ids) AND kind = '$kind' LIMIT 1), 'none')")"
    # Done, and it touched something: players reached by the broadcast, monsters spawned.
    if [ "${state%% *}" = "done" ] && [[ "$state" =~ affected\ [1-9] ]]; then check pass "actions: $kind of problem.daily done" "$state"
    else check fail "actions: $kind of problem.daily done with affected > 0" "$state"; fi
  done
  if [ -n "$BROADCAST_TEXT" ] && strip_ansi "$TMP/bot.log" | grep -Fc -- "${BROADCAST_TEXT:0:40}" >/dev/null; then
    check pass "bot: received the broadcast" "$(strip_ansi "$TMP/bot.log" | grep -F -- "${BROADCAST_TEXT:0:40}" | sed -n 1p | cut -c1-100)"
  else
    check fail "bot: received the broadcast \"${BROADCAST_TEXT:0:40}\""
  fi
  mob_id="${SPAWN_MOB%% *}"
  mob_name="$(awk -F'\t' -v id="$mob_id" '$1 == id {print $3}' "$REPO/data/monsters.tsv")"
  if [ -n "$mob_name" ] && strip_ansi "$TMP/bot.log" | grep -Ec "Monster (Exists|Spawned): $mob_name" >/dev/null; then
    info "the bot saw a spawned $mob_name"
  else
    info "the bot did not see a ${mob_name:-spawned monster} (they spawn anywhere on the map)"
  fi
else
  check fail "actions: broadcast of problem.daily done" "no problem.daily actions"
  check fail "actions: spawn_monster of problem.daily done" "no problem.daily actions"
  check fail "bot: received the broadcast" "no broadcast was queued"
fi
# The spawn as the map-server executed it, in its own log.
spawned="$(strip_ansi "$TMP/map.log" | grep -E "ai_bridge: spawned [1-9][0-9]* of " | sed -n 1p | sed 's/^.*ai_bridge: //')"
if [ -n "$spawned" ]; then check pass "rAthena: map-server spawned the monsters" "$spawned"
else check fail "rAthena: map-server spawned the monsters" "no \"ai_bridge: spawned N of\" line in map.log"; fi

# The Dialogue agent's answer to the typed line: npc_say DIALOG, executed in the open dialog window.
say_row="$(mesh_sql "SELECT final_state || ' ' || result_reason || '|' || encode(payload, 'hex') FROM gateway.actions_archive
  WHERE server_id = '$SERVER_ID' AND kind = 'npc_say' AND origin_agent = 'dialogue' ORDER BY finished_at LIMIT 1")"
if [ -n "$say_row" ]; then
  say_state="${say_row%%|*}"
  say_state="${say_state%"${say_state##*[! ]}"}"  # no trailing blanks (an empty reason)
  say_text="$(decode aiworld.v1.Action <<<"${say_row#*|}" | jq -r '.npcSay.text')"
  if [ "${say_state%% *}" = "done" ]; then check pass "actions: npc_say of the Dialogue agent done" "\"$say_text\""
  else check fail "actions: npc_say of the Dialogue agent done" "$say_state: \"$say_text\""; fi
  if strip_ansi "$TMP/bot.log" | grep -Fc -- "$NPC_NAME: ${say_text:0:40}" >/dev/null; then
    check pass "bot: saw the NPC's reply in the dialog window" "$(strip_ansi "$TMP/bot.log" | grep -F -- "$NPC_NAME: ${say_text:0:40}" | sed -n 1p | cut -c1-110)"
  else
    check fail "bot: saw the NPC's reply in the dialog window" "no \"$NPC_NAME: ${say_text:0:40}\" in bot.log"
  fi
else
  check fail "actions: npc_say of the Dialogue agent done" "$(mesh_sql "SELECT coalesce(string_agg(kind || ' ' || state || coalesce(' ' || last_error, ''), ', '), 'no npc_say queued')
    FROM gateway.actions WHERE server_id = '$SERVER_ID' AND kind = 'npc_say'")"
  check fail "bot: saw the NPC's reply in the dialog window" "no npc_say"
fi

# Character variables the progression agents set (karma, reputation...): done at the gateway, and in
# rAthena's char_reg_num / char_reg_str with the latest value once the character was saved (the bot
# has quit). Each value is absolute: the last one the mesh made is the one the game must keep.
vars=""
declare -A LAST_VAR=()
while IFS='|' read -r agent created finished hex; do
  [ -n "$hex" ] || continue
  nv="$(decode aiworld.v1.Action <<<"$hex" | jq -r '.setCharVariable | "\(.name)=\(.intValue // .stringValue)"')"
  vars+="$nv ($agent), "
  LAST_VAR[${nv%%=*}]="${nv#*=}"
  echo "$created $finished $agent $nv" >>"$TMP/set_char_variable.txt"
done < <(mesh_sql "SELECT origin_agent, created_at, finished_at, encode(payload, 'hex') FROM gateway.actions_archive
  WHERE server_id = '$SERVER_ID' AND kind = 'set_char_variable' AND final_state = 'done' ORDER BY created_at, action_id")
vars="${vars%, }"
if [ -n "$vars" ]; then
  check pass "actions: set_char_variable done" "$vars"
  expected=""
  for k in $(printf '%s\n' "${!LAST_VAR[@]}" | sort); do expected+="$k=${LAST_VAR[$k]}, "; done
  expected="${expected%, }"
  t0=$SECONDS
  while :; do
    saved="$(db -N "$DB_NAME" -e "SELECT group_concat(concat(\`key\`, '=', value) ORDER BY \`key\` SEPARATOR ', ') FROM (
      SELECT \`key\`, CAST(value AS CHAR) AS value FROM char_reg_num WHERE char_id = $CHAR_ID AND \`key\` LIKE 'aiw\\_%'
      UNION ALL SELECT \`key\`, value FROM char_reg_str WHERE char_id = $CHAR_ID AND \`key\` LIKE 'aiw\\_%') v" 2>/dev/null || true)"
    [ "$saved" = NULL ] && saved=""
    if [ "$saved" = "$expected" ] || [ $((SECONDS - t0)) -ge 20 ]; then break; fi
    sleep 1
  done
  if [ "$saved" = "$expected" ]; then check pass "rAthena: the character's aiw_ variables saved with the latest values" "$saved"
  else check fail "rAthena: the character's aiw_ variables saved with the latest values" "saved: ${saved:-none}; expected: $expected"; fi
else
  check fail "actions: set_char_variable done" "$(mesh_sql "SELECT coalesce(string_agg(origin_agent || ' ' || state || coalesce(' ' || last_error, ''), ', '),
    'none queued') FROM gateway.actions WHERE server_id = '$SERVER_ID' AND kind = 'set_char_variable'")"
fi

other="$(mesh_sql "SELECT string_agg(kind || ' ' || final_state, ', ') FROM gateway.actions_archive WHERE server_id = '$SERVER_ID'")"
info "all finished actions of $SERVER_ID: ${other:-none}"

# ---------------------------------------------------------------- 8. summary
kills="$(bot_count 'Target .* died')"
echo
echo "==> e2e: summary for server $SERVER_ID ($((SECONDS - START_TIME))s; logs in $TMP)"
printf '    %s\n' "${RESULTS[@]}"
echo "    timings: ${TIMINGS[*]}"
echo "    bot: $kills kills, $(bot_count 'Monster Exists:') monster sightings, $(bot_count '^\[S\]') system/broadcast lines"
if [ "$FAILED" = 0 ]; then
  echo "==> e2e: PASS (all checks passed)"
else
  echo "==> e2e: FAIL ($FAILED checks failed)"
  exit 1
fi

#!/usr/bin/env bash
# Builds an rAthena checkout with the AI World bridge linked into map-server.
#
#   bridge-client/rathena/build.sh RATHENA_DIR
#
# 1. installs what the build needs from Debian when it is missing (apt-get update first);
# 2. builds the bridge library (libaiworld_rathena_bridge.so) in this repository's build-release;
# 3. runs apply.py on RATHENA_DIR (copies our files, inserts the hooks; refuses and stops when an
#    anchor is missing);
# 4. configures RATHENA_DIR/cbuild with -DAIWORLD_BRIDGE_LIB / -DAIWORLD_BRIDGE_INCLUDE and builds
#    login-server, char-server and map-server (rAthena writes them into RATHENA_DIR).
# Targets rAthena upstream 754c50b5962c68b6448da48d5b502c7797b594ef. JOBS=<n> overrides the number
# of parallel compile jobs (default: the number of CPUs).
set -euo pipefail

if [[ $# -ne 1 || "$1" == -* ]]; then
  echo "usage: $0 RATHENA_DIR" >&2
  exit 2
fi
RATHENA_DIR=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JOBS=${JOBS:-$(nproc)}

step() { printf '\n==> %s\n' "$*"; }
elapsed() { echo "    ($(( SECONDS - $1 )) s)"; }

# Serialise with other builds of this repository on the same machine (helpers share build-release).
locked() {
  if command -v flock >/dev/null 2>&1; then flock /tmp/aiworld-build.lock "$@"; else "$@"; fi
}

step "Checking build dependencies"
# rAthena: MariaDB client (mysql.h + libmysqlclient), PCRE1, zlib; the bridge: gRPC, protobuf.
PACKAGES=(build-essential cmake make ninja-build python3 libmariadb-dev libmariadb-dev-compat libpcre3-dev zlib1g-dev
          libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc)
MISSING=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || MISSING+=("$p")
done
if (( ${#MISSING[@]} )); then
  echo "    installing: ${MISSING[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: not root and no sudo; install: ${MISSING[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${MISSING[@]}"
else
  echo "    all present"
fi

step "Building the bridge library (aiworld_rathena_bridge) in $REPO/build-release"
t=$SECONDS
(cd "$REPO" && locked cmake --preset release >/dev/null && locked cmake --build build-release --target aiworld_rathena_bridge -- -j"$JOBS")
LIB=$(find "$REPO/build-release" -name 'libaiworld_rathena_bridge.so' -type f -print -quit)
[[ -n "$LIB" ]] || { echo "error: libaiworld_rathena_bridge.so was not built" >&2; exit 1; }
echo "    $LIB"
elapsed $t

step "Applying the bridge to $RATHENA_DIR"
python3 "$HERE/apply.py" "$RATHENA_DIR"

step "Configuring rAthena ($RATHENA_DIR/cbuild)"
t=$SECONDS
INCLUDES="$REPO/bridge-client/include;$HERE/include"
GENERATOR=(-G "Unix Makefiles")
[[ -f "$RATHENA_DIR/cbuild/CMakeCache.txt" ]] && GENERATOR=()  # keep the generator of an existing build
# From RATHENA_DIR: rAthena's CMake asks git in the current directory for its version.
(cd "$RATHENA_DIR" && cmake -S . -B cbuild "${GENERATOR[@]}" \
  -DAIWORLD_BRIDGE_LIB="$LIB" -DAIWORLD_BRIDGE_INCLUDE="$INCLUDES") | grep -E "AI World|Configuring done|Generating done" || true
grep "^AIWORLD_BRIDGE_LIB:" "$RATHENA_DIR/cbuild/CMakeCache.txt" | grep -qF "=$LIB" \
  || { echo "error: $RATHENA_DIR/cbuild did not take AIWORLD_BRIDGE_LIB=$LIB" >&2; exit 1; }
elapsed $t

step "Building login-server, char-server and map-server (-j$JOBS)"
t=$SECONDS
cmake --build "$RATHENA_DIR/cbuild" --target login-server char-server map-server -- -j"$JOBS"
elapsed $t

step "Done"
for b in login-server char-server map-server; do
  [[ -x "$RATHENA_DIR/$b" ]] || { echo "error: $RATHENA_DIR/$b is missing" >&2; exit 1; }
  echo "    $RATHENA_DIR/$b"
done
if ldd "$RATHENA_DIR/map-server" | grep -q 'libaiworld_rathena_bridge.so => /'; then
  echo "    map-server links $(ldd "$RATHENA_DIR/map-server" | awk '/libaiworld_rathena_bridge/ {print $3}')"
else
  echo "error: map-server does not resolve libaiworld_rathena_bridge.so:" >&2
  ldd "$RATHENA_DIR/map-server" | grep -i aiworld >&2 || true
  exit 1
fi
echo "    Configure the bridge in $RATHENA_DIR/conf/import/ai_bridge.conf (template: conf/ai_bridge.conf),"
echo "    then start the servers from $RATHENA_DIR (./athena-start start)."

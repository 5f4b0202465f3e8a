#!/usr/bin/env bash
# What `npm test` needs besides node_modules: the boot-script tests run the generated scripts under bash
# against Debian's real PostgreSQL, Redis and nginx, and lint them with shellcheck. Installs what is
# missing with apt-get (as root, or through passwordless sudo) on Debian or Ubuntu; elsewhere it says
# what to install and stops, so the tests never fail for a reason that is not theirs.
set -euo pipefail

packages=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v shellcheck >/dev/null 2>&1 || packages+=(shellcheck)
[ -x /usr/sbin/nginx ] || packages+=(nginx)

if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then apt=(apt-get); elif sudo -n true 2>/dev/null; then apt=(sudo -n apt-get); else apt=(); fi
  if [ "${#apt[@]}" -eq 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "npm test needs ${packages[*]} (the boot-script tests run them): install them, e.g. sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
  echo "== installing ${packages[*]} for the boot-script tests (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

#!/usr/bin/env bash
# What `npm test` needs besides node_modules: the boot-script tests run the generated scripts under bash
# against Debian's real PostgreSQL, Redis and nginx, and lint them with shellcheck; the security tests run a
# pinned checkov (a virtual environment, below) and the HCL tests `terraform fmt`. Installs what is
# missing with apt-get (as root, or through passwordless sudo) on Debian or Ubuntu; elsewhere it says
# what to install and stops, so the tests never fail for a reason that is not theirs.
set -euo pipefail

packages=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v shellcheck >/dev/null 2>&1 || packages+=(shellcheck)
[ -x /usr/sbin/nginx ] || packages+=(nginx)
# checkov's virtual environment (below) needs Python 3 with venv and ensurepip.
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || packages+=(python3 python3-venv)

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

# checkov, pinned, in a virtual environment of the project (nothing global): the security tests scan every
# example's CloudFormation and Terraform (HCL) with it, and its HCL parser reads `synth --hcl` back. Fast when
# the right version is already there.
CHECKOV_VERSION=3.3.30
venv="$(cd "$(dirname "$0")/.." && pwd)/.venv-checkov"
if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('checkov') != '$CHECKOV_VERSION')" 2>/dev/null; then
  echo "== installing checkov $CHECKOV_VERSION into .venv-checkov (pip, about two minutes)"
  python3 -m venv "$venv" || { echo "python3 -m venv failed: install python3-venv (e.g. sudo apt-get install -y python3-venv)" >&2; exit 1; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION"
fi

# terraform: the HCL tests run `terraform fmt -check` (offline; never init). No registry this project reaches
# ships it, so it is not installed here: say so now rather than fail one test later.
if ! command -v "${TIERUP_TERRAFORM:-terraform}" >/dev/null 2>&1; then
  echo "npm test needs terraform (1.11 or later) for \`terraform fmt -check\` of synth --hcl: install it from https://developer.hashicorp.com/terraform/install (HashiCorp's apt repository or the release zip into /usr/local/bin), or set TIERUP_TERRAFORM to its path" >&2
  exit 1
fi

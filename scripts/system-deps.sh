#!/usr/bin/env bash
# The Debian packages the test suite drives for real: the CNCF distribution registry,
# skopeo/umoci/debootstrap (the Debian test image), rpm, sqlite3, Ruby and PHP oracles,
# Chromium. Installs whatever is missing (as root, via apt-get); run by `.ci/run` and
# before `npm test`, so the README's test command works on a fresh machine.
set -euo pipefail
PKGS=(docker-registry skopeo umoci debootstrap zstd apache2-utils openssl jq curl attr rpm sqlite3 xz-utils gzip tar ruby php-cli php-composer-semver chromium)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
if [ "$(id -u)" != 0 ]; then
  echo "stowaway tests need these Debian packages: ${missing[*]}" >&2
  echo "install them (sudo apt-get install ${missing[*]}) or run as root" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# The Debian changelog of the package `make package-deb` builds
# (/usr/share/doc/reel/changelog.gz; lintian: no-changelog): one entry for
# VERSION, listing the commits since the last tag (all of them before the
# first tag, the newest 40), dated by the last commit so that the same
# commit gives the same package.
#
#   build/linux/changelog.sh VERSION "Name <address>" | gzip -9n > changelog.gz
set -euo pipefail
version=${1:?usage: changelog.sh VERSION "Name <address>"}
maintainer=${2:?usage: changelog.sh VERSION "Name <address>"}
cd "$(dirname "$0")/../.."

range=HEAD
if tag=$(git describe --tags --abbrev=0 2>/dev/null); then
  range="$tag..HEAD"
fi
total=$(git rev-list --count "$range")
shown=40

echo "reel ($version) unstable; urgency=medium"
echo
if [ "$total" -eq 0 ]; then
  echo "  * Release $version."
fi
# Each subject a bullet, wrapped under 80 columns (Debian Policy 4.4).
git log --no-merges -n "$shown" --format='%s%x00' "$range" |
  while IFS= read -r -d '' subject; do
    subject=${subject#$'\n'}
    printf '%s\n' "$subject" | fold -s -w 74 | sed -e '1s/^/  * /' -e '2,$s/^/    /' -e 's/ *$//'
  done
if [ "$total" -gt "$shown" ]; then
  echo "  * And $((total - shown)) earlier changes: git log."
fi
echo
echo " -- $maintainer  $(LC_ALL=C TZ=UTC date -R -d "@$(git log -1 --format=%ct)")"

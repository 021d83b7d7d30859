#!/usr/bin/env bash
# `systemcraft commit` of a whole new workspace against its floor, git itself, on two
# copies of the same generated workspace (fresh repositories, nothing committed):
#
#   systemcraft  systemcraft -w A --color never commit -m bench --today 2026-11-25
#                (build, status, conflict-marker check, stage everything, commit)
#   git          git -C B add -A && git -C B commit -qm bench
#
# One run each (a run writes as many loose objects as there are files), with the load
# average and peak RSS (/usr/bin/time).
# Usage: bash benches/commit.sh   (N=100000, WORK=/tmp/systemcraft-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
WORK=${WORK:-/tmp/systemcraft-bench}
cargo build --release --locked --bin systemcraft --example genworkspace
SC="$PWD/target/release/systemcraft"
GEN="$PWD/target/release/examples/genworkspace"
src="$WORK/ws-$N"
[ -d "$src" ] || "$GEN" "$src" "$N" >/dev/null
for side in sc git; do
  rm -rf "$WORK/commit-$side"
  cp -a "$src" "$WORK/commit-$side"
  rm -rf "$WORK/commit-$side/.systemcraft" "$WORK/commit-$side/DASHBOARD.md"
  git -C "$WORK/commit-$side" init -q -b main
  printf '.systemcraft/\n' >"$WORK/commit-$side/.gitignore"
done
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
git -C "$WORK/commit-sc" config user.name Bench && git -C "$WORK/commit-sc" config user.email bench@example.com
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "git: %e s wall, %U s user, %S s sys, %M KB peak" sh -c "git -C $WORK/commit-git add -A && git -C $WORK/commit-git commit -qm bench"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -o "$WORK/commit-time" -f "systemcraft: %e s wall, %U s user, %S s sys, %M KB peak" \
  "$SC" -w "$WORK/commit-sc" --color never commit -m bench --today 2026-11-25 2>/dev/null | tail -1
cat "$WORK/commit-time"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files committed: git $(git -C "$WORK/commit-git" ls-files | wc -l), systemcraft $(git -C "$WORK/commit-sc" ls-files | wc -l)"

#!/usr/bin/env bash
# The workspace of a real preparation 8 weeks in: about 100 notes written over 56
# days in 50 commits (one most days), and `systemcraft build` on it against its floor,
# `git status` on the same folder, timed in pairs (benches/paired.py: A, B, A, B, ...;
# the median of the per-pair ratios).
#
#   systemcraft  target/release/systemcraft -w WS --color never build --today 2026-11-25
#   git status   git -C WS status --porcelain
#
# The notes are the generator's (examples/genworkspace.rs, fixed seed) at 100 notes;
# commit k (k = 1..50) takes the next 2 notes in path order, dated 2026-09-30 plus
# k*56/50 days, so the history spans 8 weeks and `build` reads it for the trend.
#
# Usage: bash benches/realistic.sh      (RUNS=30, WORK=/tmp/systemcraft-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-30}
WORK=${WORK:-/tmp/systemcraft-bench}
TODAY=2026-11-25
mkdir -p "$WORK"

cargo build --release --locked --bin systemcraft --example genworkspace
SC="$PWD/target/release/systemcraft"
GEN="$PWD/target/release/examples/genworkspace"

ws="$WORK/ws-realistic"
if [ ! -d "$ws/.git" ]; then
  rm -rf "$ws"
  "$GEN" "$ws" 100 >/dev/null
  git -C "$ws" init -q -b main
  printf '.systemcraft/\n' >"$ws/.gitignore"
  mapfile -t files < <(cd "$ws" && find . -type f -not -path './.git/*' | sort)
  per=$(((${#files[@]} + 49) / 50))
  for k in $(seq 1 50); do
    day=$(date -u -d "2026-09-30 + $((k * 56 / 50)) days" +%Y-%m-%dT20:00:00Z)
    chunk=("${files[@]:$(((k - 1) * per)):$per}")
    [ ${#chunk[@]} -gt 0 ] && git -C "$ws" add -- "${chunk[@]}"
    GIT_AUTHOR_DATE=$day GIT_COMMITTER_DATE=$day git -C "$ws" -c user.name=Bench -c user.email=bench@example.com \
      commit -q --allow-empty -m "day $k"
  done
  # The dashboard the build writes, committed as a user's `commit` would.
  "$SC" -w "$ws" --color never build --today $TODAY >/dev/null
  git -C "$ws" add -A && git -C "$ws" -c user.name=Bench -c user.email=bench@example.com commit -q -m dashboard
fi
echo "$(git -C "$ws" rev-list --count HEAD) commits, $(find "$ws" -name '*.md' -not -path '*/.git/*' | wc -l) notes" >&2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 benches/paired.py "$RUNS" "$SC -w $ws --color never build --today $TODAY" "git -C $ws status --porcelain"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# The note cache against the read floor, on the generated workspaces (the generator of
# compare.sh, fixed seed), in one hyperfine run per size:
#
#   cached   systemcraft -w WS --color never build --today 2026-11-25   (nothing changed
#            since the last build: every note comes from .systemcraft/notes.cache)
#   parsed   the same with .systemcraft/ removed before each run (every note read and
#            parsed, the cache written)
#   cat      find WS -name '*.md' -print0 | xargs -0 cat   (the floor: reading every note)
#
# warm: files in the page cache. cold: the page cache dropped before each run (root:
# sync; echo 3 > /proc/sys/vm/drop_caches), .systemcraft/ removed for `parsed`.
# Peak RSS: /usr/bin/time -f %M of one run of each systemcraft case.
#
# Usage: bash benches/cache.sh   (SIZES="10000 100000", RUNS=15, COLD_RUNS=3,
#        WORK=/tmp/systemcraft-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
RUNS=${RUNS:-15}
COLD_RUNS=${COLD_RUNS:-3}
WORK=${WORK:-/tmp/systemcraft-bench}
TODAY=2026-11-25
mkdir -p "$WORK"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

cargo build --release --locked --bin systemcraft --example genworkspace
SC="$PWD/target/release/systemcraft"
GEN="$PWD/target/release/examples/genworkspace"

for n in $SIZES; do
  ws="$WORK/ws-$n"
  [ -d "$ws" ] || "$GEN" "$ws" "$n" >/dev/null
  runs=$RUNS cold=$COLD_RUNS
  if [ "$n" -ge 100000 ]; then runs=3 cold=1; fi
  build="$SC -w $ws --color never build --today $TODAY"
  floor="find $ws -name '*.md' -print0 | xargs -0 cat"
  echo "== $n notes, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  $build >/dev/null 2>&1
  # One --prepare per command (a single one would apply to all three).
  hyperfine --warmup 2 --runs "$runs" --export-markdown "$WORK/cache-warm-$n.md" \
    -n cached --prepare true "$build" \
    -n parsed --prepare "rm -rf $ws/.systemcraft" "$build" \
    -n cat --prepare true "$floor"
  if sync && echo 3 2>/dev/null >/proc/sys/vm/drop_caches; then
    $build >/dev/null 2>&1
    hyperfine --runs "$cold" --export-markdown "$WORK/cache-cold-$n.md" \
      -n cached --prepare "sync; echo 3 > /proc/sys/vm/drop_caches" "$build" \
      -n parsed --prepare "rm -rf $ws/.systemcraft; sync; echo 3 > /proc/sys/vm/drop_caches" "$build" \
      -n cat --prepare "sync; echo 3 > /proc/sys/vm/drop_caches" "$floor"
  fi
  rm -rf "$ws/.systemcraft"
  echo "peak RSS parsed: $(/usr/bin/time -f %M -o "$WORK/rss" $build >/dev/null 2>&1; cat "$WORK/rss") KB"
  echo "peak RSS cached: $(/usr/bin/time -f %M -o "$WORK/rss" $build >/dev/null 2>&1; cat "$WORK/rss") KB"
  echo "cache file: $(du -k "$ws/.systemcraft/notes.cache" | cut -f1) KB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
done

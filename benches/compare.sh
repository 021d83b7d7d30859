#!/usr/bin/env bash
# Benchmarks `systemcraft build` against the floor of reading the same files and
# against a peer script, all in one run, on generated workspaces of 1k, 10k and 100k
# notes (examples/genworkspace.rs, fixed seed). For each size:
#
#   systemcraft  target/release/systemcraft -w WS build          (writes DASHBOARD.md)
#   cat          find WS -name '*.md' -print0 | xargs -0 cat     (the read floor)
#   rg           rg -uuu -c -g '*.md' '^---' WS                  (parallel read floor)
#   python       benches/peer/count.py WS   (python-frontmatter, with libyaml)
#
# cold: the page cache dropped before each run (sync; echo 3 > /proc/sys/vm/drop_caches,
# needs root; otherwise cold = first run after generation is not measured and the
# script says so) and the cache dir .systemcraft/ and DASHBOARD.md removed.
# warm: files in the page cache, after warm-up runs.
# Peak RSS: /usr/bin/time -f %M of one warm run of each command.
#
# Usage: bash benches/compare.sh            (SIZES="1000 10000" to choose sizes,
#        RUNS=10 warm runs, COLD_RUNS=3, WORK=/tmp/systemcraft-bench)
# Installs what it needs: hyperfine, ripgrep and time from Debian (as root), and
# python-frontmatter into a venv under WORK. Writes WORK/results.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-10}
COLD_RUNS=${COLD_RUNS:-3}
WORK=${WORK:-/tmp/systemcraft-bench}
TODAY=2026-11-25
mkdir -p "$WORK"

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "needs: ${missing[*]}" >&2
    exit 1
  fi
fi
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q python-frontmatter
fi
PY="$WORK/venv/bin/python"

cargo build --release --locked --bin systemcraft --example genworkspace
SC="$PWD/target/release/systemcraft"
GEN="$PWD/target/release/examples/genworkspace"

can_drop=no
if sync && echo 3 2>/dev/null >/proc/sys/vm/drop_caches; then can_drop=yes; fi

out="$WORK/results.md"
{
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM; $(uname -sr)"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Tools: $(hyperfine --version), $(rg --version | head -1), $("$PY" --version), python-frontmatter $("$PY" -c 'import importlib.metadata as m; print(m.version("python-frontmatter"))'), libyaml $("$PY" -c 'import yaml; print(yaml.__with_libyaml__)')"
  echo "Cold runs drop the page cache: $can_drop"
  echo
} >"$out"

for n in $SIZES; do
  ws="$WORK/ws-$n"
  [ -d "$ws" ] || "$GEN" "$ws" "$n" >/dev/null
  runs=$RUNS cold=$COLD_RUNS
  if [ "$n" -ge 100000 ]; then runs=3 cold=1; fi
  files=$(find "$ws" -name '*.md' | wc -l)
  mb=$(du -sm --apparent-size "$ws" | cut -f1)
  names=(systemcraft cat rg python)
  cmds=(
    "$SC -w $ws --color never build --today $TODAY"
    "find $ws -name '*.md' -print0 | xargs -0 cat"
    "rg -uuu -c -g '*.md' --no-messages '^---' $ws"
    "$PY benches/peer/count.py $ws $TODAY"
  )
  args=()
  for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
  echo "== $n notes: warm" >&2
  hyperfine --style basic --warmup 2 --runs "$runs" --export-json "$WORK/warm-$n.json" "${args[@]}" >&2
  if [ "$can_drop" = yes ]; then
    echo "== $n notes: cold" >&2
    hyperfine --style basic --runs "$cold" \
      --prepare "sync; echo 3 > /proc/sys/vm/drop_caches; rm -rf $ws/.systemcraft $ws/DASHBOARD.md" \
      --export-json "$WORK/cold-$n.json" "${args[@]}" >&2
  fi
  : >"$WORK/rss-$n.txt"
  for i in "${!names[@]}"; do
    kb=$(/usr/bin/time -f %M sh -c "${cmds[$i]} >/dev/null 2>&1" 2>&1 >/dev/null | tail -1)
    echo "${names[$i]} $kb" >>"$WORK/rss-$n.txt"
  done
  "$PY" - "$WORK" "$n" "$files" "$mb" "$can_drop" >>"$out" <<'PYEOF'
import json, sys
work, n, files, mb, can_drop = sys.argv[1:]
def load(kind):
    try:
        with open(f"{work}/{kind}-{n}.json") as f:
            return {r["command"]: r for r in json.load(f)["results"]}
    except FileNotFoundError:
        return None
warm, cold = load("warm"), load("cold")
rss = dict(line.split() for line in open(f"{work}/rss-{n}.txt"))
print(f"### {int(n):,} notes ({files} .md files, {mb} MB)\n")
print("| command | warm median | warm min–max | × cat | × rg | cold median | × cat (cold) | peak RSS |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name in ["systemcraft", "cat", "rg", "python"]:
    w = warm[name]
    c = cold[name] if cold else None
    ms = lambda s: f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"
    cold_cells = f"{ms(c['median'])} | {c['median'] / cold['cat']['median']:.2f}" if c else "– | –"
    print(f"| {name} | {ms(w['median'])} | {ms(w['min'])}–{ms(w['max'])} | {w['median'] / warm['cat']['median']:.2f} | "
          f"{w['median'] / warm['rg']['median']:.2f} | {cold_cells} | {int(rss[name]) / 1024:.0f} MB |")
print()
PYEOF
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out"
cat "$out"

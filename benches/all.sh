#!/usr/bin/env bash
# Reruns every benchmark behind BENCHMARKS.md, one after the other (each needs the
# machine to itself; check `uptime` first):
#   benches/compare.sh          build against cat, ripgrep and the python peer,
#                               1k/10k/100k notes, warm, cold and peak RSS
#   benches/realistic.sh        the 8-week workspace against git status (paired)
#   benches/cache.sh            the note cache against cat, 10k/100k, peak RSS
#   benches/commit.sh           commit of 100k new files against git add -A && commit
#   cargo bench --bench build   the pipeline in process (template, 1k, 10k)
#   cargo bench --bench watch   watch mode, 10k notes, 60 edits
#   cargo bench --bench trend   trend over 1,000 days of history
#   cargo bench --bench lsp     the language server: change → diagnostics, 1k notes
# Usage: bash benches/all.sh   (the variables of compare.sh apply to it)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
bash benches/compare.sh
bash benches/realistic.sh
bash benches/cache.sh
bash benches/commit.sh
for bench in build watch trend lsp; do
  echo "== cargo bench --bench $bench"
  cargo bench --locked --bench "$bench"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

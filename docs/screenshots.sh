#!/usr/bin/env bash
# Redraws docs/dashboard.png and docs/dashboard-dark.png: the top of the dashboard of a
# workspace eight weeks into a preparation (header, progress bars, charts), rendered as
# GitHub renders Markdown, in a light page and in a dark one (GitHub's dark theme
# colours, the browser asked for a dark scheme).
#
# The workspace is the generator's 100 notes (examples/genworkspace.rs, fixed seed),
# each committed on the day it belongs to (a log on its date, a mock on its date, a
# story or design on its `created:` day), so the weekly chart has a history to draw.
#
# Usage: bash docs/screenshots.sh        (needs chromium; WORK=/tmp/systemcraft-shots)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/systemcraft-shots}
TODAY=2026-11-25
CHROMIUM=$(command -v chromium || command -v chromium-browser)

cargo build --locked --bin systemcraft --example genworkspace --example dashboard_html
SC="$PWD/target/debug/systemcraft"
rm -rf "$WORK" && mkdir -p "$WORK"
ws="$WORK/ws"
target/debug/examples/genworkspace "$ws" 100 >/dev/null
git -C "$ws" init -q -b main
printf '.systemcraft/\n' >"$ws/.gitignore"

# Each note's day: its file name's date, else its `created:` date; kept inside the
# eight weeks before today.
python3 - "$ws" <<'PY' >"$WORK/days"
import os, re, sys
root = sys.argv[1]
for dirpath, dirs, files in os.walk(root):
    dirs[:] = [d for d in dirs if not d.startswith('.')]
    for f in files:
        rel = os.path.relpath(os.path.join(dirpath, f), root)
        m = re.search(r'\d{4}-\d{2}-\d{2}', f)
        day = m.group(0) if m else None
        if day is None:
            text = open(os.path.join(root, rel), encoding='utf-8', errors='replace').read(2000)
            c = re.search(r'^created: *(\d{4}-\d{2}-\d{2})', text, re.M)
            day = c.group(1) if c else '2026-09-30'
        day = min(max(day, '2026-09-30'), '2026-11-24')
        print(day, rel)
PY
# One commit a day, in date order.
for day in $(cut -d' ' -f1 "$WORK/days" | sort -u); do
  grep "^$day " "$WORK/days" | cut -d' ' -f2- | while read -r rel; do git -C "$ws" add -- "$rel"; done
  GIT_AUTHOR_DATE="${day}T20:00:00Z" GIT_COMMITTER_DATE="${day}T20:00:00Z" \
    git -C "$ws" -c user.name=Shots -c user.email=shots@example.com commit -q -m "notes of $day"
done
TZ=UTC "$SC" -w "$ws" --color never build --today $TODAY >/dev/null 2>&1

# DASHBOARD.md's top (the header, the progress bars and the charts) as GitHub shows
# it, in its light theme and its dark one (examples/dashboard_html.rs).
sections=$(grep '^## ' "$ws/DASHBOARD.md" | grep -n '^## Charts' | cut -d: -f1)
target/debug/examples/dashboard_html "$ws/DASHBOARD.md" "$ws/light.html" light "$sections"
target/debug/examples/dashboard_html "$ws/DASHBOARD.md" "$ws/dark.html" dark "$sections"
shot() { # page, png, extra flags
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$WORK/profile" --allow-file-access-from-files --virtual-time-budget=3000 \
    --window-size=944,${HEIGHT:-2280} $3 --screenshot="$2" "file://$ws/$1" 2>/dev/null
}
shot light.html "$PWD/docs/dashboard.png" ""
shot dark.html "$PWD/docs/dashboard-dark.png" "--force-dark-mode --blink-settings=preferredColorScheme=0"
ls -l docs/dashboard.png docs/dashboard-dark.png

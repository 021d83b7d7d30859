#!/usr/bin/env python3
"""The peer of `systemcraft build` in benches/compare.sh: what a user would write
instead, with python-frontmatter. It reads every note of a workspace the way the tool
does (stories/, logs/, designs/, mocks/, plans/, assessment.md; hidden paths, READMEs
and the dashboard skipped) and computes the counts the dashboard starts from: notes by
kind, stories by status, scenarios and principles covered, coding problems solved in
the last 28 days, design minutes in the last 7, mocks in the last 90, plan tasks done,
and notes whose front matter cannot be read. Prints them as JSON.

    python count.py WORKSPACE [TODAY]
"""

import collections
import datetime
import json
import os
import sys

import frontmatter

FOLDERS = {"stories": "story", "logs": "log", "designs": "design", "mocks": "mock", "plans": "plan"}


def notes(root):
    """Yields (kind, path) for every note, in path order."""
    top = os.path.join(root, "assessment.md")
    if os.path.isfile(top):
        yield "assessment", top
    for folder, kind in sorted(FOLDERS.items()):
        base = os.path.join(root, folder)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(".md") and not name.startswith(".") and name.lower() != "readme.md":
                    yield kind, os.path.join(dirpath, name)


def as_date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def main():
    root = sys.argv[1]
    today = datetime.date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else datetime.date.today()
    counts = collections.Counter()
    status = collections.Counter()
    scenarios, principles = set(), set()
    unreadable = 0
    for kind, path in notes(root):
        counts[kind] += 1
        try:
            post = frontmatter.load(path)
        except Exception:  # a broken note is counted as a problem, as the tool does
            unreadable += 1
            continue
        meta = post.metadata
        if kind == "story":
            status[str(meta.get("status"))] += 1
            scenarios.add(str(meta.get("scenario")))
            for p in meta.get("principles") or []:
                principles.add(str(p))
        elif kind == "log":
            day = as_date(meta.get("date"))
            if day is None:
                unreadable += 1
                continue
            age = (today - day).days
            for problem in meta.get("coding") or []:
                if isinstance(problem, dict) and problem.get("solved") is True and 0 <= age < 28:
                    counts["solved_28d"] += 1
            design = meta.get("design") or {}
            if isinstance(design, dict) and 0 <= age < 7:
                counts["design_minutes_7d"] += int(design.get("minutes") or 0)
        elif kind == "mock":
            day = as_date(meta.get("date"))
            if day is not None and 0 <= (today - day).days < 90:
                counts["mocks_90d"] += 1
        elif kind == "plan":
            for line in post.content.splitlines():
                stripped = line.strip()
                if stripped.startswith("- [x]") or stripped.startswith("- [X]"):
                    counts["tasks_done"] += 1
                elif stripped.startswith("- [ ]"):
                    counts["tasks_open"] += 1
    out = dict(counts)
    out["stories_by_status"] = dict(status)
    out["scenarios"] = len(scenarios)
    out["principles"] = len(principles)
    out["unreadable"] = unreadable
    json.dump(out, sys.stdout, sort_keys=True)
    print()


if __name__ == "__main__":
    main()

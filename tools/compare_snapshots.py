"""Compare two snapshots made by tools/snapshot_site.py: print what differs, exit 1 if anything does.

    .venv/bin/python tools/compare_snapshots.py BASELINE NEW [--lines 40] [--files 50]

Lists the requests that only one snapshot made, then a unified diff of every file that differs
(cut after --lines lines each; after --files files only their names are listed), and a summary
by kind of request (from `_index.tsv`). Exit status: 0 identical, 1 different, 2 unusable input.

--ignore-space compares the lines without their leading and trailing blanks and without blank
lines (a template's indentation moved, what a browser shows unchanged): run it after a plain
comparison to tell such files from the others, never instead of it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from pathlib import Path

# Written by the snapshot itself, about the run rather than the site: compared apart.
META = {"_snapshot.json"}


def read_index(folder):
    """{file name: (kind, status, request)} from the snapshot's index (empty if it has none)."""
    index = {}
    path = folder / "_index.tsv"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, kind, status, request = line.split("\t", 3)
            index[name] = (kind, status, request)
    return index


def describe(index, name):
    if name in index:
        kind, status, request = index[name]
        return f"{request}  [{kind}, {status}]"
    return name


def check_meta(first, second):
    """Warn when the two snapshots were not taken on the same day or with the same settings."""
    try:
        one = json.loads((first / "_snapshot.json").read_text())
        two = json.loads((second / "_snapshot.json").read_text())
    except (OSError, ValueError):
        return
    for key in ("date", "settings", "page_cache_seconds"):
        if one.get(key) != two.get(key):
            print(f"warning: {key} differs ({one.get(key)} / {two.get(key)}): differences are expected")


def without_blanks(text):
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path, help="the baseline snapshot")
    parser.add_argument("second", type=Path, help="the snapshot to check against it")
    parser.add_argument("--lines", type=int, default=40, help="diff lines shown per file (default 40)")
    parser.add_argument("--files", type=int, default=50, help="files whose diff is shown (default 50)")
    parser.add_argument(
        "--ignore-space",
        action="store_true",
        help="ignore leading and trailing blanks of each line, and blank lines",
    )
    args = parser.parse_args(argv)
    for folder in (args.first, args.second):
        if not (folder / "_index.tsv").is_file():
            print(f"{folder} is not a snapshot (no _index.tsv)", file=sys.stderr)
            return 2
    check_meta(args.first, args.second)
    first_index = read_index(args.first)
    second_index = read_index(args.second)
    first_files = {path.name for path in args.first.iterdir() if path.is_file()} - META - {"_index.tsv"}
    second_files = {path.name for path in args.second.iterdir() if path.is_file()} - META - {"_index.tsv"}

    only_first = sorted(first_files - second_files)
    only_second = sorted(second_files - first_files)
    for title, names, index in (
        (f"Only in {args.first}", only_first, first_index),
        (f"Only in {args.second}", only_second, second_index),
    ):
        if names:
            print(f"{title} ({len(names)}):")
            for name in names:
                print(f"  {describe(index, name)}")

    changed = []
    for name in sorted(first_files & second_files):
        one = (args.first / name).read_text(encoding="utf-8")
        two = (args.second / name).read_text(encoding="utf-8")
        if args.ignore_space:
            one, two = without_blanks(one), without_blanks(two)
        if one != two:
            changed.append((name, one, two))

    by_kind = Counter()
    for position, (name, one, two) in enumerate(changed):
        by_kind[first_index.get(name, ("?",))[0]] += 1
        if position >= args.files:
            if position == args.files:
                print(f"\n… diffs of the other {len(changed) - args.files} files left out; their names:")
            print(f"  {describe(first_index, name)}")
            continue
        print(f"\n=== {describe(first_index, name)}  ({name})")
        diff = list(
            difflib.unified_diff(
                one.splitlines(),
                two.splitlines(),
                fromfile=str(args.first / name),
                tofile=str(args.second / name),
                lineterm="",
                n=2,
            )
        )
        for line in diff[: args.lines]:
            print(line if len(line) <= 300 else line[:300] + " …")
        if len(diff) > args.lines:
            print(f"… {len(diff) - args.lines} more diff lines")

    total = len(first_files | second_files)
    if not (changed or only_first or only_second):
        print(f"Identical: {total} files{' (blanks around lines ignored)' if args.ignore_space else ''}.")
        return 0
    print(
        f"\n{len(changed)} files differ, {len(only_first)} only in the first, {len(only_second)} only in "
        f"the second, of {total}."
    )
    if by_kind:
        print(
            "Differing files by kind: "
            + ", ".join(f"{kind} {count}" for kind, count in sorted(by_kind.items()))
        )
    return 1


if __name__ == "__main__":
    sys.exit(main())

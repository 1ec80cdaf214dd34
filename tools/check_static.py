"""Syntax check of the portal's own stylesheets and scripts (part of `make lint`).

Browsers forgive broken CSS and JavaScript silently: a stray ``}`` drops the rule after it, a
missing one swallows the rest of the file, a JavaScript syntax error stops the whole script, and
nothing tells the page's author. This check reads every ``*.css`` and ``*.js`` under a ``static/``
folder of the project's apps (``portal/static/``, ``districts/static/``, ...) and fails on:

- CSS (tinycss2, the CSS Syntax Level 3 parser): a ``{``, ``(``, ``[``, string, URL or comment
  left open at the end of the file, an unmatched ``}``, ``)`` or ``]``, a rule or declaration
  the parser drops, a property with an empty value. It is a syntax check: an unknown property or
  an impossible value still passes.
- JavaScript (esprima, a pure-Python ECMAScript 2017 parser): any syntax error. Our scripts are
  plain ES5-style progressive enhancement, so the check also keeps out later syntax (``?.``,
  ``??``) that esprima cannot read.

Usage: ``python tools/check_static.py`` checks every file found under the project's static
folders; ``python tools/check_static.py FILE ...`` checks only those files (pre-commit passes the
staged ones). Exit status 1 if any file has an error, each printed as ``path:line:column:
message``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import esprima
import tinycss2

ROOT = Path(__file__).resolve().parent.parent
# Folders never searched: tools' and packages' own files, and what the portal writes itself
# (collectstatic's /static/, uploads, test screenshots).
SKIPPED_DIRS = {"node_modules", "__pycache__"}
SKIPPED_TOP_DIRS = {"static", "media", "test-artifacts", "tests", "var", "docs", "locale"}
SUFFIXES = {".css", ".js"}
# Appended to a stylesheet to see whether its end is still inside a block or a comment: tinycss2
# closes whatever is open at the end of the input without saying so.
EOF_SENTINEL = "\n@quartieri-end-of-file;"


def static_files(root: Path = ROOT) -> list[Path]:
    """Every .css and .js file inside a `static` folder of the project's apps, sorted."""
    found = []
    for folder, dirs, files in os.walk(root):
        relative = Path(folder).relative_to(root)
        # Prune in place so that os.walk never enters .venv, .git, node_modules and the like.
        dirs[:] = [
            name
            for name in dirs
            if not name.startswith(".")
            and name not in SKIPPED_DIRS
            and not (relative == Path(".") and name in SKIPPED_TOP_DIRS)
        ]
        if "static" in relative.parts:
            found.extend(Path(folder) / name for name in files if Path(name).suffix in SUFFIXES)
    return sorted(found)


def _walk(nodes: Iterable) -> Iterator:
    """The nodes and, recursively, the contents of their blocks and functions."""
    for node in nodes:
        yield node
        for attribute in ("content", "arguments", "prelude"):
            children = getattr(node, attribute, None)
            if isinstance(children, list):
                yield from _walk(children)


def _block_errors(nodes: list, inside: bool = False) -> Iterator[tuple[int, int, str]]:
    """Errors of the rules and declarations in a parsed list, descending into nested blocks."""
    for node in nodes:
        if node.type == "error":
            message = node.message
            if node.kind == "invalid" and "{} block" in message:
                # tinycss2 took the text for the selector of a rule that never gets its block.
                message = (
                    "neither 'property: value;' nor a nested rule (a missing ':' or ';'?)"
                    if inside
                    else "a selector without its { } block (a stray '}' or text?)"
                )
            yield node.source_line, node.source_column, message
        elif node.type == "declaration":
            empty = all(token.type in ("whitespace", "comment") for token in node.value)
            if empty and not node.name.startswith("--"):
                yield node.source_line, node.source_column, f"empty value for {node.name!r}"
        elif node.type in ("qualified-rule", "at-rule") and node.content is not None:
            contents = tinycss2.parse_blocks_contents(node.content)
            yield from _block_errors(contents, inside=True)


def _unclosed(tokens: list) -> tuple[int, int, str] | None:
    """Where the block, function or comment that the end of the file fell into begins, if any."""
    if any(token.type == "at-keyword" and token.value == "quartieri-end-of-file" for token in tokens):
        return None
    opener = None
    for token in reversed(tokens):
        if token.type in ("whitespace", "error"):
            continue
        opener = token
        break
    if opener is None:
        return 1, 1, "the file ends inside an unclosed block"
    if opener.type == "comment":
        return opener.source_line, opener.source_column, "comment not closed before the end of the file"
    names = {"{} block": "{", "() block": "(", "[] block": "[", "function": f"{getattr(opener, 'name', '')}("}
    what = names.get(opener.type, opener.type)
    return opener.source_line, opener.source_column, f"'{what}' not closed before the end of the file"


def css_errors(text: str) -> list[tuple[int, int, str]]:
    """The syntax errors of a stylesheet as (line, column, message), in the order of the file."""
    errors = []
    tokens = tinycss2.parse_component_value_list(text + EOF_SENTINEL)
    unclosed = _unclosed(tokens)
    if unclosed:
        errors.append(unclosed)
    # Tokenizer errors (unmatched closers, a string or URL cut by a newline or the end) sit
    # anywhere in the tree, even inside a selector, where the parser keeps them silently.
    errors.extend(
        (node.source_line, node.source_column, node.message) for node in _walk(tokens) if node.type == "error"
    )
    errors.extend(_block_errors(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)))
    return sorted(set(errors))


def js_errors(text: str) -> list[tuple[int, int, str]]:
    """The first syntax error of a script as [(line, column, message)], or []."""
    try:
        esprima.parseScript(text)
    except esprima.Error as error:
        message = error.message.split(": ", 1)[-1]  # drop esprima's own "Line N: " prefix
        return [(error.lineNumber, error.column, message)]
    return []


def check(paths: Iterable[Path]) -> int:
    """Print every error of the given files; return how many files have errors."""
    failed = 0
    for path in paths:
        if path.suffix not in SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8")
        errors = css_errors(text) if path.suffix == ".css" else js_errors(text)
        try:
            shown = path.resolve().relative_to(ROOT)
        except ValueError:
            shown = path
        for line, column, message in errors:
            print(f"{shown}:{line}:{column}: {message}")
        failed += bool(errors)
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="files to check (default: every static file)")
    arguments = parser.parse_args(argv)
    paths = arguments.files or static_files()
    failed = check(paths)
    if failed:
        print(f"{failed} file(s) with syntax errors", file=sys.stderr)
        return 1
    print(f"{len(paths)} static file(s) parsed, no syntax error")
    return 0


if __name__ == "__main__":
    sys.exit(main())

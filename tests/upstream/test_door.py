"""The door itself: its table names every touchpoint, and no other module goes round it.

portal/core/upstream.py is the only module of the project that names the private or internal
parts of Wagtail, wagtail-localize, modelsearch, django-recurrence, Django and the other
libraries; the tests next to this file exercise each of them against the installed versions.
"""

import ast
import inspect
from pathlib import Path

import pytest

from portal.core import upstream

ROOT = Path(__file__).resolve().parents[2]
DOOR = ROOT / "portal" / "core" / "upstream.py"
PROJECT_PACKAGES = ("portal", "home", "districts", "initiatives", "search")

# Underscore names of upstream objects the portal relies on (read, written, called or overridden).
PRIVATE_NAMES = {
    "_committed",
    "_get_raw_host",
    "_servers",
    "_csp_exempt",
    "_request",
    "_wagtail_site",
    "_find_for_request",
    "_wagtail_route_for_request",
    "_cached_parent_obj",
    "_raw_data",
    "_bound_blocks",
    "_prefetch_blocks",
    "_filtered_by_child_of",
    "_search",
    "_build_rank_expression",
    "_do_search",
    "_do_count",
    "_score_field",
}
# Upstream modules that are not their library's documented API.
INTERNAL_MODULES = (
    "django.core.cache.backends.db",
    "django.db.models.sql",
    "django.http.request",
    "modelsearch.backends.database.",
    "modelsearch.utils",
    "wagtail.rich_text.rewriters",
    "wagtail.utils.file",
    "wagtail_localize.synctree",
    "wagtail_localize.views",
    "wagtail_localize.wagtail_hooks",
)


def project_modules():
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path != DOOR and ".venv" not in path.parts:
                yield path


def is_internal(module):
    names = [name.rstrip(".") for name in INTERNAL_MODULES]
    return any(module == name or module.startswith(name + ".") for name in names)


def touchpoints(path):
    """(line, what) of every private upstream name and internal import in the file at `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE_NAMES:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.FunctionDef) and node.name in PRIVATE_NAMES:
            found.append((node.lineno, f"def {node.name}"))
        elif isinstance(node, ast.Constant) and node.value in PRIVATE_NAMES:
            found.append((node.lineno, repr(node.value)))
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            if node.module == "modelsearch.backends" and [alias.name for alias in node.names] == ["database"]:
                modules = []  # modelsearch's documented backend module
            found.extend((node.lineno, f"from {module}") for module in modules if is_internal(module))
        elif isinstance(node, ast.Import):
            internal = [alias.name for alias in node.names if is_internal(alias.name)]
            found.extend((node.lineno, f"import {name}") for name in internal)
    return found


def test_no_module_goes_round_the_door():
    strays = {
        f"{path.relative_to(ROOT)}:{line}": what
        for path in project_modules()
        for line, what in touchpoints(path)
    }
    assert strays == {}, "obtain these through portal.core.upstream (and add a test in tests/upstream)"


def test_the_door_itself_is_seen_by_the_check():
    assert {what for _line, what in touchpoints(DOOR)} >= {"._committed", "._raw_data", "def _do_search"}


def door_names():
    return sorted(
        name
        for name, value in vars(upstream).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value) or name.isupper())
        and getattr(value, "__module__", upstream.__name__) == upstream.__name__
    )


@pytest.mark.parametrize("name", door_names())
def test_every_touchpoint_is_in_the_table_with_its_upstream_code(name):
    assert f"`{name}`" in upstream.__doc__
    value = getattr(upstream, name)
    if inspect.isfunction(value) or inspect.isclass(value):
        assert value.__doc__, f"{name}: say which upstream code it relies on"


@pytest.mark.parametrize("name", door_names())
def test_every_touchpoint_has_its_test(name):
    tests = "".join(path.read_text(encoding="utf-8") for path in Path(__file__).parent.glob("test_*.py"))
    assert f"upstream.{name}" in tests

"""Benchmark (`make bench`): residents browse while an editor publishes (issue 15, point 2).

The Procfile's server with the page cache on, as in test_bench_serving.py. Residents (`wrk`, a
Lua script cycling through every public page type in Italian, English and Arabic, the API and
search) browse for BENCH_WORKLOAD_SECONDS while an editor, every BENCH_PUBLISH_EVERY seconds,
publishes a change somewhere in one district or takes a page down and puts it back. The cache
keeps a hit ratio of at least 95%, and after every withdrawal the page is gone from every
worker at the first request.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.benchmarks.test_bench_serving import prepare, run, serve
from tests.support.server import free_port, stop

pytestmark = pytest.mark.benchmark

SECONDS = int(os.environ.get("BENCH_WORKLOAD_SECONDS", "120"))
PUBLISH_EVERY = int(os.environ.get("BENCH_PUBLISH_EVERY", "30"))
LANGUAGES = ("it", "en", "ar")

LIST_URLS = """
import django, json
django.setup()
from wagtail.models import Page
pages = Page.objects.live().public().filter(depth__gt=1, locale__language_code__in={languages})
pages = pages.exclude(content_type__model="proposalformpage").specific()
urls = [page.url for page in pages.iterator()]
print(json.dumps(urls))
"""

EDITOR = """
import django, json, sys, time
django.setup()
from initiatives.models import EventPage, InitiativePage
action = sys.argv[1]
if action == "publish":
    page = InitiativePage.objects.live().filter(locale__language_code="it").order_by("?").first()
    page.summary = page.summary.rstrip(" .") + "."
    page.save_revision().publish()
else:
    page = EventPage.objects.filter(locale__language_code="it").order_by("path").first()
    if action == "unpublish":
        page.unpublish()
    else:
        page.save_revision().publish()
print(json.dumps({"url": page.url}))
"""

# wrk: each thread cycles through the URLs and counts the answers by their X-Cache header.
LUA = """
local urls = {urls}
local threads = {{}}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  position = math.random(#urls)
  hit, miss, stale, other, errors = 0, 0, 0, 0, 0
end
function request()
  position = position % #urls + 1
  return wrk.format("GET", urls[position])
end
function response(status, headers, body)
  local state = headers["X-Cache"]
  if status >= 500 then errors = errors + 1 end
  if state == "HIT" then hit = hit + 1
  elseif state == "MISS" then miss = miss + 1
  elseif state == "STALE" then stale = stale + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local totals = {{hit = 0, miss = 0, stale = 0, other = 0, errors = 0}}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  io.write(string.format("RESULT hit=%d miss=%d stale=%d other=%d errors=%d p99=%.1f\\n",
    totals.hit, totals.miss, totals.stale, totals.other, totals.errors, latency:percentile(99) / 1000))
end
"""


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_hit_ratio_while_an_editor_publishes_every_30_seconds():
    if shutil.which("wrk") is None:
        pytest.fail("wrk is not installed: apt-get install wrk (Debian's package)")
    workdir = Path(tempfile.mkdtemp(prefix="quartieri-workload-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = prepare(workdir, port, events=0)
    pages = json.loads(run([sys.executable, "-c", LIST_URLS.format(languages=LANGUAGES)], env).stdout)
    paths = [url.replace(base, "") for url in pages]
    paths += [f"/{language}/search/?q=corso" for language in LANGUAGES]
    paths += ["/api/v2/pages/?type=initiatives.EventPage&fields=*", "/api/v2/occurrences/"]
    script = workdir / "residents.lua"
    script.write_text(LUA.format(urls="{" + ", ".join(json.dumps(path) for path in paths) + "}"))

    server = serve(env, workdir)
    try:
        residents = subprocess.Popen(  # noqa: S603 (wrk on our own server)
            [shutil.which("wrk"), "-t2", "-c8", f"-d{SECONDS}s", "-s", str(script), base],
            stdout=subprocess.PIPE,
            text=True,
        )
        withdrawals, violations, actions = 0, [], 0
        began = time.monotonic()
        while time.monotonic() - began < SECONDS - PUBLISH_EVERY / 2:
            time.sleep(PUBLISH_EVERY)
            if actions % 2 == 0:
                run([sys.executable, "-c", textwrap.dedent(EDITOR), "publish"], env)
            else:
                taken_down = run([sys.executable, "-c", textwrap.dedent(EDITOR), "unpublish"], env).stdout
                url = base + json.loads(taken_down)["url"].replace(base, "")
                withdrawals += 1
                # Both workers, many times: the page is gone at once, never served from a cache.
                statuses = [status_of(url) for _ in range(40)]
                violations += [status for status in statuses if status != 404]
                run([sys.executable, "-c", textwrap.dedent(EDITOR), "republish"], env)
            actions += 1
        output, _ = residents.communicate(timeout=SECONDS + 60)
    finally:
        stop(server)
    result = dict(part.split("=") for part in output.split("RESULT ", 1)[1].split())
    counts = {name: float(value) for name, value in result.items()}
    served = counts["hit"] + counts["miss"] + counts["stale"] + counts["other"]
    ratio = (counts["hit"] + counts["stale"]) / served
    print(
        f"\n{len(paths)} URLs in {', '.join(LANGUAGES)}; {served:.0f} requests in {SECONDS} s; "
        f"{actions} editor actions ({withdrawals} withdrawals); hits {counts['hit']:.0f}, stale "
        f"{counts['stale']:.0f}, misses {counts['miss']:.0f}, uncached {counts['other']:.0f}; "
        f"hit ratio {ratio:.1%}; p99 {counts['p99']:.1f} ms"
    )
    assert counts["errors"] == 0
    assert not violations, violations
    assert ratio >= 0.95

"""How fast saved web pages and a big feed are indexed (issue #14's targets:
≥ 50 HTML pages/s on 2 cores, extraction and entities included; a feed of
10,000 items indexed in under a minute).

    python benchmarks/formats.py                 # 1,000 pages and a 10,000-item feed
    python benchmarks/formats.py --pages 200 --items 1000 --json

The pages are the four written for the tests (tests/data/pages/: nav, ads,
cookie banners, newsletter boxes, comments, JSON-LD or not, one MHTML),
each copy with its own title and an added paragraph; half of the feed's
items carry their full content (six paragraphs), half only a summary. Each
measure is one ``Library.refresh()`` on an empty index, in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "pages"


def write_pages(folder: Path, count: int) -> None:
    templates = sorted(path for path in PAGES.iterdir() if path.suffix in (".html", ".htm"))
    folder.mkdir(parents=True)
    for number in range(count):
        template = templates[number % len(templates)]
        page = template.read_text(encoding="utf-8")
        extra = (f"<p>Officials gave an update on case {number}, saying {number % 97} more crews would join "
                 f"the work in district {number % 13} by the end of the week.</p>")
        page = page.replace("</h1>", f" ({number})</h1>", 1).replace("</article>", extra + "</article>", 1)
        page = page.replace("<title>", f"<title>({number}) ", 1)
        (folder / f"{template.stem}-{number:05d}{template.suffix}").write_text(page, encoding="utf-8")


def write_feed(path: Path, items: int) -> None:
    entries = []
    for number in range(items):
        paragraphs = "".join(
            f"<p>Paragraph {k} of report {number}: the port authority said on Tuesday that container traffic "
            f"rose {number % 40} percent in the third quarter, helped by {k + 2} new cranes at berth {number % 9}.</p>"
            for k in range(6))
        content = f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>" if number % 2 == 0 else ""
        entries.append(
            f"<item><title>Report {number}: port traffic rises</title><link>https://example.org/r/{number}</link>"
            f"<guid>report-{number}</guid><pubDate>Tue, 19 Nov 2024 14:02:00 GMT</pubDate>"
            f"<description>Summary of report {number}: traffic rose in the quarter.</description>{content}</item>")
    path.parent.mkdir(parents=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Port Desk</title>'
                    + "".join(entries) + "</channel></rss>", encoding="utf-8")


# cpu_seconds: this process's and its worker processes' CPU time. On a
# shared machine (other jobs on the two cores) the wall time is mostly
# waiting; the CPU time says what the work itself costs.
_PROBE = """
import json, resource, sys, time
from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
library = Library(load_config(sys.argv[1]))
def cpu():
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
started, cpu_started = time.perf_counter(), cpu()
report = library.refresh(rebuild=True)
print(json.dumps({"seconds": time.perf_counter() - started, "cpu_seconds": cpu() - cpu_started,
                  "articles": report.articles, "skipped": len(report.skipped)}))
"""


def measure(corpus: Path, work: Path) -> dict:
    config = work / f"{corpus.name}.yaml"
    config.write_text(json.dumps({"corpus": {"paths": [str(corpus)], "max_file_mb": 100},
                                  "index": {"path": str(work / f"{corpus.name}-index")}}), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _PROBE, str(config)], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ceasefire-formats-"))
    try:
        write_pages(work / "pages", args.pages)
        write_feed(work / "feed" / "port-desk.rss", args.items)
        pages, feed = measure(work / "pages", work), measure(work / "feed", work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = {
        "load": os.getloadavg()[0], "cores": os.cpu_count(),
        "pages": {**pages, "per_second": pages["articles"] / pages["seconds"]},
        "feed": {**feed, "items": args.items},
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"HTML pages: {pages['articles']} of {args.pages} indexed in {pages['seconds']:.1f} s "
              f"= {results['pages']['per_second']:.0f} pages/s (target >= 50); "
              f"{pages['cpu_seconds']:.1f} CPU s = {pages['articles'] / pages['cpu_seconds']:.0f} pages per CPU second")
        print(f"feed: {feed['articles']} of {args.items} items indexed in {feed['seconds']:.1f} s (target < 60); "
              f"{feed['cpu_seconds']:.1f} CPU s")
        print(f"load average at the end {results['load']:.1f}, {results['cores']} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())

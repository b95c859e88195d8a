"""A web server on 127.0.0.1 for the tests of ``add``: the standard
library's http.server in a thread, on a port the system picks. Each path is
one behaviour of a real (or hostile) server; nothing leaves the machine.

The pages are ones written for these tests, on events other than the
ceasefire story.
"""

from __future__ import annotations

import functools
import gzip
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Harbour authority approves night ferry trial | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:title" content="Harbour authority approves night ferry trial">
<meta property="article:published_time" content="2024-03-04T07:30:00Z">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour authority approves night ferry trial",
"datePublished": "2024-03-04T07:30:00Z", "author": [{"@type": "Person", "name": "Ines Caldera"}],
"publisher": {"@type": "Organization", "name": "The Coastal Ledger"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/ports">Ports</a></nav>
<article>
<h1>Harbour authority approves night ferry trial</h1>
<p>The harbour authority on Monday approved a six-month trial of night ferries between the old town and the
island terminal, the first late crossings since the service was cut back in 2019.</p>
<p>Boats will leave every 40 minutes between 10pm and 2am from April, the authority said, with fares held at the
daytime rate of 3.20 euros for the first three months.</p>
<p>Ines Caldera, who chairs the residents' association on the island, said the decision would let hospital
workers on late shifts get home without paying for a water taxi.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""

SECOND_PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Reservoir levels rise after a wet February</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2024-02-27">
</head><body><article>
<h1>Reservoir levels rise after a wet February</h1>
<p>The three reservoirs that supply the valley stood at 71 percent of capacity on Tuesday, up from 48 percent a
month ago, after the wettest February the regional weather office has recorded since 2014.</p>
<p>The water board said the hosepipe restrictions in force since last summer would stay until levels pass
80 percent, which it expects by late spring if rainfall stays near the average.</p>
</article></body></html>
"""

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Courier</title><link>http://example.invalid/</link>
<description>Local news</description>
<item><title>Reservoir levels rise after a wet February</title><link>http://example.invalid/reservoirs</link>
<pubDate>Tue, 27 Feb 2024 09:00:00 GMT</pubDate>
<description>The three reservoirs that supply the valley stood at 71 percent of capacity.</description></item>
</channel></rss>
"""


class Handler(BaseHTTPRequestHandler):
    server: LocalWeb.Server

    def log_message(self, format, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: C901 - one branch per behaviour, read as a table
        path = self.path.split("?")[0]
        self.server.requests.append((path, self.headers.get("User-Agent")))
        routes = {
            "/page": lambda: self.send(200, "text/html; charset=utf-8", PAGE),
            "/second": lambda: self.send(200, "text/html", SECOND_PAGE),
            "/feed": lambda: self.send(200, "application/rss+xml", FEED),
            "/chain": lambda: self.redirect("/chain-2", 302),
            "/chain-2": lambda: self.redirect(f"http://127.0.0.1:{self.server.server_port}/page", 301),
            "/loop-a": lambda: self.redirect("/loop-b"),
            "/loop-b": lambda: self.redirect("/loop-a"),
            "/to-file": lambda: self.redirect("file:///etc/passwd"),
            "/image": lambda: self.send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
            "/no-type": lambda: self.send(200, None, b"<html></html>"),
            "/big": lambda: self.send(200, "text/html", b"<p>" + b"x" * 300_000),
            "/big-unsized": self.big_unsized,
            "/bomb": self.bomb,
            "/gzip": lambda: self.send(200, "text/html", gzip.compress(PAGE), encoding="gzip"),
            "/deflate-raw": lambda: self.send(200, "text/html", _raw_deflate(PAGE), encoding="deflate"),
            "/brotli": lambda: self.send(200, "text/html", b"\x0b\x02\x80", encoding="br"),
            "/silent": self.silent,
            "/trickle": self.trickle,
            "/missing": lambda: self.send(404, "text/html", b"<h1>Not Found</h1>"),
            "/broken": lambda: self.send(500, "text/html", b"<h1>Server Error</h1>"),
            "/cut": self.cut,
        }
        if path.startswith("/hop/"):
            self.redirect(f"/hop/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path in routes:
            routes[path]()
        else:
            self.send(404, "text/html", b"no such test page")

    def send(self, status: int, content_type: str | None, body: bytes, encoding: str | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def big_unsized(self) -> None:
        """Over the limit, with no Content-Length to refuse it by: ended by closing."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        for _ in range(40):
            self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
        self.close_connection = True

    def bomb(self) -> None:
        """20 kB that inflate to 20 MB, 200 times the tests' limit."""
        self.send(200, "text/html", _bomb(), encoding="gzip")

    def silent(self) -> None:
        """Accept the request and never answer (until the test server stops)."""
        self.server.stopping.wait(30)

    def trickle(self) -> None:
        """Headers, then a byte every 50 ms for ever: each read succeeds, only a deadline ends it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        while not self.server.stopping.wait(0.05):
            try:
                self.wfile.write(b"z")
                self.wfile.flush()
            except OSError:
                return

    def cut(self) -> None:
        """Promise 5000 bytes, send 100, close."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "5000")
        self.end_headers()
        self.wfile.write(PAGE[:100])
        self.wfile.flush()
        self.close_connection = True


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@functools.cache
def _bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * 1_000_000
    return b"".join(compressor.compress(block) for _ in range(20)) + compressor.flush()


class LocalWeb:
    """The server, started on entering and stopped on leaving: ``url(path)``
    is the address of one behaviour; ``requests`` the (path, user agent) of
    each request it got."""

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address) -> None:
            """A client that hung up (as a fetch refusing a page does) is not news."""

    def __enter__(self) -> LocalWeb:
        self.server = self.Server(("127.0.0.1", 0), Handler)
        self.server.requests = []
        self.server.stopping = threading.Event()
        _bomb()  # made before any request, not while the client waits
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    @property
    def requests(self) -> list[tuple[str, str | None]]:
        return self.server.requests

    def __exit__(self, *exc) -> None:
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

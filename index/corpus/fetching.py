"""Fetch one web page or feed over HTTP(S), with the standard library's
``http.client``, guarded against what the network can do to a reader.

Every limit is a refusal with one sentence saying why, never a hang or a
flood: a connect timeout and a read timeout (no byte for that long), a total
deadline enforced by a watchdog that shuts the socket (a server trickling a
byte a second never ends a read timeout), a size cap on the bytes received
*and* on the bytes they decompress to (gzip and deflate are inflated as they
arrive, never past the cap: no decompression bomb), a few redirects with
loops detected, only ``http`` and ``https``, and only web pages and feeds.

``http.client`` rather than ``urllib.request``: urllib follows redirects
itself (to any count we cannot cap per request without subclassing its
handlers), reads proxies from the environment, and hides the socket the
deadline needs to close. No library is needed for one GET at a time.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import Message
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from ..errors import FetchError

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                        "text/xml"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 10.0  # seconds to open the connection
    read_timeout: float = 20.0  # seconds without a byte from the server
    deadline: float = 60.0  # seconds for the whole fetch, redirects included
    max_bytes: int = 20_000_000  # the page, after decompression (and before it)
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    kind: str  # "page" or "feed"
    content_type: str  # the media type, without parameters
    charset: str | None  # as the server declared it
    body: bytes  # decompressed
    fetched_at: str  # ISO 8601, UTC, to the second


def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("ceasefire-tui")
    except PackageNotFoundError:
        number = "dev"
    return f"ceasefire-tui/{number} (terminal news reader; fetches one page when its user asks)"


def fetch(url: str, limits: FetchLimits = FetchLimits()) -> Fetched:
    """GET ``url`` (following at most ``limits.max_redirects`` redirects) and
    return the page or feed, or raise :class:`FetchError` saying why not."""
    started = time.monotonic()
    url = url.strip()
    current = check_url(url)
    seen = [current]
    while True:
        remaining = limits.deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise FetchError(f"took longer than the {limits.deadline:g} s limit")
        status, reason, headers, location, body = _request(current, limits, remaining)
        if location is None:
            break
        target = check_url(urljoin(current, location), redirected_from=current)
        if target in seen:
            chain = " → ".join(seen[seen.index(target):] + [target])
            raise FetchError(f"redirect loop: {chain}")
        if len(seen) > limits.max_redirects:
            raise FetchError(f"more than {limits.max_redirects} redirects (last to {target})")
        seen.append(target)
        current = target
    if not (200 <= status < 300) or status in (204, 205, 206):
        raise FetchError(f"the server answered {status} {reason}".rstrip())
    media_type, charset = _content_type(headers)
    kind = "page" if media_type in PAGE_TYPES else "feed"
    return Fetched(url=url, final_url=current, status=status, kind=kind, content_type=media_type,
                   charset=charset, body=body,
                   fetched_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"))


def check_url(url: str, redirected_from: str | None = None) -> str:
    """``url`` made ready to request (host in IDNA, path percent-encoded),
    or a FetchError: only http and https, with a host."""
    parts = urlsplit(url)
    where = f" (a redirect from {redirected_from})" if redirected_from else ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "an address without http:// or https://"
        raise FetchError(f"only http and https addresses can be fetched, not {shown}{where}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise FetchError(f"'{url}' is not a valid address{where}") from None
    if not host:
        raise FetchError(f"'{url}' names no host{where}")
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise FetchError(f"the host name '{host}' is not valid{where}") from None
    if ":" in ascii_host:  # an IPv6 literal keeps its brackets
        ascii_host = f"[{ascii_host}]"
    netloc = ascii_host + (f":{port}" if port is not None else "")
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="=&%+/:;,@!$'()*?-._~")
    return urlunsplit((scheme, netloc, path, query, ""))


class _Watchdog:
    """Shuts the connection's socket when the deadline passes, so that no
    read can outlast it, whatever the server trickles."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self._socket: socket.socket | None = None
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket) -> None:
        # The socket itself, not the connection's attribute: http.client
        # hands a response that ends at close the socket and forgets it.
        self._socket = sock
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        try:
            self._socket.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def cancel(self) -> None:
        self._timer.cancel()


def _request(url: str, limits: FetchLimits, remaining: float):
    """One GET: (status, reason, headers, redirect location or None, body)."""
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=min(limits.connect_timeout, remaining), context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, port, timeout=min(limits.connect_timeout, remaining))
    where = parts.netloc
    watchdog = _Watchdog(remaining)
    try:
        try:
            connection.connect()
        except socket.timeout:
            raise FetchError(f"could not connect to {where} within {limits.connect_timeout:g} s") from None
        except socket.gaierror:
            raise FetchError(f"no such host: {host}") from None
        except ssl.SSLError as error:
            raise FetchError(f"the secure connection to {where} failed ({error.reason or error})") from None
        except OSError as error:
            raise FetchError(f"could not connect to {where} ({error.strerror or error})") from None
        connection.sock.settimeout(limits.read_timeout)
        watchdog.watch(connection.sock)
        path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.putrequest("GET", path, skip_accept_encoding=True)
        for name, value in (("User-Agent", user_agent()), ("Accept-Encoding", "gzip, deflate"),
                            ("Accept", "text/html, application/xhtml+xml, application/rss+xml, "
                                       "application/atom+xml, application/xml;q=0.9, */*;q=0.1")):
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        if response.status in REDIRECTS and response.getheader("Location"):
            return response.status, response.reason, response.headers, response.getheader("Location"), b""
        if 200 <= response.status < 300:
            _content_type(response.headers)  # refused before the body is read
            body = _read_body(response, limits, where)
            if watchdog.fired:  # the socket shut under the read: the body ended early
                raise FetchError(f"took longer than the {limits.deadline:g} s limit")
        else:
            body = b""
        return response.status, response.reason, response.headers, None, body
    except FetchError:
        if watchdog.fired:
            raise FetchError(f"took longer than the {limits.deadline:g} s limit") from None
        raise
    except (socket.timeout, TimeoutError):
        raise FetchError(f"{where} sent nothing for {limits.read_timeout:g} s") from None
    except (http.client.HTTPException, OSError) as error:
        if watchdog.fired:
            raise FetchError(f"took longer than the {limits.deadline:g} s limit") from None
        if isinstance(error, http.client.RemoteDisconnected):
            raise FetchError(f"{where} closed the connection without answering") from None
        if isinstance(error, http.client.IncompleteRead):
            raise FetchError(f"{where} closed the connection before the whole page arrived") from None
        if isinstance(error, http.client.HTTPException):
            raise FetchError(f"{where} did not answer in HTTP ({type(error).__name__})") from None
        raise FetchError(f"the connection to {where} failed ({error.strerror or error})") from None
    finally:
        watchdog.cancel()
        connection.close()


def _content_type(headers: Message) -> tuple[str, str | None]:
    """The media type and charset, or a FetchError when it is neither a page nor a feed."""
    media_type = headers.get_content_type() if headers.get("Content-Type") else ""
    if media_type not in PAGE_TYPES | FEED_TYPES:
        said = f"'{media_type}'" if media_type else "no content type"
        raise FetchError(f"the server sent {said}, which is neither a web page (text/html) nor a feed "
                         "(RSS or Atom XML)")
    return media_type, headers.get_content_charset()


def _read_body(response: http.client.HTTPResponse, limits: FetchLimits, where: str) -> bytes:
    """The body, inflated as it streams in, refused as soon as it passes ``limits.max_bytes``."""
    cap = limits.max_bytes
    too_large = f"the page is larger than the {cap / 1_000_000:g} MB limit (corpus.max_file_mb)"
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(too_large)
    inflater = _inflater(response.getheader("Content-Encoding", "identity"))
    received = 0
    pieces: list[bytes] = []
    size = 0
    while chunk := response.read1(CHUNK):
        received += len(chunk)
        if received > cap:
            raise FetchError(too_large)
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, cap - size + 1)
            except zlib.error:
                raise FetchError(f"{where} sent compressed data that does not inflate") from None
            if inflater.unconsumed_tail:  # more output waits than the cap leaves room for
                raise FetchError(too_large + " once decompressed")
        size += len(chunk)
        if size > cap:
            raise FetchError(too_large + (" once decompressed" if inflater is not None else ""))
        pieces.append(chunk)
    if response.length:  # read1 ends quietly where a Content-Length was not met
        raise FetchError(f"{where} closed the connection before the whole page arrived")
    if inflater is not None:
        try:
            rest = inflater.flush()
        except zlib.error:
            raise FetchError(f"{where} sent compressed data that does not inflate") from None
        if size + len(rest) > cap:
            raise FetchError(too_large + " once decompressed")
        if not inflater.eof:
            raise FetchError(f"{where} closed the connection before the whole page arrived")
        pieces.append(rest)
    return b"".join(pieces)


def _inflater(encoding: str):
    """A decompressor for the Content-Encoding, None for none; a FetchError for one not read."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        # "deflate" is meant to be zlib-wrapped, but some servers send raw
        # deflate: 32 + MAX_WBITS takes zlib or gzip headers, not raw.
        return _Deflate()
    raise FetchError(f"the server compressed the page as '{encoding}', which is not read (only gzip and deflate)")


class _Deflate:
    """Inflates zlib-wrapped deflate, or raw deflate when the first bytes are not zlib's."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS)
        self._started = False

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if not self._started:
            self._started = True
            try:
                return self._inflater.decompress(data, max_length)
            except zlib.error:
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._inflater.decompress(data, max_length)

    def flush(self) -> bytes:
        return self._inflater.flush()

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inflater.unconsumed_tail

    @property
    def eof(self) -> bool:
        return self._inflater.eof

"""Fetching pages and feeds for ``add``, against a server on 127.0.0.1
(tests/support_web.py): what is fetched, what is refused and why, and that
no server can make a fetch hang or flood the memory."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from ceasefire_tui.index.corpus.adding import add_urls, file_stem
from ceasefire_tui.index.corpus.discovery import read_articles
from ceasefire_tui.index.corpus.fetching import FetchLimits, check_url, fetch
from ceasefire_tui.index.corpus.provenance import read_provenance, sidecar_path
from ceasefire_tui.index.errors import FetchError
from support_web import PAGE

LIMITS = FetchLimits(connect_timeout=2, read_timeout=1, deadline=3, max_bytes=100_000, max_redirects=5)


def refusal(url: str, limits: FetchLimits = LIMITS) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url, limits)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_page_is_fetched_with_its_status_type_and_time(local_web):
    fetched = fetch(local_web.url("/page"), LIMITS)
    assert fetched.body == PAGE
    assert (fetched.status, fetched.kind, fetched.content_type, fetched.charset) == (200, "page", "text/html", "utf-8")
    assert fetched.final_url == fetched.url == local_web.url("/page")
    assert fetched.fetched_at.endswith("Z") and fetched.fetched_at[:2] == "20"
    path, agent = local_web.requests[-1]
    assert path == "/page" and agent.startswith("ceasefire-tui/")


def test_a_feed_is_fetched_as_a_feed(local_web):
    fetched = fetch(local_web.url("/feed"), LIMITS)
    assert fetched.kind == "feed" and fetched.body.startswith(b"<?xml")


def test_a_redirect_chain_ends_at_the_final_address(local_web):
    fetched = fetch(local_web.url("/chain"), LIMITS)
    assert fetched.body == PAGE
    assert fetched.url == local_web.url("/chain") and fetched.final_url == local_web.url("/page")


def test_a_redirect_loop_is_named(local_web):
    message = refusal(local_web.url("/loop-a"))
    assert message.startswith("redirect loop:") and "/loop-b" in message and message.count("/loop-a") == 2


def test_too_many_redirects_are_refused(local_web):
    assert refusal(local_web.url("/hop/0")).startswith("more than 5 redirects")
    assert [path for path, _ in local_web.requests] == [f"/hop/{n}" for n in range(6)]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/page.html", "javascript:alert(1)",
                                 "127.0.0.1/page"])
def test_only_http_and_https_are_fetched(url):
    assert refusal(url).startswith("only http and https addresses can be fetched")


def test_a_redirect_to_another_scheme_is_refused(local_web):
    message = refusal(local_web.url("/to-file"))
    assert message.startswith("only http and https addresses can be fetched, not file:") and "redirect" in message


@pytest.mark.parametrize("path, said", [("/image", "'image/png'"), ("/no-type", "no content type")])
def test_what_is_neither_a_page_nor_a_feed_is_refused(local_web, path, said):
    assert refusal(local_web.url(path)) == (f"the server sent {said}, which is neither a web page (text/html) "
                                            "nor a feed (RSS or Atom XML)")


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_a_body_over_the_size_limit_is_refused(local_web, path):
    assert refusal(local_web.url(path)) == "the page is larger than the 0.1 MB limit (corpus.max_file_mb)"


def test_a_gzip_bomb_is_stopped_at_the_limit(local_web):
    started = time.monotonic()
    assert refusal(local_web.url("/bomb")).endswith("limit (corpus.max_file_mb) once decompressed")
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("path", ["/gzip", "/deflate-raw"])
def test_compressed_pages_are_inflated(local_web, path):
    assert fetch(local_web.url(path), LIMITS).body == PAGE


def test_an_unknown_compression_is_refused(local_web):
    assert "'br', which is not read" in refusal(local_web.url("/brotli"))


def test_a_server_that_never_answers_times_out(local_web):
    started = time.monotonic()
    assert refusal(local_web.url("/silent")) == f"127.0.0.1:{local_web.server.server_port} sent nothing for 1 s"
    assert time.monotonic() - started < 2.5


def test_a_trickling_server_is_stopped_by_the_deadline(local_web):
    started = time.monotonic()
    assert refusal(local_web.url("/trickle"), FetchLimits(read_timeout=1, deadline=1)) == \
        "took longer than the 1 s limit"
    assert time.monotonic() - started < 2.5


def test_a_port_nobody_listens_on_is_refused_at_once():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert refusal(f"http://127.0.0.1:{port}/").startswith(f"could not connect to 127.0.0.1:{port}")


@pytest.mark.parametrize("path, answer", [("/missing", "404 Not Found"), ("/broken", "500 Internal Server Error")])
def test_error_statuses_are_reported(local_web, path, answer):
    assert refusal(local_web.url(path)) == f"the server answered {answer}"


def test_a_connection_closed_mid_body_is_reported(local_web):
    assert refusal(local_web.url("/cut")).endswith("closed the connection before the whole page arrived")


def test_addresses_are_made_requestable():
    assert check_url("http://Bücher.example/a b?q=ü") == "http://xn--bcher-kva.example/a%20b?q=%C3%BC"
    with pytest.raises(FetchError, match="not a valid address"):
        check_url("http://127.0.0.1:99999/")


def test_file_names_come_from_the_address():
    assert file_stem("https://www.example.com/world/2024/02/talks.html") == "example-com-world-2024-02-talks"
    assert file_stem("http://127.0.0.1:8000/") == "127-0-0-1"
    assert len(file_stem("https://example.com/" + "very-long-slug-" * 20)) <= 80


def test_added_pages_are_saved_with_their_provenance(local_web, tmp_path):
    folder = tmp_path / "web"
    outcomes = add_urls([local_web.url("/chain"), local_web.url("/feed"), local_web.url("/image")], folder, LIMITS)
    page, feed, image = outcomes
    assert page.path == folder / "127-0-0-1-page.html" and page.path.read_bytes() == PAGE
    assert feed.path == folder / "127-0-0-1-feed.xml" and feed.kind == "feed"
    assert image.path is None and "image/png" in image.reason
    sidecar = json.loads(sidecar_path(page.path).read_text())
    assert sidecar["url"] == local_web.url("/chain") and sidecar["final_url"] == local_web.url("/page")
    assert sidecar["status"] == 200 and sidecar["content_type"] == "text/html" and sidecar["fetched_at"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "127-0-0-1-feed.provenance.json", "127-0-0-1-feed.xml", "127-0-0-1-page.html",
        "127-0-0-1-page.provenance.json"]


def test_adding_a_url_again_updates_its_copy(local_web, tmp_path):
    folder = tmp_path / "web"
    first, = add_urls([local_web.url("/page")], folder, LIMITS)
    again, = add_urls([local_web.url("/chain")], folder, LIMITS)  # reaches the same page
    assert again.path == first.path and again.updated and not first.updated
    (folder / "other.html").write_text("x")
    assert len(list(folder.glob("*.html"))) == 2


def test_sidecars_are_not_articles_and_give_their_page_its_fetch_date(local_web, tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    (folder / "ferry.txt").write_text("Harbour authority approves night ferry trial\n\nThe harbour authority on "
                                      "Monday approved a trial of night ferries.\n")
    saved, = add_urls([local_web.url("/page")], folder, LIMITS)
    # A plain-text article beside a sidecar of its own name takes the provenance as a saved page would.
    sidecar_path(saved.path).rename(sidecar_path(folder / "ferry.txt"))
    saved.path.unlink()
    read = read_articles([folder])
    assert read.skipped == [] and [a.id for a in read.articles] == ["ferry"]
    article, = read.articles
    assert article.fetched == read_provenance(folder / "ferry.txt").fetched_at
    assert article.url == local_web.url("/page")


def test_a_fetch_in_a_thread_ends_when_the_server_hangs(local_web):
    """The watchdog closes the socket: the fetching thread is free again."""
    errors: list[str] = []

    def run() -> None:
        try:
            fetch(local_web.url("/silent"), FetchLimits(read_timeout=30, deadline=1))
        except FetchError as error:
            errors.append(str(error))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and errors == ["took longer than the 1 s limit"]

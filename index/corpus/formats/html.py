"""``.html``, ``.htm`` and ``.mhtml``: a saved news page as its article.

trafilatura finds the main text and drops the rest of the page (navigation,
ads, cookie banners, newsletter boxes, related links, comments); its
metadata comes from JSON-LD ``NewsArticle``, Open Graph and the page itself.
Headings and lists keep their kinds; captions and bylines, which trafilatura
would drop or flatten, are found in the page first and kept as such.

trafilatura is the ``web`` extra: without it these files are skipped with a
reason naming the extra. :func:`article_from_html` is the entry point for
HTML that did not come from a file of the corpus (a page fetched from a URL).
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ...errors import LoadError
from ...model import Article
from ..layout import classify_line, finish_layout
from .common import Decoded, FileInput, Meta, build_article, content_hash, decode, one_line, sanitize, split_authors

WEB_EXTRA = "pip install 'ceasefire-tui[web]'"
# A news article's text is tens of kilobytes; extraction takes about 0.3 ms
# per paragraph, so a page with more text than this (a book, an archive
# dump) is refused rather than keeping a worker busy for seconds.
MAX_PAGE_TEXT_CHARS = 1_000_000
MAX_PAGE_ELEMENTS = 100_000

# Elements whose content is never article text: dropped before extraction,
# so that no script, style or embedded document can reach the text.
_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)"""
                               rb"""|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# "Published: May 22, 2024, 07:15 IST", "Updated 3 hours ago": a credit line, not prose.
_DATELINE = re.compile(r"^(?:published|updated|last updated|posted|first published)\b[\s:]", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def load(file: FileInput) -> tuple[list[Article], str | None]:
    article, note = extract_article(file.data, file.path, file.article_id)
    return [article], note


def load_mhtml(file: FileInput) -> tuple[list[Article], str | None]:
    """A page saved by a browser as one MIME archive: its first HTML part."""
    message = email.message_from_bytes(file.data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
            article, note = extract_article(_declare(html, charset), file.path, file.article_id,
                                            url=str(url) if url else None, digest=file.digest)
            return [article], note
    raise LoadError("no HTML part in this MHTML archive")


def article_from_html(html: bytes | str, path: Path | str, url: str | None = None, *,
                      article_id: str | None = None) -> Article:
    """The article in one HTML page. ``url``: where it was fetched from (the
    page's canonical URL, when it states one, is preferred); ``article_id``:
    by default the file stem of ``path``. Raises :class:`LoadError` with a
    one-line reason (no article text, not HTML, the web extra missing)."""
    path = Path(path)
    data = html.encode("utf-8") if isinstance(html, str) else html
    return extract_article(data, path, article_id or path.stem, url=url)[0]


def extract_article(data: bytes, path: Path, article_id: str, *, url: str | None = None,
                    digest: str | None = None) -> tuple[Article, str | None]:
    """The article in the page ``data`` and a note (how it was decoded)."""
    trafilatura = require_trafilatura()
    decoded = decode_html(data)
    document, parts = _extract(trafilatura, _page_tree(decoded.text), url)
    if document is None:
        raise LoadError("no article text found in the page")
    title = one_line(document.title or "") or None
    drop_repeated_title(parts, title)
    if not any(kind in ("paragraph", "bullet") for kind, _ in parts):
        raise LoadError("no article text found in the page")
    page_url = one_line(document.url or "") or one_line(url or "") or None
    layout = finish_layout(parts, title=title, source=_outlet(document.sitename, page_url))
    authors = split_authors(document.author or "") or _byline_authors(parts)
    meta = Meta(url=page_url, published=one_line(document.date or "") or None, authors=authors)
    return build_article(layout, path, article_id, digest or content_hash(data), meta), decoded.note


def _extract(trafilatura: Any, tree: Any, url: str | None) -> tuple[Any, list[tuple[str, str]]]:
    """trafilatura's document for ``tree`` and its body as ``(block kind,
    text)`` parts in reading order; (None, []) when it found no text."""
    captions, bylines = _mark_captions_and_bylines(tree)
    document = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False, include_images=False, deduplicate=False)
    if document is None or document.body is None:
        return None, []
    parts: list[tuple[str, str]] = []
    _walk(document.body, parts, captions, bylines)
    return document, parts


def drop_repeated_title(parts: list[tuple[str, str]], title: str | None) -> None:
    """Leave out the first part when it is a heading repeating the title."""
    if parts and parts[0][0] == "heading" and title and parts[0][1].casefold() == title.casefold():
        parts.pop(0)


def _walk(element: Any, parts: list[tuple[str, str]], captions: set[str], bylines: set[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == "list":
            for item in child.iterchildren("item"):
                text = _text(item, skip="list")
                if text:
                    parts.append(("bullet", text))
                for nested in item.iterchildren("list"):
                    _walk([nested], parts, captions, bylines)
        elif tag == "head":
            text = _text(child)
            if text:
                parts.append(("heading", text))
        elif tag in ("quote", "div") and any(grand.tag in ("p", "list", "head") for grand in child):
            _walk(child, parts, captions, bylines)
        elif tag not in ("graphic", "table"):
            text = _text(child)
            if text:
                parts.append(_paragraph_kind(text, captions, bylines))


def _paragraph_kind(text: str, captions: set[str], bylines: set[str]) -> tuple[str, str]:
    if text in captions:
        return "caption", text
    if text in bylines or (len(text) <= 80 and _DATELINE.match(text)):
        return "byline", text
    kind, content = classify_line(text)
    # A short sentence without a full stop is a paragraph here, not a heading:
    # the page marks its headings.
    return ("paragraph", text) if kind == "heading" else (kind, content)


def _text(element: Any, skip: str | None = None) -> str:
    """The element's text as one line, leaving out its ``skip`` children."""
    if skip is None:
        return one_line("".join(element.itertext()))
    pieces = [element.text or ""]
    for child in element:
        if child.tag != skip:
            pieces.append("".join(child.itertext()))
        pieces.append(child.tail or "")
    return one_line("".join(pieces))


def _byline_authors(parts: list[tuple[str, str]]) -> tuple[str, ...]:
    """The names in the page's first "By …" credit line, for a page whose
    metadata names no author."""
    for kind, text in parts:
        if kind == "byline" and text[:3].lower() == "by ":
            return split_authors(text)
    return ()


def _outlet(site_name: str | None, url: str | None) -> str | None:
    """The page's site name, else its host name without ``www.``."""
    name = one_line(site_name or "")
    if name:
        return name
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def require_trafilatura():
    """The trafilatura module, or a LoadError naming the extra that brings it."""
    try:
        import trafilatura
    except ImportError:
        raise LoadError(f"reading web pages needs the web extra: {WEB_EXTRA}") from None
    return trafilatura


# --- Decoding -------------------------------------------------------------------


def decode_html(data: bytes) -> Decoded:
    """The page's text. Pages often declare the wrong encoding (a template
    saying ISO-8859-1 around UTF-8 text): bytes that are valid UTF-8 are read
    as UTF-8 whatever the page says; others in the encoding declared, when
    it fits; else as cp1252, with a note."""
    declared = _declared_encoding(data)
    if declared in ("utf-16", "utf-32") and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = None  # said by a page that is plainly not UTF-16 (its declaration is ASCII)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if b"\x00" in data[:8192]:
            raise LoadError("binary file (contains NUL bytes)")
        note = f"the page declares {declared} but is UTF-8; read as UTF-8" if declared not in (None, "utf-8") else None
        return _html_only(Decoded(text, note))
    if declared and b"\x00" not in data[:8192]:
        try:
            return _html_only(Decoded(data.decode(declared), None))
        except UnicodeDecodeError:
            pass
    return _html_only(decode(data))


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup((match.group(1) or match.group(2)).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _html_only(decoded: Decoded) -> Decoded:
    if not decoded.text.lstrip("\ufeff \t\r\n").startswith("<"):
        raise LoadError("not an HTML page (it does not start with markup)")
    return decoded


def _declare(html: bytes, charset: str | None) -> bytes:
    """An MHTML part's bytes, re-encoded as UTF-8 when its MIME header names
    another charset (the page inside may not say)."""
    if not charset:
        return html
    try:
        return html.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return html


def _page_tree(text: str) -> Any:
    from lxml import etree, html as lxml_html

    try:
        # huge_tree: else libxml2 stops at a text node over 10 MB (a big
        # inline script) and the rest of the page is lost.
        parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
        tree = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (etree.ParserError, ValueError):
        raise LoadError("no HTML content in the page") from None
    for element in list(tree.iter(*_NEVER_TEXT)):
        # JSON-LD stays for trafilatura's metadata; it never reaches the text.
        if element.getparent() is not None and not _is_json_ld(element):
            element.drop_tree()  # its tail is text of the parent: kept
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_PAGE_ELEMENTS:
        raise LoadError(f"the page has {elements:,} elements, more than one article's {MAX_PAGE_ELEMENTS:,}")
    content = tree.text_content()
    if len(content) > MAX_PAGE_TEXT_CHARS:
        raise LoadError(f"the page holds more than {MAX_PAGE_TEXT_CHARS // 1_000_000} MB of text: "
                        "not one article (an archive or a book?)")
    # Terminal escapes and hidden characters go before extraction (lxml
    # refuses control characters in the elements trafilatura builds). The
    # page's text is checked as a whole first: sanitising every text node
    # of every page would cost as much as the extraction.
    if sanitize(content) != content:
        for element in tree.iter():
            if element.text:
                element.text = sanitize(element.text)
            if element.tail:
                element.tail = sanitize(element.tail)
    return tree


def _is_json_ld(element: Any) -> bool:
    return element.tag == "script" and (element.get("type") or "").strip().lower() == "application/ld+json"


_BYLINE_ELEMENTS = ("//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')"
                    " or contains(@class, 'article-byline') or contains(@class, 'author-byline')]")
_CAPTION_ELEMENTS = "//figcaption | //*[contains(@class, 'caption') and not(.//p)]"


def _mark_captions_and_bylines(tree: Any) -> tuple[set[str], set[str]]:
    """The texts of the page's captions and bylines, turned into plain
    paragraphs: trafilatura drops figure captions and elements classed as
    bylines, which the reader shows (as captions and credit lines)."""
    captions, bylines = set(), set()
    for found, elements in ((captions, tree.xpath(_CAPTION_ELEMENTS)), (bylines, tree.xpath(_BYLINE_ELEMENTS))):
        for element in elements:
            text = one_line(element.text_content())
            if text and len(text) <= 400:
                found.add(text)
                element.tag = "p"
                element.attrib.clear()
    for figure in tree.iter("figure"):
        figure.tag = "div"
    return captions, bylines


# --- Fragments ------------------------------------------------------------------

_FRAGMENT_BLOCKS = {"p": "paragraph", "li": "bullet", "figcaption": "caption", "blockquote": "paragraph",
                    "pre": "paragraph", "dt": "paragraph", "dd": "paragraph", "td": "paragraph", "th": "paragraph",
                    **{f"h{level}": "heading" for level in range(1, 7)}}
# Elements that end the text run before them: what is around them is not one paragraph.
_FRAGMENT_BREAKS = frozenset({"div", "section", "article", "ul", "ol", "dl", "table", "tr", "figure", "hr", "br",
                              "header", "footer", "aside", "main", "center"})


def fragment_parts(fragment: str) -> list[tuple[str, str]]:
    """An HTML fragment that is article text and nothing else (a feed item's
    content or summary) as ``(block kind, text)`` parts: there is no page
    around it for trafilatura to tell apart from the article (and it would
    cost 8 ms an item, 80 s for a feed of 10,000), so its block elements
    are read as they are; text between blocks is a paragraph of its own."""
    from lxml import etree, html as lxml_html

    try:
        # Sanitised first: lxml refuses control characters in a string.
        root = lxml_html.fragment_fromstring(sanitize(fragment), create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for element in list(root.iter(*_NEVER_TEXT)):
        element.drop_tree()
    parts: list[tuple[str, str]] = []
    run: list[str] = []

    def flush() -> None:
        text = one_line("".join(run))
        run.clear()
        if text:
            parts.append(("paragraph", text))

    def walk(element: Any) -> None:
        for child in element:
            if not isinstance(child.tag, str):  # a comment or processing instruction: only its tail is text
                run.append(child.tail or "")
                continue
            if child.tag in _FRAGMENT_BLOCKS:
                flush()
                text = one_line(child.text_content())
                if text:
                    parts.append((_FRAGMENT_BLOCKS[child.tag], text))
            elif child.tag in _FRAGMENT_BREAKS:
                flush()
                run.append(child.text or "")
                walk(child)
                flush()
            else:
                run.append(child.text or "")
                walk(child)
            run.append(child.tail or "")

    run.append(root.text or "")
    walk(root)
    flush()
    return parts

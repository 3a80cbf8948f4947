"""Hardened XML and HTML parsing, and the helpers every XML reader shares.

XML goes through :func:`parse_xml`: the text is decoded first (a declared encoding that the
bytes contradict is overruled: iso-8859-1 declared, UTF-8 bytes), the DOCTYPE's internal subset
is checked and removed before parsing (:func:`refuse_entities`: entity values — billion laughs,
quadratic blowup — and references to external ``file://``/``http://`` entities are refused; an
external parameter entity such as NewsML 1.2's ``%nitf;`` is dropped unread), and lxml then
parses with entity resolution, DTD loading and network access off and
its default size and depth limits (``huge_tree=False``). HTML fragments (ANP ``bodyText``,
escaped HTML in NewsML, ninjs ``body_html``) go through lxml's HTML parser, which never loads
anything.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from html.entities import name2codepoint
from typing import TypeAlias

from lxml import etree
from lxml import html as lxml_html

from ..errors import UnsafeInputError, WireFormatError

__all__ = [
    "MAX_BYTES",
    "Element",
    "child",
    "children",
    "clean",
    "decode",
    "descendants",
    "first_text",
    "html_paragraphs",
    "local",
    "neutralised_bytes",
    "paragraphs",
    "parse_xml",
    "refuse_entities",
    "repair_markup",
    "repair_mojibake",
    "split_plain",
    "text_of",
]

#: Largest input a reader accepts, in bytes (per file and per zip member).
MAX_BYTES = 64 * 1024 * 1024

Element: TypeAlias = etree._Element

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")
_XML_DECL_STR = re.compile(r"^\s*<\?xml[^>]*\?>")
_NAMED_REF = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BARE_AMP = re.compile(r"&(?!#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9._-]*;)")
_XML_REFS = frozenset({"amp", "lt", "gt", "quot", "apos"})


def decode(data: bytes, source: str | None = None) -> str:
    """Bytes → text for markup: BOM or UTF-16 first, then UTF-8 whenever the bytes are valid
    UTF-8 (whatever the declaration says), else the declared encoding, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise WireFormatError(f"invalid UTF-16 ({exc.reason})", source) from exc
    try:
        return repair_mojibake(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    m = _XML_DECL.match(data)
    declared = m.group(1).decode("ascii").lower() if m else "cp1252"
    if declared in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "utf-8", "utf8"):
        declared = "cp1252"  # the superset that real "Latin-1" files use
    try:
        return data.decode(declared, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


_MOJIBAKE = re.compile(
    "[ÃÂâÅ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252 and encoded again (``Ã©`` for ``é``), when the
    whole text round-trips; otherwise the text is returned unchanged."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text
    return fixed if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)) else text


# The prolog before a DOCTYPE: white space, the XML declaration, comments, PIs.
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_DOCTYPE_HEAD = re.compile(
    r"""<!DOCTYPE\s+(?P<name>[^\s\[>]+)"""
    r"""(?P<external>\s+(?:SYSTEM|PUBLIC\s+(?:"[^"]*"|'[^']*'))\s+(?:"[^"]*"|'[^']*'))?"""
    r"""\s*(?P<subset>\[)?""",
    re.IGNORECASE,
)
# One item of a DOCTYPE's internal subset (XML 1.0 §2.8 markupdecl | PEReference | S).
_SUBSET_ITEM = re.compile(
    r"""\s+|<!--.*?-->|<\?.*?\?>|%(?P<peref>[^\s;%]+);"""
    r"""|<!(?P<kind>ENTITY|ELEMENT|ATTLIST|NOTATION)\b(?P<decl>(?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.S,
)
_ENTITY_BODY = re.compile(
    r"""\s+(?P<pe>%\s+)?(?P<name>[^\s%;]+)\s+"""
    r"""(?:(?P<literal>"[^"]*"|'[^']*')"""
    r"""|(?:SYSTEM|PUBLIC\s+(?:"[^"]*"|'[^']*'))\s+(?:"[^"]*"|'[^']*')(?:\s+NDATA\s+\S+)?)\s*$""",
    re.S,
)
_SUBSET_END = re.compile(r"\]\s*>")
# The value of a character entity (``<!ENTITY euro "&#8364;">``): up to 8 characters or
# character references, no entity references: substituted by wirenlp, at most doubling the text.
_CHARACTER_VALUE = re.compile(r"(?:[^&<%]|&#\d{1,7};|&#x[0-9a-fA-F]{1,6};){0,8}")
_ENTITY_REF = re.compile(r"&([^\s&;#<]+);")


def refuse_entities(text: str, source: str | None = None) -> str:
    """Check the DOCTYPE of ``text`` and return the text with its internal subset removed.

    * An internal *general* entity (``<!ENTITY lol "&lol1;&lol1;…">``, a quadratic blowup's
      ``<!ENTITY a "xxxx…">``) raises :class:`~wirenlp.errors.UnsafeInputError`: the parser
      never expands entities. Only a character entity (``<!ENTITY euro "&#8364;">``: up to 8
      characters or character references, no entity references) is substituted by wirenlp,
      and only while that at most doubles the text.
    * A reference in the document to an *external* general entity (``<!ENTITY xxe SYSTEM
      "file:///etc/passwd">`` … ``&xxe;``) raises too: its text would have to be fetched.
    * Everything else in the internal subset is neutralised, i.e. dropped unread: external
      parameter entities and their references (``<!ENTITY % nitf SYSTEM "nitf-3-0.dtd">
      %nitf;``, as NewsML 1.2 from Belga declares the NITF DTD), parameter entities with
      literal values, element, attribute and notation declarations, external general
      entities that are never referenced. Nothing named there is ever opened or fetched.

    The DOCTYPE keeps its name and external identifier (``SYSTEM ""`` when it had none), so
    the parser, which never loads a DTD, still tolerates entities a DTD would define. Text
    with no internal subset is returned as it is.
    """
    pos = 0
    while (m := _PROLOG_ITEM.match(text, pos)) is not None and m.end() > pos:
        pos = m.end()
    head = _DOCTYPE_HEAD.match(text, pos)
    if head is None or head.group("subset") is None:
        return text
    i = head.end()
    externals: list[str] = []
    characters: dict[str, str] = {}
    while True:
        end = _SUBSET_END.match(text, i)
        if end is not None:
            break
        item = _SUBSET_ITEM.match(text, i)
        if item is None or item.end() == i:
            raise UnsafeInputError("unreadable DOCTYPE internal subset (refused)", source)
        i = item.end()
        if item.group("kind") is None or item.group("kind").upper() != "ENTITY":
            continue
        decl = _ENTITY_BODY.match(item.group("decl"))
        if decl is None:
            raise UnsafeInputError("unreadable XML entity declaration (refused)", source)
        if decl.group("pe"):
            continue  # a parameter entity only matters inside the DTD, which is never read
        literal = decl.group("literal")
        if literal is None:
            externals.append(decl.group("name"))
        elif _CHARACTER_VALUE.fullmatch(literal[1:-1]):
            characters[decl.group("name")] = literal[1:-1]
        else:
            raise UnsafeInputError(
                "XML entity declarations with values are refused (entity expansion)", source
            )
    rest = end.end()
    body = text[rest:]
    for name in externals:
        if f"&{name};" in body:
            raise UnsafeInputError(
                f"a reference to the external entity &{name}; is refused (never fetched)", source
            )
    if characters:
        expanded = _ENTITY_REF.sub(lambda m: characters.get(m.group(1), m.group(0)), body)
        if len(expanded) > 2 * len(body) + 4096:
            raise UnsafeInputError("XML entity expansion over the limit is refused", source)
        body = expanded
    external = head.group("external") or ' SYSTEM ""'
    return f"{text[:pos]}<!DOCTYPE {head.group('name')}{external}>{body}"


def _named_ref(m: re.Match[str]) -> str:
    name = m.group(1)
    if name in _XML_REFS or name not in name2codepoint:
        return m.group(0)
    return f"&#{name2codepoint[name]};"


# Markup whose content is never repaired: CDATA sections (literal text), comments, PIs.
_VERBATIM = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>", re.S)


def repair_markup(text: str) -> str:
    """The repairs that change nothing in a well-formed file: characters XML 1.0 forbids
    (control characters from converted text wires) removed, bare ampersands (``AT&T``) escaped,
    HTML named entities (``&copy;``, from an unloaded NITF DTD) as character references. Text
    inside CDATA sections, comments and processing instructions is left as written (a CDATA
    section is literal text: ``<![CDATA[AT&T &copy;]]>`` stays ``AT&T &copy;``)."""
    text = _XML_INVALID.sub("", text)
    if "&" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _VERBATIM.finditer(text):
        out.append(_repair_refs(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_repair_refs(text[pos:]))
    return "".join(out)


def _repair_refs(chunk: str) -> str:
    if "&" not in chunk:
        return chunk
    return _NAMED_REF.sub(_named_ref, _BARE_AMP.sub("&amp;", chunk))


def parse_xml(data: bytes | str, source: str | None = None, max_bytes: int = MAX_BYTES) -> Element:
    """Parse ``data`` as XML safely and return the root element.

    Raises :class:`~wirenlp.errors.UnsafeInputError` for entity declarations and input over
    ``max_bytes``, :class:`~wirenlp.errors.WireFormatError` for malformed XML; both name
    ``source``. HTML named entities (``&nbsp;``, from an unloaded NITF DTD) become characters.
    """
    size = len(data)
    if size > max_bytes:
        raise UnsafeInputError(f"input of {size} bytes exceeds the limit of {max_bytes}", source)
    text = decode(data, source) if isinstance(data, bytes) else data
    text = refuse_entities(text, source)
    text = repair_markup(_XML_DECL_STR.sub("", text, count=1))
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )
    try:
        root = etree.fromstring(text.encode("utf-8", errors="surrogatepass"), parser)
    except etree.XMLSyntaxError as exc:
        if "huge" in str(exc).lower() or "excessive depth" in str(exc).lower():
            raise UnsafeInputError(
                f"XML over the parser's size or depth limits: {exc}", source
            ) from exc
        raise WireFormatError(f"malformed XML: {exc}", source) from exc
    except (ValueError, UnicodeError) as exc:
        raise WireFormatError(f"unreadable XML: {exc}", source) from exc
    if root is None:
        raise WireFormatError("empty XML document", source)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnsafeInputError("XML entity declarations are refused", source)
    _drop_entity_refs(root)
    return root


def _drop_entity_refs(root: Element) -> None:
    """Remove references to entities that an unloaded DTD would define (``&foo;`` left by
    the parser as entity nodes), keeping the text around them."""
    for ref in list(root.iter(etree.Entity)):
        parent = ref.getparent()
        if parent is None:
            continue
        tail = ref.tail or ""
        prev = ref.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(ref)


def neutralised_bytes(data: bytes, source: str | None = None) -> bytes:
    """``data`` for a parser wirenlp does not configure itself (feedparser), as
    :func:`parse_xml` sees it: unchanged when nothing needs doing, else UTF-8 with the
    DOCTYPE's internal subset removed as :func:`refuse_entities` does (which raises for what it
    refuses) and the repairs of :func:`repair_markup` (bare ``&``, HTML named entities; never
    inside CDATA)."""
    text = decode(data, source)
    safe = repair_markup(refuse_entities(text, source))
    if safe == text and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    return _XML_DECL_STR.sub("", safe, count=1).encode("utf-8")


# --- element helpers (namespace-agnostic: agencies vary prefixes and versions) -------------


def local(el: Element) -> str:
    """The element's tag without namespace ('' for comments and other non-elements)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(el: Element | None, *names: str) -> Iterator[Element]:
    """Child elements whose local name is one of ``names`` (case-insensitive)."""
    if el is None:
        return
    wanted = {n.lower() for n in names}
    for c in el:
        if local(c).lower() in wanted:
            yield c


def child(el: Element | None, *path: str) -> Element | None:
    """Follow ``path`` of local names (each step: the first matching child), or None."""
    for step in path:
        el = next(children(el, *step.split("|")), None)
        if el is None:
            return None
    return el


def descendants(el: Element | None, *names: str) -> Iterator[Element]:
    """Descendant elements (document order) whose local name is one of ``names``."""
    if el is None:
        return
    wanted = {n.lower() for n in names}
    for d in el.iter():
        if d is not el and local(d).lower() in wanted:
            yield d


_SPACE = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\ufeff\ufffe]"
)


def clean(text: str | None) -> str:
    """Normalise one paragraph: NFC, control and zero-width characters out, white space runs
    to one space, stripped."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACE.sub(" ", text).strip()


def text_of(el: Element | None) -> str:
    """All text inside ``el``, cleaned ('' for None)."""
    if el is None:
        return ""
    return clean("".join(t for t in el.itertext() if isinstance(t, str)))


def first_text(el: Element | None, *paths: str) -> str | None:
    """The cleaned text of the first of ``paths`` (``"a/b|c"``) that exists and is not empty."""
    for path in paths:
        found = child(el, *path.split("/")) if path else el
        value = text_of(found)
        if value:
            return value
    return None


# Block elements: each is a paragraph of its own (XHTML, NITF, TT-NITF).
_BLOCKS = frozenset(
    """p h1 h2 h3 h4 h5 h6 li dt dd blockquote pre hl2 bq block.quote tr caption
    ingress citat mellis brodtext-p fn""".split()
)
# Never body text: document heads, scripts, media, dpa's header and notepad, NITF extras.
_SKIP = frozenset(
    """head header script style noscript title figure figcaption img object iframe video
    audio media media-caption media-reference nav aside footer body.head body.end docdata
    tobject identified-content byline distributor dateline hedline hl1 rubrik""".split()
)
_INLINE_BREAK = frozenset({"br"})
_LINE = re.compile(r"\r?\n|\r")
_BLANK_LINE = re.compile(r"\n[ \t\r\u00a0]*\n")


def paragraphs(el: Element | None, skip: Iterable[str] = ()) -> list[str]:
    """The body paragraphs under ``el``, in document order, markup stripped and cleaned.

    Block elements (``p``, ``h2``, ``li`` …) give one paragraph each; text lying loose between
    blocks becomes a paragraph too; heads, headers, media and the names in ``skip`` are left
    out (local names, case-insensitive)."""
    if el is None:
        return []
    skipped = _SKIP | {s.lower() for s in skip}
    out: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        if loose:
            for chunk in _BLANK_LINE.split("".join(loose)):
                value = clean(chunk)
                if value:
                    out.append(value)
            loose.clear()

    def walk(node: Element) -> None:
        if node.text:
            loose.append(node.text)
        for sub in node:
            name = local(sub).lower()
            if not name or name in skipped or _skip_class(sub):
                pass
            elif name in _BLOCKS and not _has_blocks(sub):
                flush()
                value = _block_text(sub)
                if value:
                    out.append(value)
            elif name in _INLINE_BREAK:
                loose.append(" ")
            else:
                if name in ("div", "section", "block", "body.content", "body", "article"):
                    flush()
                walk(sub)
                if name in ("div", "section", "block", "body.content", "article"):
                    flush()
            if sub.tail:
                loose.append(sub.tail)

    walk(el)
    flush()
    return out


def _skip_class(el: Element) -> bool:
    cls = el.get("class") or ""
    return "notepad" in cls or "slugline" in cls


def _has_blocks(el: Element) -> bool:
    return any(local(d).lower() in ("p", "li", "div", "section") for d in el.iterdescendants())


def _block_text(el: Element) -> str:
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node.text:
            parts.append(node.text)
        for sub in node:
            name = local(sub).lower()
            if name in _INLINE_BREAK:
                parts.append(" ")
            elif name and name not in ("script", "style", "img", "media"):
                walk(sub)
            if sub.tail:
                parts.append(sub.tail)

    walk(el)
    return clean("".join(parts))


def parse_html(fragment: str) -> Element:
    """An HTML fragment (possibly plain text) as one ``div`` element; never fails on text."""
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        return lxml_html.fragment_fromstring(fragment, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        div = lxml_html.Element("div")
        div.text = _XML_INVALID.sub("", fragment)
        return div


_TAGS = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|span|b|i|em|strong)\b[^>]*>", re.IGNORECASE)


def split_plain(text: str) -> list[str]:
    """Plain text → paragraphs: at blank lines, or at each line when there is no blank line."""
    split = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    return [p for p in (clean(chunk) for chunk in split.split(text)) if p]


def html_paragraphs(fragment: str | None, _again: bool = True) -> list[str]:
    """Body paragraphs of an HTML fragment; plain text is split at blank lines (or lines).
    HTML escaped twice (``&amp;lt;p&amp;gt;``) is unescaped once more."""
    if not fragment or not fragment.strip():
        return []
    found = _html_paragraphs(fragment)
    if _again and any(_TAGS.search(p) for p in found):
        return html_paragraphs("\n".join(found), _again=False)
    return found


def _html_paragraphs(fragment: str) -> list[str]:
    if "<" not in fragment and "&" not in fragment:
        return split_plain(fragment)
    return paragraphs(parse_html(fragment))

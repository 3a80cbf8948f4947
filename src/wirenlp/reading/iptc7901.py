"""Legacy text wires: IPTC 7901 (dpa English, ATS, Belga) and ANPA-1312 (AP, Kyodo).

Both arrive as bytes with transmission control characters (SOH, STX, ETX, EOT, SYN), often
Latin-1, CR LF line ends.

IPTC 7901: a header line (``eca062 4 i 211 ccccb dpa 061``, Belga ``SPF001 3 RES 0070 F
BELGA-0001``), a keyword/slug line ending in ``/``, the headline (ending in `` =`` at dpa),
then paragraphs indented by three spaces and wrapped at ~70 columns; the dateline opens the
first one. Footers (``# dpa NOTEBOOK``, initials, DTG ``131137 GMT Nov 13``, Belga ``./.``)
are not body text.

ANPA-1312: a selector line and a keyword line (``BC-LT--Argentina-CancerB 11-13 1049``), then
after STX ``^``-marked lines ending in ``<`` (slug, headline, photo and editor's notes) or ``=``
(byline, ``^Associated Press=``), then tab-indented paragraphs; ``_`` serves as a dash.
"""

from __future__ import annotations

import re

from .common import RawItem
from .xml import clean, repair_mojibake

__all__ = ["decode_text", "is_anpa", "is_iptc7901", "read_anpa", "read_iptc7901"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """Wire bytes → text: UTF-8 when valid, else cp1252 (the Latin-1 superset); CR LF → LF."""
    try:
        text = repair_mojibake(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- IPTC 7901 -----------------------------------------------------------------------------

_HEADER_7901 = re.compile(
    r"^[A-Za-z]{0,8}\d{1,6}\s+\S\s+\w{1,4}\s+\d{1,5}\b"  # eca062 4 i 211 / SPF001 3 RES 0070
)
_FOOTER = re.compile(
    r"^(?:#\s|\*\s\*\s\*|The following information is not|\./\.|"
    r"\d{6}\s+(?:GMT\s+)?[A-Za-z]{3}\b|[A-Z]{2,}-[A-Z]{2}-\d|"
    r"\(?(?:SDA|ATS|dpa|afp|AFP|ANP|BELGA)\s*[/\\]+\s*\w+\)?\s*$|"
    r"\([A-Za-z][A-Za-z\-]{1,12}(?:\s*[/\\]+\s*[\w\-]{1,12}){1,4}\)\s*$|"
    r"(?-i:(?:dpa|afp|rtr)(?:\s+[a-z]{2,4}){1,5}\s*$)|"
    r"End\s*(?:item|of\s+story)\b|ENDS?\s*$|AP-[A-Z]{2}-)",
    re.IGNORECASE,
)


def is_iptc7901(text: str) -> bool:
    """True when ``text`` opens like an IPTC 7901 message."""
    lines = [_CONTROL.sub("", ln).strip() for ln in text.split("\n")[:8]]
    lines = [ln for ln in lines if ln and ln not in _TELEX_MARKS]
    if not lines:
        return False
    if _HEADER_7901.match(lines[0]):
        return True
    return text.lstrip(" \n\r\x7f")[:1] == "\x01" and any(ln.endswith((" =", "/")) for ln in lines)


def read_iptc7901(text: str) -> list[RawItem]:
    """An IPTC 7901 message → one item."""
    header, message = _split_header(text)
    lines = [_CONTROL.sub("", ln).rstrip() for ln in message.split("\n")]
    lines = [ln for ln in lines if ln.strip() not in _TELEX_MARKS]
    item = RawItem(format="iptc7901")
    if header:
        _read_header(item, header.split())
    # slug / keyword lines, then the head block (headline, perhaps a byline) up to the first
    # blank or indented line; the body follows
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if not header and i < len(lines) and _HEADER_7901.match(lines[i].strip()):
        _read_header(item, lines[i].split())
        i += 1
    head: list[str] = []
    while i < len(lines):
        ln = lines[i]
        if not ln.strip():
            if head:
                break
        elif ln.startswith(("   ", "\t")):
            break
        elif _is_slug(ln.strip()) and not head:
            item.keywords.append(ln.strip().rstrip("/ ").strip())
        else:
            head.append(ln.strip())
            if ln.rstrip().endswith("=") and not _byline_next(lines, i + 1):
                i += 1
                break  # the headline closes the head block, even with no blank line after it
        i += 1
    if len(head) > 6 or (len(head) > 4 and not any(h.endswith("=") for h in head)):
        # no blank line after a head: the block is body text
        i -= len(head)
        while i < len(lines) and lines[i].strip() != head[0]:
            i += 1
        head = []
    _read_head(item, head)
    item.paragraphs = _paragraphs(lines[i:], indent="   ")
    return [item]


def _byline_next(lines: list[str], i: int) -> bool:
    """Is the line at ``i`` a byline of the head block (``By Jane Doe, dpa =``)?"""
    return i < len(lines) and bool(_BYLINE_7901.match(lines[i].strip()))


def _read_header(item: RawItem, words: list[str]) -> None:
    """The 7901 header line: source and number, priority, category, word count, … (``eca062 4
    i 211 ccccb dpa 061``, ``SPF001 3 RES 0070 F BELGA-0001``)."""
    if not words:
        return
    item.id = words[0]
    item.agency = _agency_in_header(words)
    if len(words) > 1 and words[1].isdigit() and len(words[1]) == 1:
        item.priority = int(words[1])
    if len(words) > 2 and words[2].isalpha():
        item.category = words[2]
    if len(words) > 3 and words[3].isdigit():
        item.word_count = int(words[3])


_TAKE_KEYS = frozenset(
    """EILT EILIG DRINGEND BLITZ URGENT FLASH BULLETIN ALERTE PRIORITAIRE SPOED VORAB
    KORREKTUR CORRECTION CORRECTIF BERICHTIGUNG""".split()
)
_BYLINE_7901 = re.compile(r"(?i)(?:by|von|par|door|de)\s+[^\W\d_]")


def _read_head(item: RawItem, head: list[str]) -> None:
    """The head block: category, keyword and kicker lines above a headline that ends in
    `` =`` (SDA-ATS via Belga), the headline (wrapped over lines perhaps), a byline."""
    lines = [h for h in (x.strip() for x in head) if h]
    ends = [n for n, h in enumerate(lines) if h.endswith("=")]
    if not ends:
        _read_head_loose(item, lines)
        return
    last = ends[0]
    if _BYLINE_7901.match(lines[last]) and last > 0:  # "Headline\nBy Jane Doe =": no "=" above
        last -= 1
    first = last
    while first > 0 and _continues(lines[first - 1], lines[first]):
        first -= 1
    title = " ".join(h.rstrip("= ").rstrip() for h in lines[first : last + 1])
    item.headline = clean(title) or None
    for h in lines[last + 1 :]:
        value = h.rstrip("= ").rstrip()
        if _BYLINE_7901.match(value):
            item.byline = item.byline or value
    above = [h.rstrip("= ").rstrip() for h in lines[:first]]
    above = [h for h in above if not _is_note(h)]
    if above and above[-1].endswith(":"):
        item.kicker = above.pop().rstrip(":").strip() or None
    if above:
        item.category = above.pop(0)  # a country or category line: "Suisse", "Ausland"
    item.keywords.extend(above)  # keyword lines


def _continues(previous: str, line: str) -> bool:
    """Is ``line`` the continuation of a headline that ``previous`` opens (wrapped)?"""
    if previous.endswith(":") or _is_note(previous):
        return False
    # category and keyword lines are short; a headline wrapped at ~69 columns is long, or
    # breaks after a word that cannot end it ("… Ausbau der", "… le budget de")
    last_word = previous.rsplit(None, 1)[-1].lower()
    return (
        line[:1].islower()
        or previous.endswith((",", "-", "–", "—"))
        or len(previous.split()) >= 6
        or len(previous) >= 45
        or last_word in _OPEN_WORDS
    )


# articles, prepositions and conjunctions (de, fr, it, en, nl): a line ending in one goes on
_OPEN_WORDS = frozenset(
    """der die das den dem des ein eine einen einem und oder für mit von zu im am auf aus bei
    nach über vor gegen le la les l' un une des du de et ou pour avec sur dans par en au aux
    il lo gli i una di da del della e per con su nel the a an of and or for with to in on at by
    from het een van en voor met op in aan bij""".split()
)


def _is_note(value: str) -> bool:
    """Take keys (``URGENT``, ``EILT``) and notes in parentheses (``(Zusammenfassung)``)."""
    value = value.strip()
    return (value.startswith("(") and value.endswith(")")) or value.upper() in _TAKE_KEYS


def _read_head_loose(item: RawItem, head: list[str]) -> None:
    """A head block with no `` =`` line: the headline lines, a byline, take keys."""
    titles: list[str] = []
    notes: list[str] = []
    for h in head:
        value = h.rstrip("= ").rstrip()
        if re.match(r"(?i)by\s", value) and titles:
            item.byline = item.byline or value
        elif (value.startswith("(") and value.endswith(")")) or (
            value.isupper() and len(value.split()) <= 3 and len(head) > 1
        ):
            notes.append(value)  # "(Zusammenfassung)", take keys such as "EILT", "URGENT"
        elif value:
            titles.append(value)
    titles = titles or notes
    if titles:
        item.headline = clean(" ".join(titles))


_TELEX_MARKS = frozenset({"ZCZC", "NNNN"})  # start and end of a telex message


def _split_header(text: str) -> tuple[str | None, str]:
    """7901: what precedes STX is the header; without STX, nothing is split off."""
    stx = text.find("\x02")
    if stx == -1:
        return None, text
    head = _CONTROL.sub("", text[:stx]).strip()
    lines = [ln for ln in head.split("\n") if ln.strip() and ln.strip() not in _TELEX_MARKS]
    if lines and _HEADER_7901.match(lines[0]):
        # the slug lines before STX belong to the message head
        return lines[0], "\n".join(lines[1:]) + "\n" + text[stx + 1 :]
    return None, head + "\n" + text[stx + 1 :]


def _agency_in_header(words: list[str]) -> str | None:
    for w in reversed(words):
        base = w.split("-")[0]
        if base.isalpha() and len(base) >= 2 and base.lower() not in ("i", "res", "f", "d", "e"):
            return base
    return None


def _is_slug(line: str) -> bool:
    return line.endswith("/") and len(line) < 80


def _paragraphs(lines: list[str], indent: str) -> list[str]:
    """Wrapped, indented paragraphs up to the footer; tables keep a line each."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            value = clean(" ".join(current))
            if value:
                out.append(value)
            current.clear()

    for raw in lines:
        line = raw.replace("\t", "    ")
        stripped = line.strip()
        if "\x03" in raw or _FOOTER.match(stripped):
            break
        if not stripped:
            flush()
            continue
        if line.startswith(indent) and current:
            flush()
        if re.search(r"\S\s{4,}\S", stripped) or len(line) - len(line.lstrip()) > 12:
            flush()  # a table row or a right-aligned column head: a line of its own
            out.append(clean(stripped))
            continue
        current.append(stripped)
    flush()
    return out


# --- ANPA-1312 -----------------------------------------------------------------------------

_ANPA_NOTES = (
    "eds:", "ed:", "editor", "ap photo", "with ap photo", "with photo", "update", "corrects",
    "correction", "advisory", "embargo", "for use", "moving on", "sub-", "this story",
)  # fmt: skip
_ANPA_FLAGS = frozenset({"URGENT", "BULLETIN", "FLASH", "LEAD", "NEW", "ADVANCE", "CORRECTION"})


_ANPA_SELECTOR = re.compile(r"^\x01?[a-z]\d{4}[A-Z]*\x1f", re.IGNORECASE)
_ANPA_KEYLINE = re.compile(r"^[a-z] [a-z]?[\x13\x14][\x11\x12] ", re.IGNORECASE | re.MULTILINE)


def is_anpa(text: str) -> bool:
    """True when ``text`` opens like an ANPA-1312 message (SYN/SOH, a selector line, a
    keyword line, ``^`` … ``<`` lines)."""
    head = text[:600]
    if head.lstrip()[:1] == "\x16" or _ANPA_SELECTOR.match(head.lstrip("\x16")):
        return True
    if _ANPA_KEYLINE.search(head):
        return True
    marked = [ln for ln in head.split("\n") if ln.lstrip("\x02").startswith("^")]
    return len(marked) >= 2 and any(ln.rstrip().endswith(("<", "=")) for ln in marked)


# "BC-LT--Argentina-Cancer Beauty,466", "AM-Iraq-Bombing,1st Ld-Writethru,0654": the slug
# line (cycle and category prefixes, the slug, perhaps a version, the word count)
_ANPA_SLUG_LINE = re.compile(
    r"^(?P<slug>(?:[A-Za-z]{1,3}-)+\S.*?)(?<!\d)\s*,\s*(?P<count>\d{1,5})\s*$"
)
# a slug with no cycle/category prefix: "Argentina-Cancer Beauty,0466" (checked against the
# keyword line's slug)
_ANPA_BARE_SLUG = re.compile(r"^(?P<slug>[^\s,]+-\S.*?)(?<!\d)\s*,\s*(?P<count>\d{1,5})\s*$")
# a bare keyword: "BC-Japan-Election", "PM-Wall-Street/Stocks" (no spaces)
_ANPA_KEYWORD = re.compile(r"^(?:[A-Za-z]{1,3}-)+[^\s,<]+$")
# the keyword line before STX: priority and category letters, format codes, the keyword, the
# filing date (MM-DD) and the word count: "f l^S^Q BC-LT--Argentina-CancerB 11-13 1049"
_ANPA_HEADER = re.compile(
    r"^(?P<priority>[a-z])[ ](?P<category>[a-z])?[\x13\x14][\x11\x12][ ]?"
    r"(?P<keyword>\S+)(?:\s+(?P<date>\d{1,2}-\d{1,2}))?(?:\s+(?P<count>\d{1,5}))?",
    re.IGNORECASE | re.MULTILINE,
)


def _anpa_slug(value: str, keywords: list[str]) -> tuple[str, int | None] | None:
    """``(slug, word count)`` when ``value`` (a marked line without ``^``/``<``) is the
    keyword/slug line, else None."""
    m = _ANPA_SLUG_LINE.match(value)
    if m is None:
        bare = _ANPA_BARE_SLUG.match(value)
        cores = {_keyword_core(k) for k in keywords} - {""}
        if bare is not None and _keyword_core(bare.group("slug")) in cores:
            m = bare
    if m is not None:
        return m.group("slug").strip(), int(m.group("count"))
    if _ANPA_KEYWORD.match(value) or any(k and value.startswith(k) for k in keywords):
        return value, None
    return None


def _keyword_core(keyword: str) -> str:
    """The first word of a slug without its cycle/category prefix: ``BC-LT--Argentina-CancerB``
    → ``argentina``."""
    core = re.sub(r"^(?:[A-Za-z]{1,3}-+)+(?=[A-Za-z]{4}|[A-Za-z]+-)", "", keyword)
    return re.split(r"[-\s,]", core, maxsplit=1)[0].lower()


def read_anpa(text: str) -> list[RawItem]:
    """An ANPA-1312 message → one item.

    The ``BC-…,<word count>`` line after STX is the slug (``meta.slug``, ``meta.word_count``),
    never the headline; the headline is the first ``^…<`` line that is no slug, byline,
    agency or editor's note."""
    item = RawItem(format="anpa")
    stx = text.find("\x02")
    pre, body = (text[:stx], text[stx + 1 :]) if stx != -1 else ("", text)
    header = _ANPA_HEADER.search(pre)
    if header is not None:
        item.category = header.group("category")
        if header.group("count"):
            item.word_count = int(header.group("count"))
    for ln in _CONTROL.sub(" ", pre).split("\n"):
        m = re.search(r"\b((?:[A-Z]{1,3}-)+[A-Za-z][\w\-]*)\s+(\d{1,2}-\d{1,2})", ln)
        if m:
            item.keywords.append(m.group(1))
    etx = body.find("\x03")
    if etx != -1:
        body = body[:etx]
    lines = body.split("\n")
    marked: list[str] = []
    i = 0
    while i < len(lines):
        ln = _CONTROL.sub("", lines[i]).strip()
        indented = lines[i].startswith(("\t", "   "))
        if ln.startswith("^"):
            marked.append(ln[1:])
        elif ln.endswith("<") and not indented and (not marked or _anpa_slug(ln[:-1], [])):
            marked.append(ln)  # a head line whose caret was lost
        elif (ln and indented) or (ln and marked):
            break
        i += 1
    if not marked:  # Kyodo via Belga: slug line, headline lines up to one ending in "+"
        return [_read_anpa_plain(item, lines)]
    unused: list[str] = []  # marked lines that are neither slug, headline, byline nor agency
    for line in marked:
        value = line.rstrip().rstrip("<=").strip()
        low = value.lower()
        if not value:
            continue
        slug = _anpa_slug(value, item.keywords) if item.headline is None else None
        if slug is not None:
            item.slug = item.slug or slug[0]
            if slug[1] is not None:
                item.word_count = slug[1]
            continue
        if low.startswith("by "):
            item.byline = item.byline or value
        elif low in ("associated press", "kyodo news", "kyodo") or (
            line.rstrip().endswith("=") and item.byline
        ):
            item.agency = item.agency or value
        elif low.startswith(_ANPA_NOTES) or value.startswith("(") or value in _ANPA_FLAGS:
            continue
        elif item.headline is None:
            item.headline = clean(value)
        else:
            unused.append(value)
    item.agency = item.agency or (
        "AP" if any(k.startswith(("BC-", "AM-", "PM-")) for k in item.keywords) else None
    )
    rest = [_CONTROL.sub("", ln).rstrip().rstrip("<").replace("^", "") for ln in lines[i:]]
    item.paragraphs = _paragraphs(rest, indent="    ")
    if not item.paragraphs:  # everything in marked lines (agate, short items): they are the body
        item.paragraphs = [p for p in (clean(u) for u in unused) if p]
    return [item]


def _read_anpa_plain(item: RawItem, lines: list[str]) -> RawItem:
    """ANPA text with no ``^`` markers: a ``BC-`` slug line, headline lines up to the one that
    ends in ``+``, then one paragraph per line up to a ``==Kyodo`` sign-off."""
    cleaned = [_CONTROL.sub("", ln).strip() for ln in lines]
    i = 0
    while i < len(cleaned) and not cleaned[i]:
        i += 1
    if i < len(cleaned) and re.match(r"(?i)(?:bc|am|pm|ap)-", cleaned[i]):
        slug = _anpa_slug(cleaned[i], [])
        item.slug = slug[0] if slug is not None else cleaned[i]
        if slug is not None and slug[1] is not None:
            item.word_count = slug[1]
        item.keywords.append(item.slug)
        i += 1
    head: list[str] = []
    if any(ln.endswith("+") for ln in cleaned[i : i + 6]):
        while i < len(cleaned):
            ln = cleaned[i]
            i += 1
            head.append(ln.rstrip("+").strip())
            if ln.endswith("+"):
                break
    body: list[str] = []
    for ln in cleaned[i:]:
        if ln.startswith("==") or _FOOTER.match(ln):
            if ln.startswith("=="):
                item.agency = item.agency or ln.strip("= ")
            break
        body.append(ln)
    if not head and body:
        head = [body.pop(0)]
    item.headline = clean(" ".join(h for h in head if h)) or None
    item.paragraphs = [p for p in (clean(b) for b in body) if p]
    item.agency = item.agency or ("KYODO" if "KYODO" in "".join(item.keywords).upper() else None)
    return item

"""Parsing: text → :class:`~wirenlp.records.Page`. Pure Python, deterministic, no spaCy.

A page is read line by line. Each line is classified (blank, time label, dateline, section
marker, list, text); stories are then assembled in one pass:

* a dateline opens a story; the line just before it is its headline when it looks like one;
* a time label (``1 uur geleden``) closes the story before it, also when it is glued to the next
  dateline (``1 uur geledenWASHINGTON (ANP) -``);
* a section marker (``Meer uit Buitenland``) closes the story before it and names the section of
  the stories after it; ``Net binnen``-style lists are not stories;
* text before the first story is boilerplate, except the headline; at the end of an excerpt a
  headline, or a headline and a cut-off dateline, make a truncated story.

All offsets point into the input string, which is never changed.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, tzinfo

import attrs

from ..records import Dateline, Page, Span, Story, TimeLabel
from .datelines import (
    BLANK as _BLANK,
)
from .datelines import (
    BLANK_SET,
    match_dateline_at,
    match_partial_dateline,
    needs_context,
    skip_blank,
)
from .timelabels import (
    DEFAULT_TZ,
    looks_like_cut_time_label,
    match_time_label,
    resolve,
    to_page_clock,
)

__all__ = ["DecodingWarning", "decode_bytes", "parse", "parse_bytes"]


class DecodingWarning(UserWarning):
    """Input bytes were not UTF-8 and were decoded as cp1252."""


_SECTION = re.compile(
    r"(?:Meer (?:uit|over|van|nieuws(?: uit| over)?|berichten(?: uit)?)(?: \S+){1,4}"
    r"|Meer nieuws|Ander nieuws|More from(?: \S+){1,4})",
)
_LIST_HEAD = re.compile(
    r"(?i:Net binnen|Laatste nieuws|Meest gelezen|Meest bekeken|Populair|Trending|Nu belangrijk"
    r"|Latest news|Most read|Live)",
)
_LIST_ITEM = re.compile(r"[-–—•*·▪►>] ")
_NOT_HEADLINE = re.compile(
    r"(?i:N\s?i\s?e\s?u\s?w\s+bericht|nieuw bericht|vervangt\b|correctie\b|herhaling\b|"
    r"aanvulling\b|let op\b|embargo\b|eds?:|editors?\b|update\b|extra$|bron:|foto:|photo:|"
    r"copyright\b|©)"
    r"|(?:By|Door|BY|DOOR)\s+\S+(?:\s+\S+){0,5}$"
)
_FINAL_PUNCT = frozenset(".!?\"'”’»)…")
_TRAILING_QUOTES = "\"'”’»)"


@attrs.define
class _Line:
    start: int  # first non-blank character
    end: int  # after the last non-blank character
    kind: str  # "text" | "time" | "dateline" | "section" | "listhead" | "list"
    time: tuple[int, int] | None = None
    dateline: Dateline | None = None


@attrs.define
class _Open:
    """A story being assembled."""

    start: int
    headline: Span | None
    dateline: Dateline | None
    section: str | None
    end: int
    first_end: int = 0  # end of the line that opened the story (dateline and first words)
    lines: list[_Line] = attrs.Factory(list)
    time: tuple[int, int] | None = None
    truncated: bool = False
    listing: bool = False  # a headline + lead pair of an archive or listing page


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        line_start, line_end = pos, pos + len(raw)
        pos = line_end
        content = raw.strip(_BLANK)
        if not content:
            continue
        start = line_start + (len(raw) - len(raw.lstrip(_BLANK)))
        end = start + len(content)
        lines.extend(_classify(text, start, end, content))
    return lines


def _classify(text: str, start: int, end: int, content: str) -> list[_Line]:
    """One line's kind; a time label glued to what follows becomes two lines."""
    label = match_time_label(text, start, end)
    if label is not None:
        rest = label[1]
        if skip_blank(text, rest, end) == end:
            return [_Line(start, end, "time", time=label)]
        dateline = match_dateline_at(text, rest, end, True)
        if dateline is None and skip_blank(text, end) == len(text):
            dateline = match_partial_dateline(text, rest)  # "1 uur geledenHIL": cut in the dateline
        if dateline is not None:  # "1 uur geledenWASHINGTON (ANP/AFP/RTR) - ..."
            return [_Line(start, end, "time", time=label, dateline=dateline)]
        if text[rest].isupper():  # "12 minuten geledenLoonsverhoging voor ...": a glued headline
            return [_Line(start, rest, "time", time=label), _classify_text(text, rest, end)]
    return [_classify_text(text, start, end, content)]


def _classify_text(text: str, start: int, end: int, content: str | None = None) -> _Line:
    """A line with no time label at its start."""
    if content is None:
        content = text[start:end]
    dateline = match_dateline_at(text, start, end, True)
    if dateline is not None and dateline.end <= end:
        if needs_context(dateline):  # "Amsterdam -": a dateline only where a story is expected
            return _Line(start, end, "text", dateline=dateline)
        return _Line(start, end, "dateline", dateline=dateline)
    if len(content) <= 60:
        if _SECTION.fullmatch(content):
            return _Line(start, end, "section")
        if _LIST_HEAD.fullmatch(content):
            return _Line(start, end, "listhead")
    if _LIST_ITEM.match(content):
        return _Line(start, end, "list")
    return _Line(start, end, "text")


def _headline_like(text: str, line: _Line, *, strict: bool) -> bool:
    content = text[line.start : line.end]
    if line.kind != "text" or not 2 <= len(content) <= (150 if strict else 200):
        return False
    first = content[0]
    if not (first.isupper() or first.isdigit() or first in "\"'‘“„«"):
        return False
    if _NOT_HEADLINE.match(content) or len(content.split()) > 30:
        return False
    last = content.rstrip(_TRAILING_QUOTES + " ")[-1:]
    return not (last in (".", ",", ";", ":") or (strict and last in ("?", "!")))


def _headline_span(text: str, line: _Line) -> Span:
    end = line.end
    while end > line.start and text[end - 1] in "= \t\u00a0":
        end -= 1  # IPTC 7901 headlines end in " ="
    end = end if end > line.start else line.end
    return Span(text[line.start : end], line.start, end)


def _time_label(text: str, span: tuple[int, int], reference_time: datetime | None) -> TimeLabel:
    label = text[span[0] : span[1]]
    if reference_time is None:
        return TimeLabel(label, span[0], span[1])
    earliest, latest = resolve(label, reference_time)
    return TimeLabel(label, span[0], span[1], earliest=earliest, latest=latest)


def _finish(text: str, story: _Open, reference_time: datetime | None, role: str) -> Story:
    body = None
    if story.dateline is not None:
        body_start = story.dateline.end
    elif story.headline is not None and story.lines:
        body_start = story.lines[0].start
    else:
        body_start = story.start
    while body_start < story.end and text[body_start] in BLANK_SET:
        body_start += 1
    if body_start < story.end and (
        story.dateline is not None or story.headline is None or story.lines
    ):
        body = Span(text[body_start : story.end], body_start, story.end)
    return Story(
        start=story.start,
        end=story.end,
        headline=story.headline,
        dateline=story.dateline,
        body=body,
        time=_time_label(text, story.time, reference_time) if story.time else None,
        section=story.section,
        role=role,
        truncated=story.truncated,
    )


def parse(
    text: str, reference_time: datetime | None = None, *, tz: str | tzinfo = DEFAULT_TZ
) -> Page:
    """Parse wire copy or a scraped news page into a :class:`~wirenlp.records.Page`.

    ``reference_time`` (the moment the page was fetched, timezone-aware) resolves time labels
    such as ``"1 uur geleden"`` or ``"14:45"`` to intervals that never lie after it; without it
    they stay unresolved. Clock times and day words are read in the page's time zone ``tz``
    (an IANA name or a tzinfo; default ``"Europe/Amsterdam"``), into which the reference time
    is converted; resolved times carry that zone. The wall clock is never read.

    Raises ``TypeError`` when ``text`` is not a ``str`` (use :func:`parse_bytes` for bytes) or
    ``reference_time`` is not a datetime, :class:`~wirenlp.errors.ReferenceTimeError` for a
    naive ``reference_time`` or an unknown ``tz``.
    """
    if not isinstance(text, str):
        hint = " (use wirenlp.parse_bytes for bytes)" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(f"wirenlp.parse expects str, got {type(text).__name__}{hint}")
    page_clock = to_page_clock(reference_time, tz)
    lines = _lines(text)
    sections: list[Span] = []
    done: list[_Open] = []
    pending: list[_Line] = []  # lines that belong to no open story yet
    current: _Open | None = None
    section: str | None = None
    after_boundary = True  # start of text, or just after a time label / section marker

    def close(time: tuple[int, int] | None = None) -> None:
        nonlocal current
        if current is not None:
            if time is not None:
                current.time = time
            if current.listing and text.endswith(_ELLIPSIS, 0, current.end):
                current.truncated = True  # a listing shows the first words of the lead
            done.append(current)
            current = None

    def flush_pending(time: tuple[int, int] | None = None) -> None:
        """Text between a boundary and a time label: a card without a dateline."""
        text_lines = [ln for ln in pending if ln.kind == "text"]
        if time is not None and text_lines:
            done.append(_undated(text, text_lines, section, time))
        pending.clear()

    header_time: tuple[int, int] | None = None  # a timestamp between headline and dateline
    listing = _listing_pairs(text, lines)
    leads = listing.leads if listing is not None else {}
    for index, line in enumerate(lines):
        kind = line.kind
        if listing is not None:
            if index in listing.heads:  # the headline of a unit on a listing page: a new story
                close()
                pending.clear()
                pending.append(line)
                after_boundary = False
                continue
            if index in listing.times:  # "Kop\n12 januari 2010\nLead": the unit's time
                header_time = line.time
                continue
            if index in listing.links:  # "Lees meer": a link, not text of the story
                continue
            if index in listing.ends:  # after a listing: a footer, or a unit cut by the excerpt
                close()
            if kind == "time" and current is None and index + 1 in listing.heads:
                pending.clear()  # "Archief\n12 januari 2010\nKop\nLead": the page's date
                after_boundary = True
                continue
        if kind == "text" and line.dateline is not None:
            # where a story is expected, admit "Amsterdam - ..." with a real body: after a
            # boundary, as the first paragraph under a headline, as a brief in a digest of
            # such briefs, as the lead of a listing pair
            if line.end - line.dateline.end >= 40 and (
                after_boundary
                or index in leads
                or (current is None and not done and _under_headline(text, pending))
                or _digest_brief(current)
            ):
                kind = line.kind = "dateline"
            else:
                line.dateline = None
        if index in leads and kind == "text":  # an undated lead under a listing headline
            head = lines[leads[index]]
            pending.clear()
            lead_head = _headline_span(text, head)
            current = _Open(
                start=lead_head.start,
                headline=lead_head,
                dateline=None,
                section=section,
                end=line.end,
                first_end=head.end,
                lines=[line],
                time=header_time,
                listing=True,
            )
            header_time = None
            after_boundary = False
            continue
        if kind == "section":
            close()
            pending.clear()
            section = text[line.start : line.end]
            sections.append(Span(section, line.start, line.end))
            after_boundary = True
            continue
        if kind == "listhead":
            close()
            pending.clear()
            section = None
            after_boundary = False
            continue
        if kind == "time":
            following = lines[index + 1] if index + 1 < len(lines) else None
            if line.dateline is None and following is not None and following.dateline is not None:
                # "Kop\n26 november 2025 14:23\nDEN HAAG (ANP) - ...": the next story's header
                if current is None:
                    header_time = line.time
                    continue
                last = current.lines[-1] if current.lines else None
                if last is not None and _headline_like(text, last, strict=True):
                    current.lines.pop()  # the headline of the next story, not this one's text
                    current.end = current.lines[-1].end if current.lines else current.first_end
                    close()
                    pending[:] = [last]
                    header_time = line.time
                    continue
            if current is not None:
                close(line.time)
            else:
                flush_pending(line.time)
            after_boundary = True
            if line.dateline is None:
                continue
            kind = "dateline"
        if kind == "dateline":
            assert line.dateline is not None
            headline = None
            preamble: _Line | None = None  # first byline or editorial line above the dateline
            if line.time is None:
                if current is not None:
                    last = current.lines[-1] if current.lines else None
                    if last is not None and _headline_like(text, last, strict=True):
                        current.lines.pop()
                        current.end = current.lines[-1].end if current.lines else current.first_end
                        headline = last
                else:
                    for cand in reversed(pending):
                        if cand.kind == "text" and _NOT_HEADLINE.match(text[cand.start : cand.end]):
                            preamble = cand  # a byline or editorial line: part of the story
                            continue
                        if _headline_like(text, cand, strict=False):
                            headline = cand
                        break
            close()
            pending.clear()
            head_span = _headline_span(text, headline) if headline is not None else None
            opening = line.dateline.start if line.time is not None else line.start  # a byline
            opening = preamble.start if preamble is not None else opening
            current = _Open(
                start=head_span.start if head_span else opening,
                headline=head_span,
                dateline=line.dateline,
                section=section,
                end=line.end,
                first_end=line.end,
                time=header_time,
                listing=index in leads,
            )
            header_time = None
            after_boundary = False
            continue
        # text and list lines
        after_boundary = False
        if current is not None:
            current.lines.append(line)
            current.end = line.end
        else:
            pending.append(line)

    if current is not None:
        if current.lines and _cut_boundary(text[current.lines[-1].start : current.lines[-1].end]):
            current.lines.pop()  # "6 uur gel", "Meer uit Bui": the cut took a boundary line
            current.end = current.lines[-1].end if current.lines else current.first_end
        last_char = text[current.end - 1] if current.end > 0 else ""
        body_empty = (
            current.dateline is not None
            and not current.lines
            and (text[current.dateline.end : current.end].strip(_BLANK) == "")
        )
        current.truncated = body_empty or (
            last_char not in _FINAL_PUNCT and not _complete_line(text, current)
        )
        if current.truncated:  # the cut may fall after a space: keep the text as it was cut
            while current.end < len(text) and text[current.end] in " \t\u00a0":
                current.end += 1
        close()
    elif pending and (done or sections):
        _trailing_card(text, pending, done, section)
        pending.clear()

    if (
        not sections
        and listing is None
        and not any(story.dateline for story in done)
        and _leaves_text(done, lines)
    ):
        # no dateline anywhere: never drop text, the whole text is one story
        done.clear()
        whole = [ln for ln in lines if ln.kind in ("text", "list", "time")]
        if whole:
            done.append(_undated(text, whole, None, None))

    stories = []
    for n, story in enumerate(done):
        opening = story.dateline.start if story.dateline is not None else story.start
        footer = story.time is not None and story.time[0] > opening
        # a card with a footer is a teaser, unless it is the page's only story
        main = n == 0 and story.section is None and (not footer or len(done) == 1)
        stories.append(_finish(text, story, page_clock, "main" if main else "teaser"))
    return Page(text=text, stories=stories, sections=sections, reference_time=reference_time)


def _under_headline(text: str, pending: list[_Line]) -> bool:
    """True if the last text line before this one (bylines aside) is a headline, and no line
    above it is a paragraph: the first paragraph of a page's story, not one further down.
    Also true with nothing but bylines or editorial lines above."""
    for n in range(len(pending) - 1, -1, -1):
        cand = pending[n]
        if cand.kind != "text":
            return False
        if _NOT_HEADLINE.match(text[cand.start : cand.end]):
            continue
        if not _headline_like(text, cand, strict=False):
            return False
        return not any(_sentence(text, line) for line in pending[:n])
    return True  # nothing above but bylines: the start of the text


def _sentence(text: str, line: _Line) -> bool:
    """A line that reads as a paragraph of text: six words or more ending in ``.!?…``."""
    content = text[line.start : line.end]
    return content.rstrip(_TRAILING_QUOTES)[-1:] in _SENTENCE_END and len(content.split()) >= 6


def _digest_brief(current: _Open | None) -> bool:
    """True inside a brief that opened with a mixed-case place and no agency (a digest)."""
    return (
        current is not None
        and current.dateline is not None
        and current.dateline.complete
        and needs_context(current.dateline)
    )


_ELLIPSIS = ("...", "…")
_SENTENCE_END = frozenset(".!?…")


@attrs.define
class _Listing:
    """Line indices of the units of an archive or listing page."""

    heads: set[int] = attrs.Factory(set)
    leads: dict[int, int] = attrs.Factory(dict)  # lead → its headline
    times: set[int] = attrs.Factory(set)  # a date or time label between headline and lead
    links: set[int] = attrs.Factory(set)  # "Lees meer" after a lead
    ends: set[int] = attrs.Factory(set)  # the first line after a run of units


_MORE_LINK = re.compile(
    r"(?i:lees (?:meer|verder|het (?:hele |volledige )?(?:artikel|bericht))|verder lezen"
    r"|meer lezen|read more|continue reading|more)[ »›>→.…]*"
)


def _listing_pairs(text: str, lines: list[_Line]) -> _Listing | None:
    """The headline + lead units of an archive or listing page (None if it is none).

    Such a page alternates a headline line and a one-paragraph lead, with or without a
    dateline: ``Kop\nDEN HAAG - Lead…\nKop\nLead…``; a unit may hold a date or time label
    between the two, and a time label or a ``Lees meer`` link after the lead. A run of units
    counts when most of its units show it (a dateline, an ellipsis where the listing cut the
    lead, a time label or a link), or when it is long (four units, most headlines not
    questions) and a unit after the first shows it. An article with intertitles, or a Q&A with
    a one-paragraph answer under each question, is not a listing.
    """
    if len(lines) < 4:  # two units at least
        return None
    found: _Listing | None = None  # made when a run counts: most pages have none
    run: list[tuple[int, int | None, int, int | None]] = []  # head, time, lead, link
    marks = questions = 0
    first_marked = False  # the first unit is marked (an article's dateline, say)
    i = 0

    def end_run() -> None:
        nonlocal marks, questions, found
        later = marks - first_marked  # marked units after the first
        if (len(run) >= 4 and 2 * questions < len(run) and later >= 1) or (
            len(run) >= 2 and marks >= max(2, (len(run) + 1) // 2)
        ):
            if found is None:
                found = _Listing()
            found.ends.add(i)
            for head, time, lead, link in run:
                found.heads.add(head)
                found.leads[lead] = head
                if time is not None:
                    found.times.add(time)
                if link is not None:
                    found.links.add(link)
        run.clear()
        marks = questions = 0

    count = len(lines)
    while i + 1 < count:
        head_line = lines[i]
        if head_line.end - head_line.start > 150 or head_line.kind != "text":
            unit = None  # the common case, tested here without a call: a body paragraph
        else:
            unit = _unit(text, lines, i)
        if unit is None:
            if run:
                end_run()
            i += 1
            continue
        head, time, lead, link, after = unit
        run.append((head, time, lead, link))
        lead_line = lines[lead]
        marked = (
            lead_line.dateline is not None
            or text.endswith(_ELLIPSIS, lead_line.start, lead_line.end)
            or time is not None
            or link is not None
            or after
        )
        if not run[:-1]:
            first_marked = marked
        marks += marked
        questions += text[lines[head].end - 1] in "?!"  # as likely a Q&A intertitle
        i = lead + 1 + (link is not None) + after
    if run:
        end_run()
    return found


def _unit(
    text: str, lines: list[_Line], i: int
) -> tuple[int, int | None, int, int | None, bool] | None:
    """``(head, time, lead, link, time_after)`` of a listing unit at line ``i``, or None.

    Cheap tests first: this runs over every line of every page.
    """
    head = lines[i]
    if head.dateline is not None:  # kind and length: tested by the caller
        return None
    j = i + 1
    time = None
    if lines[j].kind == "time" and lines[j].dateline is None and j + 1 < len(lines):
        time, j = j, j + 1
    lead = lines[j]
    if lead.end - lead.start < 40 or text[lead.end - 1] not in _FINAL_PUNCT:
        return None
    if text[lead.start : lead.end].rstrip(_TRAILING_QUOTES)[-1:] not in _SENTENCE_END:
        return None  # "Dirk Sterckx (Europees parlementslid)": a list entry, not a lead
    if lead.kind not in ("text", "dateline") or lead.time is not None:
        return None
    if not _headline_like(text, head, strict=False):
        return None
    link = None
    after = False
    if j + 1 < len(lines):
        nxt = lines[j + 1]
        if nxt.kind == "time" and nxt.dateline is None:
            after = True  # the time label closes the story in the parser's loop
        elif (
            nxt.kind == "text"
            and nxt.end - nxt.start <= 40
            and _MORE_LINK.fullmatch(text, nxt.start, nxt.end)
        ):
            link = j + 1
    return i, time, j, link, after


def _undated(
    text: str, lines: list[_Line], section: str | None, time: tuple[int, int] | None
) -> _Open:
    """A story without a dateline: its first line is the headline if it looks like one."""
    head = lines[0] if len(lines) > 1 and _headline_like(text, lines[0], strict=False) else None
    return _Open(
        start=lines[0].start,
        headline=_headline_span(text, head) if head is not None else None,
        dateline=None,
        section=section,
        end=lines[-1].end,
        lines=lines[1:] if head is not None else lines,
        time=time,
    )


def _leaves_text(stories: list[_Open], lines: list[_Line]) -> bool:
    """True if some text or list line lies outside every story."""
    spans = [(story.start, story.end) for story in stories]
    return any(
        not any(start <= line.start < end for start, end in spans)
        for line in lines
        if line.kind in ("text", "list")
    )


_COUNT_LINE = re.compile(r"\d[\d.,]*[ \u00a0]+[^\W\d_][\w-]*(?:[ \u00a0]+[^\W\d_][\w-]*)?")


def _complete_line(text: str, story: _Open) -> bool:
    """A last line complete without final punctuation: a count (``18 zetels``, ``3 doden``,
    ``12 reacties``) or a short item of a list introduced by a colon (``kreeg:``)."""
    lines = story.lines
    if not lines:
        return False
    last = text[lines[-1].start : lines[-1].end]
    if _COUNT_LINE.fullmatch(last) and not looks_like_cut_time_label(last):
        return True
    before_end = lines[-2].end if len(lines) > 1 else story.first_end
    return text[:before_end].endswith(":") and len(last) <= 60


def _cut_boundary(fragment: str) -> bool:
    """A time label or section marker cut off by the end of the excerpt."""
    if looks_like_cut_time_label(fragment):
        return True
    return len(fragment) < 30 and any(
        marker.startswith(fragment) for marker in ("Meer uit ", "Meer over ", "Meer nieuws")
    )


def _trailing_card(text: str, pending: list[_Line], done: list[_Open], section: str | None) -> None:
    """Lines after the last boundary at the end of an excerpt: a card cut off by the cut."""
    lines = [ln for ln in pending if ln.kind == "text"]
    if not lines:
        return
    if len(lines) == 1 and _cut_boundary(text[lines[0].start : lines[0].end]):
        return  # "6 uur gel": the cut took the previous story's footer, not a new story
    head = lines[0] if _headline_like(text, lines[0], strict=False) else None
    rest = lines[1:] if head is not None else lines
    dateline = None
    if rest:
        dateline = match_partial_dateline(text, rest[-1].start)
        if dateline is not None:
            rest = rest[:-1]
    if head is None and dateline is None:
        return
    end = dateline.end if dateline is not None else (rest[-1].end if rest else head.end)  # type: ignore[union-attr]
    head_span = _headline_span(text, head) if head is not None else None
    done.append(
        _Open(
            start=head_span.start if head_span else lines[0].start,
            headline=head_span,
            dateline=dateline,
            section=section,
            end=end,
            lines=rest,
            truncated=True,
        )
    )


def decode_bytes(data: bytes) -> str:
    """Input bytes as text: UTF-8 (a BOM is dropped), else cp1252 with a
    :class:`DecodingWarning`; bytes cp1252 does not define become U+FFFD."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"wirenlp.parse_bytes expects bytes, got {type(data).__name__}")
    raw = bytes(data)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        warnings.warn(
            f"input is not valid UTF-8 ({exc.reason} at byte {exc.start}); decoded as cp1252",
            DecodingWarning,
            stacklevel=3,
        )
        return raw.decode("cp1252", errors="replace")


def parse_bytes(
    data: bytes, reference_time: datetime | None = None, *, tz: str | tzinfo = DEFAULT_TZ
) -> Page:
    """Decode ``data`` (:func:`decode_bytes`: UTF-8, else cp1252 with a warning) and
    :func:`parse` it (``reference_time`` and ``tz`` as there)."""
    return parse(decode_bytes(data), reference_time, tz=tz)

"""Time labels are read in the page's clock (Europe/Amsterdam by default) and never lie after
the reference time; naive reference times are refused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import wirenlp
from wirenlp.cli import app
from wirenlp.errors import ReferenceTimeError

from . import standins

UTC = timezone.utc
AMS = ZoneInfo("Europe/Amsterdam")
REF = datetime(2026, 3, 5, 14, 30, tzinfo=UTC)  # 15:30 in Amsterdam (CET, UTC+1)


def _label(
    text: str, ref: datetime | None = REF, tz: str | tzinfo = "Europe/Amsterdam"
) -> wirenlp.TimeLabel:
    page = wirenlp.parse(f"DEN HAAG (ANP) - Het kabinet is gevallen.\n{text}", ref, tz=tz)
    (story,) = page.stories
    assert story.time is not None and story.time.text == text
    return story.time


def test_clock_time_is_amsterdam_time():
    label = _label("14:45")
    assert label.earliest == datetime(2026, 3, 5, 13, 45, tzinfo=UTC)
    assert label.latest == datetime(2026, 3, 5, 13, 46, tzinfo=UTC)
    assert label.earliest.utcoffset() == timedelta(hours=1)  # carries the page's zone


def test_clock_time_after_the_reference_is_yesterday():
    local_ref = datetime(2026, 3, 5, 14, 30, tzinfo=AMS)
    label = _label("14:45", local_ref)
    assert label.earliest == datetime(2026, 3, 4, 14, 45, tzinfo=AMS)


def test_named_day_in_the_future_stays_unresolved():
    local_ref = datetime(2026, 3, 5, 14, 30, tzinfo=AMS)
    label = _label("vandaag 18:05", local_ref)
    assert (label.earliest, label.latest) == (None, None)
    label = _label("vandaag 09:15", local_ref)
    assert label.earliest == datetime(2026, 3, 5, 9, 15, tzinfo=AMS)
    label = _label("12-11-2027", local_ref)  # a full date after the reference
    assert (label.earliest, label.latest) == (None, None)


def test_date_without_year_after_the_reference_is_last_year():
    label = _label("6 maart 10:00", datetime(2026, 3, 5, 14, 30, tzinfo=AMS))
    assert label.earliest == datetime(2025, 3, 6, 10, 0, tzinfo=AMS)


def test_latest_is_capped_at_the_reference():
    local_ref = datetime(2026, 3, 5, 14, 30, 20, tzinfo=AMS)
    assert _label("14:30", local_ref).latest == local_ref
    assert _label("vandaag", local_ref).latest == local_ref


def test_other_page_zone():
    label = _label("14:45", tz="UTC")
    assert label.earliest == datetime(2026, 3, 4, 14, 45, tzinfo=UTC)
    new_york = ZoneInfo("America/New_York")  # REF is 09:30 there
    assert _label("09:15", tz=new_york).earliest == datetime(2026, 3, 5, 9, 15, tzinfo=new_york)
    assert _label("09:45", tz=new_york).earliest == datetime(2026, 3, 4, 9, 45, tzinfo=new_york)


def test_hours_ago_across_a_dst_change_count_elapsed_time():
    ref = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST, half an hour after the change
    label = _label("2 uur geleden", ref)
    assert label.earliest == ref - timedelta(hours=3)
    assert label.latest == ref - timedelta(hours=2)


def test_parse_bytes_passes_the_zone():
    data = b"DEN HAAG (ANP) - Het kabinet is gevallen.\n14:45"
    (story,) = wirenlp.parse_bytes(data, REF, tz="UTC").stories
    assert story.time is not None
    assert story.time.earliest == datetime(2026, 3, 4, 14, 45, tzinfo=UTC)


def test_naive_reference_time_is_refused():
    with pytest.raises(wirenlp.ReferenceTimeError, match="naive") as info:
        wirenlp.parse("x", reference_time=datetime(2026, 3, 5, 14, 30))
    assert isinstance(info.value, ValueError)
    with pytest.raises(wirenlp.ReferenceTimeError):
        wirenlp.parse_bytes(b"x", reference_time=datetime(2026, 3, 5, 14, 30))


def test_unknown_zone_is_refused():
    with pytest.raises(wirenlp.ReferenceTimeError, match="Europe/Amsterdan"):
        wirenlp.parse("x", REF, tz="Europe/Amsterdan")
    with pytest.raises(TypeError):
        wirenlp.parse("x", REF, tz=1)


def test_cli_refuses_a_naive_reference_time():
    result = CliRunner().invoke(app, ["parse", "-", "--reference-time", "2026-03-05T14:30"])
    assert result.exit_code != 0
    assert "time zone" in result.output


_LABELS = st.one_of(
    st.builds("{}:{:02d}".format, st.integers(0, 23), st.integers(0, 59)),  # clock times
    st.builds(
        "{} {}:{:02d}".format,
        st.sampled_from(["vandaag", "gisteren", "eergisteren"]),
        st.integers(0, 23),
        st.integers(0, 59),
    ),
    st.builds(
        "{} {} geleden".format,
        st.integers(1, 59),
        st.sampled_from(["minuten", "uur", "dagen", "weken", "maanden"]),
    ),
    st.builds(
        "{} {} {}".format,
        st.integers(1, 28),
        st.sampled_from(["januari", "maart", "oktober", "december"]),
        st.sampled_from(["", "2025", "2026", "2027", "10:15"]),
    ).map(str.strip),
    st.sampled_from(["vandaag", "gisteren", "zojuist", "yesterday"]),
)


@settings(max_examples=300, deadline=None)
@given(
    label=_LABELS,
    ref=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
    ),
)
def test_a_label_never_lies_after_the_reference(label, ref):
    time = _label(label, ref)
    if time.earliest is not None:
        assert time.latest is not None
        assert time.earliest <= time.latest <= ref


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.one_of(st.text(max_size=30), _LABELS, st.just("BRUSSEL (ANP) - Tekst.")), max_size=6
    ),
    tz=st.sampled_from(["Europe/Amsterdam", "UTC", "America/New_York", "Asia/Kathmandu"]),
)
def test_any_page_resolves_no_label_after_the_reference(lines, tz):
    page = wirenlp.parse("\n".join(lines), REF, tz=tz)
    for story in page.stories:
        if story.time is not None and story.time.earliest is not None:
            assert story.time.latest is not None
            assert story.time.earliest <= story.time.latest <= REF


def test_enricher_refuses_a_naive_reference_time_up_front() -> None:
    with pytest.raises(ReferenceTimeError):
        wirenlp.Enricher(nlp=standins.blank_ner(), reference_time=datetime(2026, 3, 5, 14, 30))


def test_enricher_reads_clock_times_in_its_zone() -> None:
    ref = datetime(2026, 3, 5, 14, 30, tzinfo=timezone.utc)
    text = "DEN HAAG (ANP) - Het kabinet is gevallen.\n14:45"
    for tz, hour_utc in (("Europe/Amsterdam", 13), ("UTC", 14)):
        page = wirenlp.Enricher(nlp=standins.blank_ner(), reference_time=ref, tz=tz).enrich(text)
        label = page.stories[0].time
        assert label is not None and label.earliest is not None
        assert label.earliest.astimezone(timezone.utc).hour == hour_utc

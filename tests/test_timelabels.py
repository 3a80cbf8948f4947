"""Time labels: recognition in pages and resolution against a reference time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import wirenlp
from wirenlp.parsing.timelabels import match_time_label, resolve

REF = datetime(2026, 3, 5, 14, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("label", "earliest", "latest"),
    [
        ("1 uur geleden", REF - timedelta(hours=2), REF - timedelta(hours=1)),
        ("21 minuten geleden", REF - timedelta(minutes=22), REF - timedelta(minutes=21)),
        ("2 weken geleden", REF - timedelta(weeks=3), REF - timedelta(weeks=2)),
        ("3 dagen geleden", REF - timedelta(days=4), REF - timedelta(days=3)),
        ("een uur geleden", REF - timedelta(hours=2), REF - timedelta(hours=1)),
        ("2 hours ago", REF - timedelta(hours=3), REF - timedelta(hours=2)),
        ("an hour ago", REF - timedelta(hours=2), REF - timedelta(hours=1)),
        (
            "2 maanden geleden",
            datetime(2025, 12, 5, 14, 30, tzinfo=timezone.utc),
            datetime(2026, 1, 5, 14, 30, tzinfo=timezone.utc),
        ),
        (
            "gisteren",
            datetime(2026, 3, 4, tzinfo=timezone.utc),
            datetime(2026, 3, 5, tzinfo=timezone.utc),
        ),
        (
            "gisteren 18:05",
            datetime(2026, 3, 4, 18, 5, tzinfo=timezone.utc),
            datetime(2026, 3, 4, 18, 6, tzinfo=timezone.utc),
        ),
        (
            "vandaag 09:15",
            datetime(2026, 3, 5, 9, 15, tzinfo=timezone.utc),
            datetime(2026, 3, 5, 9, 16, tzinfo=timezone.utc),
        ),
        (
            "16:45",
            datetime(2026, 3, 4, 16, 45, tzinfo=timezone.utc),
            datetime(2026, 3, 4, 16, 46, tzinfo=timezone.utc),
        ),
        (
            "12-11-2025",
            datetime(2025, 11, 12, tzinfo=timezone.utc),
            datetime(2025, 11, 13, tzinfo=timezone.utc),
        ),
    ],
)
def test_resolve(label, earliest, latest):
    assert match_time_label(label, 0) == (0, len(label))
    assert resolve(label, REF) == (earliest, latest)


def test_unresolved_without_reference_time():
    assert resolve("1 uur geleden", None) == (None, None)


@pytest.mark.parametrize("text", ["25:99", "uur geleden", "12 apen", "gisterenavond"])
def test_not_labels(text):
    assert match_time_label(text, 0) is None


def test_label_at_start_of_a_body_line_is_body_text():
    text = "AMSTERDAM (ANP) - Eerste zin.\n2 uur geleden werd er gebeld.\n"
    (story,) = wirenlp.parse(text).stories
    assert story.time is None
    assert story.body.text.endswith("werd er gebeld.")


def test_page_labels_resolve_with_reference_time(wire_dir):
    text = (wire_dir / "seed_anp_buitenland.txt").read_text(encoding="utf-8")
    page = wirenlp.parse(text, reference_time=REF)
    labelled = [s.time for s in page.stories if s.time is not None]
    assert labelled
    for label in labelled:
        hours = int(label.text.split()[0])
        assert label.latest == REF - timedelta(hours=hours)
        assert label.earliest == REF - timedelta(hours=hours + 1)
    assert all(s.time.earliest is None for s in wirenlp.parse(text).stories if s.time)

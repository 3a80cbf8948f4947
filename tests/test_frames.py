"""wirenlp.to_frames: one typed row per page, story, entity, linked place and cluster."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.export import frames as fr
from wirenlp.records import ENTITY_KINDS, ItemMeta, MetaEntity, PlaceLink

from ._outputs import enriched_dev_pages


@pytest.fixture(scope="module")
def pages() -> tuple[wirenlp.Page, ...]:
    return enriched_dev_pages()


@pytest.fixture(scope="module")
def frames(pages) -> wirenlp.Frames:
    return wirenlp.to_frames(pages)


def _expected_dtype(column: str, name: str):
    return fr._dtype(column, name)


def test_a_row_per_record(pages, frames):
    assert len(frames.pages) == len(pages)
    assert len(frames.stories) == sum(len(p.stories) for p in pages)
    assert len(frames.entities) == sum(len(s.entities) for p in pages for s in p.stories)
    assert len(frames.clusters) == sum(len(p.entities) for p in pages)
    linked_datelines = sum(
        1
        for p in pages
        for s in p.stories
        if s.dateline
        for link in s.dateline.links
        if link is not None
    )
    linked_body = sum(
        1
        for p in pages
        for s in p.stories
        for e in s.entities
        if e.source != "dateline" and isinstance(e.link, PlaceLink)
    )
    assert linked_datelines > 0 and linked_body > 0
    assert (frames.places["origin"] == "dateline").sum() == linked_datelines
    assert (frames.places["origin"] == "body").sum() == linked_body


@pytest.mark.parametrize("name", list(fr.FRAME_COLUMNS))
def test_columns_and_dtypes_follow_the_spec(frames, name):
    df = getattr(frames, name)
    spec = fr.FRAME_COLUMNS[name]
    assert list(df.columns[: len(spec)]) == list(spec)
    for column, dtype_name in spec.items():
        assert df[column].dtype == _expected_dtype(column, dtype_name), column
    empty = fr.empty_frame(spec)
    assert len(empty) == 0
    assert list(empty.columns) == list(spec)
    assert [str(t) for t in empty.dtypes] == [str(t) for t in df.dtypes[: len(spec)]]
    for column in fr.CATEGORIES:
        if column in spec:
            assert empty[column].dtype == df[column].dtype  # fixed categories


def test_real_dtypes(frames):
    ents = frames.entities
    assert isinstance(ents["kind"].dtype, pd.CategoricalDtype)
    assert list(ents["kind"].cat.categories) == list(ENTITY_KINDS)
    assert isinstance(ents["label"].dtype, pd.CategoricalDtype)
    assert isinstance(frames.stories["role"].dtype, pd.CategoricalDtype)
    assert str(ents["geonameid"].dtype) == "Int64"
    assert ents["geonameid"].notna().any() and ents["geonameid"].isna().any()
    assert ents["latitude"].dtype == "float64"
    earliest = frames.stories["time_earliest"]
    assert str(earliest.dt.tz) == "UTC"
    assert earliest.notna().any()


def test_values_match_the_records(pages, frames):
    for row in frames.entities.itertuples(index=False):
        page = pages[row.page]
        ent = page.stories[row.story].entities[row.entity]
        assert page.text[row.start : row.end] == row.text == ent.text
        assert row.kind == ent.kind and row.label == ent.label and row.source == ent.source
        if isinstance(ent.link, PlaceLink):
            if ent.link.geonameid is None:  # a region or country without an id
                assert pd.isna(row.geonameid)
            else:
                assert row.geonameid == ent.link.geonameid
            assert row.link_type == "place" and row.link_name == ent.link.name
            if ent.link.latitude is not None:
                assert row.latitude == ent.link.latitude
                assert row.longitude == ent.link.longitude
        else:
            assert pd.isna(row.geonameid)
    for row in frames.stories.itertuples(index=False):
        story = pages[row.page].stories[row.story]
        assert (row.start, row.end, row.role) == (story.start, story.end, story.role)
        if story.time is not None:
            assert row.time_label == story.time.text
            if story.time.earliest is not None:
                expected = story.time.earliest.astimezone(timezone.utc)
                assert row.time_earliest.to_pydatetime() == expected
        if story.dateline is not None and story.dateline.agencies:
            assert row.agencies.split(fr.SEPARATOR) == [a.code for a in story.dateline.agencies]
    for row in frames.places.itertuples(index=False):
        assert pages[row.page].text[row.start : row.end] == row.text


def test_times_are_utc_instants_of_the_records(pages):
    story_pages = [p for p in pages if any(s.time and s.time.earliest for s in p.stories)]
    times = wirenlp.to_frames(story_pages).stories["time_earliest"].dropna()
    assert len(times) > 0 and str(times.dt.tz) == "UTC"
    labels = [s.time.earliest for p in story_pages for s in p.stories if s.time and s.time.earliest]
    assert [t.to_pydatetime() for t in times] == labels  # the same instants, any zone


def test_pipe_tuples_and_bad_items(pages):
    tuples = [(p, {"n": i}) for i, p in enumerate(pages[:3])]
    assert len(wirenlp.to_frames(tuples).stories) == sum(len(p.stories) for p in pages[:3])
    with pytest.raises(TypeError, match="item 1 is a str"):
        wirenlp.to_frames([pages[0], "not a page"])


def test_empty_input_gives_typed_empty_frames():
    frames = wirenlp.to_frames(iter([]))
    for name, df in frames.items():
        assert len(df) == 0
        assert list(df.columns) == list(fr.FRAME_COLUMNS[name])


def test_meta_columns_are_every_itemmeta_field_declared_not_found(pages):
    when = datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)
    meta = ItemMeta(
        format="nitf",
        id="a1",
        agency="ANP",
        created=when,
        keywords=("sport", "voetbal"),
        priority=3,
        entities=(MetaEntity("Ajax", "organisation", "o1"),),
    )
    meta_pages = [attrs.evolve(pages[0], meta=meta), pages[1]]
    df = wirenlp.to_frames(meta_pages).pages
    declared = [f"meta_{f.name}" for f in attrs.fields(ItemMeta)]
    assert list(fr.META_COLUMNS) == declared
    assert [c for c in df.columns if c.startswith("meta_")] == declared
    # the same columns and dtypes for a batch without any meta
    plain = wirenlp.to_frames([pages[1]]).pages
    assert [str(t) for t in plain.dtypes] == [str(t) for t in df.dtypes]
    assert plain[declared].isna().all().all()
    assert df["meta_id"].iloc[0] == "a1" and pd.isna(df["meta_id"].iloc[1])
    assert df["meta_created"].iloc[0] == pd.Timestamp("2025-03-14 09:30", tz="UTC")
    assert str(df["meta_created"].dtype) == "datetime64[ns, UTC]"
    assert df["meta_keywords"].iloc[0] == "sport; voetbal"
    assert str(df["meta_priority"].dtype) == "Int64" and df["meta_priority"].iloc[0] == 3
    assert json.loads(df["meta_entities"].iloc[0]) == [
        {"text": "Ajax", "kind": "organisation", "id": "o1"}
    ]
    assert pd.isna(df["meta_subjects"].iloc[0])  # an empty tuple


def test_undeclared_columns_are_refused():
    with pytest.raises(ValueError, match="not in the frame's declaration"):
        fr.frame([{"page": 0, "surprise": 1}], fr.PAGE_COLUMNS)


def test_item_context_fills_the_source_columns(pages):
    class Item:  # what wirenlp.reading.Item carries
        def __init__(self, source, index, fields):
            self.source, self.index, self.fields = source, index, fields

    item = Item("a.zip!x.xml", 2, {"id": "k1"})
    df = wirenlp.to_frames([(pages[0], item), (pages[1], {"path": "b.txt", "index": 0})]).pages
    assert list(df["source"]) == ["a.zip!x.xml", "b.txt"]
    assert list(df["source_index"]) == [2, 0]
    assert json.loads(df["fields"].iloc[0]) == {"id": "k1"} and pd.isna(df["fields"].iloc[1])


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_written_files_read_back(frames, tmp_path, fmt):
    paths = frames.write(tmp_path, fmt)
    assert sorted(p.name for p in paths) == sorted(f"{n}.{fmt}" for n in fr.FRAME_COLUMNS)
    back = fr.read_frames(tmp_path, fmt)
    for name, df in frames.items():
        got = getattr(back, name)
        assert [str(t) for t in got.dtypes] == [str(t) for t in df.dtypes], name
        pd.testing.assert_frame_equal(got, df, check_categorical=False)
        if fmt == "parquet":  # plain pandas reads the same dtypes
            plain = pd.read_parquet(tmp_path / f"{name}.parquet")
            assert [str(t) for t in plain.dtypes] == [str(t) for t in df.dtypes]
    with pytest.raises(ValueError, match="unknown frame format"):
        frames.write(tmp_path, "xlsx")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=4))
def test_any_parsed_text_makes_frames(texts):
    pages = [wirenlp.parse(t) for t in texts]
    frames = wirenlp.to_frames(pages)
    assert len(frames.pages) == len(pages)
    assert len(frames.stories) == sum(len(p.stories) for p in pages)


def test_import_wirenlp_does_not_import_pandas():
    code = (
        "import sys, wirenlp; wirenlp.parse('BRUSSEL (ANP) - x'); "
        "print('pandas' in sys.modules, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_tables_read_back_from_fsspec_urls_and_by_column(frames, fmt):
    """``read_table`` reads a directory of parts at an fsspec URL (here ``memory://``) as it
    reads a local one, and ``columns`` gives just those declared columns and dtypes."""
    fsspec = pytest.importorskip("fsspec")
    root = f"memory://wirenlp-test-{fmt}/pages"
    fs = fsspec.filesystem("memory")
    fs.makedirs(root, exist_ok=True)
    half = len(frames.pages) // 2
    for i, part in enumerate((frames.pages.iloc[:half], frames.pages.iloc[half:])):
        fr.write_table(part.reset_index(drop=True), f"{root}/part-{i:05d}.{fmt}", fmt)
    try:
        back = fr.read_table(root, "pages", fmt)
        pd.testing.assert_frame_equal(back, frames.pages, check_categorical=False)
        errors = fr.read_table(root, "pages", fmt, columns=["error"])
        assert list(errors.columns) == ["error"]
        assert str(errors["error"].dtype) == str(frames.pages["error"].dtype)
        assert errors["error"].isna().tolist() == frames.pages["error"].isna().tolist()
        with pytest.raises(ValueError, match="no columns"):
            fr.read_table(root, "pages", fmt, columns=["nope"])
    finally:
        fs.rm(f"memory://wirenlp-test-{fmt}", recursive=True)

"""Scale-out on Dask (wirenlp.dask) on a real LocalCluster of two worker processes.

The cluster starts once for the module; the pipeline is the embedded default model, as
``Enricher()`` loads it in this process, so the pages must be exactly ``Enricher.pipe``'s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import dask.bag as db
import dask.dataframe as dd
import distributed
import pandas as pd
import pytest

import wirenlp
import wirenlp.dask as wdask
from wirenlp import Page

from .conftest import WIRE, read_jsonl

TEXTS: list[str] = [item["text"] for item in read_jsonl(WIRE / "items.jsonl")]
BAD: list[Any] = [None, 42, b"bytes are not text", ["a", "list"], ("a", "b", "c")]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def enricher() -> wirenlp.Enricher:
    return wirenlp.Enricher()


def uneven(items: list[Any], sizes: list[int]) -> db.Bag:
    """A bag whose partitions hold ``sizes`` items (the last one the rest)."""
    parts: list[list[Any]] = []
    start = 0
    for size in sizes:
        parts.append(items[start : start + size])
        start += size
    parts.append(items[start:])
    return db.from_delayed([dask.delayed(list)(part) for part in parts])


def test_import_wirenlp_does_not_import_dask():
    code = "import sys, wirenlp; print('dask' in sys.modules, 'distributed' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def _worker_environ() -> dict[str, str | None]:
    return {k: os.environ.get(k) for k in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")}


def test_workers_start_with_wirenlp_dask_defaults(client):
    # the module's LocalCluster was started after wirenlp.dask was imported
    for env in client.run(_worker_environ).values():
        assert env == {
            "MALLOC_MMAP_THRESHOLD_": str(wdask.MMAP_THRESHOLD),
            "MALLOC_TRIM_THRESHOLD_": "65536",
        }
    # imported before distributed too (as `wirenlp enrich --dask` does); the user's config wins
    code = (
        "import json, wirenlp.dask, dask, distributed; print(json.dumps(["
        "dask.config.get('distributed.worker.profile.enabled'), "
        "dask.config.get('distributed.nanny.pre-spawn-environ')]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    profile, environ = json.loads(out.stdout)
    assert profile is False and environ["MALLOC_MMAP_THRESHOLD_"] == wdask.MMAP_THRESHOLD
    assert environ["MALLOC_TRIM_THRESHOLD_"] == 65536  # Dask's own stays
    mine = (
        "import dask; dask.config.set("
        "{'distributed.nanny.pre-spawn-environ': {'MALLOC_MMAP_THRESHOLD_': 1}}); "
    )
    out = subprocess.run(
        [sys.executable, "-c", mine + code], capture_output=True, text=True, env=env
    )
    assert json.loads(out.stdout)[1]["MALLOC_MMAP_THRESHOLD_"] == 1


def test_pages_equal_enricher_pipe_on_uneven_partitions(client, enricher):
    inputs: list[Any] = [*TEXTS[:10], *BAD, *TEXTS[10:]]
    bag = uneven(inputs, [1, 0, 17, 3])
    assert bag.npartitions == 5
    got = wdask.enrich_bag(bag).compute()
    expected = list(enricher.pipe(inputs))
    assert len(got) == len(inputs)
    assert got == expected
    assert sum(len(s.entities) for p in got for s in p.stories) > 50
    for page, bad in zip(got[10 : 10 + len(BAD)], BAD, strict=True):
        assert page.error is not None
        assert type(bad).__name__ in page.error.message
        assert page.stories == ()


def test_pairs_keep_their_context_and_pages_are_accepted(client, enricher):
    parsed = wirenlp.parse(TEXTS[0])
    inputs: list[Any] = [(text, {"n": i}) for i, text in enumerate(TEXTS[:6])]
    inputs += [parsed, (None, "bad"), TEXTS[7]]
    got = wdask.enrich_bag(db.from_sequence(inputs, npartitions=3)).compute()
    assert [ctx for _page, ctx in got[:6]] == [{"n": i} for i in range(6)]
    assert [page for page, _ctx in got[:6]] == list(enricher.pipe(TEXTS[:6]))
    assert got[6] == enricher.enrich_page(parsed)
    page, ctx = got[7]
    assert ctx == "bad" and page.error is not None and "NoneType" in page.error.message
    assert got[8] == enricher.enrich(TEXTS[7])


def test_empty_bag(client):
    assert wdask.enrich_bag(db.from_sequence([], npartitions=1)).compute() == []
    assert wdask.enrich_bag(uneven([], [0, 0])).compute() == []


def _cached_enrichers() -> dict[str, int]:
    return {key: id(enricher) for key, (enricher, _lock) in wdask._ENRICHERS.items()}


def test_each_worker_loads_the_pipeline_once_per_options(client):
    bag = db.from_sequence(TEXTS[:8], npartitions=4)
    key = wdask.EnricherSpec.make({"batch_size": 32}).key
    wdask.enrich_bag(bag, batch_size=32).compute()
    before = client.run(_cached_enrichers)
    wdask.enrich_bag(bag, batch_size=32).compute()
    after = client.run(_cached_enrichers)
    assert len(after) == 2
    assert sum(key in cached for cached in after.values()) >= 1
    for worker, cached in after.items():  # the second run reused each worker's pipeline
        if key in before[worker]:
            assert cached[key] == before[worker][key]


def test_a_knowledge_base_travels_to_the_workers(client, enricher):
    texts = TEXTS[:12]
    plain = list(enricher.pipe(texts))
    names = sorted(
        {e.text for p in plain for s in p.stories for e in s.entities if e.kind == "person"}
    )
    assert len(names) >= 2
    kb = wirenlp.KnowledgeBase.from_records(
        [{"id": f"Q{i}", "name": name, "kind": "person"} for i, name in enumerate(names)]
    )
    got = wdask.enrich_bag(db.from_sequence(texts, npartitions=3), kb=kb).compute()
    assert got == list(wirenlp.Enricher(kb=kb).pipe(texts))
    linked = [e for p in got for s in p.stories for e in s.entities if e.link is not None]
    assert any(getattr(e.link, "id", "").startswith("Q") for e in linked)


def _die_once(items: list[Any], marker: str) -> list[Any]:
    """Kill this worker process the first time it holds the partition with ``TEXTS[30]``."""
    if TEXTS[30] in items and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(1)
    return items


def test_a_killed_worker_loses_nothing(client, enricher, tmp_path):
    marker = tmp_path / "killed"
    inputs: list[Any] = [*TEXTS, None]
    bag = db.from_sequence(inputs, npartitions=6).map_partitions(_die_once, str(marker))
    got = wdask.enrich_bag(bag).compute()
    assert marker.exists(), "no worker was killed"
    assert got == list(enricher.pipe(inputs))
    client.wait_for_workers(2, timeout=60)


def test_options_a_worker_cannot_use_are_refused():
    bag = db.from_sequence(["x"])
    with pytest.raises(ValueError, match="n_process"):
        wdask.enrich_bag(bag, n_process=2)
    with pytest.raises(TypeError, match="Enricher option"):
        wdask.enrich_bag(bag, no_such_option=1)
    with pytest.raises(TypeError, match="loaded pipeline"):
        wdask.enrich_bag(bag, nlp=object())
    with pytest.raises(TypeError, match="Bag"):
        wdask.enrich_bag(["x"])  # type: ignore[arg-type]
    assert wdask.EnricherSpec.make({"keep": ["tagger"]}) == wdask.EnricherSpec.make(
        {"keep": ("tagger",)}
    )
    assert wdask.EnricherSpec.make({}) != wdask.EnricherSpec.make({"batch_size": 8})


def write_corpus(root: Path) -> list[tuple[str, int, Any]]:
    """Text files and JSONL files (one with bad lines) → the expected (path, index, text or the
    line number of a bad line)."""
    expected: list[tuple[str, int, Any]] = []
    for i, text in enumerate(TEXTS[:5]):
        path = root / f"item{i}.txt"
        path.write_text(text, encoding="utf-8")
        expected.append((str(path), 0, text))
    good = root / "items.jsonl"
    good.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS[5:12]), "utf-8")
    expected += [(str(good), i, t) for i, t in enumerate(TEXTS[5:12])]
    mixed = root / "mixed.jsonl"
    lines = [json.dumps({"text": TEXTS[12]}), "{not json", "", json.dumps({"id": 1})]
    mixed.write_text("\n".join(lines) + "\n", "utf-8")
    expected += [(str(mixed), 0, TEXTS[12]), (str(mixed), 1, 2), (str(mixed), 2, 4)]
    return expected


def test_read_bag_gives_items_with_source_and_enriches(client, enricher, tmp_path):
    expected = write_corpus(tmp_path)
    (tmp_path / ".hidden.txt").write_text("GENT (BELGA) - Verborgen.", encoding="utf-8")
    bag = wdask.read_bag(str(tmp_path / "*"), files_per_partition=2)
    assert bag.npartitions == 4
    got = sorted(wdask.enrich_bag(bag).compute(), key=lambda pc: (pc[1]["path"], pc[1]["index"]))
    expected.sort(key=lambda e: (e[0], e[1]))
    assert [(c["path"], c["index"]) for _p, c in got] == [(p, i) for p, i, _t in expected]
    # the pages of the one input path, enriched in one process
    items = {(i.source, i.index): i.page for i in wirenlp.reading.iter_items([tmp_path])}
    for (page, source), (_path, _index, text) in zip(got, expected, strict=True):
        if isinstance(text, int):  # a bad line (a blank line is no item)
            assert page.error is not None
            assert f"{source['path']}, line {text}:" in page.error.message
        else:
            assert page.error is None
            assert page == enricher.enrich_page(items[source["path"], source["index"]])
    fixtures = sorted((WIRE / "fixtures").glob("*.xml"))  # through wirenlp.read_bytes
    got_xml = wdask.enrich_bag(wdask.read_bag([str(f) for f in fixtures])).compute()
    want_xml = [(p, str(f)) for f in fixtures for p in wirenlp.read(f)]
    assert [ctx["path"] for _p, ctx in got_xml] == [path for _p, path in want_xml]
    assert [p for p, _ctx in got_xml] == list(enricher.pipe(p for p, _path in want_xml))
    assert all(p.error is None and p.stories for p, _ctx in got_xml)
    # a glob that matches nothing: an error item, as wirenlp parse gives
    ((page, ctx),) = wdask.read_bag(str(tmp_path / "nothing*.txt")).compute()
    assert page.error.type == "FileNotFoundError" and ctx["path"].endswith("nothing*.txt")
    assert wdask.read_bag(tmp_path).npartitions == 7  # a directory: every file, hidden ones not


def test_enrich_files_and_the_cli_on_the_cluster_write_parts(client, enricher, tmp_path):
    from typer.testing import CliRunner

    from wirenlp.cli import app

    files = []
    # plain texts: a mix of formats in one run needs the one frame schema (issue 17, item 4)
    plain = [t for t in TEXTS if wirenlp.reading.sniff(t.encode()) == "plain"]
    for i, text in enumerate(plain[:6]):
        path = tmp_path / f"in{i}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    # what the one input path reads (a .txt file is sniffed as any file: IPTC 7901 text too)
    expected = list(enricher.pipe(i.page for i in wirenlp.reading.iter_items(files)))

    parts = wdask.enrich_files(files, tmp_path / "pages", client, progress=False)
    assert parts and all(Path(p).exists() for p in parts)
    records = [json.loads(line) for p in parts for line in Path(p).read_text("utf-8").splitlines()]
    pages = {r["source"]: Page.from_dict(r) for r in records}  # the CLI's record (item_record)
    assert sorted(pages) == sorted(files) and all(r["index"] == 0 for r in records)
    # the parts hold compact records (Page.to_dict()): equal to the compact form of each page
    assert [pages[f].to_dict() for f in files] == [p.to_dict() for p in expected]

    tables = tmp_path / "tables"
    address = client.scheduler.address
    result = CliRunner().invoke(app, ["enrich", "--dask", address, "--output", str(tables), *files])
    assert result.exit_code == 0, result.output
    pages_table = pd.read_parquet(tables / "pages").sort_values("source")
    assert pages_table["source"].tolist() == sorted(files)
    assert (pages_table["source_index"] == 0).all()
    want = wirenlp.to_frames(expected)
    assert pages_table["n_entities"].tolist() == [
        want.pages["n_entities"][files.index(f)] for f in pages_table["source"]
    ]
    entities = pd.read_parquet(tables / "entities")
    assert sorted(entities["text"]) == sorted(want.entities["text"])

    bad = CliRunner().invoke(
        app, ["enrich", "--dask", "local:0", "--output", str(tmp_path / "x"), *files]
    )
    assert bad.exit_code == 2 and "local:N" in bad.output
    no_out = CliRunner().invoke(app, ["enrich", "--dask", address, *files])
    assert no_out.exit_code != 0 and "--output" in no_out.output


def _bytes_sent(dask_worker: Any) -> int:
    """What this worker has sent to other workers and to clients (Dask's sizes of the data)."""
    return int(dask_worker.transfer_outgoing_bytes_total)


def test_dask_sees_what_pages_weigh(enricher):
    import pickle

    from dask.sizeof import sizeof

    pages = list(enricher.pipe(TEXTS[:20]))
    for page in pages:  # in memory a page holds more than its pickle
        assert sizeof(page) >= len(pickle.dumps(page)) > 500
    assert sizeof(pages) >= len(pickle.dumps(pages))
    assert sizeof((pages[0], {"path": "x"})) > sizeof(pages[0])


def test_workers_that_write_their_partitions_send_almost_nothing_back(client, tmp_path):
    import pickle

    files = []
    for i, text in enumerate(TEXTS[:12]):
        path = tmp_path / f"in{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    before = sum(client.run(_bytes_sent).values())
    written = wdask.enrich_files(
        files, tmp_path / "pages", client, files_per_partition=2, progress=False
    )
    tables = wdask.enrich_files(
        files, tmp_path / "tables", client, fmt="parquet", files_per_partition=2, progress=False
    )
    sent = sum(client.run(_bytes_sent).values()) - before
    size = sum(Path(p).stat().st_size for p in [*written, *tables])
    assert len(written) == 6 and len(tables) == 30
    # file names and partition counts, not pages: a few hundred bytes per partition
    assert sent < 500 * (len(written) + len(tables)) and sent * 20 < size
    # the same counters do see pages when they are computed back to the client
    before = sum(client.run(_bytes_sent).values())
    pages = wdask.enrich_bag(wdask.read_bag(files, files_per_partition=2)).compute()
    sent = sum(client.run(_bytes_sent).values()) - before
    assert sent >= len(pickle.dumps(pages))


def test_enrich_frame_gives_the_tables_of_to_frames(client, enricher, tmp_path):
    texts: list[Any] = TEXTS[:24]
    texts[3] = None
    ids = [f"item-{i}" for i in range(len(texts))]
    df = pd.DataFrame({"id": ids, "text": texts, "n": range(len(texts))})
    frames = wdask.enrich_frame(dd.from_pandas(df, npartitions=4), "text", columns=["id"])
    expected = wirenlp.to_frames(enricher.pipe(texts))
    tables = dask.compute(*(table for _name, table in frames.items()))
    for (name, want), (_name, lazy), table in zip(
        expected.items(), frames.items(), tables, strict=True
    ):
        table = table.reset_index(drop=True)
        extra = ["id"] if name == "pages" else []
        assert list(table.columns) == list(lazy.columns) == [*want.columns, *extra]
        same = table[list(want.columns)]
        if name == "pages":  # the missing text is pd.NA in a dask string column, None here
            assert same.loc[3, "error_type"] == want.loc[3, "error_type"] == "TypeError"
            assert table["id"].tolist() == ids
            same, want = same.drop(columns="error"), want.drop(columns="error")
        pd.testing.assert_frame_equal(same, want, check_categorical=False)
    assert len(expected.entities) > 20
    written = frames.write(tmp_path / "tables", "parquet")
    assert len(written) == 5 * 4
    back = pd.read_parquet(tmp_path / "tables" / "entities")
    assert len(back) == len(expected.entities)
    assert sorted(back["text"]) == sorted(expected.entities["text"])
    with pytest.raises(KeyError, match="nope"):
        wdask.enrich_frame(dd.from_pandas(df, npartitions=1), "nope")


def test_every_worker_loads_the_pipeline_when_the_bag_is_built(client):
    key = wdask.EnricherSpec.make({"batch_size": 17}).key
    bag = wdask.enrich_bag(db.from_sequence(TEXTS[:4], npartitions=2), batch_size=17)
    loaded = client.run(_cached_enrichers)  # before any task of the bag has run
    assert len(loaded) == 2 and all(key in cached for cached in loaded.values())
    assert len(bag.compute()) == 4


FORMATS = Path(__file__).resolve().parent / "data" / "formats"


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_partitions_of_mixed_inputs_share_one_schema(client, tmp_path, fmt):
    """NITF (every meta field), RSS (some), plain text (no meta, no links) and an unreadable
    file, one file per partition: every part of every table has the declared columns and
    dtypes, and pandas and dask read each table back alike."""
    from wirenlp.export import frames as fr

    src = tmp_path / "in"
    src.mkdir()
    for name in ("cp_nitf.xml", "anp_rss.xml"):
        (src / name).write_bytes((FORMATS / name).read_bytes())
    (src / "plain.txt").write_text("GENT (BELGA) - Een bericht uit Gent.", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    files = sorted(str(p) for p in src.iterdir())
    out = tmp_path / "tables"
    wdask.enrich_files(files, out, client, fmt=fmt, files_per_partition=1, progress=False)

    local = [p for f in files for p in wirenlp.read(f)]
    back = fr.read_frames(out, fmt)
    assert len(back.pages) == len(local) and len(local) > len(files)
    assert back.pages["source"].notna().all()
    for name, spec in fr.FRAME_COLUMNS.items():
        table = getattr(back, name)
        assert list(table.columns) == list(spec)
        assert [str(t) for t in table.dtypes] == [str(fr.empty_frame(spec)[c].dtype) for c in spec]
        if fmt == "parquet":  # plain readers, no wirenlp: the same columns and dtypes
            plain = pd.read_parquet(out / name)
            lazy = dd.read_parquet(str(out / name))
            assert [str(t) for t in plain.dtypes] == [str(t) for t in table.dtypes], name
            assert [str(t) for t in lazy.dtypes] == [str(t) for t in plain.dtypes], name
            assert len(lazy.compute()) == len(plain) == len(table)
    meta = back.pages[back.pages["meta_format"].notna()]
    assert set(meta["meta_format"]) >= {"nitf", "anp-rss"}
    plain = back.pages["source"].str.endswith("plain.txt")
    # a .txt file is read as wirenlp.read reads it (the one input path): meta format "plain"
    assert plain.sum() == 1 and (back.pages.loc[plain, "meta_format"] == "plain").all()

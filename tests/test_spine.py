"""One spine, nothing lost (issue 17): every entry point reads through the one input path
(:func:`wirenlp.reading.iter_items`) and gives the same items, in the same order, with the same
sources; records out == items in, error records included.

One corpus in tmp_path: good files of several formats, a bad file, a corrupt zip, a zip with a
bad and a hidden member, a missing path, hidden files, a binary file and JSON Lines of texts with
a bad line. Compared: ``iter_items``, ``wirenlp parse``, ``wirenlp enrich``, ``wirenlp render``
(real subprocesses), ``read_bag`` + ``enrich_bag`` (the sync scheduler: this is about equality)
and ``wirenlp enrich --dask local:1 --output`` (a real LocalCluster, one worker process).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from wirenlp.reading import iter_items

from . import standins
from .conftest import DATA

FORMATS = DATA / "formats"
EXE = [sys.executable, "-m", "wirenlp.cli"]


@pytest.fixture(scope="module")
def model() -> str:
    return str(standins.md_path())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("spine")
    src = root / "in"
    src.mkdir()
    (src / "a_plain.txt").write_text("DEN HAAG (ANP) - Premier Rutte sprak in Den Haag.", "utf-8")
    shutil.copy(FORMATS / "cp_nitf.xml", src / "b_nitf.xml")
    shutil.copy(FORMATS / "anp_rss.xml", src / "c_feed.xml")  # several items in one file
    shutil.copy(FORMATS / "ninjs2.json", src / "d_ninjs.json")
    (src / "e_bad.xml").write_text("<nitf><body><unclosed>", "utf-8")
    (src / "f_corrupt.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    with zipfile.ZipFile(src / "g_members.zip", "w") as zf:
        zf.writestr("1.txt", "UTRECHT (ANP) - Een bericht uit Utrecht.")
        zf.writestr("2.xml", "<nitf><body>")
        zf.writestr("__MACOSX/._1.txt", b"\x00\x05\x16\x07\x00\x02")
    (src / "h_image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    rows = [
        json.dumps({"id": "x1", "text": "GENT (BELGA) - Eerste bericht uit Gent."}),
        "{not json",
        json.dumps({"id": "x3", "text": "BRUSSEL (BELGA) - Derde bericht."}),
    ]
    (src / "i_items.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    (src / ".hidden.txt").write_text("AMSTERDAM (ANP) - Verborgen.", "utf-8")
    (src / ".cache").mkdir()
    (src / ".cache" / "j.txt").write_text("AMSTERDAM (ANP) - Verborgen.", "utf-8")
    return [str(src), str(root / "missing.txt")]


def _expected(corpus: list[str]) -> list[tuple[str, int, bool]]:
    return [(i.source, i.index, i.page.error is not None) for i in iter_items(corpus)]


def _records(stdout: str) -> list[tuple[str, int, bool]]:
    lines = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return [(r["source"], r["index"], r.get("error") is not None) for r in lines]


def test_the_corpus_has_every_kind_of_input(corpus: list[str]) -> None:
    items = list(iter_items(corpus))
    sources = [Path(i.source.split("!")[0]).name + "!" * ("!" in i.source) for i in items]
    assert not any("hidden" in s or "MACOSX" in s or "j.txt" in s for s in sources)
    errors = {Path(i.source).name: i.page.error.message for i in items if i.page.error}
    assert "e_bad.xml" in errors and "malformed XML" in errors["e_bad.xml"]
    assert "bad zip archive" in errors["f_corrupt.zip"]
    assert "g_members.zip!2.xml" in errors
    assert errors["h_image.png"].endswith("binary content (PNG image)")
    assert "line 2" in errors["i_items.jsonl"]
    assert "no such file" in errors["missing.txt"]
    good = [i for i in items if i.page.error is None]
    assert len(good) == len(items) - 6 and len(good) >= 7
    assert [dict(i.fields) for i in items if i.fields] == [{"id": "x1"}, {"id": "x3"}]


def test_cli_parse_and_enrich_give_the_same_items(corpus: list[str], model: str) -> None:
    want = _expected(corpus)
    parsed = subprocess.run([*EXE, "parse", *corpus], capture_output=True, text=True)
    assert parsed.returncode == 1, parsed.stderr  # 1: some records are error records
    assert _records(parsed.stdout) == want
    n_errors = sum(e for _s, _i, e in want)
    assert f"{n_errors} of {len(want)} records are error records" in parsed.stderr
    assert "Traceback" not in parsed.stderr
    enriched = subprocess.run(
        [*EXE, "enrich", "--model", model, *corpus], capture_output=True, text=True
    )
    assert enriched.returncode == 1, enriched.stderr
    assert _records(enriched.stdout) == want
    ids = [json.loads(line).get("fields") for line in enriched.stdout.splitlines()]
    assert [f for f in ids if f] == [{"id": "x1"}, {"id": "x3"}]


def test_cli_render_shows_every_item(corpus: list[str], model: str, tmp_path: Path) -> None:
    want = _expected(corpus)
    out = tmp_path / "page.html"
    run = subprocess.run(
        [*EXE, "render", "--model", model, "-o", str(out), *corpus], capture_output=True, text=True
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    n_errors = sum(e for _s, _i, e in want)
    assert f"wrote {out} ({len(want)} pages, {n_errors} error records)" in run.stderr
    html = out.read_text("utf-8")
    assert html.count('class="wirenlp-error"') == n_errors
    assert "Rutte" in html  # the good pages are there


def test_read_bag_and_enrich_bag_give_the_same_items(corpus: list[str], model: str) -> None:
    dask = pytest.importorskip("dask")
    import wirenlp.dask as wd

    with dask.config.set(scheduler="sync"):
        bag = wd.enrich_bag(wd.read_bag(corpus, files_per_partition=3), model=model)
        got = bag.compute()
    assert [(c["path"], c["index"], p.error is not None) for p, c in got] == _expected(corpus)
    assert [c["fields"] for _p, c in got if "fields" in c] == [{"id": "x1"}, {"id": "x3"}]


def test_cli_enrich_on_dask_gives_the_same_items(
    corpus: list[str], model: str, tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("distributed")
    out = tmp_path / "tables"
    run = subprocess.run(
        [*EXE, "enrich", "--dask", "local:1", "--to", "jsonl", "--output", str(out),
         "--model", model, *corpus],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    want = _expected(corpus)
    assert run.returncode == 1, run.stderr[-2000:]
    n_errors = sum(e for _s, _i, e in want)
    assert f"{n_errors} of {len(want)} records are error records" in run.stderr
    parts = sorted(
        (out / "pages").glob("part-*.jsonl"), key=lambda p: int(re.sub(r"\D", "", p.name))
    )
    pages = pd.concat([pd.read_json(p, lines=True, dtype=False) for p in parts])
    got = [
        (s, int(i), isinstance(e, str))
        for s, i, e in zip(pages["source"], pages["source_index"], pages["error"], strict=True)
    ]
    assert got == want


def test_cli_enrich_tables_give_the_same_items(
    corpus: list[str], model: str, tmp_path: Path
) -> None:
    pytest.importorskip("pandas")
    from wirenlp.export.frames import read_frames

    out = tmp_path / "tables"
    run = subprocess.run(
        [*EXE, "enrich", "--to", "jsonl", "--output", str(out), "--model", model, *corpus],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr[-2000:]
    pages = read_frames(out, "jsonl").pages
    got = [
        (s, int(i), isinstance(e, str))
        for s, i, e in zip(pages["source"], pages["source_index"], pages["error"], strict=True)
    ]
    assert got == _expected(corpus)

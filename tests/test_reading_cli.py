"""`wirenlp parse` / `wirenlp enrich` on wire files, directories, globs and zip archives; the
Enricher and wirenlp.enrich on pages from wirenlp.read."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import attrs
from typer.testing import CliRunner

import wirenlp
from wirenlp.cli import app
from wirenlp.nlp.enricher import Enricher

from . import standins
from .conftest import DATA, WIRE

FIXTURES = WIRE / "fixtures"


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "ap.xml", folder / "ap.xml")
    shutil.copy(FIXTURES / "IPTC7901.txt", folder / "sub" / "dpa.txt")
    shutil.copy(DATA / "hostile" / "xxe_file.xml", folder / "sub" / "xxe.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.write(FIXTURES / "ninjsExSimpleText1.json", "n.json")
        zf.write(DATA / "formats" / "afp_newsml12.xml", "afp.xml")
    (tmp_path / "arch.zip").write_bytes(buf.getvalue())
    return folder


def test_cli_parse_files_dirs_globs_zips(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = CliRunner().invoke(
        app,
        ["parse", str(folder), str(tmp_path / "*.zip"), "--format", "auto",
         "--reference-time", "2024-01-01T00:00:00+00:00"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # 1: some records are error records (xxe.xml)
    assert "1 of 7 records is an error record" in result.stderr
    lines = _lines(result.stdout)
    where = [(Path(d["source"].split("!")[0]).name + d["source"][len(d["source"].split("!")[0]) :],
              d["index"]) for d in lines]  # fmt: skip
    assert where == [
        ("ap.xml", 0), ("ap.xml", 1), ("ap.xml", 2), ("dpa.txt", 0), ("xxe.xml", 0),
        ("arch.zip!afp.xml", 0), ("arch.zip!n.json", 0),
    ]  # fmt: skip
    assert lines[4]["error"]["type"] == "UnsafeInputError"
    assert "xxe.xml" in lines[4]["error"]["message"]
    pages = [wirenlp.Page.from_dict(d) for d in lines]
    assert pages[0].meta.headline == "Nutrisystem beats 4Q earnings and revenue expectations"
    assert pages[5].meta.dateline.places[0].text == "Paris"
    assert pages[6].stories[0].dateline.places[0].text == "GROSSETO, Italy"
    assert pages[0].reference_time is not None


def test_cli_parse_named_format_and_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    nitf = str(FIXTURES / "ap-nitf.xml")
    ok = runner.invoke(app, ["parse", nitf, "--format", "nitf"])
    assert ok.exit_code == 0 and _lines(ok.stdout)[0]["meta"]["format"] == "nitf"
    wrong = runner.invoke(app, ["parse", nitf, "--format", "ninjs"])
    assert wrong.exit_code == 1  # an error record, not a crash
    assert _lines(wrong.stdout)[0]["error"]["type"] == "WireFormatError"
    assert runner.invoke(app, ["parse", nitf, "--format", "docx"]).exit_code == 2
    none = runner.invoke(app, ["parse", str(tmp_path / "*.none")])
    assert none.exit_code == 1  # an input that names nothing: an error record, not a usage error
    assert _lines(none.stdout)[0]["error"]["type"] == "FileNotFoundError"
    stdin = runner.invoke(app, ["parse", "-"], input=(FIXTURES / "ap.xml").read_bytes())
    assert [d["index"] for d in _lines(stdin.stdout)] == [0, 1, 2]


def test_cli_enrich_reads_wire_formats(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = CliRunner().invoke(
        app,
        ["enrich", str(folder / "ap.xml"), str(folder / "sub"), str(tmp_path / "arch.zip"),
         "--model", str(standins.md_path()), "--batch-size", "2"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # xxe.xml is an error record
    lines = _lines(result.stdout)
    assert [d["index"] for d in lines] == [0, 1, 2, 0, 0, 0, 0]
    assert lines[4]["error"]["type"] == "UnsafeInputError"
    assert lines[4]["meta"]["source_path"].endswith("xxe.xml")
    first = wirenlp.Page.from_dict(lines[0])
    assert first.meta.headline.startswith("Nutrisystem")
    ents = [e for s in first.stories for e in s.entities]
    assert any(e.source == "dateline" and e.text == "FORT WASHINGTON, Pa." for e in ents)


def _unlinked(meta):
    """``meta`` with its metadata dateline's links taken off."""
    if meta is None or meta.dateline is None:
        return meta
    return attrs.evolve(meta, dateline=attrs.evolve(meta.dateline, links=()))


def test_enricher_and_enrich_accept_read_pages() -> None:
    nlp = standins.md_shaped()
    pages = wirenlp.read(FIXTURES / "ap.xml")
    out = list(Enricher(nlp=nlp).pipe(pages))
    # meta is kept; only a metadata dateline gains its links (linked like a text dateline)
    assert [_unlinked(p.meta) for p in out] == [p.meta for p in pages]
    for p in out:
        if p.meta.dateline is not None:
            assert len(p.meta.dateline.links) == len(p.meta.dateline.places)
    assert [p.text for p in out] == [p.text for p in pages]
    assert all(any(s.entities for s in p.stories) for p in out)
    single = wirenlp.enrich(pages[1], model=nlp)
    assert _unlinked(single.meta) == pages[1].meta and single.stories[0].entities
    assert single.stories[0].entities[0].text == "BETHESDA, Md."


def test_cli_records_compact_by_default_full_on_request(tmp_path: Path) -> None:
    src = tmp_path / "items.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": "UTRECHT (ANP) - Een bericht."}) + "\n", "utf-8")
    runner = CliRunner()
    compact = _lines(runner.invoke(app, ["parse", str(src)]).stdout)[0]
    full = _lines(runner.invoke(app, ["parse", "--full", str(src)]).stdout)[0]
    (item,) = wirenlp.reading.iter_items([src])
    assert compact["fields"] == full["fields"] == {"id": "a1"}
    assert {k: full[k] for k in ("source", "index")} == {"source": str(src), "index": 0}
    assert "notes" in full and "notes" not in compact  # defaults left out of compact records
    assert wirenlp.Page.from_dict(full) == wirenlp.Page.from_dict(compact) == item.page

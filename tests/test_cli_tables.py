"""wirenlp enrich --output DIR --to FORMAT writes the frames of a whole batch."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

import wirenlp
from wirenlp.export.frames import FRAME_COLUMNS, read_frames

from ._outputs import WIRE

EXE = [sys.executable, "-m", "wirenlp.cli"]
FILES = sorted((WIRE / "pages").glob("*.txt"))[:4]


@pytest.fixture(scope="module")
def expected() -> wirenlp.Frames:
    pages = [page for path in FILES for page in wirenlp.read(path)]  # what the CLI reads
    return wirenlp.to_frames(wirenlp.Enricher().pipe(pages))


def test_enrich_writes_tables(tmp_path, expected):
    fmt = "parquet"  # csv and jsonl: the same Frames.write (tests/test_frames.py)
    out = tmp_path / "tables"
    args = [*EXE, "enrich", *map(str, FILES), "--output", str(out), "--to", fmt]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    assert done.stdout == ""  # tables instead of JSONL
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.{fmt}" for n in FRAME_COLUMNS)
    source = ["source", "source_index", "fields"]
    for name, want in expected.items():
        got = pd.read_parquet(out / f"{name}.{fmt}")
        assert [str(t) for t in got.dtypes] == [str(t) for t in want.dtypes]  # declared dtypes
        if name == "pages":
            got, want = got.drop(columns=source), want.drop(columns=source)
        pd.testing.assert_frame_equal(got, want, check_categorical=False)
    assert len(expected.pages) == len(FILES)


def test_enrich_tables_say_where_each_page_came_from(tmp_path):
    out = tmp_path / "tables"
    args = [*EXE, "enrich", *map(str, FILES[:2]), "--output", str(out), "--to", "jsonl"]
    subprocess.run(args, capture_output=True, text=True, check=True)
    pages = read_frames(out, "jsonl").pages
    assert pages["source"].tolist() == [str(f) for f in FILES[:2]]
    assert pages["source_index"].tolist() == [0, 0]


def _words(text: str) -> str:
    """The words of a message, whatever the terminal width wrapped (and boxed) it into."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", text).split())


@pytest.mark.parametrize("columns", ["40", "200"])
def test_to_needs_output(columns):
    env = dict(os.environ, COLUMNS=columns)
    done = subprocess.run(
        [*EXE, "enrich", str(FILES[0]), "--to", "csv"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2 and "--to needs --output DIR" in _words(done.stderr)


def test_jsonl_stays_the_default():
    done = subprocess.run(
        [*EXE, "parse", str(FILES[0])], capture_output=True, text=True, check=True
    )
    (line,) = done.stdout.splitlines()
    record = json.loads(line)
    assert record["source"] == str(FILES[0]) and record["index"] == 0
    assert record["schema_version"] == wirenlp.records.SCHEMA_VERSION

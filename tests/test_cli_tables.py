"""wirenlp enrich --output DIR --to FORMAT writes the frames of a whole batch."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import wirenlp
from wirenlp.export.frames import FRAME_COLUMNS

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
    for name, want in expected.items():
        path = out / f"{name}.{fmt}"
        got = pd.read_parquet(path)
        pd.testing.assert_frame_equal(got, want, check_dtype=False, check_categorical=False)
    assert len(expected.pages) == len(FILES)


def test_to_needs_output():
    done = subprocess.run(
        [*EXE, "enrich", str(FILES[0]), "--to", "csv"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "--output" in done.stderr


def test_jsonl_stays_the_default():
    done = subprocess.run(
        [*EXE, "parse", str(FILES[0])], capture_output=True, text=True, check=True
    )
    (line,) = done.stdout.splitlines()
    record = json.loads(line)
    assert record["source"] == str(FILES[0]) and record["index"] == 0
    assert record["schema_version"] == wirenlp.records.SCHEMA_VERSION

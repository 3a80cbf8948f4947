"""The gazetteer's disk cache: where it goes, how to move or disable it, and a read-only home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wirenlp.linking.gazetteer import Gazetteer
from wirenlp.linking.loader import cache_dir

LOAD = (
    "from wirenlp.linking.gazetteer import Gazetteer; "
    "print(Gazetteer.default().resolve('BRUSSEL').geonameid)"
)


def run_load(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("WIRENLP_CACHE", "XDG_CACHE_HOME")}
    return subprocess.run(
        [sys.executable, "-c", LOAD], env={**base, **env}, capture_output=True, text=True
    )


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("gazetteer-*.bin"))


def test_xdg_cache_home_is_honoured(tmp_path: Path) -> None:
    result = run_load({"XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path / "home")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2800866"
    files = cached_files(tmp_path / "wirenlp")
    assert len(files) == 1 and files[0].stat().st_size > 1_000_000
    assert not (tmp_path / "home").exists()


def test_wirenlp_cache_moves_it(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    result = run_load({"WIRENLP_CACHE": str(target), "XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert result.returncode == 0, result.stderr
    assert len(cached_files(target)) == 1
    assert not (tmp_path / "xdg").exists()


@pytest.mark.parametrize("off", ["0", "off", "OFF", "false", "no"])
def test_wirenlp_cache_off_writes_nothing(tmp_path: Path, off: str) -> None:
    result = run_load(
        {"WIRENLP_CACHE": off, "XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2800866"
    assert list(tmp_path.iterdir()) == []


def test_cache_dir_values(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WIRENLP_CACHE", "off")
    assert cache_dir() is None
    monkeypatch.setenv("WIRENLP_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("WIRENLP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "wirenlp"


def test_unwritable_cache_location_still_loads(tmp_path: Path) -> None:
    # a read-only home in effect: a regular file where the cache folder should be makes mkdir
    # fail whoever runs the test (root ignores file modes, so chmod would prove nothing)
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    result = run_load({"WIRENLP_CACHE": str(blocker / "wirenlp")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2800866"


def test_corrupt_cache_file_is_replaced(tmp_path: Path) -> None:
    assert run_load({"WIRENLP_CACHE": str(tmp_path)}).returncode == 0
    (cached,) = cached_files(tmp_path)
    cached.write_bytes(cached.read_bytes()[:5000])  # truncated, magic intact
    result = run_load({"WIRENLP_CACHE": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2800866"


def test_fresh_loads_agree(tmp_path: Path) -> None:
    a = Gazetteer.load(cache=False)
    b = Gazetteer.load(cache=False)
    assert a is not b and a.index is not b.index
    for name in ("BRUSSEL", "Bergen", "Den Haag", "Rijssel", "FORT WASHINGTON, Pa."):
        assert a.resolve(name) == b.resolve(name)

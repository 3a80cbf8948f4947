"""The pipelines behind wirenlp.enrich: kept per model, at most four, loaded once under a lock."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

import wirenlp
from wirenlp.nlp import enricher as enricher_module

from . import standins


def model_copies(tmp_path: Path, n: int) -> list[Path]:
    src = standins.md_path()
    out = []
    for i in range(n):
        dst = tmp_path / f"model{i}"
        shutil.copytree(src, dst)
        out.append(dst)
    return out


def test_the_cache_is_bounded_least_recently_used_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert enricher_module._CACHE_SIZE == 4  # as documented on wirenlp.enrich
    monkeypatch.setattr(enricher_module, "_CACHE_SIZE", 2)
    enricher_module._ENRICHERS.clear()
    paths = model_copies(tmp_path, 3)
    for p in paths:
        assert wirenlp.enrich("BRUSSEL (ANP) - Tekst.", model=p).error is None
    assert list(enricher_module._ENRICHERS) == [str(p) for p in paths[1:]]
    wirenlp.enrich("x", model=paths[1])  # used again: now the most recent
    assert list(enricher_module._ENRICHERS) == [str(paths[2]), str(paths[1])]


def test_concurrent_first_calls_load_the_model_once(tmp_path: Path) -> None:
    enricher_module._ENRICHERS.clear()
    (path,) = model_copies(tmp_path, 1)
    seen: list[int] = []

    def call() -> None:
        wirenlp.enrich("BRUSSEL (ANP) - Tekst.", model=path)
        seen.append(id(enricher_module._ENRICHERS[str(path)]))

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 4 and len(set(seen)) == 1

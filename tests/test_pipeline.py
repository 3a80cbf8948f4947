"""Pipeline resolution, trimming, label tables and ``wirenlp info`` (stand-in pipelines)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

import wirenlp
from tests import standins
from wirenlp.cli import app
from wirenlp.nlp import pipeline as wp
from wirenlp.nlp.labels import CONLL, ONTONOTES, WIRE, detect_scheme, kind_of, preset_labels

md_path = standins.md_path


@pytest.fixture
def no_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend no nl_core_news_* package and no embedded default is installed."""
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    monkeypatch.setattr(wp, "embedded_model_path", lambda: None)


# --- labels ------------------------------------------------------------------------------


def test_ontonotes_table() -> None:
    assert ONTONOTES.kind("PERSON") == "person"
    assert ONTONOTES.kind("ORG") == "organisation"
    assert {ONTONOTES.kind(x) for x in ("GPE", "LOC", "FAC")} == {"place"}
    assert ONTONOTES.kind("NORP") == "nationality"
    assert ONTONOTES.kind("DATE") == "other"
    assert ONTONOTES.kind("SOMETHING_NEW") == "other"


def test_conll_and_wire_tables() -> None:
    for scheme in (CONLL, WIRE):
        assert scheme.kind("PER") == "person"
        assert scheme.kind("ORG") == "organisation"
        assert scheme.kind("LOC") == "place"
    assert CONLL.kind("MISC") == "other"
    assert WIRE.kind("MISC") == "nationality"  # nl_wire_ner: demonyms
    assert kind_of("PER", "conll") == "person"


def test_detect_scheme() -> None:
    assert detect_scheme(standins.ONTONOTES_LABELS) is ONTONOTES
    assert detect_scheme(standins.CONLL_LABELS) is CONLL
    assert detect_scheme(standins.CONLL_LABELS, "nl_wire_ner") is WIRE
    assert detect_scheme(["PER", "LOC", "ORG", "GPE"]) is CONLL
    assert CONLL.kind("GPE") == "place"  # outside the table, still known elsewhere


def test_preset_labels_are_known_to_the_ner() -> None:
    assert preset_labels(ONTONOTES, standins.ONTONOTES_LABELS) == ("GPE", "ORG")
    assert preset_labels(CONLL, standins.CONLL_LABELS) == ("LOC", "ORG")
    assert preset_labels(ONTONOTES, ["LOC", "ORG", "PERSON"]) == ("LOC", "ORG")


# --- trimming ------------------------------------------------------------------------------


def test_plan_trim_md_shaped_independent_ner() -> None:
    config = spacy.util.load_config(md_path() / "config.cfg", interpolate=False)
    kept, dropped = wp.plan_trim(config)
    assert kept == ["ner"]
    assert set(dropped) == {
        "tok2vec", "morphologizer", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"
    }  # fmt: skip


def test_plan_trim_keeps_tok2vec_the_ner_listens_to() -> None:
    config = spacy.util.load_config(md_path(True) / "config.cfg", interpolate=False)
    assert config["components"]["ner"]["model"]["tok2vec"]["@architectures"] == (
        "spacy.Tok2VecListener.v1"
    )
    kept, _ = wp.plan_trim(config)
    assert kept == ["tok2vec", "ner"]
    kept, _ = wp.plan_trim(config, keep=["parser"])
    assert kept == ["tok2vec", "parser", "ner"]
    with pytest.raises(ValueError, match="not in the pipeline"):
        wp.plan_trim(config, keep=["nope"])


def test_plan_trim_never_drops_unknown_components() -> None:
    config = {
        "nlp": {"pipeline": ["tagger", "my_component", "ner"]},
        "components": {
            "tagger": {"factory": "tagger"},
            "my_component": {"factory": "my_factory"},
            "ner": {"factory": "ner"},
        },
    }
    assert wp.plan_trim(config) == (["my_component", "ner"], ["tagger"])


def test_load_pipeline_from_path_is_trimmed() -> None:
    nlp = wirenlp.load_pipeline(md_path())
    assert nlp.pipe_names == ["wire_dateline", "ner"]
    assert nlp.get_pipe("wire_dateline").place_label == "GPE"
    nlp = wirenlp.load_pipeline(str(md_path(True)), dateline=False)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    nlp = wirenlp.load_pipeline(md_path(True), keep=["parser"], dateline=False)
    assert nlp.pipe_names == ["tok2vec", "parser", "ner"]
    doc = nlp("Jens Stoltenberg zei dat in Brussel.")
    assert doc.has_annotation("DEP")


def test_load_pipeline_returns_a_language_unchanged() -> None:
    nlp = standins.blank_ner()
    assert wirenlp.load_pipeline(nlp) is nlp
    assert nlp.pipe_names == ["ner"]


def test_missing_name_says_how_to_install() -> None:
    if spacy.util.is_package("nl_core_news_md"):  # pragma: no cover
        pytest.skip("nl_core_news_md is installed here")
    with pytest.raises(wirenlp.ModelNotFoundError) as info:
        wirenlp.load_pipeline("nl_core_news_md")
    assert "python -m spacy download nl_core_news_md" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(wirenlp.ModelNotFoundError, match="not found"):
        wirenlp.load_pipeline(tmp_path / "nowhere")


def test_auto_prefers_lg_then_md_then_sm(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"nl_core_news_md", "nl_core_news_sm"}
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name in installed)
    assert wp.resolve_model("auto") == wp.ResolvedModel("package", "nl_core_news_md")
    installed.add("nl_core_news_lg")
    assert wp.resolve_model("auto").name == "nl_core_news_lg"


def test_auto_without_any_model_is_a_clear_error(no_models: None) -> None:
    with pytest.raises(wirenlp.ModelNotFoundError, match="reinstall wirenlp"):
        wirenlp.load_pipeline("auto")


def test_auto_uses_embedded_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "nl_wire_ner"
    nlp = standins.blank_ner(standins.CONLL_LABELS)
    nlp.meta["name"] = "wire_ner"
    nlp.to_disk(path)
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    monkeypatch.setattr(wp, "embedded_model_path", lambda: path)
    assert wp.resolve_model("auto") == wp.ResolvedModel("embedded", "nl_wire_ner", path)
    loaded = wirenlp.load_pipeline()
    assert loaded.pipe_names == ["wire_dateline", "ner"]
    assert wp.scheme_of(loaded) is WIRE
    assert wp.pipeline_info(loaded).source == "embedded"


def test_embedded_default_path_is_inside_the_package() -> None:
    path = wp.embedded_model_path()
    assert path is not None, "the embedded model ships with wirenlp"
    assert path.parent.name == "models"
    assert path.parent.parent == Path(wirenlp.__file__).parent
    assert (path / "meta.json").is_file()


def test_package_is_trimmed_before_loading(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An installed nl_core_news_md: exclusions come from its config, read before loading."""
    pkg = tmp_path / "nl_core_news_md"
    data = pkg / "nl_core_news_md-3.8.0"
    shutil.copytree(md_path(), data)
    meta = {"lang": "nl", "name": "core_news_md", "version": "3.8.0"}
    (pkg / "meta.json").write_text(json.dumps(meta))
    calls: list[tuple[str, list[str]]] = []
    real_load = spacy.load

    def fake_load(name: str, exclude: list[str] = (), **kw: object) -> spacy.Language:
        calls.append((name, list(exclude)))
        return real_load(data, exclude=exclude)

    monkeypatch.setattr(spacy.util, "is_package", lambda name: name == "nl_core_news_md")
    monkeypatch.setattr(spacy.util, "get_package_path", lambda name: pkg)
    monkeypatch.setattr(spacy, "load", fake_load)
    loaded = wirenlp.load_pipeline("auto")
    assert calls[0][0] == "nl_core_news_md"
    assert {"parser", "tagger", "morphologizer", "lemmatizer", "tok2vec"} <= set(calls[0][1])
    assert loaded.pipe_names == ["wire_dateline", "ner"]
    assert wp.scheme_of(loaded) is ONTONOTES


def test_bad_model_type() -> None:
    with pytest.raises(TypeError):
        wp.resolve_model(42)  # type: ignore[arg-type]


# --- wirenlp info --------------------------------------------------------------------------


def test_info_command_on_a_path() -> None:
    result = CliRunner().invoke(app, ["info", "--model", str(md_path())])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "ner" in out and "wire_dateline" in out
    assert "PERSON" in out and "GPE" in out
    assert "ontonotes" in out
    assert spacy.about.__version__ in out


def test_info_command_shows_the_embedded_default() -> None:
    if any(spacy.util.is_package(name) for name in wp.AUTO_MODELS):  # pragma: no cover
        pytest.skip("an nl_core_news package is installed here")
    result = CliRunner().invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    assert "source:     embedded" in result.output
    assert "PER" in result.output and "MISC" in result.output


def test_info_command_without_any_model(no_models: None) -> None:
    result = CliRunner().invoke(app, ["info"])
    assert result.exit_code == 2
    assert "reinstall wirenlp" in result.output


def test_info_command_missing_model() -> None:
    if spacy.util.is_package("nl_core_news_md"):  # pragma: no cover
        pytest.skip("nl_core_news_md is installed here")
    result = CliRunner().invoke(app, ["info", "--model", "nl_core_news_md"])
    assert result.exit_code != 0
    assert "spacy download" in result.output

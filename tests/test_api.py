"""Public API edges: types, bytes, empty input, spaCy-free import, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest
from typer.testing import CliRunner

import wirenlp
from wirenlp.cli import app
from wirenlp.parsing.page import DecodingWarning


def test_empty_text_has_no_stories():
    assert wirenlp.parse("").stories == ()
    assert wirenlp.parse(" \n\t\u00a0").stories == ()


@pytest.mark.parametrize("bad", [None, 3, b"BRUSSEL (ANP) - x", ["a"]])
def test_non_str_is_a_type_error(bad):
    with pytest.raises(TypeError, match="expects str"):
        wirenlp.parse(bad)


def test_bad_reference_time_is_a_type_error():
    with pytest.raises(TypeError, match="reference_time"):
        wirenlp.parse("x", reference_time="2026-01-01")


def test_parse_bytes_utf8_and_cp1252():
    text = "BELÉM (ANP) - Nederland blijft gecommitteerd."
    assert wirenlp.parse_bytes(text.encode("utf-8")).text == text
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wirenlp.parse_bytes(text.encode("utf-8"))
    with pytest.warns(DecodingWarning, match="cp1252"):
        page = wirenlp.parse_bytes(text.encode("cp1252"))
    assert page.text == text
    assert page.stories[0].dateline.places[0].text == "BELÉM"


def test_parse_bytes_rejects_str():
    with pytest.raises(TypeError, match="expects bytes"):
        wirenlp.parse_bytes("text")


def test_from_dict_rejects_garbage():
    with pytest.raises(ValueError, match="not a wirenlp page"):
        wirenlp.Page.from_dict({"stories": "nope"})
    with pytest.raises(ValueError) as bad:  # one line naming each bad field
        wirenlp.Page.from_dict({"text": "x", "stories": [{"start": "no"}]})
    assert "\n" not in str(bad.value) and "sub-exception" not in str(bad.value)
    assert "page.stories[0].start" in str(bad.value)


def test_import_does_not_load_spacy():
    code = "import sys, wirenlp; wirenlp.parse('BRUSSEL (ANP) - x'); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_control_characters_keep_offsets():
    text = "\ufeffKop\r\n\r\n\x00BRUSSEL\u00a0(ANP) -\u00a0De\u200b NAVO.\r\n1 uur geleden"
    page = wirenlp.parse(text)
    (story,) = page.stories
    assert story.dateline.places[0].text == "BRUSSEL"
    assert story.time.text == "1 uur geleden"
    assert text[story.body.start : story.body.end] == story.body.text


def test_cli_parse_jsonl(wire_dir, tmp_path):
    runner = CliRunner()
    seed = wire_dir / "seed_anp_buitenland.txt"
    result = runner.invoke(
        app, ["parse", str(seed), str(seed), "--reference-time", "2026-03-05T14:30:00+00:00"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    page = wirenlp.Page.from_dict(lines[0])
    assert len(page.stories) == 8
    assert page.stories[1].time.latest is not None


def test_cli_parse_stdin_and_errors():
    runner = CliRunner()
    result = runner.invoke(app, ["parse", "-"], input="DOMBURG - Journalist overleden.")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["stories"][0]["dateline"]["text"] == "DOMBURG -"
    assert runner.invoke(app, ["parse", "/nonexistent/file.txt"]).exit_code != 0
    assert (
        runner.invoke(app, ["parse", "-", "--reference-time", "gisteren"], input="x").exit_code != 0
    )


def test_one_subpackage_per_stage_and_no_hidden_modules():
    code = (
        "import importlib, importlib.util, sys, wirenlp\n"
        "assert callable(wirenlp.parse) and callable(wirenlp.parse_bytes)\n"
        # no module of a public function's name hides behind it
        "for name in ('parse', 'enrich', 'link_page'):\n"
        "    assert importlib.util.find_spec('wirenlp.' + name) is None, name\n"
        "for stage in ('parsing', 'nlp', 'linking'):\n"
        "    importlib.import_module('wirenlp.' + stage)\n"
        "import wirenlp.parsing.page as page_module\n"
        "assert page_module.parse is wirenlp.parse\n"
        "print('spacy' in sys.modules, 'rapidfuzz' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]  # the stage packages import nothing heavy


def test_lazy_public_names_resolve():
    from wirenlp.linking.gazetteer import Gazetteer
    from wirenlp.linking.kb import KnowledgeBase
    from wirenlp.linking.linker import link_page
    from wirenlp.nlp.enricher import Enricher, enrich

    assert wirenlp.Enricher is Enricher and wirenlp.enrich is enrich
    assert wirenlp.Gazetteer is Gazetteer and wirenlp.KnowledgeBase is KnowledgeBase
    assert wirenlp.link_page is link_page
    with pytest.raises(AttributeError):
        _ = wirenlp.no_such_name

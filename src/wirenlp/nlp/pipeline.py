"""Choosing, loading and trimming the spaCy pipeline that finds entities.

``model`` may be:

* ``"auto"`` — the first installed of ``nl_core_news_lg``, ``nl_core_news_md``,
  ``nl_core_news_sm``, else the embedded default ``wirenlp/models/nl_wire_ner``, else (while
  that is missing, a broken installation) :class:`~wirenlp.ModelNotFoundError`;
* ``"embedded"`` — the embedded default;
* the name of an installed spaCy pipeline package, or a path to a pipeline directory
  (``nlp.to_disk`` output) — :class:`~wirenlp.ModelNotFoundError` says how to install it when it
  is not there; nothing is ever downloaded;
* a loaded :class:`spacy.language.Language`, used as it is.

Trimming: only what NER needs is loaded (``exclude=``): entity components, the ``tok2vec`` or
``transformer`` an entity component listens to, and components of factories wirenlp does not
know (a user's own components are never dropped). ``keep`` names more components to keep.
"""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import spacy
from spacy.language import Language

from ..errors import ModelNotFoundError
from .labels import ENT_FACTORIES, LabelScheme, detect_scheme, ent_labels, preset_labels

__all__ = [
    "AUTO_MODELS",
    "DROPPABLE_FACTORIES",
    "EMBEDDED_NAME",
    "PipelineInfo",
    "ResolvedModel",
    "embedded_model_path",
    "load_pipeline",
    "pipeline_info",
    "plan_trim",
    "resolve_model",
]

#: Installed packages tried by ``model="auto"``, in order.
AUTO_MODELS: tuple[str, ...] = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")
#: Directory name of the embedded default inside the package.
EMBEDDED_NAME = "nl_wire_ner"
#: Factories that set ``doc.ents``: always kept.
#: Factories that NER does not need: dropped unless asked for.
DROPPABLE_FACTORIES = frozenset(
    {
        "parser",
        "beam_parser",
        "tagger",
        "morphologizer",
        "lemmatizer",
        "trainable_lemmatizer",
        "attribute_ruler",
        "senter",
        "sentencizer",
        "textcat",
        "textcat_multilabel",
        "spancat",
        "spancat_singlelabel",
        "tok2vec",
        "transformer",
        "curated_transformer",
    }
)
#: Embedding components that other components can listen to.
EMBEDDING_FACTORIES = frozenset({"tok2vec", "transformer", "curated_transformer"})

_INSTALL_HINT = (
    "Install it with `python -m spacy download {name}` (or `pip install` the wheel from "
    "https://github.com/explosion/spacy-models/releases), or pass another pipeline: "
    'model="auto" uses the first installed of {auto} and falls back to wirenlp\'s embedded '
    "default; model=PATH loads a pipeline saved with nlp.to_disk; Enricher(nlp=...) takes a "
    "loaded pipeline. wirenlp never downloads models at run time."
)


def _not_found(name: str, detail: str) -> ModelNotFoundError:
    hint = _INSTALL_HINT.format(
        name=name if os.sep not in name else "nl_core_news_md", auto=", ".join(AUTO_MODELS)
    )
    return ModelNotFoundError(f"spaCy pipeline {name!r} {detail}. {hint}")


@attrs.frozen
class ResolvedModel:
    """Where a pipeline comes from: ``kind`` is ``package``, ``path``, ``embedded`` or
    ``language``."""

    kind: str
    name: str
    path: Path | None = None


def embedded_model_path() -> Path | None:
    """The directory of the embedded default pipeline, or None when it is not shipped."""
    try:
        root = importlib.resources.files("wirenlp") / "models" / EMBEDDED_NAME
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - odd installs
        return None
    path = Path(str(root))
    return path if (path / "config.cfg").is_file() else None


def resolve_model(model: str | os.PathLike[str] | Language = "auto") -> ResolvedModel:
    """Decide which pipeline ``model`` means (see the module doc); raises
    :class:`~wirenlp.ModelNotFoundError` for a name or path that is not installed."""
    if isinstance(model, Language):
        return ResolvedModel("language", str(model.meta.get("name", "custom")))
    if isinstance(model, os.PathLike):
        return _resolve_path(Path(model))
    if not isinstance(model, str):
        raise TypeError(f"model must be a name, a path or a spacy Language, got {model!r}")
    if model == "auto":
        for name in AUTO_MODELS:
            if spacy.util.is_package(name):
                return ResolvedModel("package", name)
        return _resolve_embedded()
    if model in ("embedded", EMBEDDED_NAME):
        return _resolve_embedded()
    if os.sep in model or "/" in model or model.startswith(".") or Path(model).exists():
        return _resolve_path(Path(model))
    if spacy.util.is_package(model):
        return ResolvedModel("package", model)
    raise _not_found(model, "is not installed")


def _resolve_path(path: Path) -> ResolvedModel:
    if not (path / "config.cfg").is_file():
        raise _not_found(str(path), "was not found (no config.cfg in that directory)")
    return ResolvedModel("path", path.name, path)


def _resolve_embedded() -> ResolvedModel:
    path = embedded_model_path()
    if path is None:
        raise ModelNotFoundError(
            f"the embedded default pipeline ({EMBEDDED_NAME}) is missing from this wirenlp "
            "installation; reinstall wirenlp (pip install --force-reinstall wirenlp), or install "
            "a Dutch spaCy pipeline: python -m spacy download nl_core_news_md"
        )
    return ResolvedModel("embedded", EMBEDDED_NAME, path)


# --- trimming ------------------------------------------------------------------------------


def _listened_upstreams(cfg: Any) -> set[str]:
    """Upstream names of every listener layer in a component's config (``*`` = any)."""
    found: set[str] = set()
    if isinstance(cfg, Mapping):
        arch = cfg.get("@architectures")
        if isinstance(arch, str) and "Listener" in arch:
            found.add(str(cfg.get("upstream", "*")))
        for value in cfg.values():
            found |= _listened_upstreams(value)
    elif isinstance(cfg, (list, tuple)):
        for value in cfg:
            found |= _listened_upstreams(value)
    return found


def _factory_of(name: str, cfg: Mapping[str, Any]) -> str:
    factory = cfg.get("factory")
    if isinstance(factory, str):
        return factory
    return name  # sourced component: guess from its name


def plan_trim(config: Mapping[str, Any], keep: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """Split a pipeline's components into ``(kept, dropped)`` for NER.

    ``config`` is a pipeline config (``nlp.config`` or a loaded ``config.cfg``). Kept:
    components whose factory sets entities, components of unknown factories, names in ``keep``,
    and every ``tok2vec``/``transformer`` that a kept component listens to
    (``spacy.Tok2VecListener.v1`` / ``TransformerListener``).
    """
    pipeline = list(config.get("nlp", {}).get("pipeline", []))
    components: Mapping[str, Any] = config.get("components", {})
    keep = set(keep)
    unknown = keep - set(pipeline)
    if unknown:
        raise ValueError(f"cannot keep {sorted(unknown)}: not in the pipeline {pipeline}")
    factories = {name: _factory_of(name, components.get(name, {})) for name in pipeline}
    kept = {
        name
        for name in pipeline
        if name in keep
        or factories[name] in ENT_FACTORIES
        or factories[name] not in DROPPABLE_FACTORIES
    }
    # Embedding components that kept components listen to (transitively).
    changed = True
    while changed:
        changed = False
        for name in list(kept):
            for upstream in _listened_upstreams(components.get(name, {}).get("model", {})):
                for other in pipeline:
                    if other in kept or factories[other] not in EMBEDDING_FACTORIES:
                        continue
                    if upstream in ("*", other) and pipeline.index(other) < pipeline.index(name):
                        kept.add(other)
                        changed = True
    ordered_kept = [n for n in pipeline if n in kept]
    dropped = [n for n in pipeline if n not in kept]
    return ordered_kept, dropped


def _package_config(name: str) -> Any | None:
    """The config of an installed pipeline package, read without loading it."""
    try:
        pkg = Path(str(spacy.util.get_package_path(name)))
        meta = spacy.util.load_meta(pkg / "meta.json")
        data_dir = pkg / f"{meta['lang']}_{meta['name']}-{meta['version']}"
        if not (data_dir / "config.cfg").is_file():
            candidates = sorted(p.parent for p in pkg.glob("*/config.cfg"))
            if not candidates:
                return None
            data_dir = candidates[0]
        return spacy.util.load_config(data_dir / "config.cfg", interpolate=False)
    except Exception:  # any odd packaging: fall back to load-then-trim
        return None


def _trim_loaded(nlp: Language, keep: Iterable[str]) -> Language:
    _, dropped = plan_trim(nlp.config, keep)
    for name in dropped:
        nlp.remove_pipe(name)
    return nlp


def _add_dateline(nlp: Language) -> None:
    if "wire_dateline" in nlp.pipe_names:
        return
    ent_pipes = [n for n, f in nlp.pipe_factories.items() if f in ENT_FACTORIES]
    labels: list[str] = []
    for name in ent_pipes:
        labels.extend(getattr(nlp.get_pipe(name), "labels", ()))
    scheme = scheme_of(nlp)
    place, org = preset_labels(scheme, labels)
    import wirenlp.nlp.components  # noqa: F401  (registers the factory)

    config = {"place_label": place, "org_label": org}
    if ent_pipes:
        nlp.add_pipe("wire_dateline", before=ent_pipes[0], config=config)
    else:
        nlp.add_pipe("wire_dateline", config=config)


def load_pipeline(
    model: str | os.PathLike[str] | Language = "auto",
    keep: Iterable[str] = (),
    dateline: bool = True,
) -> Language:
    """Load the spaCy pipeline for ``model`` (see the module doc), trimmed to what NER needs.

    ``keep`` names components to keep besides those. With ``dateline`` (the default) a
    ``wire_dateline`` component is added before the first entity component, so that
    ``nlp(text)`` on wire copy presets the dateline. A :class:`~spacy.language.Language` passed
    as ``model`` is returned unchanged. Raises :class:`~wirenlp.ModelNotFoundError` when a
    named pipeline or path is not installed.
    """
    if isinstance(model, Language):
        return model
    keep = tuple(keep)
    resolved = resolve_model(model)
    target: str | Path = resolved.path if resolved.path is not None else resolved.name
    config = (
        _package_config(resolved.name)
        if resolved.kind == "package"
        else spacy.util.load_config(Path(target) / "config.cfg", interpolate=False)
    )
    if config is None:
        nlp = _trim_loaded(spacy.load(target), keep)
    else:
        _, dropped = plan_trim(config, keep)
        nlp = spacy.load(target, exclude=dropped)
    nlp.meta.setdefault("wirenlp", {})
    nlp.meta["wirenlp"].update({"source": resolved.kind, "model": resolved.name})
    if dateline:
        _add_dateline(nlp)
    return nlp


# --- describing a pipeline -----------------------------------------------------------------


def scheme_of(nlp: Language) -> LabelScheme:
    """The label scheme (:mod:`wirenlp.nlp.labels`) of ``nlp``."""
    return detect_scheme(ent_labels(nlp), str(nlp.meta.get("name", "")))


@attrs.frozen
class PipelineInfo:
    """What ``wirenlp info`` prints about a pipeline."""

    name: str
    version: str
    source: str
    components: tuple[str, ...]
    labels: tuple[str, ...]
    scheme: str
    spacy_version: str
    wirenlp_version: str
    pipeline_spacy_version: str


def pipeline_info(nlp: Language) -> PipelineInfo:
    """Describe ``nlp``: name, version, components, entity labels, label scheme, versions."""
    from .. import __version__

    meta = nlp.meta
    extra = meta.get("wirenlp", {}) if isinstance(meta.get("wirenlp"), Mapping) else {}
    name = str(meta.get("name", "") or "custom")
    lang = str(meta.get("lang", nlp.lang))
    if not name.startswith(f"{lang}_"):
        name = f"{lang}_{name}"  # spaCy packages: lang "nl" + name "core_news_md"
    return PipelineInfo(
        name=name,
        version=str(meta.get("version", "")),
        source=str(extra.get("source", "language")),
        components=tuple(nlp.pipe_names),
        labels=tuple(ent_labels(nlp)),
        scheme=scheme_of(nlp).name,
        spacy_version=spacy.about.__version__,
        wirenlp_version=__version__,
        pipeline_spacy_version=str(meta.get("spacy_version", "")),
    )

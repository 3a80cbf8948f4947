"""Griffe extension for the API reference: wirenlp's docstrings use Sphinx roles
(:func:`parse`, :class:`~wirenlp.records.Page`); Markdown shows them as code (`parse`,
`Page`: a ``~`` keeps the last part of the name, as Sphinx does)."""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|data|attr|exc|obj|const):`(~?)([^`]+)`")


def _code(match: re.Match[str]) -> str:
    short, name = match.groups()
    return f"`{name.rsplit('.', 1)[-1] if short else name}`"


class SphinxRoles(griffe.Extension):
    """Rewrite Sphinx cross-reference roles in docstrings as inline code."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = ROLE.sub(_code, obj.docstring.value)

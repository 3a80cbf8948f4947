"""Near-duplicate stories: a corrected or updated story (same headline and dateline, changed
body) is stored as a new story and linked to the first one as a version.

Candidates are blocked by :func:`~wirenlp.archive.keys.block_key` (headline + dateline), then
compared with rapidfuzz — ``token_set_ratio`` of the story texts, cutoff :data:`CUTOFF` —
against the latest version of each version chain in the block.
"""

from __future__ import annotations

import attrs
from rapidfuzz import fuzz, process

__all__ = ["CUTOFF", "Chains"]

CUTOFF = 70.0
"""rapidfuzz ``token_set_ratio`` at or above which two story texts in one block are versions."""


@attrs.define
class _Chain:
    first: str  # the first version's story key
    text: str  # the latest version's text
    version: int


class Chains:
    """The version chains of the blocks in play, filled from the archive (:meth:`add_known`)
    and by :meth:`link`."""

    def __init__(self) -> None:
        self.blocks: dict[str, list[_Chain]] = {}

    def add_known(self, block: str, first: str, text: str, version: int) -> None:
        """Record a stored story (in any order: the highest version of a chain wins)."""
        chains = self.blocks.setdefault(block, [])
        for chain in chains:
            if chain.first == first:
                if version > chain.version:
                    chain.text, chain.version = text, version
                return
        chains.append(_Chain(first, text, version))

    def link(self, block: str | None, story: str, text: str) -> tuple[str, int]:
        """``(version_of, version)`` for a new story: the next version of the chain whose latest
        text is similar enough (the best one), else a new chain with the story as version 1."""
        if block is None:
            return story, 1
        chains = self.blocks.setdefault(block, [])
        hit = process.extractOne(
            text, [c.text for c in chains], scorer=fuzz.token_set_ratio, score_cutoff=CUTOFF
        )
        if hit is not None:
            chain = chains[hit[2]]
            chain.text, chain.version = text, chain.version + 1
            return chain.first, chain.version
        chains.append(_Chain(story, text, 1))
        return story, 1

"""Near-duplicate stories: a corrected or updated story (same headline and dateline, changed
body) is stored as a new story and linked to the first one as a version.

Candidates are blocked by :func:`~wirenlp.archive.keys.block_key` (headline + dateline), then
compared with rapidfuzz — ``token_set_ratio`` of the bodies, cutoff :data:`CUTOFF` — against the
latest version of each version chain in the block.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

__all__ = ["CUTOFF", "Chains"]

CUTOFF = 70.0
"""rapidfuzz ``token_set_ratio`` at or above which two bodies in one block are versions."""


class Chains:
    """The version chains of the blocks in play: block → ``[first story, latest body,
    latest version]`` per chain, filled from the archive (:meth:`add_known`) and by :meth:`link`."""

    def __init__(self) -> None:
        self.blocks: dict[str, list[list[object]]] = {}

    def add_known(self, block: str, first: str, body: str, version: int) -> None:
        """Record a stored story (rows in any order: the highest version of a chain wins)."""
        chains = self.blocks.setdefault(block, [])
        for chain in chains:
            if chain[0] == first:
                if version > int(chain[2]):  # type: ignore[call-overload]
                    chain[1], chain[2] = body, version
                return
        chains.append([first, body, version])

    def link(self, block: str | None, story: str, body: str) -> tuple[str, int]:
        """``(version_of, version)`` for a new story: the next version of the chain whose latest
        body is similar enough, else a new chain with the story as version 1."""
        if block is None:
            return story, 1
        chains = self.blocks.setdefault(block, [])
        hit = process.extractOne(
            body,
            [str(c[1]) for c in chains],
            scorer=fuzz.token_set_ratio,
            score_cutoff=CUTOFF,
        )
        if hit is not None:
            chain = chains[hit[2]]
            chain[1], chain[2] = body, int(chain[2]) + 1  # type: ignore[call-overload]
            return str(chain[0]), int(chain[2])  # type: ignore[call-overload]
        chains.append([story, body, 1])
        return story, 1

"""The settings of the service (:class:`ServeConfig`), one place for every default."""

from __future__ import annotations

import os

import attrs
from attrs.validators import gt, instance_of, optional

__all__ = ["DEFAULT_MAX_BODY", "ServeConfig"]

#: Default largest request body: 50 MB.
DEFAULT_MAX_BODY = 50 * 1024 * 1024


def _positive_int(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or value < 1:
        raise ValueError(f"{attribute.name} must be an int >= 1, got {value!r}")


@attrs.frozen
class ServeConfig:
    """Settings of ``wirenlp serve``.

    ``workers`` worker processes each load the pipeline ``model`` (and the knowledge base
    ``kb``, a .csv or .jsonl file) once. ``queue`` is the most requests (or batch chunks)
    waiting for a worker; beyond it a request gets ``429`` with ``Retry-After`` (default: 16
    per worker). ``max_body`` (bytes, ``413``), ``max_text`` (characters of one text, ``413``)
    and ``max_lines`` (lines of one batch, ``413``) bound a request; ``read_timeout`` (seconds
    to receive the body, ``408``) and ``timeout`` (seconds from queueing to result, ``504``)
    bound its time. ``shutdown_timeout`` is how long in-flight requests may take to finish on
    SIGTERM. With ``api_key`` set, every ``/v1`` route and ``/metrics`` need it
    (``Authorization: Bearer KEY`` or ``X-API-Key: KEY``). ``batch_size`` is the most texts
    one worker job takes (requests that wait together are run as one ``Enricher.pipe`` batch).
    """

    host: str = attrs.field(default="127.0.0.1", validator=instance_of(str))
    port: int = attrs.field(default=8000, validator=instance_of(int))
    workers: int = attrs.field(default=1, validator=_positive_int)
    model: str = attrs.field(default="auto", converter=os.fspath)
    kb: str | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(os.fspath),
        validator=optional(instance_of(str)),
    )
    queue: int = attrs.field(default=0, validator=instance_of(int))
    max_body: int = attrs.field(default=DEFAULT_MAX_BODY, validator=_positive_int)
    max_text: int = attrs.field(default=2_000_000, validator=_positive_int)
    max_lines: int = attrs.field(default=10_000, validator=_positive_int)
    timeout: float = attrs.field(default=120.0, validator=gt(0))
    read_timeout: float = attrs.field(default=30.0, validator=gt(0))
    shutdown_timeout: float = attrs.field(default=30.0, validator=gt(0))
    api_key: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    batch_size: int = attrs.field(default=64, validator=_positive_int)

    @property
    def queue_size(self) -> int:
        """The bound of the waiting queue (``queue``, or 16 per worker when 0)."""
        return self.queue if self.queue > 0 else 16 * self.workers

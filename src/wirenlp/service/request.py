"""The JSON request of ``/v1/enrich`` and ``/v1/parse`` and of each ``/v1/enrich/batch`` line:
``{"text": ..., "reference_time": ..., "tz": ...}`` plus any other members (``id`` …), which
come back unchanged in the record's ``fields``."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from ..parsing.timelabels import DEFAULT_TZ, to_page_clock

__all__ = ["TextRequest"]

_SOME_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)


class TextRequest(BaseModel):
    """One text to parse or enrich."""

    model_config = ConfigDict(strict=True, extra="allow")

    text: str = Field(description="The wire copy or scraped page, as a string.")
    reference_time: AwareDatetime | None = Field(
        default=None,
        description="ISO 8601 time with a zone (Z, +01:00) that resolves 'N uur geleden' labels.",
    )
    tz: str | None = Field(
        default=None,
        description=f"IANA zone of the page's clock (default {DEFAULT_TZ}).",
    )

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            to_page_clock(_SOME_TIME, value)  # ReferenceTimeError (a ValueError) when unknown
        return value

    def fields(self) -> dict[str, Any]:
        """The request's other members, carried into the record unchanged."""
        return dict(self.model_extra or {})

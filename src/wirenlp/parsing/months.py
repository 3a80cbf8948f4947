"""Month names and abbreviations: the one table that datelines and time labels share.

``MONTHS[language]`` maps each spelling (lower case, no final dot) to the month number 1-12,
for English, Dutch, French, German, Spanish and Italian, the languages of the wire copy
wirenlp reads.
"""

from __future__ import annotations

__all__ = ["MONTHS", "month_numbers"]


def _table(spellings: str) -> dict[str, int]:
    """``"january jan | february feb | …"``: twelve groups, one per month, in order."""
    groups = spellings.split("|")
    assert len(groups) == 12, spellings
    return {word: n for n, group in enumerate(groups, 1) for word in group.split()}


MONTHS: dict[str, dict[str, int]] = {
    "en": _table(
        "january jan | february feb | march mar | april apr | may | june jun | july jul"
        " | august aug | september sep sept | october oct | november nov | december dec"
    ),
    "nl": _table(
        "januari jan | februari feb | maart mrt mar | april apr | mei | juni jun | juli jul"
        " | augustus aug | september sep sept | oktober okt | november nov | december dec"
    ),
    "fr": _table(
        "janvier janv | février fevrier févr fevr | mars | avril avr | mai | juin"
        " | juillet juil | août aout | septembre sept | octobre oct | novembre nov"
        " | décembre decembre déc dec"
    ),
    "de": _table(
        "januar jän jan | februar feb | märz maerz mär | april apr | mai | juni jun | juli jul"
        " | august aug | september sep sept | oktober okt | november nov | dezember dez"
    ),
    "es": _table(
        "enero ene | febrero feb | marzo mar | abril abr | mayo may | junio jun | julio jul"
        " | agosto ago | septiembre setiembre sep sept | octubre oct | noviembre nov"
        " | diciembre dic"
    ),
    "it": _table(
        "gennaio gen | febbraio feb | marzo mar | aprile apr | maggio mag | giugno giu"
        " | luglio lug | agosto ago | settembre set sett | ottobre ott | novembre nov"
        " | dicembre dic"
    ),
}


def month_numbers(*languages: str) -> dict[str, int]:
    """Spelling → month number for ``languages`` (all of them when none is given).

    Raises ``ValueError`` when two languages give one spelling different months.
    """
    merged: dict[str, int] = {}
    for language in languages or tuple(MONTHS):
        for word, number in MONTHS[language].items():
            if merged.setdefault(word, number) != number:
                raise ValueError(f"{word!r} is month {merged[word]} and {number}")
    return merged


#: Weekday names (Dutch, English) and their short forms, lower-case.
WEEKDAYS: tuple[str, ...] = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = (
    "ma", "di", "wo", "do", "vr", "za", "zo", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
)  # fmt: skip

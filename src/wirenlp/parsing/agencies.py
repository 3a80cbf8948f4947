"""Registry of news agencies that appear in datelines: canonical codes, names and spellings."""

from __future__ import annotations

import attrs

__all__ = ["REGISTRY", "AgencyInfo", "home_country", "lookup"]


@attrs.frozen
class AgencyInfo:
    """A known agency: canonical ``code``, full ``name`` and the spellings that denote it."""

    code: str
    name: str
    spellings: tuple[str, ...] = ()
    country: str | None = None
    """Home country (ISO code) of a national agency: a weak prior for its dateline places.
    International agencies (AFP, Reuters, Bloomberg, Dow Jones, UPI) file from everywhere and
    have none."""


# Canonical code first; spellings are matched case-insensitively, ignoring dots.
_AGENCIES: tuple[AgencyInfo, ...] = (
    AgencyInfo("ANP", "Algemeen Nederlands Persbureau", country="NL"),
    AgencyInfo("AFN", "ANP Financieel Nieuws (ANP's financial desk)", country="NL"),
    AgencyInfo("NOVUM", "Novum Nieuws", country="NL"),
    AgencyInfo("BELGA", "Belga", country="BE"),
    AgencyInfo("AFP", "Agence France-Presse"),
    AgencyInfo("RTR", "Reuters", ("REUTERS", "REUTER")),
    AgencyInfo("AP", "The Associated Press", ("ASSOCIATED PRESS",), country="US"),
    AgencyInfo("UPI", "United Press International"),
    AgencyInfo("DPA", "Deutsche Presse-Agentur", country="DE"),
    AgencyInfo("DPA-AFX", "dpa-AFX Wirtschaftsnachrichten", country="DE"),
    AgencyInfo("BLOOMBERG", "Bloomberg News", ("BBG",)),
    AgencyInfo("DJ", "Dow Jones Newswires", ("DOW JONES", "DJN")),
    AgencyInfo("TCA", "Tribune Content Agency", country="US"),
    AgencyInfo("BUSINESSDESK", "BusinessDesk (New Zealand business news)", country="NZ"),
    AgencyInfo("EFE", "Agencia EFE", country="ES"),
    AgencyInfo("EUROPA PRESS", "Europa Press", country="ES"),
    AgencyInfo("TASS", "TASS Russian News Agency", ("ITAR-TASS",), country="RU"),
    AgencyInfo("RIA", "RIA Novosti", ("RIA NOVOSTI",), country="RU"),
    AgencyInfo("INTERFAX", "Interfax", country="RU"),
    AgencyInfo("ANSA", "Agenzia Nazionale Stampa Associata", country="IT"),
    AgencyInfo("KYODO", "Kyodo News", country="JP"),
    AgencyInfo("JIJI", "Jiji Press", country="JP"),
    AgencyInfo("RITZAU", "Ritzau"),
    AgencyInfo("NTB", "Norsk Telegrambyrå"),
    AgencyInfo("TT", "Tidningarnas Telegrambyrå"),
    AgencyInfo("STT", "Suomen Tietotoimisto"),
    AgencyInfo("AAP", "Australian Associated Press"),
    AgencyInfo("CP", "The Canadian Press"),
    AgencyInfo("PA", "PA Media (Press Association)"),
    AgencyInfo("ATS", "Agence Télégraphique Suisse (Keystone-ATS)"),
    AgencyInfo("SDA", "Schweizerische Depeschenagentur (Keystone-SDA)"),
    AgencyInfo("APA", "Austria Presse Agentur"),
    AgencyInfo("KNA", "Katholische Nachrichten-Agentur"),
    AgencyInfo("EPD", "Evangelischer Pressedienst"),
    AgencyInfo("PAP", "Polska Agencja Prasowa"),
    AgencyInfo("CTK", "Česká tisková kancelář", ("ČTK",)),
    AgencyInfo("MTI", "Magyar Távirati Iroda"),
    AgencyInfo("BTA", "Bulgarian News Agency"),
    AgencyInfo("AGERPRES", "Agerpres"),
    AgencyInfo("HINA", "Hrvatska izvještajna novinska agencija"),
    AgencyInfo("STA", "Slovenska tiskovna agencija"),
    AgencyInfo("TANJUG", "Tanjug"),
    AgencyInfo("BNS", "Baltic News Service"),
    AgencyInfo("LETA", "LETA"),
    AgencyInfo("ELTA", "ELTA"),
    AgencyInfo("LUSA", "Agência Lusa"),
    AgencyInfo("ANA-MPA", "Athens-Macedonian News Agency", ("ANA", "AMNA")),
    AgencyInfo("UKRINFORM", "Ukrinform"),
    AgencyInfo("UNIAN", "UNIAN"),
    AgencyInfo("XINHUA", "Xinhua News Agency"),
    AgencyInfo("YONHAP", "Yonhap News Agency"),
    AgencyInfo("KCNA", "Korean Central News Agency"),
    AgencyInfo("PTI", "Press Trust of India"),
    AgencyInfo("IANS", "Indo-Asian News Service"),
    AgencyInfo("BERNAMA", "Bernama"),
    AgencyInfo("ANTARA", "Antara"),
    AgencyInfo("AA", "Anadolu Agency", ("ANADOLU",)),
    AgencyInfo("IRNA", "Islamic Republic News Agency"),
    AgencyInfo("WAFA", "Palestinian News & Information Agency (WAFA)"),
    AgencyInfo("MENA", "Middle East News Agency"),
    AgencyInfo("SPA", "Saudi Press Agency"),
    AgencyInfo("QNA", "Qatar News Agency"),
    AgencyInfo("SANA", "Syrian Arab News Agency"),
    AgencyInfo("NAN", "News Agency of Nigeria"),
    AgencyInfo("SAPA", "South African Press Association"),
    AgencyInfo("CNA", "Central News Agency"),
    AgencyInfo("NHK", "NHK"),
    AgencyInfo("BBC", "BBC News"),
    AgencyInfo("CNN", "CNN"),
    AgencyInfo("NOS", "NOS"),
    AgencyInfo("VRT", "VRT NWS"),
    AgencyInfo("KNA", "Katholische Nachrichten-Agentur", country="DE"),
    AgencyInfo("EPD", "Evangelischer Pressedienst", country="DE"),
    AgencyInfo("CP", "The Canadian Press", ("CANADIAN PRESS",), country="CA"),
    AgencyInfo("RITZAU", "Ritzau", ("RITZAUS BUREAU", "RITZAU SCANPIX"), country="DK"),
    AgencyInfo("NTB", "Norsk Telegrambyrå", ("NTB SCANPIX", "NTB NYHETER"), country="NO"),
    AgencyInfo("TT", "TT Nyhetsbyrån", ("TT NYHETSBYRÅN",), country="SE"),
    AgencyInfo("STT", "Suomen Tietotoimisto", ("STT-LEHTIKUVA", "STT-INFO"), country="FI"),
    AgencyInfo("LEHTIKUVA", "Lehtikuva (the photo service of STT-Lehtikuva)", country="FI"),
    AgencyInfo("AAP", "Australian Associated Press", country="AU"),
    AgencyInfo("PA", "PA Media", country="GB"),
    AgencyInfo("ATS", "Agence Télégraphique Suisse", country="CH"),
    AgencyInfo("SDA", "Schweizerische Depeschenagentur", country="CH"),
    AgencyInfo("APA", "Austria Presse Agentur", country="AT"),
    AgencyInfo("PAP", "Polska Agencja Prasowa", country="PL"),
    AgencyInfo("CTK", "Česká tisková kancelář", ("ČTK",), country="CZ"),
    AgencyInfo("MTI", "Magyar Távirati Iroda", country="HU"),
    AgencyInfo("BTA", "Bulgarian News Agency", country="BG"),
    AgencyInfo("AGERPRES", "Agerpres", country="RO"),
    AgencyInfo("HINA", "Hrvatska izvještajna novinska agencija", country="HR"),
    AgencyInfo("STA", "Slovenska tiskovna agencija", country="SI"),
    AgencyInfo("TANJUG", "Tanjug", country="RS"),
)


def _key(text: str) -> str:
    return " ".join(text.replace(".", "").upper().split())


REGISTRY: dict[str, AgencyInfo] = {}
for _info in _AGENCIES:
    for _spelling in (_info.code, *_info.spellings):
        REGISTRY[_key(_spelling)] = _info


def lookup(text: str) -> AgencyInfo | None:
    """The registry entry for an agency as written (``"Reuters"`` → RTR), or None if unknown."""
    return REGISTRY.get(_key(text))


def home_country(code: str) -> str | None:
    """Home country (ISO code) of a national agency by code or spelling; None for
    international or unknown agencies."""
    info = lookup(code)
    return info.country if info is not None else None

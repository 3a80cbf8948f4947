"""Registry of news agencies that appear in datelines: canonical codes, names and spellings."""

from __future__ import annotations

import attrs

__all__ = ["REGISTRY", "AgencyInfo", "lookup"]


@attrs.frozen
class AgencyInfo:
    """A known agency: canonical ``code``, full ``name`` and the spellings that denote it."""

    code: str
    name: str
    spellings: tuple[str, ...] = ()


# Canonical code first; spellings are matched case-insensitively, ignoring dots.
_AGENCIES: tuple[AgencyInfo, ...] = (
    AgencyInfo("ANP", "Algemeen Nederlands Persbureau"),
    AgencyInfo("AFN", "ANP Financieel Nieuws (ANP's financial desk)"),
    AgencyInfo("NOVUM", "Novum Nieuws"),
    AgencyInfo("BELGA", "Belga"),
    AgencyInfo("AFP", "Agence France-Presse"),
    AgencyInfo("RTR", "Reuters", ("REUTERS", "REUTER")),
    AgencyInfo("AP", "The Associated Press", ("ASSOCIATED PRESS",)),
    AgencyInfo("UPI", "United Press International"),
    AgencyInfo("DPA", "Deutsche Presse-Agentur"),
    AgencyInfo("DPA-AFX", "dpa-AFX Wirtschaftsnachrichten"),
    AgencyInfo("BLOOMBERG", "Bloomberg News", ("BBG",)),
    AgencyInfo("DJ", "Dow Jones Newswires", ("DOW JONES", "DJN")),
    AgencyInfo("TCA", "Tribune Content Agency"),
    AgencyInfo("BUSINESSDESK", "BusinessDesk (New Zealand business news)"),
    AgencyInfo("EFE", "Agencia EFE"),
    AgencyInfo("EUROPA PRESS", "Europa Press"),
    AgencyInfo("TASS", "TASS Russian News Agency", ("ITAR-TASS",)),
    AgencyInfo("RIA", "RIA Novosti", ("RIA NOVOSTI",)),
    AgencyInfo("INTERFAX", "Interfax"),
    AgencyInfo("ANSA", "Agenzia Nazionale Stampa Associata"),
    AgencyInfo("KYODO", "Kyodo News"),
    AgencyInfo("JIJI", "Jiji Press"),
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

"""Small curated lists for Dutch wire copy (hand-written, maintained in the repo).

Used for entity substitution, dateline synthesis and the entity_ruler patterns.
"""

from __future__ import annotations

# Agency chains as they appear in datelines, with rough relative frequencies.
AGENCY_WEIGHTS: list[tuple[str, float]] = [
    ("ANP", 10), ("ANP/AFP", 2), ("ANP/RTR", 2), ("ANP/AFP/RTR", 1), ("ANP/DPA", 1),
    ("ANP/BLOOMBERG", 0.5), ("ANP/AP", 0.5), ("AFP", 1), ("RTR", 1), ("DPA", 0.5),
    ("BLOOMBERG", 0.5), ("AP", 0.5), ("BELGA", 1), ("ANP/BELGA", 0.5), ("AFN", 0.3),
    ("ANP/AFN", 0.3), ("REUTERS", 0.3), ("EFE", 0.2), ("ANP/EFE", 0.2),
]

# News agencies as written in running text and datelines (ORG).
AGENCIES: list[str] = [
    "ANP", "AFP", "RTR", "DPA", "dpa", "AP", "AFN", "Reuters", "Bloomberg", "BLOOMBERG",
    "Belga", "BELGA", "EFE", "TASS", "Tass", "Xinhua", "Interfax", "Ria Novosti", "RIA Novosti",
    "Associated Press", "Agence France-Presse", "Anadolu", "Ukrinform", "Kyodo", "Yonhap",
]

# Dutch exonyms and the usual Dutch spelling of places often in foreign news (LOC).
DUTCH_EXONYMS: list[str] = [
    "Brussel", "Parijs", "Londen", "Berlijn", "Moskou", "Washington", "Kyiv", "Kiev", "Peking",
    "Beijing", "Tokio", "Rome", "Madrid", "Lissabon", "Wenen", "Praag", "Warschau", "Boedapest",
    "Athene", "Ankara", "Istanbul", "Caïro", "Jeruzalem", "Tel Aviv", "Gaza", "Beiroet",
    "Damascus", "Bagdad", "Teheran", "Riyad", "Doha", "Dubai", "Kabul", "New Delhi", "Delhi",
    "Bangkok", "Jakarta", "Manilla", "Seoul", "Pyongyang", "Taipei", "Hongkong", "Sydney",
    "Canberra", "Ottawa", "New York", "Los Angeles", "Chicago", "Miami", "Mexico-Stad",
    "Buenos Aires", "Brasilia", "Rio de Janeiro", "Santiago", "Bogota", "Caracas", "Havana",
    "Nairobi", "Addis Abeba", "Lagos", "Kaapstad", "Johannesburg", "Kinshasa", "Khartoem",
    "Tripoli", "Tunis", "Algiers", "Rabat", "Straatsburg", "Luxemburg", "Genève", "Bern",
    "Zürich", "Kopenhagen", "Stockholm", "Oslo", "Helsinki", "Dublin", "Edinburgh", "Kopenhagen",
    "Vilnius", "Riga", "Tallinn", "Minsk", "Boekarest", "Sofia", "Belgrado", "Zagreb",
    "Sarajevo", "Tbilisi", "Jerevan", "Bakoe", "Charkiv", "Odessa", "Lviv", "Cherson",
    "Marioepol", "Donetsk", "Sint-Petersburg", "Den Haag", "Antwerpen", "Gent", "Luik",
    "Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Groningen", "Maastricht", "Den Bosch",
    "'s-Hertogenbosch", "Arnhem", "Nijmegen", "Zwolle", "Leeuwarden", "Middelburg", "Brugge",
    "Leuven", "Hasselt", "Mechelen", "Schiphol", "De Bilt", "Hilversum", "Vlissingen",
]

# Companies, media, platforms and agencies frequent in Dutch news, for the entity_ruler (ORG).
RULER_COMPANIES_MEDIA: list[str] = [
    "Shell", "Philips", "ASML", "Heineken", "Unilever", "ING", "ABN AMRO", "Rabobank", "KLM",
    "Air France-KLM", "PostNL", "Ahold Delhaize", "Albert Heijn", "Tata Steel", "Boeing",
    "Airbus", "Google", "Microsoft", "Amazon", "Tesla", "Twitter", "Facebook", "Instagram",
    "TikTok", "YouTube", "WhatsApp", "Telegram", "NOS", "RTL Nieuws", "BBC", "CNN", "Volkskrant",
    "NRC", "De Telegraaf", "Het Parool", "Trouw", "Europol", "Eurojust", "Interpol", "Frontex",
    "Eurostat", "Gazprom", "Nvidia", "OpenAI", "Vattenfall", "Eneco", "Schiphol Group",
]

# Organisations frequent in Dutch news (ORG): international bodies, Dutch/Belgian
# institutions, parties, media and companies.
ORGANISATIONS: list[str] = [
    "NAVO", "VN", "Verenigde Naties", "EU", "Europese Unie", "Europese Commissie",
    "Europees Parlement", "Europese Centrale Bank", "ECB", "Raad van Europa", "WHO",
    "Wereldgezondheidsorganisatie", "IMF", "Internationaal Monetair Fonds", "Wereldbank",
    "OPEC", "OESO", "Internationaal Strafhof", "Internationaal Gerechtshof", "Rode Kruis",
    "UNICEF", "UNHCR", "Amnesty International", "Human Rights Watch", "Artsen zonder Grenzen",
    "Hamas", "Hezbollah", "Taliban", "Kremlin", "Pentagon", "Witte Huis", "Congres", "Senaat",
    "Huis van Afgevaardigden", "Hooggerechtshof", "Tweede Kamer", "Eerste Kamer",
    "Raad van State", "Openbaar Ministerie", "OM", "Centraal Bureau voor de Statistiek", "CBS",
    "De Nederlandsche Bank", "DNB", "KNMI", "RIVM", "Rijkswaterstaat", "ProRail", "NS",
    "Defensie", "Justitie", "Buitenlandse Zaken", "Financiën", "Economische Zaken",
    "Sociale Zaken", "Volksgezondheid", "ministerie van Defensie", "ministerie van Justitie",
    "VVD", "PVV", "CDA", "D66", "GroenLinks", "PvdA", "SP", "ChristenUnie", "BBB", "NSC",
    "Partij voor de Dieren", "JA21", "FvD", "N-VA", "Vlaams Belang", "Open VLD",
    "Democratische Partij", "Republikeinse Partij", "FNV", "CNV", "VNO-NCW", "MKB-Nederland",
    "Shell", "Philips", "ASML", "Heineken", "Unilever", "ING", "ABN AMRO", "Rabobank",
    "KLM", "Air France-KLM", "PostNL", "Ahold Delhaize", "Albert Heijn", "Boeing", "Airbus",
    "Google", "Apple", "Microsoft", "Meta", "Amazon", "Tesla", "Twitter", "Facebook",
    "Instagram", "TikTok", "NOS", "RTL Nieuws", "BBC", "CNN", "Volkskrant", "NRC",
    "De Telegraaf", "Het Parool", "AD", "Trouw", "Het Financieele Dagblad", "New York Times",
    "Washington Post", "Ajax", "PSV", "Feyenoord", "AZ", "FC Twente",
]

# Places frequent in Dutch news that CLDR's country list lacks (LOC).
EXTRA_LOCATIONS: list[str] = [
    "VS", "Verenigde Staten", "Verenigd Koninkrijk", "Groot-Brittannië", "Engeland", "Schotland",
    "Wales", "Noord-Ierland", "Vlaanderen", "Wallonië", "Midden-Oosten", "Gazastrook",
    "Westelijke Jordaanoever", "Krim", "Donbas", "Kaukasus", "Balkan", "Scandinavië",
    "Randstad", "Friesland", "Groningen", "Drenthe", "Overijssel", "Gelderland", "Flevoland",
    "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
]

# Dutch nouns of nationality/origin ending in -en that a suffix rule cannot tell from place
# names (Vlaanderen, Ardennen). Singulars and -er/-aan/-ees forms are caught by a rule.
DEMONYM_NOUNS: list[str] = [
    "Belgen", "Fransen", "Britten", "Grieken", "Russen", "Turken", "Walen", "Vlamingen",
    "Italianen", "Romeinen", "Egyptenaren", "Chinezen", "Amerikanen", "Marokkanen", "Duitsers",
    "Noren", "Denen", "Finnen", "Ieren", "Schotten", "Engelsen", "Spanjaarden",
    "Portugezen", "Hongaren", "Roemenen", "Bulgaren", "Serviërs", "Kroaten", "Bosniërs",
    "Albanezen", "Oekraïners", "Wit-Russen", "Georgiërs", "Armeniërs", "Iraniërs", "Irakezen",
    "Syriërs", "Libanezen", "Israëliërs", "Palestijnen", "Saoediërs", "Afghanen", "Pakistanen",
    "Indiërs", "Japanners", "Koreanen", "Vietnamezen", "Indonesiërs", "Australiërs", "Canadezen",
    "Mexicanen", "Brazilianen", "Argentijnen", "Colombianen", "Venezolanen", "Cubanen",
    "Surinamers", "Antillianen", "Nigerianen", "Ghanezen", "Somaliërs", "Ethiopiërs", "Kenianen",
    "Congolezen", "Zuid-Afrikanen", "Tunesiërs", "Algerijnen", "Libiërs", "Soedanezen",
    "Koerden", "Tsjechen", "Slowaken", "Slovenen", "Litouwers", "Letten", "Esten",
    "Oostenrijkers", "Zwitsers", "Luxemburgers", "Nederlanders", "Friezen", "Limburgers",
    "Brabanders", "Zeeuwen", "Hollanders", "Europeanen", "Afrikanen", "Aziaten", "Arabieren",
    "Perzen", "Joden", "Christenen", "Moslims", "Sjiieten", "Soennieten", "Republikeinen",
    "Democraten",
]

# Dutch ministries and portfolio names (ORG in the CoNLL-style guidelines: "minister van
# Buitenlandse Zaken" -> "Buitenlandse Zaken"), and government bodies the guidelines list as ORG.
MINISTRIES: list[str] = [
    "Algemene Zaken", "Binnenlandse Zaken", "Binnenlandse Zaken en Koninkrijksrelaties",
    "Buitenlandse Zaken", "Buitenlandse Handel en Ontwikkelingshulp", "Defensie",
    "Economische Zaken", "Economische Zaken en Klimaat", "Klimaat en Groene Groei", "Financiën",
    "Infrastructuur en Waterstaat", "Justitie en Veiligheid", "Asiel en Migratie",
    "Landbouw, Natuur en Voedselkwaliteit", "Onderwijs, Cultuur en Wetenschap", "OCW",
    "Sociale Zaken en Werkgelegenheid", "Sociale Zaken", "Volksgezondheid, Welzijn en Sport",
    "VWS", "Volkshuisvesting en Ruimtelijke Ordening", "Binnenlandse Veiligheid",
]
GOVERNMENT_BODIES: list[str] = [
    "Senaat", "Huis van Afgevaardigden", "Hooggerechtshof", "Congres", "Federal Reserve",
    "Europese Raad", "Raad van Ministers", "Veiligheidsraad", "Algemene Vergadering",
    "Kamer van Volksvertegenwoordigers", "Bundestag", "Doema", "Knesset",
]

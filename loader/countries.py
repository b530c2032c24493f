"""Countries and territories by ISO 3166-1 code, IOC code, English name or alias, from `data/countries.csv`.

Codes in rally sources are a mix of ISO 3166-1 alpha-3 ("DEU") and IOC ("GER") codes; a few three-letter
codes mean different countries in the two schemes (BRN: Brunei in ISO, Bahrain in IOC), and then the ISO
reading wins. Names are matched case- and accent-insensitively; in free prose they must also be whole words.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA_PACKAGE = "loader.data"
DATA_FILE = "countries.csv"
COLUMNS = ("iso3", "iso2", "ioc", "name", "wikidata", "aliases")
ALIAS_SEPARATOR = ";"

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True)
class Country:
    """A country or territory: its codes in both schemes, English name, Wikidata QID and other English names."""

    iso3: str
    iso2: str
    ioc: str | None
    name: str
    wikidata: str | None
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Return the English name followed by every alias.

        >>> country_by_code("NLD").country.names
        ('Netherlands', 'Holland')
        """
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class CodeMatch:
    """A country found by a three-letter code, and the scheme the code was read in: 'iso', 'ioc' or 'iso+ioc'."""

    country: Country
    scheme: str


def _fold_char(char: str) -> str:
    """Return one character without accents, with typographic apostrophes and dashes made plain (case kept)."""
    decomposed = unicodedata.normalize("NFKD", char.translate(_APOSTROPHES).translate(_DASHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(text: str) -> str:
    """Return `text` without accents, with plain apostrophes and dashes (case kept)."""
    return "".join(_fold_char(c) for c in text)


def _key(text: str) -> str:
    """Return the lookup key of a name: accent- and case-folded, whitespace collapsed, a leading 'the' dropped."""
    key = " ".join(_fold(text).casefold().split())
    return key[4:] if key.startswith("the ") else key


def _optional(value: str) -> str | None:
    value = value.strip()
    return value or None


def _row_country(row: dict[str, str], line: int) -> Country:
    try:
        aliases = tuple(a.strip() for a in row["aliases"].split(ALIAS_SEPARATOR) if a.strip())
        return Country(
            iso3=row["iso3"].strip().upper(),
            iso2=row["iso2"].strip().upper(),
            ioc=(_optional(row["ioc"]) or "").upper() or None,
            name=row["name"].strip(),
            wikidata=_optional(row["wikidata"]),
            aliases=aliases,
        )
    except (KeyError, AttributeError) as error:
        raise ValueError(f"{DATA_FILE}:{line}: malformed row {row!r}") from error


@cache
def all_countries() -> tuple[Country, ...]:
    """Return every country in the table, in file order (sorted by English name).

    >>> len(all_countries()) > 100
    True
    """
    text = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"{DATA_FILE}: header is {reader.fieldnames!r}, expected {list(COLUMNS)!r}")
    return tuple(_row_country(row, reader.line_num) for row in reader)


@cache
def _by_iso3() -> dict[str, Country]:
    return {c.iso3: c for c in all_countries()}


@cache
def _by_ioc() -> dict[str, Country]:
    return {c.ioc: c for c in all_countries() if c.ioc}


@cache
def _by_name() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for country in all_countries():
        for name in country.names:
            key = _key(name)
            other = table.setdefault(key, country)
            if other is not country:
                raise ValueError(f"{DATA_FILE}: name {name!r} is given to both {other.iso3} and {country.iso3}")
    return table


def country_by_code(code: str) -> CodeMatch | None:
    """Return the country a three-letter ISO 3166-1 alpha-3 or IOC code names, and which scheme matched; None if neither.

    >>> country_by_code("DEU").country.name, country_by_code("GER").country.name
    ('Germany', 'Germany')
    >>> country_by_code("POR").country.iso3
    'PRT'
    >>> country_by_code("RSA").scheme
    'ioc'
    >>> country_by_code("fra").scheme
    'iso+ioc'
    >>> country_by_code("BRN").country.name, country_by_code("BRN").scheme
    ('Brunei', 'iso')
    >>> country_by_code("XYZ") is None
    True
    """
    key = code.strip().upper()
    by_iso = _by_iso3().get(key)
    by_ioc = _by_ioc().get(key)
    if by_iso is not None:
        return CodeMatch(by_iso, "iso+ioc" if by_ioc is by_iso else "iso")
    if by_ioc is not None:
        return CodeMatch(by_ioc, "ioc")
    return None


def country_by_name(name: str) -> Country | None:
    """Return the country whose English name or alias is `name` (ignoring case, accents and a leading 'the'); None if none.

    >>> country_by_name("Holland").iso3
    'NLD'
    >>> country_by_name("cote d’ivoire").iso3
    'CIV'
    >>> country_by_name("the Gambia").iso3
    'GMB'
    >>> country_by_name("Atlantis") is None
    True
    """
    return _by_name().get(_key(name))


def _is_acronym(name: str) -> bool:
    """Return whether a name is written in capitals only ('UK', 'U.S.'), so that prose must match its case."""
    return any(c.isalpha() for c in name) and not any(c.islower() for c in name)


def _name_pattern(name: str) -> str:
    """Return a regex for a folded name in folded prose: any whitespace between words, capitalised as in the table."""
    words = name.split()
    if _is_acronym(name):
        return r"\s+".join(re.escape(word) for word in words)
    # a proper noun keeps its first letter as written; the rest may be in any case ('Guinea-bissau', 'WESTERN SAHARA')
    rest = re.escape(words[0][1:]) + "".join(r"\s+" + re.escape(word) for word in words[1:])
    return re.escape(words[0][0]) + (f"(?i:{rest})" if rest else "")


@cache
def _prose_regex() -> tuple[re.Pattern[str], dict[str, Country]]:
    """Return one regex over every name and alias, longest first, and the country of each folded name."""
    names = sorted({_fold(n) for c in all_countries() for n in c.names}, key=lambda n: (-len(n), n))
    alternation = "|".join(_name_pattern(n) for n in names)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), _by_name()


def find_country_names(text: str) -> list[tuple[int, Country]]:
    """Return every country name or alias written in `text` as (character offset, country), in order of appearance.

    Whole words only, the longest name winning where names overlap; a name must start with a capital letter
    as it is written in the table, and names written in capitals ('UK', 'USA') must be in capitals in the text.

    >>> [(i, c.iso3) for i, c in find_country_names("From Spain to Western Sahara and Guinea-Bissau")]
    [(5, 'ESP'), (14, 'ESH'), (33, 'GNB')]
    """
    if not text:
        return []
    regex, countries = _prose_regex()
    folded_parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        part = _fold_char(char)
        folded_parts.append(part)
        offsets.extend([index] * len(part))
    folded = "".join(folded_parts)
    found: list[tuple[int, Country]] = []
    for match in regex.finditer(folded):
        country = countries[_key(match.group())]
        found.append((offsets[match.start()], country))
    return found

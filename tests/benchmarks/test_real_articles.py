"""The real-article benchmark's wiring: the data sets' own scorers, run on talktrack in process."""

from __future__ import annotations

import pytest

from benchmarks import real_articles as ra

needs_data = pytest.mark.skipif(not ra.TOOLS.exists(), reason="the data sets (../shared) are not beside this checkout")


@needs_data
@pytest.mark.parametrize("name", ["score_news", "score_attribution"])
def test_real_articles_loads_the_data_sets_own_scorer(name: str) -> None:
    module = ra.load_scorer(name)
    assert callable(getattr(module, "score_doc" if name == "score_news" else "overlap"))


@pytest.mark.parametrize(
    "totals, overall",
    [({"talks": (3.0, 4), "people": (1.0, 4)}, "**0.500**"), ({"published": (1.0, 1)}, "**1.000**")],
)
def test_real_articles_news_table_totals_every_layer(capsys: pytest.CaptureFixture[str], totals: dict[str, tuple[float, int]], overall: str) -> None:
    ra.print_news(totals)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| layer | points | out of | recall |"
    assert lines[-1].endswith(f"| {overall} |")
    assert len(lines) == 2 + len(totals) + 1


@needs_data
@pytest.mark.slow
def test_real_articles_polnear_counts_are_consistent() -> None:
    result = ra.score_polnear(ra.POLNEAR / "dev", limit=2)
    assert result["counts"]["documents"] == 2 and result["counts"]["gold"] > 0
    for mode in ("strict", "lenient"):
        assert 0.0 <= result[mode]["recall"] <= 1.0 and 0.0 <= result[mode]["precision"] <= 1.0
    # a lenient match is also found under the strict rule's weaker sibling: never fewer found
    assert result["lenient"]["recall"] >= result["strict"]["recall"]

"""Near-duplicates: syndicated and lightly edited copies are linked to their original, other articles are not."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

import pytest

from talktrack.pipeline.dedupe import NearDuplicates, minhash, normalize, shingles

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.issue(7)

HEADLINE = "Ostrevia and Valdoria settle northern cod quota after fourth round in Tromsvik"

PARAGRAPHS = [
    "TROMSVIK, July 12 (Harbor Wire) - Ostrevia and Valdoria agreed on Friday how to divide next year's northern "
    "cod quota, ending a dispute that had kept fishing fleets on both sides of the strait in port for most of the "
    "spring, officials from the two governments said after a fourth round of talks in Tromsvik.",
    "Under the deal, the total catch will fall by 14 percent, less than the cut of a fifth that scientists had "
    "advised in April. Ostrevia will take 52 percent of the quota and Valdoria 48 percent, the same split as this "
    "year, while both fleets will accept joint inspections of trawlers in the disputed grounds.",
    '"We did not get everything we asked for, but our fishermen can plan their season now," Ostrevian Fisheries '
    "Minister Tove Aalberg told reporters at the harbour office where the talks were held. She said the "
    "inspections would begin on October 1 and be reviewed after a year.",
    "Valdorian Deputy Minister Oskar Lind, who led his country's delegation, said the smaller cut was acceptable "
    "because the two sides had also agreed to close three spawning areas between January and March. "
    '"The cod will decide whether we were right," Lind said.',
    "The agreement still needs the approval of both parliaments. The Ostrevian fisheries committee is due to "
    "debate it next week, and Valdoria's cabinet is expected to send it to lawmakers before the summer recess.",
    "Fishing communities on the Ostrevian coast had warned that a deep cut would cost hundreds of jobs on the "
    "processing lines in Tromsvik and Havnes, where the cod season accounts for most of the year's work. "
    "The Coastal Fishermen's Union welcomed the deal but said the inspections must not delay landings.",
    "Environmental groups were less pleased. Marit Sorlie of the Northern Seas Trust said the quota was still "
    "above what the stock could bear and called on both governments to publish the data behind the compromise.",
    "The two sides will meet again in Tromsvik in December to review the first months of inspections and to set "
    "the rules for the smaller grounds off Havnes.",
]

ORIGINAL = HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS)

OTHER_ARTICLE = """Cod talks: a deal that leaves the hard questions for December

Analysis. When the delegations of Ostrevia and Valdoria left the harbour office in Tromsvik on Friday, both
claimed victory on the northern cod quota. Read closely, the agreement says more about what the two
governments could not settle than about what they did.

Tove Aalberg, Ostrevia's fisheries minister, had promised coastal voters that she would not accept a cut of a
fifth. She kept that promise, but only by agreeing to something her predecessors refused for a decade: joint
inspections of trawlers in the disputed grounds, carried out by Valdorian officers on Ostrevian decks.

Oskar Lind, the Valdorian deputy minister, has his own problem. His government had defended the scientific
advice published in April as the only responsible basis for the quota. Settling for a smaller cut, with three
spawning areas closed in winter as a sweetener, will be hard to explain to the scientists his ministry funds.

The union in Havnes, whose members work on the processing lines, spent the week outside the talks with banners
demanding a quick result. Its leaders now worry about something else: whether inspections at sea will hold
boats back from the auction halls at the moment prices are highest.

Neither minister would say what happens if the inspectors disagree. The text, seen by this newspaper, refers
disputes to a joint commission that does not yet exist and whose members have not been named. That commission
is one of the items left for the December round, along with the rules for the grounds off Havnes.

Parliaments in both capitals still have to approve the deal. In Ostrevia the fisheries committee could amend
the inspection clause, which several of its members have called a surrender of sovereignty. In Valdoria the
cabinet is expected to send the text to lawmakers before the recess, though the coalition's smaller partner
has asked for a delay.

For the fleets, the practical effect is immediate: boats that stayed in port all spring can plan a season.
For the stock, the verdict will come later, and it will be written by the cod rather than by the negotiators.
"""


def _typeset(text: str) -> str:
    """Return `text` as a second outlet's system sets it: curly quotes, dashes, no-break spaces, odd spacing."""
    curly = text.replace('"We', "\u201cWe").replace('," ', ",\u201d ").replace('"The', "\u201cThe")
    curly = curly.replace(' - ', " \u2014 ").replace("year's", "year\u2019s").replace("country's", "country\u2019s")
    curly = curly.replace("14 percent", "14\u00a0percent").replace(". ", ".  ")
    return curly.replace(HEADLINE, HEADLINE.upper())


def test_articles_are_long_enough_to_mean_something():
    for text in (ORIGINAL, OTHER_ARTICLE):
        assert len(text.split()) >= 300


def test_identical_copy_is_linked():
    index = NearDuplicates()
    assert index.add("wire", ORIGINAL) is None
    assert index.add("reprint", ORIGINAL) == "wire"
    assert len(index) == 1  # copies are not indexed


def test_copy_with_new_headline_and_trimmed_end_is_linked():
    edited = "Fishing fleets can sail again as cod deal is struck\n\n" + "\n\n".join(PARAGRAPHS[:-1])
    index = NearDuplicates()
    index.add("wire", ORIGINAL)
    assert index.add("herald", edited) == "wire"


def test_copy_with_typographic_changes_is_linked():
    typeset = _typeset(ORIGINAL)
    assert typeset != ORIGINAL and "\u201c" in typeset and "\u2014" in typeset
    assert normalize(typeset) == normalize(ORIGINAL)
    index = NearDuplicates()
    index.add("wire", ORIGINAL)
    assert index.add("post", typeset) == "wire"


def test_different_article_on_the_same_talks_is_not_linked():
    shared = {"Tove Aalberg", "Oskar Lind", "Tromsvik", "Havnes", "northern cod quota", "joint inspections of trawlers"}
    assert all(name in " ".join(text.split()) for name in shared for text in (ORIGINAL, OTHER_ARTICLE))
    index = NearDuplicates()
    index.add("wire", ORIGINAL)
    assert index.add("analysis", OTHER_ARTICLE) is None
    assert len(index) == 2
    assert minhash(ORIGINAL).jaccard(minhash(OTHER_ARTICLE)) < 0.2


def test_sample_corpus_syndicated_copy_is_linked_and_other_reports_are_not():
    articles = {p.stem[:4]: p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "articles").glob("ex0*.txt"))}
    index = NearDuplicates()
    found = {key: index.add(key, text) for key, text in articles.items()}
    # ex07 is Harbor Wire's ex06 as the Kallisport Herald ran it: new credit, one word changed, a paragraph cut
    assert found == {key: ("ex06" if key == "ex07" else None) for key in articles}


def test_short_texts_compare_by_exact_normalized_text():
    index = NearDuplicates()
    assert index.add("a", "Talks resume.") is None
    assert index.add("b", "  TALKS   resume ") == "a"
    assert index.add("c", "Talks end.") is None
    assert index.add("d", "Talks resume in Oslo on Monday.") is None  # five words: shingled, no exact match
    assert shingles("Talks resume.") == {b"talks resume"}


def test_normalize_strips_punctuation_case_and_spacing():
    assert normalize("The U.S.\u00a0envoy\u2014who didn\u2019t  SPEAK\u00ad\u2026left.") == "the us envoy who didnt speak left"


def test_best_match_wins_and_ties_go_to_the_earliest():
    index = NearDuplicates(threshold=0.8)
    base = minhash(ORIGINAL)
    first, second = base.copy(), base.copy()
    second.hashvalues[:30] = second.hashvalues[:30] ^ 1  # first and second agree on 98 of 128: J = 0.77, not copies
    assert first.jaccard(second) < 0.8
    assert index.add_signature("first", first) is None
    assert index.add_signature("second", second) is None
    between = base.copy()
    between.hashvalues[:15] = second.hashvalues[:15]  # 113 of 128 with each: a tie
    assert first.jaccard(between) == second.jaccard(between)
    assert index.add_signature("tie", between) == "first"
    closer = second.copy()
    closer.hashvalues[:5] = first.hashvalues[:5]  # 123 with second, 103 with first
    assert index.add_signature("closer", closer) == "second"


def test_signatures_pickle_for_worker_processes():
    signature = pickle.loads(pickle.dumps(minhash(ORIGINAL)))
    index = NearDuplicates()
    index.add_signature("wire", signature)
    assert index.add("reprint", ORIGINAL) == "wire"
    with pytest.raises(ValueError):
        index.add_signature("other", minhash(ORIGINAL, num_perm=64))
    with pytest.raises(ValueError):
        index.add("wire", OTHER_ARTICLE)


_SCRIPT = """
import json, sys
from talktrack.pipeline.dedupe import NearDuplicates, minhash
from tests.pipeline.test_dedupe import ORIGINAL, OTHER_ARTICLE, PARAGRAPHS, _typeset
texts = [ORIGINAL, OTHER_ARTICLE, _typeset(ORIGINAL), "\\n\\n".join(PARAGRAPHS[:-1]), "Talks resume."]
index = NearDuplicates()
print(json.dumps({"found": [index.add(str(i), t) for i, t in enumerate(texts)],
                  "signature": [int(v) for v in minhash(ORIGINAL).hashvalues]}))
"""


def test_the_same_input_gives_the_same_answer_in_every_process():
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, cwd=ROOT, env=env, timeout=120)
        assert result.returncode == 0, result.stderr.decode()
        runs.append(json.loads(result.stdout))
    assert runs[0] == runs[1]
    assert runs[0]["found"] == [None, None, "0", "0", None]
    assert runs[0]["signature"] == [int(v) for v in minhash(ORIGINAL).hashvalues]

"""Scoring talktrack's output against hand-made gold annotations (`talktrack eval`).

One module per concern: `gold` reads the gold files, `statements`, `events`
and `layers` (people, time expressions, topics) pair gold and system
records of one document and count what agrees, `report` runs them over a
whole ledger and sums the counts over the corpus (micro-average), and
`scores` holds the counters. Nothing here loads spaCy.

```python
from talktrack.evaluate import evaluate_ledger, load_gold
figures = evaluate_ledger(load_gold("tests/gold/examples.gold.json"), ledger)
print(figures.layers["statements"].f1)
```
"""

from talktrack.evaluate.gold import GoldDocument, GoldEvent, GoldPerson, GoldTimex, gold_documents, load_gold
from talktrack.evaluate.report import LAYERS, Evaluation, evaluate_ledger
from talktrack.evaluate.scores import Accuracy, LayerScore, Pairing, doc_key
from talktrack.evaluate.statements import GoldStatement, SystemStatement

__all__ = [
    "LAYERS", "Accuracy", "Evaluation", "GoldDocument", "GoldEvent", "GoldPerson", "GoldStatement", "GoldTimex",
    "LayerScore", "Pairing", "SystemStatement", "doc_key", "evaluate_ledger", "gold_documents", "load_gold",
]

# talktrack: `make demo` and `make test` set up everything they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_OUT ?= demo-ledger.json

.PHONY: venv demo test lint clean

venv: $(STAMP)

# A fresh virtual environment with talktrack, its pinned spaCy model and the test tools.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: venv
	@echo "== talktrack extract on the sample corpus (examples/) =="
	$(BIN)/talktrack extract examples/articles --gazetteer examples/gazetteer.yaml --format table
	$(BIN)/talktrack extract examples/articles --gazetteer examples/gazetteer.yaml > $(DEMO_OUT)
	@echo "The full ledger (schema talktrack.ledger/1) is in $(DEMO_OUT)."

test: venv
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .hypothesis

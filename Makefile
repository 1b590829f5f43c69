# talktrack: `make demo` and `make test` set up everything they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_OUT ?= demo-ledger.json
DEMO_DB  ?= demo.db
IS_ROOT  := $(shell [ "$$(id -u)" = 0 ] && echo yes)

.PHONY: venv demo test browser lint clean

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
	@echo "== talktrack ingest into the store $(DEMO_DB), then the timeline =="
	$(BIN)/talktrack ingest examples/articles --gazetteer examples/gazetteer.yaml --db $(DEMO_DB)
	$(BIN)/talktrack timeline --db $(DEMO_DB)
	@echo "Browse it:  $(BIN)/talktrack serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/"

# Debian's Chromium for the browser tests: installed when missing and we are root (CI);
# otherwise those tests are skipped and say why.
browser:
	@if command -v chromium >/dev/null 2>&1 || [ -n "$$TALKTRACK_CHROMIUM" ]; then :; \
	elif [ "$(IS_ROOT)" = yes ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Chromium is missing; installing Debian's chromium package for the browser tests"; \
		apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	else echo "Chromium is missing and this is not root: the browser tests will be skipped (apt-get install chromium)"; fi

# mypy, then the suite, with a throwaway PostgreSQL server on a loopback port (tools/testdb)
# unless TALKTRACK_TEST_PG names one. The suite runs on two processes (pytest-xdist), a test
# file at a time in collection order, the files marked long first (tests/conftest.py).
PYTEST_ARGS ?= -q -n 2 --dist loadfile --no-loadscope-reorder
test: venv browser
	$(BIN)/python -m mypy
	@if [ -n "$$TALKTRACK_TEST_PG" ]; then $(BIN)/python -m pytest $(PYTEST_ARGS); exit $$?; fi; \
	url="$$(tools/testdb start)"; \
	TALKTRACK_TEST_PG="$$url" $(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	tools/testdb stop; exit $$status

clean:
	rm -rf $(VENV) $(DEMO_OUT) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .mypy_cache .hypothesis

# Two commands on a fresh machine (Python 3.11+ only): `make run` and `make test`.
# Each bootstraps a local virtualenv in .venv the first time (and again when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check bot tests
	$(BIN)/mypy
	$(BIN)/python -m bot kb check
	$(BIN)/python -m bot eval --quiet

lint: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m bot eval --quiet

bench: $(STAMP)
	$(BIN)/python -m bot bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Two commands on a fresh machine: `make run` and `make test` (Python 3.11+).
# Each makes a local virtualenv in .venv and installs the locked versions into it
# (requirements-dev.txt); see README, "Setup".
#
# PYTHON chooses the interpreter: `PYTHON=python3.11 make run`. One older than 3.11 stops
# make at once with one line; a .venv made by another interpreter is made again.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# the lock tool, itself pinned: `make lock` installs this version into .venv
UV_VERSION := 0.13.9
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --quiet --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)

.PHONY: run test setup lint eval bench lock clean

# -- which interpreter makes .venv (checked while reading this file, so a bad one is one line)
PY_CHECK = import sys; v = sys.version_info; print(("ok " if v >= (3, 11) else "old ") + ".".join(map(str, v[:3])))
GOALS := $(or $(MAKECMDGOALS),run)
ifneq ($(filter-out clean,$(GOALS)),)
  ifeq ($(filter environment command line,$(origin PYTHON)),)
    # PYTHON not chosen: a working .venv is kept whatever python3 is today
    VENV_STATUS := $(shell $(BIN)/python -c '$(PY_CHECK)' 2>/dev/null)
  endif
  ifeq ($(word 1,$(VENV_STATUS)),ok)
    BOOT := $(BIN)/python
  else
    PY_STATUS := $(shell $(PYTHON) -c '$(PY_CHECK)' 2>/dev/null)
    ifeq ($(PY_STATUS),)
      $(error $(PYTHON) was not found or does not run; this project needs Python 3.11 or newer: try PYTHON=python3.11 make $(GOALS))
    else ifeq ($(word 1,$(PY_STATUS)),old)
      $(error $(PYTHON) is Python $(word 2,$(PY_STATUS)); this project needs 3.11 or newer: try PYTHON=python3.11 make $(GOALS))
    endif
    BOOT := $(PYTHON)
  endif
endif

setup:
	@$(BOOT) tools/bootstrap.py

run: setup
	$(BIN)/python -m bot

test: setup
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check bot tests tools
	$(BIN)/mypy
	$(BIN)/python -m bot kb check
	$(BIN)/python -m bot eval --quiet

lint: setup
	$(BIN)/ruff check bot tests tools
	$(BIN)/mypy

eval: setup
	$(BIN)/python -m bot eval --quiet

bench: setup
	$(BIN)/python -m bot bench

# Regenerate the locks from pyproject.toml, keeping the pinned versions that still fit
# (`make lock UPGRADE=1` moves everything to the newest versions allowed).
# requirements-dev.txt: what make installs (the app and its tools); requirements.txt: the
# app alone, for deployments, with the very same versions.
lock:
	@$(BOOT) tools/bootstrap.py --bare
	$(BIN)/python -m pip install -q uv==$(UV_VERSION)
	$(UV_COMPILE) --extra dev -o requirements-dev.txt
	$(UV_COMPILE) -c requirements-dev.txt -o requirements.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build

# The two commands the README promises: `make run` starts Webmon, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test install install-test clean help

help:
	@echo "make run   - install into .venv and start Webmon on http://127.0.0.1:8000"
	@echo "make test  - install the test dependencies and run the whole suite"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Webmon needs Python 3.11 or newer; set PYTHON=python3.12, for example")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: backend/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e backend
	@touch $@

$(VENV)/.installed-test: backend/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e 'backend[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/webmon serve

test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache

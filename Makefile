# pncaf — everyday tasks. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit install schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q src >/dev/null   # bytecode, even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

install: $(STAMP)

## demo: install, then check and date the shipped conventions
demo: $(STAMP)
	@echo "== pncaf check conventions/"
	@$(BIN)/pncaf check conventions/ || true
	@echo; echo "== pncaf dates conventions/"
	@$(BIN)/pncaf dates conventions/
	@echo; echo "== pncaf agenda conventions/ --days 90"
	@$(BIN)/pncaf agenda conventions/ --days 90

## test: everything CI checks
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

## schema: refresh the JSON Schema shipped for editors
schema: $(STAMP)
	$(BIN)/pncaf schema -o schema/pncaf.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

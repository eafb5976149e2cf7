# pncaf — everyday tasks. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit install browser calc office docx-template schema bench fuzz audit clean

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
	@echo; echo "== pncaf report conventions/ -o out/report"
	@$(BIN)/pncaf report conventions/ -o out/report
	@echo "Open out/report/index.html in a browser to see the network dashboard."

## test: everything CI checks
test: lint typecheck browser calc office unit

## browser: the report's tests open it in Debian's Chromium; install it when missing
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's chromium for the browser tests…"; \
		(apt-get install -y -q chromium >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)) \
		|| { echo "could not install chromium: run apt-get install -y chromium"; exit 1; }; \
	else echo "Chromium is missing: run  sudo apt-get install -y chromium  then make test again"; exit 1; fi

## calc: the annex 2 form's tests open it in LibreOffice Calc (headless); install it when missing
calc:
	@if [ -e /usr/lib/libreoffice/program/libsclo.so ] && command -v soffice >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's libreoffice-calc-nogui for the annex 2 tests…"; \
		(apt-get install -y -q libreoffice-calc-nogui >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null && apt-get install -y -q libreoffice-calc-nogui >/dev/null)) \
		|| { echo "could not install LibreOffice Calc: run apt-get install -y libreoffice-calc-nogui"; exit 1; }; \
	else echo "LibreOffice Calc is missing: run  sudo apt-get install -y libreoffice-calc-nogui  then make test again"; exit 1; fi

## office: the convention's tests convert the Word file with LibreOffice; install it when missing
office:
	@if [ -e /usr/lib/libreoffice/program/libswlo.so ] && command -v soffice >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's libreoffice-writer-nogui for the Word tests…"; \
		(apt-get install -y -q libreoffice-writer-nogui >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null && apt-get install -y -q libreoffice-writer-nogui >/dev/null)) \
		|| { echo "could not install LibreOffice: run apt-get install -y libreoffice-writer-nogui"; exit 1; }; \
	else echo "LibreOffice is missing: run  sudo apt-get install -y libreoffice-writer-nogui  then make test again"; exit 1; fi

## docx-template: remake the shipped Word template of the convention from its text
docx-template: $(STAMP)
	$(BIN)/python scripts/make_convention_docx.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

## bench: time pncaf check against check-jsonschema and the libyaml floor (see docs/performance.md)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py

## fuzz: a long fuzzing run of the loader, the check path and validator parity (make test runs a short one)
fuzz: $(STAMP)
	PNCAF_FUZZ_EXAMPLES=$${PNCAF_FUZZ_EXAMPLES:-20000} $(BIN)/pytest tests/test_fuzz.py tests/test_validator.py -p no:randomly -q

## audit: known vulnerabilities in the installed dependencies (needs network)
audit: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-audit
	$(BIN)/pip-audit --skip-editable

## schema: refresh the JSON Schema shipped for editors
schema: $(STAMP)
	$(BIN)/pncaf schema -o schema/pncaf.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

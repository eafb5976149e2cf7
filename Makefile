# pncaf — everyday tasks. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit install system-deps docx-template schema bench fuzz audit clean

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
	@echo; echo "== the same work in a browser, for officers: start it with"
	@echo "   $(BIN)/pncaf serve conventions/"
	@echo "   (it prints its address with a one-time token and opens it; Ctrl-C stops it; see docs/serve.md)"

## test: everything CI checks
test: lint typecheck system-deps unit

## system-deps: what the tests open documents with, from Debian, installed when missing:
## Chromium (the dashboard), LibreOffice Writer (the convention's Word file) and Calc (the
## annex 2 form), Tesseract with French and poppler's pdftoppm (import of scans). One apt-get call for all that is missing.
SYSTEM_DEPS_MISSING = $(strip \
	$(if $(shell command -v chromium),,chromium) \
	$(if $(and $(wildcard /usr/lib/libreoffice/program/libswlo.so),$(shell command -v soffice)),,libreoffice-writer-nogui) \
	$(if $(and $(wildcard /usr/lib/libreoffice/program/libsclo.so),$(shell command -v soffice)),,libreoffice-calc-nogui) \
	$(if $(shell command -v tesseract),,tesseract-ocr) \
	$(if $(wildcard /usr/share/tesseract-ocr/*/tessdata/fra.traineddata),,tesseract-ocr-fra) \
	$(if $(shell command -v pdftoppm),,poppler-utils))

system-deps:
	@missing="$(SYSTEM_DEPS_MISSING)"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's $$missing for the tests (a few minutes the first time)…"; \
		(apt-get install -y -q $$missing >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null)) \
		|| { echo "could not install them: run apt-get install -y $$missing"; exit 1; }; \
	else echo "missing for the tests: run  sudo apt-get install -y $$missing  then make test again"; exit 1; fi

## docx-template: remake the shipped Word template of the convention from its text
docx-template: $(STAMP)
	$(BIN)/python scripts/make_convention_docx.py

## lint: ruff, and the layers of the pipeline (import-linter's contracts in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/lint-imports

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
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache

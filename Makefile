# Two commands on a fresh machine with python3 and make: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT := build

.PHONY: setup demo test lint typecheck pytest bench schema docs pdf pictures fuzz national clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv with the library and its development tools

demo: $(STAMP) ## render the bundled sample to .docx and validate it
	mkdir -p $(OUT)
	$(BIN)/govinfo-report render examples/hongqi-2023.yaml -o $(OUT)/hongqi-2023.docx
	$(BIN)/govinfo-report validate examples/hongqi-2023.yaml

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples scripts fuzz
	$(BIN)/ruff format --check src tests benchmarks examples scripts fuzz
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

pytest: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

test: lint typecheck pytest ## lint, type-check and run the whole test suite

bench: $(STAMP) ## run the benchmarks (prints ratios against baselines measured in the same run)
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

schema: $(STAMP) ## regenerate the JSON Schema and the generated docs pages
	$(BIN)/govinfo-report schema -o schema/govinfo-report.schema.json
	$(BIN)/python scripts/gen_docs.py

docs: $(STAMP) ## build the documentation site into site/ (strict: any warning fails)
	NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true $(BIN)/mkdocs build --strict --quiet

pdf: demo ## convert the demo .docx to PDF and PNG pages (needs LibreOffice and poppler)
	$(BIN)/python scripts/docx_to_png.py $(OUT)/hongqi-2023.docx

pictures: $(STAMP) ## the pictures of docs/publish.md: HTML page, first PDF page, Word comments (needs chromium, LibreOffice, poppler)
	$(BIN)/python scripts/publish_pictures.py --outdir docs/images

FUZZ_SECONDS ?= 300
fuzz: $(STAMP) ## fuzz the readers and codecs with atheris (FUZZ_SECONDS=300); crashers go to tests/corpus/crashers/
	$(BIN)/python fuzz/harness.py --seed $(OUT)/fuzz-corpus
	$(BIN)/python fuzz/harness.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=60 \
		-artifact_prefix=tests/corpus/crashers/ $(OUT)/fuzz-corpus

national: $(STAMP) ## a synthetic national sample: 1,000 reports as HTML/DOCX/PDF, read back, checked (N=...)
	$(BIN)/python scripts/national_sample.py -n $(or $(N),1000)

clean:
	rm -rf $(VENV) $(OUT) site .pytest_cache .mypy_cache .ruff_cache

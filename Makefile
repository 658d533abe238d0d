# vnplan: `make demo` runs the main job on the bundled corpus; `make test` runs the tests.
# Both set everything up first (a .venv with the package; Debian tools when run as root).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    := outputs
# Debian packages: OCR (tesseract + Vietnamese model), .doc conversion and PDF fixtures
# (LibreOffice), PDF page images (poppler), browser tests (chromium), the PostgreSQL store's tests and
# benchmarks (postgresql: a private cluster is started by .ci/run and the tests, never the system one).
DEBS   := tesseract-ocr tesseract-ocr-vie poppler-utils libreoffice-writer-nogui chromium fonts-dejavu-core postgresql

.PHONY: setup sysdeps demo test lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

sysdeps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "Debian packages present."; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	elif command -v sudo >/dev/null; then sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	else echo "warning: missing Debian packages:$$missing (OCR, .doc and browser features need them)"; fi

demo: setup
	$(BIN)/vnplan demo corpus --out $(OUT)

test: setup sysdeps
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check extractor tests benchmarks
	$(BIN)/mypy extractor

typecheck: setup
	$(BIN)/mypy extractor

bench: setup sysdeps
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(OUT)/records $(OUT)/exports $(OUT)/*.db

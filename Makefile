# Two commands from a fresh clone: `make run` and `make test`. Every target sets up what it
# needs first: a virtual environment in .venv with the project and its test tools.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: install run test lint format bench export-demo demo-data clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## set up .venv with the project, its dependencies and the console script

run: install ## serve the dashboard on the bundled demo data at http://127.0.0.1:8050
	$(BIN)/ecosystem serve --host $(HOST) --port $(PORT)

test: install ## the whole suite (browser tests run where Debian's chromium is installed)
	$(BIN)/python -m pytest

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install ## speed against networkx and python-igraph, as ratios measured in one run
	$(BIN)/python -m ecosystem.bench

demo-data: install ## regenerate the illustrative demo survey from its seeded script
	$(BIN)/python surveys/demo/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info

# Two commands from a fresh clone: `make run` and `make test`. Every target sets up what it
# needs first: a virtual environment in .venv with the project and its test tools.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: install lock run test lint format docs bench bench-robustness load-check export-demo demo-data clean

DEMO := ecosystem/demo/organisations.csv ecosystem/demo/responses.csv
EXPORTS ?= exports/demo

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint constraints.txt -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## set up .venv with the project, its dependencies and the console script

lock: ## re-pin constraints.txt: the newest versions pyproject.toml allows, in a fresh venv
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet '.[test]'
	{ echo "# Versions that \`make install\` and CI install and test (pip's --constraint)."; \
	  echo "# Refresh with \`make lock\` after changing pyproject.toml's dependencies; commit the result."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude pip --exclude ecosystem; } > constraints.txt
	rm -rf .lock-venv build

run: install ## serve the dashboard on the bundled demo data at http://127.0.0.1:8050
	$(BIN)/ecosystem serve --host $(HOST) --port $(PORT)

test: install ## the whole suite on every core (browser tests run where Debian's chromium is installed)
	$(BIN)/python -m pytest -n auto --dist loadfile

lint: install ## ruff lint and format check, mypy type check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

docs: install ## rewrite the answer, nature and type tables of surveys/codebook.md from ecosystem/codebook
	$(BIN)/python scripts/codebook_doc.py

bench: install ## speed against networkx and python-igraph, as ratios measured in one run
	$(BIN)/python -m ecosystem.bench

bench-robustness: install ## the simulation of further non-response against one computation of its measures (aim: 20)
	$(BIN)/python -m ecosystem.bench --only robustness

load-check: install ## 30 simulated users (then 30 signed in) changing wave and hub on the served demo: p50/p95, errors, memory
	$(BIN)/python scripts/load_check.py --users 30 --seconds 20
	$(BIN)/python scripts/load_check.py --users 30 --seconds 20 --signed-in

export-demo: install ## the demo's report, images, tables and graphs, into exports/demo/
	@mkdir -p $(EXPORTS)
	$(BIN)/ecosystem export $(DEMO) --view report --from "Formative 2023" --to "Summative 2024" -o $(EXPORTS)/report-all-hubs.html
	$(BIN)/ecosystem export $(DEMO) --view report --hub Dorset --from "Formative 2023" --to "Summative 2024" --anonymise -o $(EXPORTS)/report-dorset-anonymised.html
	$(BIN)/ecosystem export $(DEMO) --view network --hub Dorset -o $(EXPORTS)/network-dorset.png
	$(BIN)/ecosystem export $(DEMO) --view network --hub Dorset --anonymise -o $(EXPORTS)/network-dorset-anonymised.pdf
	$(BIN)/ecosystem export $(DEMO) --view compare --hub Manchester --from "Formative 2023" --to "Summative 2024" -o $(EXPORTS)/compare-manchester.svg
	$(BIN)/ecosystem export $(DEMO) --view brokerage-matrix -o $(EXPORTS)/brokerage-matrix.png
	$(BIN)/ecosystem export $(DEMO) --view gaps --hub "Bradford District and Craven" -o $(EXPORTS)/gaps-bradford.png
	$(BIN)/ecosystem export $(DEMO) --view overview -o $(EXPORTS)/overview.pdf
	$(BIN)/ecosystem export $(DEMO) --view tables --hub Dorset -o $(EXPORTS)/tables-dorset.xlsx
	$(BIN)/ecosystem export $(DEMO) --view tables --table comparison --hub Dorset --from "Formative 2023" --to "Summative 2024" -o $(EXPORTS)/comparison-dorset.csv
	$(BIN)/ecosystem export $(DEMO) --view hubs --from "Formative 2023" --to "Summative 2024" -o $(EXPORTS)/hubs.csv
	$(BIN)/ecosystem export $(DEMO) --view graph -o $(EXPORTS)/network-summative-2024.graphml
	$(BIN)/ecosystem export $(DEMO) --view graph --anonymise -o $(EXPORTS)/network-summative-2024-anonymised.gexf

demo-data: install ## regenerate the illustrative demo survey from its seeded script
	$(BIN)/python surveys/demo/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build *.egg-info

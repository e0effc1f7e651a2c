# The newcomer's two commands: `make run` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
# The suite runs in parallel, one process per CPU, each with its own databases (pytest-xdist);
# TEST_WORKERS=0 runs it in this one process.
TEST_WORKERS ?= auto
STAMP := $(VENV)/.installed-dev

.PHONY: run test lint install install-production clean-db bench bench-postgres

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# A server's install (docs/deploy.md): the application without the development tools.
install-production: | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

run: $(STAMP)
	$(BIN)/tracker db upgrade
	$(BIN)/tracker demo --if-empty
	@echo ""
	@echo "Suivi ASBL : http://127.0.0.1:$(PORT)/"
	@echo ""
	$(BIN)/tracker scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	WEB_BIND=127.0.0.1:$(PORT) $(BIN)/gunicorn wsgi:app

lint: $(STAMP)
	$(BIN)/ruff check tracker tests wsgi.py migrations/env.py
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --durations=15

# Speed targets of the issues, measured side by side in one run (not part of `make test`).
bench: $(STAMP)
	$(BIN)/python -m bench.activities
	$(BIN)/python -m bench.questionnaires
	$(BIN)/python -m bench.costs
	$(BIN)/python -m bench.operations
	$(BIN)/python -m bench.persons
	$(BIN)/python -m bench.load

bench-postgres: $(STAMP)
	.ci/with-postgres $(BIN)/python -m bench.activities
	.ci/with-postgres $(BIN)/python -m bench.questionnaires
	.ci/with-postgres $(BIN)/python -m bench.costs
	.ci/with-postgres $(BIN)/python -m bench.operations
	.ci/with-postgres $(BIN)/python -m bench.persons
	.ci/with-postgres $(BIN)/python -m bench.load

clean-db:
	rm -f instance/tracker.sqlite3 instance/tracker.sqlite3-wal instance/tracker.sqlite3-shm

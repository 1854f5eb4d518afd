# thidua — two commands: `make demo` and `make test`. Everything else is here for developers.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock requirements-dev.lock pyproject.toml | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test venv lint format bench serve-prod clean

venv: $(STAMP)

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . 2>/dev/null || \
		$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

## make demo: set up, migrate, load the demo, run the job consumer and serve on http://127.0.0.1:8000
demo: venv
	THIDUA_DEMO=1 $(BIN)/thidua migrate --noinput
	THIDUA_DEMO=1 $(BIN)/thidua demo
	@echo ""
	@echo "Mở http://$(HOST):$(PORT) — dừng bằng Ctrl+C."
	@trap 'trap - EXIT INT TERM; kill $$(jobs -p) 2>/dev/null' EXIT INT TERM; \
	THIDUA_DEMO=1 $(BIN)/thidua run_huey --workers 2 --quiet & \
	THIDUA_DEMO=1 $(BIN)/gunicorn thidua.wsgi:application --bind $(HOST):$(PORT) \
		--workers 2 --threads 4 --graceful-timeout 5 --access-logfile - --error-logfile -

## make test: set up and run the whole suite (SQLite; PostgreSQL when DATABASE_URL is set)
test: venv
	$(BIN)/python -m pytest -n auto --dist loadfile -p no:cacheprovider $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/thidua makemigrations --check --dry-run

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

## make bench: benchmarks against baselines measured in the same run → bench/results.json
bench: venv
	$(BIN)/python bench/run.py

## make serve-prod: the production configuration on this machine (PostgreSQL, Redis, gunicorn, 2 job consumers)
serve-prod: venv
	bin/serve-prod

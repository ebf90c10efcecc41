# Quick start: `make run` (demo on an embedded broker) and `make test` (the whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
# the event coder, whose hot modules setup.py compiles with mypyc (streams/enrich/events/native.py lists them)
NATIVE  = $(VENV)/.compiled
NATIVE_SOURCES = $(wildcard streams/enrich/events/*.py) setup.py

.PHONY: run test test-unit fuzz lint bench soak eval compile clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	STREAMS_PURE_PYTHON=1 $(BIN)/pip install --quiet -e ".[embedded,dev,bench]"  # compiled once, by $(NATIVE)
	touch $(STAMP)

## rebuild the compiled event coder after its sources changed (a stale build is never run: the Python source is)
compile: $(NATIVE)
$(NATIVE): $(STAMP) $(NATIVE_SOURCES)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(NATIVE)

## run the main job: embedded broker + worker + bundled sample articles
run: $(NATIVE)
	$(BIN)/streams demo

## the whole suite, integration tests against the embedded broker included
test: $(NATIVE)
	$(BIN)/python -m pytest

## unit tests only (no broker)
test-unit: $(NATIVE)
	$(BIN)/python -m pytest -m "not integration"

## hostile input: 10,000 random examples per boundary test (make test runs a small derandomized set)
fuzz: $(NATIVE)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:cacheprovider -q --timeout=0 -W ignore::hypothesis.errors.HypothesisWarning tests/unit/test_hostile_input.py

lint: $(NATIVE)
	$(BIN)/ruff check streams tests bench examples
	$(BIN)/mypy streams

## the service against raw spaCy on the same texts (throughput, latency, RSS); prints a table. CORPUS=… ARTICLES=…
CORPUS   ?= ../shared/corpus/news.jsonl
ARTICLES ?= 2000
bench: $(NATIVE)
	$(BIN)/streams bench $(if $(wildcard $(CORPUS)),--corpus $(CORPUS)) --articles $(ARTICLES) --json bench.json --plot bench.png

## soak: every fault scenario (tests/integration/test_faults.py) 5 times with 6,000 articles each;
## then one worker's memory after 2,000 and 20,000 generated articles (new names in each); prints the growth
soak: $(NATIVE)
	$(BIN)/python -m pytest -p no:cacheprovider tests/integration/test_faults.py --soak --fault-runs 5 --fault-articles 6000
	$(BIN)/streams bench --growth

## scores against ../shared/eval (not shipped with the project)
eval: $(NATIVE)
	$(BIN)/python bench/eval_entities.py
	$(BIN)/python bench/eval_events.py
	$(BIN)/python bench/eval_stories.py


clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.so streams/enrich/events/*.so

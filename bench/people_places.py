"""Scoring of people and places on the shared sets of issue 10 (used by ``eval_entities.py``).

Two families of figures, both computed from enriched records only:

- ``news`` (``../shared/eval/streams_news_events/part-*.jsonl``): the figures of that folder's
  ``score_events.py entities`` — country-set P/R/F1 over every entity that carries a country,
  named-person recall, and the share of found people whose ``country`` (else ``IGO:<igo>``) is the
  gold one. The gold ``persons`` are, by that folder's CONVENTIONS.md, each person's "full name as
  first written", so a person is found when a PERSON entity was written that way: one of its
  mentions' text (without a possessive ending) or its ``name`` equals the gold name after accent and
  case folding. Since the contract makes ``name`` the matched canonical name (and mentions keep the
  surface), ``score_events.py``'s own comparison (``name`` only) is reported beside it as
  ``person_recall_by_name``.
- ``geoparsing`` (``../shared/eval/geoparsing/{tr-news,geovirus}.jsonl``): the figures of that
  folder's ``score_places.py`` — per gold toponym with a country (``country_source`` in the
  scorer's default sources), *tagged* (a body mention overlapping it carries a country) and
  *right country* of the tagged ones — plus the place false-positive rate: of the record's
  place mentions (mentions of ``place:`` entities and of ``country:`` entities that are not a
  demonym), the share that overlaps no gold toponym at all.

Nothing here reads the shared files: the caller passes gold rows in.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from typing import Any

from scoring import PRF, ratio

# score_places.py's default sources: the hand-checked ones (reverse-geocoded countries err near borders)
GEO_SOURCES = frozenset({"gold", "geonameid", "wikipedia-country"})
ALL_SOURCES = GEO_SOURCES | {"reverse_geocoded"}  # GeoVirus: 1,090 more toponyms, countries from coordinates


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return " ".join(s.replace("'s", "").split())


def _written(text: str) -> str:
    """A mention's text as the gold writes a name: no possessive ending."""
    text = text.strip()
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def _people_by_name(rec: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """PERSON entities by folded canonical ``name``, and by folded name as written (mentions, then name)."""
    people = [e for e in rec["entities"] if (e.get("type") or "").upper() == "PERSON"]
    by_name = {_norm(e["name"]): e for e in people}
    written: dict[str, dict[str, Any]] = {}
    for e in people:
        for m in e.get("mentions") or []:
            written.setdefault(_norm(_written(m["text"])), e)
    for k, e in by_name.items():
        written.setdefault(k, e)
    return by_name, written


def _igo_family() -> dict[str, str]:
    from scoring import igo_cameo_codes

    return {code: ("IGOUNO" if (cameo or code).startswith("IGOUNO") else (cameo or code)) for code, cameo in igo_cameo_codes().items()}


# ------------------------------------------------------------------------------------------------
# news passages: countries and people
# ------------------------------------------------------------------------------------------------
def news_items(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": g["id"], "title": g.get("title") or "", "body": g["body"],
             "published_at": f"{g['published_at']}T12:00:00Z" if g.get("published_at") else None} for g in gold]


def score_news_people(gold: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    family = _igo_family()

    def igo(code: str) -> str:
        return "IGO:" + family.get(code, code)

    countries = PRF()
    found = total = right = judged = by_name_found = 0
    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # country_source -> [right, judged]
    errors: dict[str, list[str]] = defaultdict(list)
    for g, rec in zip(gold, records, strict=True):
        got = {e.get("country") for e in rec["entities"] if e.get("country")}
        want = set(g["countries"])
        countries.add(got, want)
        for c in sorted(got - want):
            errors["country_fp"].append(f"{g['id']}: extra {c}")
        for c in sorted(want - got):
            errors["country_fn"].append(f"{g['id']}: missed {c}")
        by_name, people = _people_by_name(rec)
        for name in g["persons"]:
            total += 1
            by_name_found += _norm(name) in by_name
            e = people.get(_norm(name))
            if e is None:
                errors["person_missed"].append(f"{g['id']}: {name!r}; persons={sorted(by_name)}")
                continue
            found += 1
            want_c = (g.get("person_countries") or {}).get(name)
            if not want_c:
                continue
            judged += 1
            got_c = e.get("country") or (e.get("igo") and igo(e["igo"]))
            gold_c = igo(want_c[4:]) if want_c.startswith("IGO:") else want_c
            source = by_source[str(e.get("country_source"))]
            source[1] += 1
            if got_c == gold_c:
                right += 1
                source[0] += 1
            else:
                errors["person_country"].append(
                    f"{g['id']}: {name!r} -> {got_c} (gold {gold_c}) source={e.get('country_source')} title={e.get('title')!r}")
    return {
        "items": len(gold),
        "countries": countries.result(),
        "person_recall": ratio(found, total),
        "person_country_accuracy": ratio(right, judged),
        "person_recall_by_name": ratio(by_name_found, total),
        "persons": {"gold": total, "found": found, "judged": judged, "country_ok": right, "found_by_name": by_name_found},
        "right_country_by_source": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_source.items())},
        "_errors": dict(errors),
    }


# ------------------------------------------------------------------------------------------------
# geoparsing: toponyms
# ------------------------------------------------------------------------------------------------
def geo_items(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": g["id"], "title": "", "body": g["text"]} for g in gold]


def _is_demonym(text: str) -> bool:
    from streams.enrich.linking.gazetteer import DEMONYM, load_gazetteer

    kinds = {t.kind for t in load_gazetteer().lookup(text)}
    return DEMONYM in kinds and len(kinds) == 1


def place_mentions(rec: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, text, entity id) of the record's body mentions that name a place."""
    out = []
    for e in rec["entities"]:
        kind = e["id"].split(":", 1)[0]
        if kind not in {"place", "country"}:
            continue
        for m in e.get("mentions") or []:
            if m.get("field", "body") == "body" and not (kind == "country" and _is_demonym(m["text"])):
                out.append((m["start"], m["end"], m["text"], e["id"]))
    return out


def score_geoparsing(gold: list[dict[str, Any]], records: list[dict[str, Any]], sources: frozenset[str] = GEO_SOURCES) -> dict[str, Any]:
    n = covered = correct = 0
    pred = fp = 0
    art = PRF()
    wrong: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    errors: dict[str, list[str]] = defaultdict(list)
    for g, rec in zip(gold, records, strict=True):
        spans = [(m["start"], m["end"], e["country"]) for e in rec["entities"] if e.get("country")
                 for m in e.get("mentions") or [] if m.get("field", "body") == "body"]
        want = set()
        for p in g["places"]:
            if not p.get("country") or p.get("country_source", "gold") not in sources:
                continue
            want.add(p["country"])
            n += 1
            hit = [c for s, e, c in spans if s < p["end"] and p["start"] < e]
            if not hit:
                missed[p["name"]] += 1
                continue
            covered += 1
            if p["country"] in hit:
                correct += 1
            else:
                wrong[f"{p['name']}:{p['country']}->{hit[0]}"] += 1
        art.add(set(rec.get("countries") or []) & want, want)  # recall only (gold marks places, not every country)
        for s, e, text, eid in place_mentions(rec):
            pred += 1
            if not any(s < p["end"] and p["start"] < e for p in g["places"]):
                fp += 1
                errors["place_fp"].append(f"{g['id']}: {text!r} as {eid} | …{g['text'][max(0, s - 50):e + 50]!r}…")
    also: dict[str, Any] = {}
    if sources == GEO_SOURCES and any(p.get("country_source") == "reverse_geocoded" for g in gold for p in g["places"]):
        every = score_geoparsing(gold, records, ALL_SOURCES)
        also = {"all_sources": {k: every[k] for k in ("toponyms", "tagged", "right_country_of_tagged")}}
    errors["wrong_country"] = [f"{k} x{v}" for k, v in wrong.most_common()]
    errors["untagged"] = [f"{k} x{v}" for k, v in missed.most_common()]
    return {
        "items": len(gold),
        "toponyms": n,
        "tagged": ratio(covered, n),
        "right_country_of_tagged": ratio(correct, covered),
        "right_country_all": ratio(correct, n),
        "article_country_recall": art.result()["recall"],
        "place_mentions": pred,
        "place_false_positive_rate": ratio(fp, pred),
        "top_wrong": [f"{k} x{v}" for k, v in wrong.most_common(8)],
        **also,
        "_errors": dict(errors),
    }

"""Scores entity tagging and linking of ``streams.Enricher``.

    python bench/eval_entities.py                 # tables
    python bench/eval_entities.py --json          # machine-readable
    python bench/eval_entities.py --errors 15     # plus examples of each kind of error (stderr)

Sets:
  project   tests/fixtures/gold_entities.jsonl: countries (P/R/F1), persons (recall, country
            accuracy), IGOs (recall), places (recall).
  plover    ../shared/eval/plover_gsr_cameo_manual.jsonl: ISO-3 actor countries per sentence vs
            record["countries"] (micro P/R/F1). The gold codes only the event's actors, so
            other countries a sentence names count as false positives: precision is a lower bound.
  gum       ../shared/eval/ner_gum_news_el.jsonl: recall of named person mentions (has_propn and
            not a pronoun) by PERSON entities (span overlap); for named place/organisation
            mentions whose Wikipedia title is a country (pycountry), the fraction linked to it.
  re3d      ../shared/eval/ner_re3d.jsonl: Person/Organisation/Location/Nationality spans that
            start with an uppercase letter vs the record's entity mentions (overlap), type-agnostic
            and type-aware (README mapping).
  news      ../shared/eval/streams_news_events/ (part-*.jsonl): country-set P/R/F1, person recall,
            right country of the people found (the figures of its score_events.py entities; a person
            is found when written as the gold's "full name as first written" — a mention's text or the
            name —, and the recall by canonical name only, score_events.py's comparison, is beside it).
  trnews    ../shared/eval/geoparsing/tr-news.jsonl and
  geovirus  ../shared/eval/geoparsing/geovirus.jsonl: toponyms tagged with a country, right country of
            the tagged ones, place false-positive rate (people_places.py says how).

The scoring functions are importable (the unit tests in tests/unit/test_gold_entities.py use them).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from people_places import geo_items, news_items, score_geoparsing, score_news_people  # noqa: E402
from scoring import (  # noqa: E402
    FIXTURES,
    ISO3_TYPOS,
    PRF,
    eval_main,
    overlaps,
    plover_gold_actor,
    print_table,
    ratio,
    require_file,
    run_sets,
)

GOLD_ENTITIES = FIXTURES / "gold_entities.jsonl"
PLOVER_FILE = "plover_gsr_cameo_manual.jsonl"
GUM_FILE = "ner_gum_news_el.jsonl"
RE3D_FILE = "ner_re3d.jsonl"
NEWS_DIR = "streams_news_events"
TRNEWS_FILE = "geoparsing/tr-news.jsonl"
GEOVIRUS_FILE = "geoparsing/geovirus.jsonl"

# re3d label -> spaCy labels it may be tagged with (eval README).
RE3D_TYPES = {
    "Person": {"PERSON"},
    "Organisation": {"ORG", "NORP"},
    "Location": {"GPE", "LOC", "FAC"},
    "Nationality": {"NORP"},
}


# ------------------------------------------------------------------------------------------------
# helpers on records
# ------------------------------------------------------------------------------------------------
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(ascii_text.lower().replace("-", " ").split())


def persons_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in record["entities"] if e.get("type") == "PERSON"]


def find_person(record: dict[str, Any], gold_name: str) -> dict[str, Any] | None:
    """The PERSON entity named ``gold_name`` (canonical name, case-insensitive), else one with the same last token."""
    people = persons_of(record)
    want = fold(gold_name)
    for e in people:
        if fold(e["name"]) == want:
            return e
    last = want.split()[-1] if want else ""
    for e in people:
        toks = fold(e["name"]).split()
        if toks and toks[-1] == last:
            return e
    return None


def igo_matches(entity_igo: str | None, gold_igo: str, loose: bool) -> bool:
    if not entity_igo:
        return False
    if entity_igo.upper() == gold_igo.upper():
        return True
    if loose:  # same CAMEO actor: "UN Security Council" (UNSC, IGOUNO) for gold "UN"
        from scoring import igo_cameo_codes

        codes = igo_cameo_codes()
        a, b = codes.get(entity_igo), codes.get(gold_igo)
        return bool(a) and a == b
    return False


def place_found(record: dict[str, Any], gold_place: str) -> bool:
    """In ``locations`` (same name, or one inside the other), or a place:* entity whose name or a mention
    contains it ("the Kursk region")."""
    want = fold(gold_place)
    names = [fold(loc.get("name") or "") for loc in record.get("locations") or []]
    for e in record["entities"]:
        if e["id"].startswith("place:"):
            names.append(fold(e["name"]))
            names += [fold(m["text"]) for m in e.get("mentions") or []]
    return any(n and (n == want or want in n or n in want) for n in names)


def mention_spans(record: dict[str, Any], field: str = "body") -> list[tuple[int, int, dict[str, Any], dict[str, Any]]]:
    return [(m["start"], m["end"], e, m) for e in record["entities"] for m in e.get("mentions") or [] if m.get("field", "body") == field]


def entity_summary(record: dict[str, Any]) -> list[str]:
    out = []
    for e in record["entities"]:
        bits = [e["id"], e["type"]]
        if e.get("country"):
            bits.append(e["country"])
        if e.get("igo"):
            bits.append("igo=" + e["igo"])
        out.append("/".join(bits) + " " + repr([m["text"] for m in e.get("mentions") or []][:3]))
    return out


# ------------------------------------------------------------------------------------------------
# (a) project gold
# ------------------------------------------------------------------------------------------------
def project_items(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": g["id"], "title": "", "body": g["text"], "published_at": g.get("published_at")} for g in gold]


def score_project_entities(gold: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    countries = PRF()
    persons_total = persons_found = persons_country_ok = 0
    igos_total = igos_found = igos_found_loose = 0
    places_total = places_found = 0
    errors: dict[str, list[str]] = defaultdict(list)

    for g, rec in zip(gold, records, strict=True):
        pred = set(rec["countries"])
        want = set(g["countries"])
        countries.add(pred, want)
        for c in sorted(pred - want):
            errors["country_fp"].append(f"{g['id']}: extra {c} | {g['text'][:160]}")
        for c in sorted(want - pred):
            errors["country_fn"].append(f"{g['id']}: missed {c} (got {sorted(pred)}) | {g['text'][:160]}")

        for p in g.get("persons") or []:
            persons_total += 1
            e = find_person(rec, p["name"])
            if e is None:
                errors["person_missed"].append(
                    f"{g['id']}: {p['name']!r} not a PERSON; persons={[x['name'] for x in persons_of(rec)]} | {g['text'][:160]}")
                continue
            persons_found += 1
            if (e.get("country") or None) == (p.get("country") or None):
                persons_country_ok += 1
            else:
                errors["person_country"].append(
                    f"{g['id']}: {p['name']!r} -> {e.get('country')} (gold {p.get('country')}), id={e['id']} | {g['text'][:160]}")

        for igo in g.get("igos") or []:
            igos_total += 1
            ents = rec["entities"]
            if any(igo_matches(e.get("igo"), igo, loose=False) for e in ents):
                igos_found += 1
                igos_found_loose += 1
            elif any(igo_matches(e.get("igo"), igo, loose=True) for e in ents):
                igos_found_loose += 1
            else:
                errors["igo_missed"].append(
                    f"{g['id']}: {igo} not found; igos={[e.get('igo') for e in ents if e.get('igo')]} | {g['text'][:160]}")

        for place in g.get("places") or []:
            places_total += 1
            if place_found(rec, place):
                places_found += 1
            else:
                errors["place_missed"].append(
                    f"{g['id']}: {place!r} not in locations {[loc['name'] for loc in rec.get('locations') or []]} | {g['text'][:160]}")

    return {
        "items": len(gold),
        "countries": countries.result(),
        "person_recall": ratio(persons_found, persons_total),
        "person_country_accuracy": ratio(persons_country_ok, persons_found),
        "persons": {"gold": persons_total, "found": persons_found, "country_ok": persons_country_ok},
        "igo_recall": ratio(igos_found, igos_total),
        "igo_recall_same_cameo": ratio(igos_found_loose, igos_total),
        "igos": {"gold": igos_total, "found": igos_found, "found_same_cameo": igos_found_loose},
        "place_recall": ratio(places_found, places_total),
        "places": {"gold": places_total, "found": places_found},
        "_errors": dict(errors),
    }


# ------------------------------------------------------------------------------------------------
# (b) PLOVER GSR: actor countries
# ------------------------------------------------------------------------------------------------
def plover_items(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": g["id"], "title": "", "body": g["text"]} for g in gold]


def plover_gold_countries(g: dict[str, Any]) -> set[str]:
    out = set()
    for actor in (g.get("source_actors") or []) + (g.get("target_actors") or []):
        if not isinstance(actor, dict):
            continue
        code = plover_gold_actor(actor.get("code"))
        if code and code != "IGO" and len(code) == 3 and code.isalpha():  # skip IGO/NGO and '?IMG' etc.
            out.add(ISO3_TYPOS.get(code, code))
    return out


def score_plover_countries(gold: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    acc = PRF()
    errors: dict[str, list[str]] = defaultdict(list)
    fp_codes: Counter[str] = Counter()
    fn_codes: Counter[str] = Counter()
    for g, rec in zip(gold, records, strict=True):
        want = plover_gold_countries(g)
        pred = set(rec["countries"])
        acc.add(pred, want)
        for c in sorted(want - pred):
            fn_codes[c] += 1
            errors["country_fn"].append(f"{g['id']}: missed {c} (got {sorted(pred)}) | {g['text'][:160]}")
        for c in sorted(pred - want):
            fp_codes[c] += 1
            errors["country_fp"].append(f"{g['id']}: extra {c} (gold {sorted(want)}) | {g['text'][:160]}")
    return {"items": len(gold), "countries": acc.result(), "top_missed": fn_codes.most_common(10),
            "top_extra": fp_codes.most_common(10), "_errors": dict(errors)}


# ------------------------------------------------------------------------------------------------
# (c) GUM news: person recall and country links
# ------------------------------------------------------------------------------------------------
def gum_items(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from scoring import day_to_iso

    return [{"id": g["id"], "title": "", "body": g["text"], "published_at": day_to_iso(g.get("date"))} for g in gold]


def wiki_country(title: str) -> str | None:
    import pycountry

    name = urllib.parse.unquote(title).replace("_", " ").strip()
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def _named(m: dict[str, Any]) -> bool:
    return bool(m.get("has_propn")) and not m.get("is_pronoun")


def score_gum(gold: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    p_total = p_found = p_name_ok = 0
    p_all_total = p_all_found = 0
    c_total = c_ok = c_any = 0
    errors: dict[str, list[str]] = defaultdict(list)
    by_country: Counter[str] = Counter()
    for g, rec in zip(gold, records, strict=True):
        spans = mention_spans(rec)
        for m in g["entities"]:
            if not m.get("wikipedia"):
                continue
            over = [(s, e, ent, mm) for s, e, ent, mm in spans if overlaps(s, e, m["start"], m["end"])]
            if m["label"] == "person" and not m.get("is_pronoun"):
                hit = [ent for _, _, ent, _ in over if ent["type"] == "PERSON"]
                p_all_total += 1
                p_all_found += bool(hit)
                if not _named(m):
                    continue
                p_total += 1
                if hit:
                    p_found += 1
                    title_last = fold(urllib.parse.unquote(m["wikipedia"]).replace("_", " ").split("(")[0]).split()
                    if title_last and any(fold(ent["name"]).split()[-1:] == title_last[-1:] for ent in hit):
                        p_name_ok += 1
                else:
                    got = [f"{ent['id']}/{ent['type']}" for _, _, ent, _ in over]
                    errors["person_missed"].append(f"{g['id']}: {m['text']!r} ({m['wikipedia']}) -> {got or 'no mention'} | {g['text'][:160]}")
            elif m["label"] in {"place", "organization"} and _named(m):
                code = wiki_country(m["wikipedia"])
                if code is None:
                    continue
                c_total += 1
                countries = {ent.get("country") for _, _, ent, _ in over}
                if over:
                    c_any += 1
                if code in countries:
                    c_ok += 1
                else:
                    by_country[code] += 1
                    got = [f"{ent['id']}/{ent.get('country')}" for _, _, ent, _ in over]
                    errors["country_link"].append(f"{g['id']}: {m['text']!r} ({code}) -> {got or 'no mention'} | {g['text'][:160]}")
    return {
        "items": len(gold),
        "person_recall": ratio(p_found, p_total),
        "person_name_agrees_with_wikipedia": ratio(p_name_ok, p_found),
        "person_recall_incl_nominal": ratio(p_all_found, p_all_total),
        "persons": {"gold_named": p_total, "found": p_found, "name_agrees": p_name_ok,
                    "gold_incl_nominal": p_all_total, "found_incl_nominal": p_all_found},
        "country_link_accuracy": ratio(c_ok, c_total),
        "country_mention_tagged": ratio(c_any, c_total),
        "country_mentions": {"gold": c_total, "linked_right": c_ok, "tagged_at_all": c_any},
        "country_link_misses": by_country.most_common(10),
        "_errors": dict(errors),
    }


# ------------------------------------------------------------------------------------------------
# (d) re3d: tagging
# ------------------------------------------------------------------------------------------------
def re3d_items(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": g["id"], "title": "", "body": g["text"]} for g in gold]


def predicted_types(entity: dict[str, Any]) -> set[str]:
    """Labels a record entity counts as: its type; a country entity also covers its demonyms (NORP)."""
    types = {entity.get("type") or ""}
    if entity["id"].startswith("country:"):
        types |= {"GPE", "NORP"}
    if entity["id"].startswith("igo:"):
        types |= {"ORG"}
    return types


def score_re3d(gold: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall over gold spans that start uppercase; precision against all gold spans of the four types
    (a prediction inside "the Kurdish YPG" is right even though that gold span starts lowercase)."""
    agn = {"tp_gold": 0, "gold": 0, "tp_pred": 0, "pred": 0}
    typ = {"tp_gold": 0, "gold": 0, "tp_pred": 0, "pred": 0}
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors: dict[str, list[str]] = defaultdict(list)
    fp_types: Counter[str] = Counter()
    for g, rec in zip(gold, records, strict=True):
        all_gold = [e for e in g["entities"] if e["label"] in RE3D_TYPES]
        named_gold = [e for e in all_gold if e["text"][:1].isupper()]
        preds = mention_spans(rec)
        for ge in named_gold:
            over = [ent for s, e, ent, _ in preds if overlaps(s, e, ge["start"], ge["end"])]
            agn["gold"] += 1
            typ["gold"] += 1
            per_label[ge["label"]][1] += 1
            if over:
                agn["tp_gold"] += 1
            if any(predicted_types(ent) & RE3D_TYPES[ge["label"]] for ent in over):
                typ["tp_gold"] += 1
                per_label[ge["label"]][0] += 1
            elif over:
                errors["wrong_type"].append(f"{g['id'][:8]}: {ge['text']!r} {ge['label']} -> {[(ent['id'], ent['type']) for ent in over]}")
            else:
                errors["missed"].append(f"{g['id'][:8]}: {ge['text']!r} {ge['label']} | …{g['text'][max(0, ge['start'] - 60):ge['end'] + 60]!r}…")
        for s, e, ent, m in preds:
            over = [ge for ge in all_gold if overlaps(s, e, ge["start"], ge["end"])]
            agn["pred"] += 1
            typ["pred"] += 1
            if over:
                agn["tp_pred"] += 1
            if any(predicted_types(ent) & RE3D_TYPES[ge["label"]] for ge in over):
                typ["tp_pred"] += 1
            elif not over:
                fp_types[ent["type"]] += 1
                errors["spurious"].append(f"{g['id'][:8]}: {m['text']!r} as {ent['id']}/{ent['type']} | …{g['text'][max(0, s - 60):e + 60]!r}…")

    def pr(d: dict[str, int]) -> dict[str, Any]:
        p, r = ratio(d["tp_pred"], d["pred"]), ratio(d["tp_gold"], d["gold"])
        f = round(2 * p * r / (p + r), 4) if p and r else None
        return {"precision": p, "recall": r, "f1": f, "gold": d["gold"], "pred": d["pred"]}

    return {
        "items": len(gold),
        "type_agnostic": pr(agn),
        "type_aware": pr(typ),
        "recall_by_label": {k: ratio(v[0], v[1]) for k, v in sorted(per_label.items())},
        "spurious_by_type": dict(fp_types.most_common()),
        "_errors": dict(errors),
    }


# ------------------------------------------------------------------------------------------------
# CLI
# ------------------------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> dict[str, Any]:
    project = (require_file(args.gold, "project gold"), project_items, score_project_entities)
    return run_sets(args, project, {
        "plover": (args.plover, PLOVER_FILE, "shared PLOVER GSR", plover_items, score_plover_countries),
        "gum": (args.gum, GUM_FILE, "shared GUM news", gum_items, score_gum),
        "re3d": (args.re3d, RE3D_FILE, "shared re3d", re3d_items, score_re3d),
        "news": (args.news, NEWS_DIR, "shared news events (people)", news_items, score_news_people),
        "trnews": (args.trnews, TRNEWS_FILE, "shared TR-News geoparsing", geo_items, score_geoparsing),
        "geovirus": (args.geovirus, GEOVIRUS_FILE, "shared GeoVirus geoparsing", geo_items, score_geoparsing),
    })


def print_results(results: dict[str, Any]) -> None:
    if "project" in results:
        r = results["project"]
        print_table(f"Project gold entities ({r['items']} items)", [
            ("countries (set, micro)", r["countries"]),
        ])
        print_table("", [
            ("person recall", r["person_recall"]),
            ("person country accuracy", r["person_country_accuracy"]),
            ("IGO recall", r["igo_recall"]),
            ("IGO recall (same CAMEO code)", r["igo_recall_same_cameo"]),
            ("place recall", r["place_recall"]),
        ])
        print(f"  persons {r['persons']}  igos {r['igos']}  places {r['places']}")
    if "plover" in results:
        r = results["plover"]
        print_table(f"PLOVER GSR actor countries ({r['items']} sentences; precision is a lower bound)",
                    [("countries (set, micro)", r["countries"])])
        print(f"  most missed {r['top_missed']}\n  most extra  {r['top_extra']}")
    if "gum" in results:
        r = results["gum"]
        print_table(f"GUM news entity linking ({r['items']} sentences)", [
            ("person recall (named)", r["person_recall"]),
            ("  name agrees with Wikipedia", r["person_name_agrees_with_wikipedia"]),
            ("person recall (incl. nominal)", r["person_recall_incl_nominal"]),
            ("country-title mentions linked", r["country_link_accuracy"]),
            ("country-title mentions tagged", r["country_mention_tagged"]),
        ])
        print(f"  persons {r['persons']}\n  country mentions {r['country_mentions']}  misses {r['country_link_misses']}")
    if "re3d" in results:
        r = results["re3d"]
        print_table(f"re3d tagging ({r['items']} documents; recall on uppercase spans)", [
            ("type-agnostic", r["type_agnostic"]), ("type-aware", r["type_aware"]),
        ], columns=["precision", "recall", "f1", "gold", "pred"])
        print(f"  recall by label {r['recall_by_label']}\n  spurious by type {r['spurious_by_type']}")
    if "news" in results:
        r = results["news"]
        print_table(f"News passages: countries and people ({r['items']} passages)", [("countries (set, micro)", r["countries"])])
        print_table("", [("person recall (name as written)", r["person_recall"]),
                         ("person recall (canonical name)", r["person_recall_by_name"]),
                         ("right country of people found", r["person_country_accuracy"])])
        print(f"  persons {r['persons']}\n  right country by country_source {r['right_country_by_source']}")
    for name, title in (("trnews", "TR-News"), ("geovirus", "GeoVirus")):
        if name in results:
            r = results[name]
            print_table(f"{title} geoparsing ({r['items']} articles, {r['toponyms']} toponyms with a country)", [
                ("toponyms tagged with a country", r["tagged"]),
                ("right country of tagged", r["right_country_of_tagged"]),
                ("right country of all", r["right_country_all"]),
                ("article country recall", r["article_country_recall"]),
                ("place false-positive rate", r["place_false_positive_rate"]),
            ])
            print(f"  place mentions {r['place_mentions']}  most wrong {r['top_wrong']}")
            if "all_sources" in r:
                print(f"  with reverse-geocoded toponyms too: {r['all_sources']}")


def main(argv: list[str] | None = None) -> int:
    return eval_main(__doc__ or "", GOLD_ENTITIES, {
        "plover": f"PLOVER GSR file (default: SHARED/{PLOVER_FILE})",
        "gum": f"GUM news EL file (default: SHARED/{GUM_FILE})",
        "re3d": f"re3d file (default: SHARED/{RE3D_FILE})",
        "news": f"news-events folder or file (default: SHARED/{NEWS_DIR})",
        "trnews": f"TR-News geoparsing file (default: SHARED/{TRNEWS_FILE})",
        "geovirus": f"GeoVirus geoparsing file (default: SHARED/{GEOVIRUS_FILE})",
    }, run, print_results, argv)


if __name__ == "__main__":
    raise SystemExit(main())

"""Alert rules: a YAML file of event, entity and spike rules, validated in full.

```yaml
rules:
  - id: rus-prk-military
    severity: high                 # low | medium | high | critical
    throttle: 10m                  # optional; default: the loader's ``default_throttle``
    match:                         # an event rule: every condition given must hold
      roots: ["06", "07", "15", "18", "19"]
      dyad: [RUS, PRK]             # either direction
      min_confidence: 0.5
  - id: watch-iaea
    severity: low
    match:
      entities: ["igo:IAEA"]       # an entity rule: any article mentioning any of them
  - id: prk-spike
    severity: medium
    spike: {country: PRK, window: 15m, baseline_windows: 8, factor: 3, min_count: 5}
```

Validation is strict because a typo must never silently disable a rule: unknown
keys, duplicate keys or ids, malformed codes and durations are errors, and every
message names the file, the rule and the field.

Event conditions (all given ones must hold):

- ``roots``: CAMEO roots, two digits ``01``..``20``; ``codes``: CAMEO codes matched
  as prefixes (``"07"`` is the whole root, ``"072"`` also matches ``"0721"``).
  Write codes as quoted strings: YAML reads ``072`` as the octal number 58.
- ``dyad: [A, B]``: the event is A->B or B->A. ``source`` / ``target``: one
  direction, a code or a list of codes (any of them). Actors are written as on the
  ``events`` topic's key: a country code (``RUS``) or ``IGO:<code>`` (``IGO:NATO``);
  an IGO actor is never its member countries.
- ``min_confidence``: the event's ``confidence`` is at least this.

An event rule fires per article (throttled per dyad), or with ``per: story`` once per
story event (:mod:`streams.stories.story_alerts`): when the story reaches
``min_sources`` independent sources (default 1), and again when it escalates.

Only asserted events match (the ``events`` of a record are all asserted; a claim
passed by mistake never matches).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from streams.alerts.trends import record_keys
from streams.contracts.events import actor_code
from streams.contracts.ids import country_id, igo_id
from streams.contracts.ids import parse as parse_entity_id
from streams.durations import parse_duration
from streams.errors import ConfigError

SEVERITIES = ("low", "medium", "high", "critical")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
DEFAULT_THROTTLE = "10m"

Severity = Literal["low", "medium", "high", "critical"]


class RulesError(ConfigError):
    """The rule file is invalid (a ``ValueError``). ``problems`` has one line per problem, each naming file, rule and field."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------------------------
# durations (the grammar and its message: streams.durations)
# --------------------------------------------------------------------------------------------
def _duration_text(value: Any) -> str:
    parse_duration(value)
    return str(value).replace(" ", "")


def _positive_duration_text(value: Any) -> str:
    if parse_duration(value) <= 0:
        raise ValueError(f"{value!r} must be longer than 0s")
    return str(value).replace(" ", "")


# --------------------------------------------------------------------------------------------
# codes
# --------------------------------------------------------------------------------------------
_ROOT = re.compile(r"0[1-9]|1[0-9]|20")
_CODE = re.compile(r"(?:0[1-9]|1[0-9]|20)[0-9]{0,2}")
_COUNTRY = re.compile(r"[A-Z]{3}")
_IGO = re.compile(r"IGO:[A-Z0-9_]+")
_RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}")
_NON_ISO_COUNTRIES = {"XKX"}  # Kosovo: user-assigned code used by the enricher, not in ISO 3166-1
_iso3: set[str] | None = None


def _known_country(code: str) -> bool:
    global _iso3
    if _iso3 is None:
        import pycountry

        _iso3 = {c.alpha_3 for c in pycountry.countries} | _NON_ISO_COUNTRIES
    return code in _iso3


_cameo: frozenset[str] | None = None


def _cameo_codes() -> frozenset[str]:
    """The codes of the bundled CAMEO ontology (the codes the enricher can emit)."""
    global _cameo
    if _cameo is None:
        from importlib import resources

        data = yaml.safe_load(resources.files("streams.enrich").joinpath("data", "cameo.yaml").read_text("utf-8"))
        _cameo = frozenset(str(c) for c in data["codes"])
    return _cameo


def _root(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 20:
        return f"{value:02d}"  # YAML reads 07 as 7 and 18 as 18: unambiguous for roots
    if isinstance(value, str) and _ROOT.fullmatch(value):
        return value
    raise ValueError(f"{value!r} is not a CAMEO root (two digits, 01 to 20, e.g. '07')")


def _code(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"{value!r} is a number: write CAMEO codes as quoted strings, e.g. '072' (YAML reads 072 as the octal number 58)")
    if isinstance(value, str) and _CODE.fullmatch(value):
        if not any(c.startswith(value) for c in _cameo_codes()):
            raise ValueError(f"{value!r} is not a CAMEO code, nor the prefix of one (see streams/enrich/data/cameo.yaml)")
        return value
    raise ValueError(f"{value!r} is not a CAMEO code or prefix (2 to 4 digits with a root 01 to 20, e.g. '072')")


def _actor(value: Any) -> str:
    if isinstance(value, str):
        if _IGO.fullmatch(value):
            return value
        if _COUNTRY.fullmatch(value):
            if _known_country(value):
                return value
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 country code")
        hint = ""
        if _COUNTRY.fullmatch(value.upper()):
            hint = f" (did you mean {value.upper()!r}?)"
        elif value[:4].lower() == "igo:" and _IGO.fullmatch("IGO:" + value[4:].upper()):
            hint = f" (did you mean {'IGO:' + value[4:].upper()!r}?)"
        raise ValueError(f"{value!r} is not a country code (ISO 3166-1 alpha-3, e.g. RUS) or IGO:<code> (e.g. IGO:NATO){hint}")
    raise ValueError(f"{value!r} is not a country code (e.g. RUS) or IGO:<code> (e.g. IGO:NATO)")


def _entity_id(value: Any) -> str:
    entity = parse_entity_id(value)  # InvalidEntityId is a ValueError: pydantic reports its message
    kind, rest = entity.kind, entity.value
    if kind == "country" and not (_COUNTRY.fullmatch(rest) and _known_country(rest)):
        raise ValueError(f"{value!r}: {rest!r} is not an ISO 3166-1 alpha-3 country code (e.g. country:PRK)")
    if kind == "igo" and not re.fullmatch(r"[A-Z0-9_]+", rest):
        raise ValueError(f"{value!r}: IGO codes are upper case (did you mean {igo_id(rest.upper())!r}?)")
    return value


def _listify(value: Any) -> Any:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [value]
    if isinstance(value, list | tuple):
        if not value:
            raise ValueError("must list at least one value (an empty list would never match)")
        return value
    raise ValueError(f"{value!r} is not a value or a list of values")


def _pair(value: Any) -> Any:
    if isinstance(value, str) and "|" in value:
        value = value.split("|")
    if isinstance(value, list | tuple) and len(value) == 2:
        return value
    raise ValueError(f"{value!r} is not a pair of actors, e.g. [RUS, PRK] or 'RUS|PRK'")


def _dyad_key(value: Any) -> str:
    a, b = (_actor(v) for v in _pair(value))
    return f"{a}|{b}"


def _rule_id(value: Any) -> str:
    if isinstance(value, str) and _RULE_ID.fullmatch(value):
        return value
    raise ValueError(f"{value!r} is not a rule id (up to 100 letters, digits, '-', '_', '.', ':'; it keys the alerts topic)")


Root = Annotated[str, BeforeValidator(_root)]
Code = Annotated[str, BeforeValidator(_code)]
Actor = Annotated[str, BeforeValidator(_actor)]
EntityId = Annotated[str, BeforeValidator(_entity_id)]
Roots = Annotated[tuple[Root, ...], BeforeValidator(_listify)]
Codes = Annotated[tuple[Code, ...], BeforeValidator(_listify)]
Actors = Annotated[tuple[Actor, ...], BeforeValidator(_listify)]
EntityIds = Annotated[tuple[EntityId, ...], BeforeValidator(_listify)]
Dyad = Annotated[tuple[Actor, Actor], BeforeValidator(_pair)]
DyadKey = Annotated[str, BeforeValidator(_dyad_key)]
Duration = Annotated[str, BeforeValidator(_duration_text)]
PositiveDuration = Annotated[str, BeforeValidator(_positive_duration_text)]
RuleId = Annotated[str, BeforeValidator(_rule_id)]


# --------------------------------------------------------------------------------------------
# models
# --------------------------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventMatch(_Strict):
    roots: Roots | None = None
    codes: Codes | None = None
    dyad: Dyad | None = None
    source: Actors | None = None
    target: Actors | None = None
    min_confidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = None

    @model_validator(mode="after")
    def _check(self) -> EventMatch:
        if self.dyad is not None and (self.source is not None or self.target is not None):
            raise ValueError("give either dyad (either direction) or source/target (one direction), not both")
        if all(getattr(self, f) is None for f in type(self).model_fields):
            raise ValueError(f"give at least one condition ({', '.join(type(self).model_fields)}), or entities for an entity rule")
        return self

    def matches(self, event: dict[str, Any]) -> bool:
        if (event.get("factuality") or "asserted") != "asserted":
            return False
        code = str(event.get("code") or "")
        if self.roots is not None and str(event.get("root") or code[:2]) not in self.roots:
            return False
        if self.codes is not None and not any(code.startswith(c) for c in self.codes):
            return False
        src, tgt = actor_code(event.get("source")), actor_code(event.get("target"))
        if self.dyad is not None and (src, tgt) != self.dyad and (tgt, src) != self.dyad:
            return False
        if self.source is not None and src not in self.source:
            return False
        if self.target is not None and tgt not in self.target:
            return False
        if self.min_confidence is not None:
            confidence = event.get("confidence")
            if not isinstance(confidence, int | float) or confidence < self.min_confidence:
                return False
        return True


class EntityMatch(_Strict):
    entities: EntityIds


class SpikeSpec(_Strict):
    """Count articles per window for one key; fire when the current window is ``factor`` times the baseline.

    Exactly one of ``country`` (an article whose ``countries`` has it), ``entity``
    (an article mentioning the entity id) or ``dyad`` (``"SRC|TGT"``, directed as
    the ``events`` topic's key: an article with at least one such event).
    """

    country: Actor | None = None
    entity: EntityId | None = None
    dyad: DyadKey | None = None
    window: PositiveDuration
    baseline_windows: Annotated[int, Field(ge=1, le=1000)] = 8
    factor: Annotated[float, Field(gt=0)] = 3.0
    min_count: Annotated[int, Field(ge=1)] = 5

    @model_validator(mode="after")
    def _check(self) -> SpikeSpec:
        given = [f for f in ("country", "entity", "dyad") if getattr(self, f) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of country, entity or dyad (got {', '.join(given) or 'none'})")
        if self.country is not None and self.country.startswith("IGO:"):
            raise ValueError(f"country: {self.country!r} is an IGO; use entity: {igo_id(self.country[4:])}")
        return self

    @property
    def window_s(self) -> float:
        return parse_duration(self.window)

    @property
    def key(self) -> str:
        """The counted key, in the form of :func:`streams.alerts.trends.trend_keys`."""
        if self.country is not None:
            return country_id(self.country)
        return self.entity or self.dyad or ""


class _RuleBase(_Strict):
    id: RuleId
    severity: Severity
    throttle: Duration | None = None
    description: str | None = None
    _throttle_s: float = PrivateAttr(0.0)

    @property
    def throttle_s(self) -> float:
        """Seconds: the rule's ``throttle``, else the loader's default."""
        return self._throttle_s


class EventRule(_RuleBase):
    match: EventMatch
    per: Literal["article", "story"] = "article"
    min_sources: Annotated[int, Field(ge=1, le=1000)] | None = None

    kind: ClassVar[Literal["event"]] = "event"

    @model_validator(mode="after")
    def _check_story(self) -> EventRule:
        if self.min_sources is not None and self.per != "story":
            raise ValueError("min_sources counts a story's independent sources: give it with per: story")
        if self.per == "story" and self.throttle is not None:
            raise ValueError("throttle does not apply to per: story rules (they fire once per story, then on escalation)")
        return self

    def matches(self, event: dict[str, Any]) -> bool:
        return self.match.matches(event)


class EntityRule(_RuleBase):
    match: EntityMatch

    kind: ClassVar[Literal["entity"]] = "entity"

    @property
    def entities(self) -> tuple[str, ...]:
        return self.match.entities


class SpikeRule(_RuleBase):
    spike: SpikeSpec

    kind: ClassVar[Literal["spike"]] = "spike"

    @property
    def key(self) -> str:
        return self.spike.key


Rule = EventRule | EntityRule | SpikeRule

_RULE_KEYS = tuple(EventRule.model_fields) + ("spike",)
_KEYS_AT: dict[tuple[str, ...], tuple[str, ...]] = {
    (): _RULE_KEYS,
    ("match",): tuple(EventMatch.model_fields) + ("entities",),
    ("spike",): tuple(SpikeSpec.model_fields),
}


# --------------------------------------------------------------------------------------------
# throttle keys
# --------------------------------------------------------------------------------------------
def throttle_key(rule: Rule, event_or_entity: dict[str, Any] | str | None = None) -> str:
    """The key a hit is throttled (and its state stored) under.

    - event rule: ``rule-id|SRC|TGT``, the event's dyad as on the events topic key;
      for ``dyad`` rules the pair is sorted, so both directions share one key
      (``rus-prk-military|PRK|RUS``);
    - entity rule: ``rule-id|entity-id`` (pass the entity id or the entity dict);
    - spike rule: ``rule-id|counted-key`` (``prk-spike|country:PRK``); the argument is ignored.
    """
    if isinstance(rule, SpikeRule):
        return f"{rule.id}|{rule.key}"
    if isinstance(rule, EntityRule):
        entity = event_or_entity.get("id") if isinstance(event_or_entity, dict) else event_or_entity
        if not entity:
            raise ValueError(f"throttle_key of entity rule {rule.id!r} needs the entity id")
        return f"{rule.id}|{entity}"
    if not isinstance(event_or_entity, dict):
        raise ValueError(f"throttle_key of event rule {rule.id!r} needs the event")
    src, tgt = actor_code(event_or_entity.get("source")), actor_code(event_or_entity.get("target"))
    if rule.match.dyad is not None:
        src, tgt = sorted((src, tgt))
    return f"{rule.id}|{src}|{tgt}"


# --------------------------------------------------------------------------------------------
# the rule set
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RuleMatch:
    """One alert candidate of a record: a rule, its throttle key and what matched.

    Events of one article that match the same rule under the same key are one hit
    (one alert), not several throttled ones.
    """

    rule: EventRule | EntityRule
    throttle_key: str
    events: tuple[dict[str, Any], ...] = ()
    entity_id: str | None = None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    source: str = "<rules>"
    version: str = field(default="")
    default_throttle_s: float = 600.0

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def event_rules(self) -> tuple[EventRule, ...]:
        """The event rules that fire per article (``per: story`` ones fire from the story stage)."""
        return tuple(r for r in self.rules if isinstance(r, EventRule) and r.per == "article")

    @property
    def story_rules(self) -> tuple[EventRule, ...]:
        return tuple(r for r in self.rules if isinstance(r, EventRule) and r.per == "story")

    @property
    def entity_rules(self) -> tuple[EntityRule, ...]:
        return tuple(r for r in self.rules if isinstance(r, EntityRule))

    @property
    def spike_rules(self) -> tuple[SpikeRule, ...]:
        return tuple(r for r in self.rules if isinstance(r, SpikeRule))

    def match_event(self, event: dict[str, Any]) -> list[EventRule]:
        """The event rules whose conditions all hold for ``event``, in file order."""
        return [r for r in self.event_rules if r.matches(event)]

    def match_record(self, record: dict[str, Any]) -> list[tuple[EntityRule, str]]:
        """``(rule, entity id)`` for each entity rule and each of its entities the record mentions."""
        ids = {e.get("id") for e in record.get("entities") or () if isinstance(e, dict)}
        return [(r, eid) for r in self.entity_rules for eid in r.entities if eid in ids]

    def spike_hits(self, record: dict[str, Any]) -> list[tuple[SpikeRule, str]]:
        """``(rule, counted key)`` for each spike rule the record counts towards (once per article)."""
        keys = record_keys(record)
        return [(r, r.key) for r in self.spike_rules if r.key in keys]

    def hits(self, record: dict[str, Any]) -> list[RuleMatch]:
        """Event and entity rule hits of a record, grouped by (rule, throttle key): one alert candidate each."""
        grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
        rules: dict[str, EventRule] = {}
        for event in record.get("events") or ():
            for rule in self.match_event(event):
                rules[rule.id] = rule
                grouped.setdefault((rule.id, throttle_key(rule, event)), []).append(event)
        out = [RuleMatch(rules[rid], key, tuple(events)) for (rid, key), events in grouped.items()]
        out += [RuleMatch(rule, throttle_key(rule, eid), (), eid) for rule, eid in self.match_record(record)]
        return out


# --------------------------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------------------------
class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (PyYAML would keep the last one silently)."""


def _mapping_without_duplicates(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen and key_node.value != "<<":
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"duplicate key {key_node.value!r}", key_node.start_mark
                )
            seen.add(key_node.value)
    return loader.construct_mapping(node, deep=True)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def _loc(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _error_text(err: Any) -> tuple[str, str]:
    """(field path, message) of one pydantic error."""
    loc = tuple(err["loc"])
    kind, msg, value = err["type"], err["msg"], err.get("input")
    if kind == "extra_forbidden":
        path = tuple(p for p in loc[:-1] if isinstance(p, str))
        allowed = _KEYS_AT.get(path, ())
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        text = "unknown key" + (f" (did you mean {hint[0]!r}?)" if hint else "") + (f"; allowed: {', '.join(allowed)}" if allowed else "")
        return _loc(loc), text
    if kind == "missing":
        return _loc(loc), "required"
    if kind == "value_error":
        return _loc(loc), msg.removeprefix("Value error, ")
    if kind == "literal_error":
        return _loc(loc), f"{value!r} is not one of {', '.join(SEVERITIES)}"
    if kind == "model_type" or kind == "dict_type":
        return _loc(loc), f"expected a mapping, got {value!r}"
    return _loc(loc), f"{msg} (got {value!r})"


class _Fields(_RuleBase):
    """The common fields only: validates what is left of a rule whose kind is unclear."""


def _rule_class(raw: dict[str, Any]) -> tuple[type[_RuleBase] | None, str | None]:
    has_match, has_spike = "match" in raw, "spike" in raw
    if has_match and has_spike:
        return None, "match/spike: a rule has exactly one of match (event or entity conditions) or spike, not both"
    if not has_match and not has_spike:
        return None, "match/spike: a rule needs match (event or entity conditions) or spike"
    if has_spike:
        return SpikeRule, None
    match = raw["match"]
    if isinstance(match, dict) and "entities" in match:
        others = [k for k in match if k != "entities"]
        if others:
            return None, (f"match: entities cannot be combined with {', '.join(map(str, others))} "
                          "(an entity rule matches articles, an event rule matches events; write two rules)")
        return EntityRule, None
    return EventRule, None


def _duration_seconds(value: str | float | int, what: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"{what}: {value!r} must not be negative")
        return float(value)
    return parse_duration(value)


def parse_rules(text: str, source: str = "<rules>", *, default_throttle: str | float = DEFAULT_THROTTLE) -> RuleSet:
    """Parse and validate a rule file's text; raise :class:`RulesError` listing every problem.

    ``default_throttle`` (a duration like ``10m``, or seconds) applies to rules without
    ``throttle``; ``0s`` or 0 disables throttling.
    """
    try:
        default_s = _duration_seconds(default_throttle, "default throttle")
    except ValueError as exc:
        raise RulesError([f"{source}: default throttle: {exc}"]) from None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 -- a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulesError([f"{source}: {where}invalid YAML: {problem}"]) from None

    if not isinstance(data, dict) or "rules" not in data:
        unknown = [k for k in data if k != "rules"] if isinstance(data, dict) else []
        hint = f" (found {', '.join(repr(k) for k in unknown)})" if unknown else ""
        raise RulesError([f"{source}: expected a mapping with a 'rules' list at the top level{hint}"])
    problems = [f"{source}: unknown top-level key {k!r} (expected 'rules')" for k in data if k != "rules"]
    raw_rules = data["rules"]
    if raw_rules is None:
        raw_rules = []
    if not isinstance(raw_rules, list):
        raise RulesError([*problems, f"{source}: rules: expected a list of rules, got {raw_rules!r}"])

    rules: list[Rule] = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(raw_rules, start=1):
        rid = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(rid, str) and rid:
            first_index.setdefault(rid, index)
    for index, raw in enumerate(raw_rules, start=1):
        rid = raw.get("id") if isinstance(raw, dict) else None
        who = f"rule {rid!r} (#{index})" if isinstance(rid, str) and rid else f"rule #{index}"
        if not isinstance(raw, dict):
            problems.append(f"{source}: {who}: expected a mapping (id, severity, match or spike), got {raw!r}")
            continue
        if isinstance(rid, str) and first_index.get(rid, index) != index:
            problems.append(f"{source}: {who}: id: duplicate of rule #{first_index[rid]}")
        cls, problem = _rule_class(raw)
        if cls is None:
            problems.append(f"{source}: {who}: {problem}")
            # still report field errors of the rest of the rule
            raw = {k: v for k, v in raw.items() if k not in ("match", "spike")}
            cls = _Fields
        try:
            rule = cls.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                path, text = _error_text(err)
                problems.append(f"{source}: {who}: {path}: {text}" if path else f"{source}: {who}: {text}")
            continue
        if not isinstance(rule, EventRule | EntityRule | SpikeRule):
            continue
        if first_index.get(rule.id, index) != index:
            continue  # reported above
        rule._throttle_s = parse_duration(rule.throttle) if rule.throttle is not None else default_s
        rules.append(rule)
    if problems:
        raise RulesError(problems)
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return RuleSet(tuple(rules), source=source, version=version, default_throttle_s=default_s)


def load_rules(path: str | Path, *, default_throttle: str | float = DEFAULT_THROTTLE) -> RuleSet:
    """Read and validate a rule file (see :func:`parse_rules`); errors name the file as given."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError([f"{path}: cannot read the rule file: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise RulesError([f"{path}: the rule file is not UTF-8: {exc}"]) from None
    return parse_rules(text, str(path), default_throttle=default_throttle)

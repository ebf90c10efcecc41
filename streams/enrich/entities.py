"""Stage: group linked mentions into entities and score their salience."""

from __future__ import annotations

from collections import defaultdict

from streams.contracts.ids import EntityId, slug  # slug: re-exported, its home is streams.contracts.ids
from streams.enrich.context import Context, Entity, Mention
from streams.enrich.mentions import surface_key

# Entity id prefixes for mentions the linker could not resolve, by NER label.
KIND_BY_LABEL = {
    "PERSON": "person", "NORP": "group", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
}

# Why these weights: a headline mention says what the story is about; an early
# body mention (lead paragraph) more than one in the tail.
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 1.5
BODY_WEIGHT = 1.0
LEAD_FRACTION = 0.2


def fallback_key(mention: Mention) -> str:
    """Id of an unlinked mention: its kind and canonical surface."""
    return str(EntityId(KIND_BY_LABEL.get(mention.label, "other"), slug(surface_key(mention.text))))


def mention_weight(ctx: Context, mention: Mention) -> float:
    if mention.field == "title":
        return TITLE_WEIGHT
    if mention.start < LEAD_FRACTION * max(len(ctx.article.body), 1):
        return LEAD_WEIGHT
    return BODY_WEIGHT


def group_entities(ctx: Context) -> None:
    """Merge mentions with the same key into one entity, most salient first.

    A linker stage that ran before sets ``mention.key`` and may have created
    entity templates in ``ctx.entities``; their metadata is kept.
    """
    templates = {e.id: e for e in ctx.entities}
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in ctx.mentions:
        if mention.key is None:
            mention.key = fallback_key(mention)
        by_key[mention.key].append(mention)

    entities: list[Entity] = []
    for key, mentions in by_key.items():
        mentions.sort(key=lambda m: (m.field != "title", m.start))
        entity = templates.get(key)
        if entity is None:
            entity = Entity(id=key, name=_most_common_name(mentions), type=_majority_label(mentions), mentions=[])
        entity.mentions = mentions
        entity.salience = sum(mention_weight(ctx, m) for m in mentions)
        entities.append(entity)

    total = sum(e.salience for e in entities) or 1.0
    for entity in entities:
        entity.salience = round(entity.salience / total, 4)
    entities.sort(key=lambda e: (-e.salience, e.id))
    ctx.entities = entities


def _majority_label(mentions: list[Mention]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        counts[m.label] += 1
    return max(counts, key=lambda label: (counts[label], label))


def _most_common_name(mentions: list[Mention]) -> str:
    """The longest surface among the most frequent ones ("Kim Jong Un" over "Kim")."""
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        counts[surface_key(m.text)] += 1
    return max(counts, key=lambda s: (len(s.split()), counts[s], s))

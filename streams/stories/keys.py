"""Blocking keys of story events: the root and the dyad, both orders as one for symmetric roots.

``19|RUS|UKR`` for Russia's fighting against Ukraine; ``04|DEU|FRA`` for a meeting of
France and Germany whichever of them the coder made the source. Only events with the
same key are ever compared, so the key is also the story state's partitioning key.
"""

from __future__ import annotations

from typing import Any

from streams.contracts.events import actor_code

# consult, diplomatic and material cooperation, yield: who is source and who target is
# often a matter of the sentence, not of the act
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "08"})


def event_root(event: dict[str, Any]) -> str:
    return str(event.get("root") or str(event.get("code") or "")[:2])


def blocking_key(event: dict[str, Any]) -> str:
    root = event_root(event)
    src, tgt = actor_code(event.get("source")), actor_code(event.get("target"))
    if root in SYMMETRIC_ROOTS:
        src, tgt = sorted((src, tgt))
    return f"{root}|{src}|{tgt}"

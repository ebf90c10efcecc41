"""Every error the package defines derives from StreamsError and keeps its old builtin base."""

from __future__ import annotations

import pytest

from streams.alerts.rules import RulesError
from streams.contracts.article import InvalidArticle
from streams.enrich.linking.actors import ActorsFileError
from streams.enrich.nlp import ModelNotFound
from streams.errors import Action, ConfigError, InvalidInput, StreamsError, Unavailable
from streams.settings import SettingsError
from streams.transport.embedded import EmbeddedBrokerUnavailable


@pytest.mark.parametrize(
    ("cls", "parent", "builtin"),
    [
        (SettingsError, ConfigError, ValueError),
        (ActorsFileError, ConfigError, ValueError),
        (RulesError, ConfigError, ValueError),
        (InvalidArticle, InvalidInput, ValueError),
        (ModelNotFound, Unavailable, RuntimeError),
        (EmbeddedBrokerUnavailable, Unavailable, RuntimeError),
    ],
)
def test_one_root_and_the_old_base(cls: type[Exception], parent: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(cls, StreamsError)
    assert issubclass(cls, parent)
    assert issubclass(cls, builtin)


def test_actions() -> None:
    assert InvalidArticle("invalid_json", "not JSON").action is Action.SKIP
    assert SettingsError("invalid configuration").action is Action.CRASH
    assert RulesError(["rules.yaml: bad"]).action is Action.CRASH


def test_old_except_clauses_still_catch_them() -> None:
    with pytest.raises(ValueError, match="invalid_json: not JSON"):
        raise InvalidArticle("invalid_json", "not JSON")
    with pytest.raises(RuntimeError):
        raise ModelNotFound("no pipeline")

"""The event lexicon as data: loading, merging a user file, errors that name file, entry and field."""

from __future__ import annotations

import pytest

from streams.enrich.events.frames import Frame
from streams.enrich.events.lexicon import LexiconError, build_lexicon, bundled_sources, load_lexicon, repair_lemma
from streams.enrich.events.ontology import load_ontology
from streams.errors import ConfigError
from streams.settings import SettingsError, load_settings

CODES = frozenset(load_ontology().codes)


def lexicon(text: str):
    return build_lexicon([*bundled_sources(), ("user.yaml", text)], CODES)


def test_user_entry_with_the_same_id_replaces_the_bundled_one():
    bundled = load_lexicon().entries["042.visit.v.obj"]
    lex = lexicon('entries:\n  - {id: "042.visit.v.obj", lemma: visit, pos: verb, code: "043", example: "x"}\n')
    assert bundled.code == "042"
    assert lex.entries["042.visit.v.obj"].code == "043"
    assert len(lex) == len(load_lexicon())


def test_user_entries_and_classes_are_added():
    lex = lexicon('classes:\n  object_classes:\n    gadgets: [widget]\n'
                  'entries:\n  - {id: "my.embargo", lemma: quarantine, pos: verb, code: "163", example: "x"}\n')
    assert lex.wants("quarantine", "verb")
    assert "gadgets" in lex.classes_of(["widget"])
    assert "military" in lex.classes_of(["missiles"])  # the bundled classes stay


@pytest.mark.parametrize(("text", "needle"), [
    ('entries:\n  - {id: "a", lemma: visit, pos: verb, code: "999"}\n', "entry 'a': field 'code'"),
    ('entries:\n  - {id: "b", lemma: visit, pos: adverb, code: "042"}\n', "entry 'b': field 'pos'"),
    ('entries:\n  - {id: "c", lemma: call, pos: verb, code: "164", when: {prt: off}}\n', "entry 'c': field 'when.prt'"),
    ('entries:\n  - {id: "d", lemma: meet, pos: verb, code: "040", target: [sideways]}\n', "entry 'd': field 'target'"),
    ('entries:\n  - {id: "e", lemma: meet, pos: verb, code: "040", colour: red}\n', "entry 'e': unknown field"),
    ('entries:\n  - {lemma: meet, pos: verb, code: "040"}\n', "entry 0: field 'id'"),
    ("entries: [\n", "not valid YAML"),
])
def test_a_bad_entry_names_file_entry_and_field(text, needle):
    with pytest.raises(LexiconError) as err:
        lexicon(text)
    assert "user.yaml" in str(err.value) and needle in str(err.value)
    assert isinstance(err.value, ConfigError)


def test_the_setting_refuses_a_bad_lexicon_file(tmp_path):
    bad = tmp_path / "lex.yaml"
    bad.write_text('entries:\n  - {id: "x", lemma: visit, pos: verb, code: "42"}\n')
    with pytest.raises(SettingsError) as err:
        load_settings({"STREAMS_LEXICON_FILE": str(bad)})
    assert "lex.yaml" in str(err.value) and "'x'" in str(err.value) and "code" in str(err.value)


def test_match_prefers_the_more_constrained_entry(model):
    doc = model("Germany shipped artillery shells to Ukraine.")
    from streams.enrich.events.frames import verb_frame

    verb = next(t for t in doc if t.lemma_ == "ship")
    f: Frame = verb_frame(verb)
    e = load_lexicon().match(f)
    assert e is not None and e.code == "072" and e.obj == ("military",)


def test_a_verb_lemma_the_model_gets_wrong_is_mended_against_the_lexicon() -> None:
    known = {"stage", "boycott", "sentence", "imprison", "stop", "ratify", "ban"}
    assert repair_lemma("staged", "stag", known) == "stage"
    assert repair_lemma("boycotts", "boycotts", known) == "boycott"
    assert repair_lemma("sentencing", "sentencing", known) == "sentence"
    assert repair_lemma("imprisoning", "imprisoning", known) == "imprison"
    assert repair_lemma("stopping", "stopping", known) == "stop"
    assert repair_lemma("ratifies", "ratifies", known) == "ratify"
    assert repair_lemma("banned", "ban", known) == "ban"  # a right lemma stays
    assert repair_lemma("wandered", "wander", known) == "wander"  # nothing known: as the model said

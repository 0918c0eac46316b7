"""The world list (`recognizers/data/names/world.txt`, issue 15): the Latin-script given names and
surnames of the Faker locales of no cue language, read with the English lists, so the rules and the
tagger know names from India, Pakistan, Africa, Indonesia... (`hey adaeze`, `Wanjiru Kamau`);
names that are English words left out. Names taken from the list, none from an evaluation set."""

from __future__ import annotations

import pytest
from conftest import person_findings as found

from recognizers.data import build_names
from recognizers.lexicon import DATA, load_lexicon


@pytest.mark.parametrize("lang", sorted(build_names.LOCALES))
def test_each_names_list_is_what_the_build_script_makes_of_faker(lang):
    assert (DATA / "names" / f"{lang}.txt").read_text(encoding="utf-8") == build_names.build(lang)


@pytest.mark.parametrize(("name", "kept"), [
    ("Chinedu", True), ("Balázs", True), ("Əzimzadə", True),
    ("Comfort", False), ("Yoga", False),          # English words (common, less common)
    ("Ide", False),                               # no English word, but common on the web
    ("राहुल", False),                               # another script
])
def test_the_world_list_keeps_latin_script_names_that_are_no_words(name, kept):
    assert build_names.name_not_word(name) is kept


@pytest.mark.parametrize(("key", "kind"), [
    ("chinedu", "given"), ("ranbir", "given"), ("adaeze", "given"),
    ("kamau", "surnames"), ("okonkwo", "surnames"), ("adeyemi", "surnames"),
])
def test_world_names_are_in_the_english_lists(key, kind):
    assert key in getattr(load_lexicon(), kind)


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("hey adaeze nice video", "adaeze", "greeting_known"),
    ("Hope you and Chinedu had a great time", "Chinedu", "context_known"),
    ("chidimma is slaying colours like her", "chidimma", "known_lower_context"),
    ("I saw Wanjiru Kamau at the shop", "Wanjiru Kamau", "full_name"),
])
def test_a_world_name_is_found_as_a_listed_name(person_context, text, name, kind):
    assert (name, kind) in found(person_context, text)


@pytest.mark.parametrize("text", [
    "Join our Yoga class tonight !",                   # less common English words, capitalised
    "We went on a Safari , it was Immaculate",        # mid-sentence, would count as listed names
])
def test_a_world_name_that_is_an_english_word_is_no_name_alone(person_context, text):
    assert found(person_context, text) == []

"""The scripts each language is written in (redact/scripts.py)."""

from __future__ import annotations

import regex

from redact.language import known_languages
from redact.scripts import LATIN_TOO, SCRIPTS, foreign_letters, foreign_runs, letters, scripts_of


def test_every_script_is_unicodes_and_every_language_the_identifiers():
    for script, langs in SCRIPTS.items():
        assert regex.compile(rf"\p{{Script={script}}}")  # a Unicode script regex knows (else error)
        assert set(langs.split()) <= known_languages(), script
    assert known_languages() >= LATIN_TOO


def test_languages_the_table_does_not_name_are_written_in_latin():
    assert scripts_of(frozenset({"en", "fr"})) == {"Latin"}
    assert scripts_of(frozenset({"ja"})) == {"Han", "Hiragana", "Katakana"}
    assert scripts_of(frozenset({"sr"})) == {"Cyrillic", "Latin"}


def test_foreign_letters_leave_out_common_and_inherited_letters():
    latin = frozenset({"Latin"})
    assert foreign_letters(latin).findall("Straße ʼ ー 東京 Αθήνα 1") == list("東京Αθήνα")
    assert letters("Straße ʼ ー 1") == 6


def test_a_run_holds_the_spaces_between_words_and_not_the_symbols():
    latin = frozenset({"Latin"})
    assert foreign_runs(latin).findall("hi राहुल शर्मा! ಠ_ಠ") == ["राहुल शर्मा", "ಠ", "ಠ"]

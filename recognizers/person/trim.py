"""spaCy's PERSON entities trimmed to the name: the engine applies this to the small model's
entities (`nlp.drop_word_names`), and the tagger's training reads the entities the same way."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from recognizers.lexicon import CHAT_WORDS, fold, load_lexicon, respelled
from recognizers.person.cue_words import ADDRESSING_VERBS
from recognizers.person.not_names import POSSESSIVE, not_names

# Hashtag-style words (ClimateChange, yungJ); not McKay, MacDonald, DeShawn, LeBron.
CAMEL_CASE = re.compile(r"^(?!Mc|Mac|De|Di|La|Le|Van|Von|O')\w*[a-z][A-Z]")
REPEATED_LETTER = re.compile(r"(\w)\1\1|(?:hh|mm)$", re.IGNORECASE)


def trim_to_name(ent: Span) -> Span | None:
    """A PERSON entity without the words at its edges that cannot be part of a name: English words
    that are not names (`Congrats Maria` -> `Maria`, `Salesperson` -> nothing), lower-case words
    (`bland`, `don`), interjections (`Umm`, `Arghh`), stretched or clipped words (`Mornin`), short
    all-capital tokens (`RT`, `OP`), hashtag words (`#ClimateChange`), a possessive's `'s`
    (`Allen Iverson 's`) and a verb that addresses a listed given name (`ping kevin`).
    An English word after a listed given name that is no English word, written alike, stays as its
    surname: an uncommon one (`greg snapper`, `Ruth Lantern`), or, capitalised, a common one too
    (`Steve Jobs lol`, where the tagger cannot tell).
    None when nothing is left, or when what is left is no name by `not_names` (`Bona` in `Bona
    fide`, `Docker` in `built by Docker`): the small model's usual noise in social text."""
    lexicon = load_lexicon()

    def noise(token: Token) -> bool:
        text = token.text
        if not any(c.isalpha() for c in text) or (text.isupper() and len(text) <= 3) or text in POSSESSIVE:
            return True
        key = fold(text)
        if key in CHAT_WORDS or REPEATED_LETTER.search(key) or CAMEL_CASE.search(text):
            return True
        if respelled(key, lexicon) is not None:  # `Mornin`, `Momentz`: never a listed name
            return True
        return token.i > 0 and token.doc[token.i - 1].text in ("#", "＃")  # a hashtag's word

    def capitalised_name(token: Token, last: bool) -> bool:
        text, key = token.text, fold(token.text)
        if noise(token) or not text[0].isupper() or text.isupper():
            return False
        if key in lexicon.common:  # Best, Man, Wind: a name only as a given name, or a surname last
            return key in lexicon.given or (last and key in lexicon.surnames)
        return lexicon.is_name(key) or not lexicon.is_word(key)

    def name_part(token: Token, last: bool, anchored: bool) -> bool:
        if capitalised_name(token, last):
            return True
        if noise(token) or not token.text.islower():
            return False
        # Lower case: a continuation of a capitalised name (`Donald trump`), or a listed name
        # that is not a common word (`kaite`, `rick`).
        key = fold(token.text)
        return anchored or (lexicon.is_name(key) and key not in lexicon.common)

    def word_surname(token: Token, before: Token) -> bool:
        # `greg snapper`, `Kevin Toaster`, `Steve Jobs`: an English word written like the listed
        # given name before it (no English word itself) that the NER took in as the surname; in
        # lower case an uncommon one only.
        text, key, name = token.text, fold(token.text), fold(before.text)
        same_case = text.islower() == before.text.islower() and text.istitle() == before.text.istitle()
        word = lexicon.is_word(key) and (key not in lexicon.common or text.istitle())
        return (same_case and word and text.isalpha() and not noise(token)
                and name in lexicon.given and not lexicon.is_word(name))

    tokens = list(ent)
    if len(tokens) > 1 and fold(tokens[0].text) in ADDRESSING_VERBS and fold(tokens[1].text) in lexicon.given:
        tokens.pop(0)
    anchored = any(capitalised_name(t, i == len(tokens) - 1) for i, t in enumerate(tokens))
    while tokens and not name_part(tokens[0], last=False, anchored=anchored):
        tokens.pop(0)
    while tokens and not name_part(tokens[-1], last=len(tokens) > 1, anchored=anchored) and \
            not (len(tokens) > 1 and word_surname(tokens[-1], tokens[-2])):
        tokens.pop()
    if not tokens:
        return None
    span = ent.doc[tokens[0].i:tokens[-1].i + 1]
    return None if not_names().kind(ent.doc.text, span.start_char, span.end_char) else span

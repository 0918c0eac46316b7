"""SocialHandleRecognizer: @mentions, Reddit u/name and Mastodon @user@host."""

from __future__ import annotations

import pytest
from conftest import assert_no_backtracking_blow_up

from recognizers.social_handle import SocialHandleRecognizer

ENTITY = "SOCIAL_HANDLE"
RECOGNIZER = SocialHandleRecognizer()


def found(text: str, recognizer: SocialHandleRecognizer = RECOGNIZER) -> list[str]:
    """The text of every finding, in order."""
    results = recognizer.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # mentions
        ("thanks @anna_b for the tip", ["@anna_b"]),
        ("RT @KleinISD: school closed today", ["@KleinISD"]),
        ("@jinjjarevil you up?", ["@jinjjarevil"]),
        (".@BarackObama said so", ["@BarackObama"]),
        ("I talked to:@Howard", ["@Howard"]),
        ("lol thanks @anna.", ["@anna"]),
        ("cc @bob-", ["@bob"]),
        ("follow @jane.doe.art on insta", ["@jane.doe.art"]),
        ("merci @José_Ñúñez !", ["@José_Ñúñez"]),
        ("@_ lol", ["@_"]),
        ("(@Carol_2)", ["@Carol_2"]),
        ("@alice @bob @carol", ["@alice", "@bob", "@carol"]),
        ("RT @30SecondsToMars: new tour", ["@30SecondsToMars"]),
        ("RT @5 HonTour", ["@5"]),
        # Mastodon: the whole address
        ("find me at @gargron@mastodon.social now", ["@gargron@mastodon.social"]),
        ("@user@fosstodon.org.", ["@user@fosstodon.org"]),
        # Reddit
        ("as u/spez said", ["u/spez"]),
        ("ask /u/foo_bar-9 about it", ["/u/foo_bar-9"]),
        # user names without `@`: a given name or an initial, then a surname
        ("ping kishan_patel about the refund", ["kishan_patel"]),
        ("ask maria.rossi for the invoice.", ["maria.rossi"]),
        ("john_smith42 said hi", ["john_smith42"]),
        ("cc Kishan_Patel, mark_jones and j_smith_7", ["Kishan_Patel", "mark_jones", "j_smith_7"]),
        # negatives
        ("set my_var, user_id and max_length; call np.array or self.name", []),
        ("mark_as_read and first_name, last_name, user_name", []),
        ("see x.com/john_smith or maria.rossi.example.org or /home/kishan_patel", []),
        ("max_price and mark_price in v1.2", []),
        ("numpy.cross, spacy.lang, n_fields and x.flatten()", []),
        ("write to a@b.com", []),
        ("mail jane.doe@example.org today", []),
        ("meet @ 10am", []),
        ("meet @10am or @5pm", []),
        ("lunch @12:30", []),
        ("call #Name#@123.456.7890", []),
        ("a bare @ sign", []),
        ("@here standup in 5", []),
        ("@channel @everyone @all please read", []),
        ("see reddit.com/u/spez", []),
        ("r/python is great", []),
        ("u/ab is too short", []),
        ("email me", []),
    ],
)
def test_social_handle(text, expected):
    assert found(text) == expected


def test_allow_list_is_configurable():
    recognizer = SocialHandleRecognizer(allow_list=["Team"])
    assert found("@team and @here", recognizer) == ["@here"]


@pytest.mark.parametrize(
    "text",
    ["@" + "a." * 50_000, "@a" * 50_000, "u/" + "a-" * 50_000, "a" * 100_000, "@1" * 50_000,
     "a_" * 50_000, "a." * 50_000, "ab_cd " * 20_000, "a_b1" * 30_000],
)
def test_adversarial_input_is_fast(text):
    assert_no_backtracking_blow_up(lambda: RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None),
                                   f"social_handle on {text[:12]!r}...")


@pytest.mark.slow
def test_through_analyzer_engine(through_engine):
    text = "DM @anna_b or a@b.com"
    results = through_engine(SocialHandleRecognizer(), text)
    assert [(r.entity_type, r.start, r.end) for r in results] == [(ENTITY, 3, 10)]

"""ProfileUrlRecognizer: links to a member's profile, the whole link as the span."""

from __future__ import annotations

import pytest
from conftest import assert_no_backtracking_blow_up

from recognizers.profile_url import ProfileUrlRecognizer

ENTITY = "PROFILE_URL"
RECOGNIZER = ProfileUrlRecognizer()


def found(text: str) -> list[str]:
    """The text of every finding, in order."""
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # LinkedIn
        ("my cv: https://www.linkedin.com/in/jane-doe-123/?trk=abc.",
         ["https://www.linkedin.com/in/jane-doe-123/?trk=abc"]),
        ("linkedin.com/pub/john-smith/1/2/3", ["linkedin.com/pub/john-smith/1/2/3"]),
        ("de.linkedin.com/in/müller", ["de.linkedin.com/in/müller"]),
        ("lnkd.in/eAbc12X", ["lnkd.in/eAbc12X"]),
        # X / Twitter
        ("follow x.com/greg-smith-27 pls", ["x.com/greg-smith-27"]),
        ("(https://twitter.com/jack)", ["https://twitter.com/jack"]),
        ("twitter.com/jack/status/20?s=21", ["twitter.com/jack/status/20?s=21"]),
        ("http://twitter.com/#!/mstrohm/status/870", ["http://twitter.com/#!/mstrohm/status/870"]),
        # code hosts: a repository link names its owner, so it counts too
        ("github.com/octocat", ["github.com/octocat"]),
        ("code at https://github.com/octocat/hello-world!", ["https://github.com/octocat/hello-world"]),
        ("gitlab.com/jdoe/dotfiles", ["gitlab.com/jdoe/dotfiles"]),
        ("jdoe.github.io", ["jdoe.github.io"]),
        # other networks
        ("facebook.com/zuck", ["facebook.com/zuck"]),
        ("facebook.com/profile.php?id=1000123", ["facebook.com/profile.php?id=1000123"]),
        ("IG: instagram.com/anna.smith.", ["instagram.com/anna.smith"]),
        ("tiktok.com/@bob.x", ["tiktok.com/@bob.x"]),
        ("youtube.com/@chan and youtube.com/channel/UCabc",
         ["youtube.com/@chan", "youtube.com/channel/UCabc"]),
        ("youtube.com/c/SomeCreator/videos", ["youtube.com/c/SomeCreator/videos"]),
        ("medium.com/@writer/my-post-123", ["medium.com/@writer/my-post-123"]),
        ("old.reddit.com/user/foo/", ["old.reddit.com/user/foo/"]),
        ("https://mastodon.social/@gargron", ["https://mastodon.social/@gargron"]),
        ("t.me/durov", ["t.me/durov"]),
        ("text me wa.me/15551234567", ["wa.me/15551234567"]),
        ("dribbble.com/janedesign", ["dribbble.com/janedesign"]),
        ("behance.net/janedoe", ["behance.net/janedoe"]),
        ("speakerdeck.com/jdoe/my-talk", ["speakerdeck.com/jdoe/my-talk"]),
        ("stackoverflow.com/users/12345/jon-skeet", ["stackoverflow.com/users/12345/jon-skeet"]),
        # not profiles
        ("linkedin.com/company/acme", []),
        ("apply: linkedin.com/jobs/view/123", []),
        ("x.com/home", []),
        ("https://twitter.com/search?q=cats", []),
        ("x.com/i/status/1", []),
        ("x.com/hashtag/python", []),
        ("github.com/features/actions", []),
        ("github.com/orgs/acme/people", []),
        ("https://docs.github.com/en/get-started", []),
        ("facebook.com/groups/runners", []),
        ("instagram.com/p/Cx12/", []),
        ("www.youtube.com/watch?v=abc", []),
        ("dropbox.com/s/abc", []),
        ("mail a@x.com/b", []),
        ("reddit.com/r/python", []),
        ("t.me/joinchat/AbC", []),
    ],
)
def test_profile_url(text, expected):
    assert found(text) == expected


def test_scores_above_url_and_person():
    # Presidio's URL recognizer scores 0.5-0.6 and spaCy PERSON 0.85.
    [result] = RECOGNIZER.analyze("x.com/jane", entities=[ENTITY], nlp_artifacts=None)
    assert result.score >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "x.com/" + "a" * 100_000,
        "https://" + "a." * 50_000,
        "github.com/a/" + "a/" * 50_000,
        "https://a.social/@" + "a." * 50_000,
        "linkedin.com/in/" + "%" * 100_000,
    ],
)
def test_adversarial_input_is_fast(text):
    assert_no_backtracking_blow_up(lambda: RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None),
                                   f"profile_url on {text[:12]!r}...")


@pytest.mark.slow
def test_through_analyzer_engine(through_engine):
    text = "Greg Smith is at x.com/greg-smith-27 now"
    results = through_engine(ProfileUrlRecognizer(), text)
    assert [(r.entity_type, text[r.start:r.end]) for r in results] == [
        (ENTITY, "x.com/greg-smith-27")
    ]


def test_a_context_word_before_the_link_raises_its_score(through_engine):
    plain = through_engine(ProfileUrlRecognizer(), "see x.com/jane_doe today")
    supported = through_engine(ProfileUrlRecognizer(), "my profile: x.com/jane_doe today")
    assert [r.score for r in plain] == [0.9]
    assert [r.score for r in supported] == [1.0]

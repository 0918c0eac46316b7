"""The name tagger's CRF, scored in Python from the model file's weights, gives the probabilities
crfsuite's own tagger gives (to within rounding: it adds a feature group's weights summed once,
crfsuite each weight), for the features the tagger builds and for any features."""

from __future__ import annotations

import json
import random

import pycrfsuite
import pytest

from recognizers.person.crf import CrfModelError, LinearChainCRF
from recognizers.person.features import token_feature_groups, token_features, word_forms
from recognizers.person.model import MODEL, RECORD

TEXTS = [
    "hi", "met Greg Snapper at the game", "THANKS KEVIN TOASTER FOR THE RIDE",
    "Dr. Kyle Kuefer said hello to @ann and #NowPlaying", "the weather is lovely today !",
    "To: Smith, Anna; Brown, Tom M.\nFrom: Maria\n\nsee you - J", "zyxwvutz qqq Xkcd 1234 ...",
    "follow righthererachel now Pleaseee", "soooo happy with bio xanax",
]
# How far the two may be apart: sums of the same weights in another order (a few parts in 10^15
# over the dev sets), far from any threshold's margin.
ROUNDING = 1e-12
# The word-form families the shipped model was trained with (model.yaml `features`).
FORMS = word_forms(json.loads(RECORD.read_text(encoding="utf-8"))["recipe"])


class FakeToken:
    def __init__(self, text):
        self.text, self.whitespace_ = text, " "


class FakeDoc(list):
    ents = ()


def doc_of(text: str) -> FakeDoc:
    return FakeDoc(FakeToken(word) for word in text.split(" ") if word)


def evidence_of(doc: FakeDoc) -> list[list[str]]:
    """Some rule evidence on capitalised words, to exercise the evidence features too."""
    return [["pc=capitalised", "sp=PERSON"] if t.text[:1].isupper() else [] for t in doc]


@pytest.fixture(scope="module")
def crfs():
    reference = pycrfsuite.Tagger()
    reference.open(str(MODEL))
    return reference, LinearChainCRF(MODEL)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("with_evidence", [False, True])
def test_marginals_are_crfsuites(crfs, text, with_evidence):
    reference, crf = crfs
    doc = doc_of(text)
    evidence = evidence_of(doc) if with_evidence else None
    reference.set(token_features(doc, evidence=evidence, forms=FORMS))
    groups = token_feature_groups(doc, evidence=evidence, forms=FORMS)
    for label in "OBI":
        expected = [reference.marginal(label, i) for i in range(len(doc))]
        assert crf.marginals(groups, label) == pytest.approx(expected, rel=0, abs=ROUNDING)


def test_marginals_of_random_feature_groups_are_crfsuites(crfs):
    """Tokens of random groups of the model's attributes (and unknown ones), however many and in
    whatever order: the group sums give crfsuite's marginals."""
    reference, crf = crfs
    known = sorted(crf.weights)
    draw = random.Random(15)
    for _ in range(200):
        tokens = [[tuple(draw.sample(known, draw.randint(1, 12)) + ["never-a-feature"] * draw.randint(0, 1))
                   for _ in range(draw.randint(1, 8))] for _ in range(draw.randint(1, 30))]
        reference.set([[feature for group in groups for feature in group] for groups in tokens])
        for label in "OBI":
            expected = [reference.marginal(label, i) for i in range(len(tokens))]
            assert crf.marginals(tokens, label) == pytest.approx(expected, rel=0, abs=ROUNDING)


def test_no_tokens_no_marginals(crfs):
    assert crfs[1].marginals([], "O") == []


def test_a_model_whose_feature_chunk_is_not_where_the_header_says_is_refused(tmp_path):
    data = MODEL.read_bytes()
    at = data.index(b"FEAT")
    broken = tmp_path / "broken.crfsuite"
    broken.write_bytes(data[:at] + b"XXXX" + data[at + 4:])
    with pytest.raises(CrfModelError, match="no feature chunk"):
        LinearChainCRF(broken)


def test_word_type_groups_kept_across_texts_are_the_groups_a_fresh_run_builds():
    """token_feature_groups keeps each word type's groups between texts (keyed on the token's
    text, the text's case, its entity label, a neighbour's shape): a word met before in another
    case, beside another word or in a shouted text gets the features it gets on its own."""
    from recognizers.person import features

    texts = ["met Greg Snapper at the game", "met greg snapper at the game", "MET GREG SNAPPER AT THE GAME",
             "Greg said hi", "hi Greg", "THANKS Greg FOR THE RIDE", "met Greg Snapper at the game"]
    warm = [token_features(doc_of(text), forms=FORMS) for text in texts]
    cold = []
    for text in texts:
        features._memo.cache_clear()
        cold.append(token_features(doc_of(text), forms=FORMS))
    assert warm == cold

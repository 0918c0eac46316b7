"""The profile each language is analysed with (the section's checks are in `profile_languages`).

Text in the profile's own language, and text whose language is undetermined, is analysed with
the profile as written. Text in a covered language is analysed with a profile derived from it:
that language's spaCy model (or its blank tokenizer), the profile's recognizers less those that
only suit the profile's language (`default_only`: English word lists and greetings), plus the
language's own recognizers and thresholds. Text in any other language is analysed, when the
policy is `patterns_only`, with the profile's recognizers less `default_only` and no NER.
"""

from __future__ import annotations

from redact.profile import NlpSpec, Profile, registered_name
from redact.record import TextField

# The analysis key of fields in a language the profile does not cover (spaCy's multi-language
# tokenizer: no language-specific segmenter to install).
UNCOVERED = "xx"


def language_profile(profile: Profile, lang: str) -> Profile:
    """The profile that text in `lang` (a covered language, or UNCOVERED) is analysed with."""
    spec = profile.languages
    if spec is None:
        raise ValueError(f"profile {profile.name} has no languages: section")
    recognizers = [r for r in profile.recognizers if registered_name(r) not in spec.default_only]
    cover = spec.covered.get(lang)
    if cover is None:
        return profile.model_copy(update={
            "language": UNCOVERED, "nlp": NlpSpec(model=None), "recognizers": recognizers,
            "languages": None})
    return profile.model_copy(update={
        "language": lang, "nlp": cover.nlp, "recognizers": recognizers + list(cover.recognizers),
        "thresholds": cover.thresholds or profile.thresholds, "languages": None})


def uncovered_languages(text_field: TextField) -> tuple[str, ...]:
    """The uncovered languages a field is written in: its own when it is analysed patterns-only,
    and that of a run of another script inside it (`mixed`)."""
    own = (text_field.lang,) if text_field.analysed_as == UNCOVERED and text_field.lang else ()
    return own + ((text_field.mixed,) if text_field.mixed else ())

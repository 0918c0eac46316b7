"""A profile's `languages:` section: its checks, and the profile each language is analysed with.

Text in the profile's own language, and text whose language is undetermined, is analysed with
the profile as written. Text in a covered language is analysed with a profile derived from it:
that language's spaCy model (or its blank tokenizer), the profile's recognizers less those that
only suit the profile's language (`default_only`: English word lists and greetings), plus the
language's own recognizers and thresholds. Text in any other language is analysed, when the
policy is `patterns_only`, with the profile's recognizers less `default_only` and no NER.
"""

from __future__ import annotations

from typing import Any

from redact.errors import Problem
from redact.profile import NlpSpec, Profile

# The analysis key of fields in a language the profile does not cover (spaCy's multi-language
# tokenizer: no language-specific segmenter to install).
UNCOVERED = "xx"


def language_profile(profile: Profile, lang: str) -> Profile:
    """The profile that text in `lang` (a covered language, or UNCOVERED) is analysed with."""
    spec = profile.languages
    assert spec is not None
    recognizers = [r for r in profile.recognizers if not (isinstance(r, str) and r in spec.default_only)]
    cover = spec.covered.get(lang)
    if cover is None:
        return profile.model_copy(update={
            "language": UNCOVERED, "nlp": NlpSpec(model=None), "recognizers": recognizers,
            "languages": None})
    return profile.model_copy(update={
        "language": lang, "nlp": cover.nlp, "recognizers": recognizers + list(cover.recognizers),
        "thresholds": cover.thresholds or profile.thresholds, "languages": None})


def language_problems(source: str, raw: dict, check_model: bool = True) -> list[Problem]:
    """Problems of the `languages:` section that its pydantic model cannot see: unknown language
    codes and recognizer names, models not installed (checked defensively: the shape may be wrong)."""
    spec = raw.get("languages")
    if not isinstance(spec, dict):
        return []
    where = f"{source}: languages"
    problems = _code_problems(where, raw.get("language", "en"), spec)
    problems += _default_only_problems(where, raw, spec.get("default_only"))
    covered = spec.get("covered")
    for lang, cover in (covered.items() if isinstance(covered, dict) else ()):
        if isinstance(cover, dict):
            problems += _cover_problems(f"{where}.covered.{lang}", cover, check_model)
    return problems


def _code_problems(where: str, language: Any, spec: dict) -> list[Problem]:
    from redact.language import known_languages

    identify = spec.get("identify") if isinstance(spec.get("identify"), list) else []
    known = known_languages()
    problems = [Problem(f"{where}.identify", f"'{code}' is not a language the identifier knows; "
                        f"use ISO 639-1 codes: {', '.join(sorted(known))}")
                for code in identify if code not in known]
    if identify and language not in identify:
        problems.append(Problem(f"{where}.identify", f"must include the profile's language '{language}'"))
    covered = spec.get("covered") if isinstance(spec.get("covered"), dict) else {}
    for lang in covered:
        if lang == language:
            problems.append(Problem(f"{where}.covered.{lang}", "the profile's own language is "
                                    "analysed with the top-level nlp, recognizers and thresholds"))
        elif identify and lang not in identify:
            problems.append(Problem(f"{where}.covered.{lang}", "is not among languages.identify"))
    return problems


def _default_only_problems(where: str, raw: dict, names: Any) -> list[Problem]:
    """A default_only name must be a recognizer (a profile that extends another may run fewer)."""
    from redact.registry import our_recognizers, presidio_recognizers, valid_names

    return [Problem(f"{where}.default_only", f"unknown recognizer '{name}'; valid: {', '.join(valid_names())}")
            for name in (names if isinstance(names, list) else [])
            if name not in our_recognizers() and name not in presidio_recognizers()]


def _cover_problems(where: str, cover: dict, check_model: bool) -> list[Problem]:
    from redact.registry import model_pipeline, our_recognizers, presidio_recognizers, valid_names

    problems = []
    refs = cover.get("recognizers") if isinstance(cover.get("recognizers"), list) else []
    for i, ref in enumerate(refs):
        if isinstance(ref, str) and ref not in our_recognizers() and ref not in presidio_recognizers():
            problems.append(Problem(f"{where}.recognizers.{i}",
                                    f"unknown recognizer '{ref}'; valid: {', '.join(valid_names())}"))
    nlp = cover.get("nlp") if isinstance(cover.get("nlp"), dict) else {}
    if "nlp" in cover and "model" not in nlp:
        problems.append(Problem(f"{where}.nlp.model", "name the model for this language (null: none); "
                                "the profile's model is never used for another language"))
    model = nlp.get("model")
    if check_model and isinstance(model, str):
        pipeline = model_pipeline(model)
        if pipeline is None:
            from redact.errors import ModelNotInstalled

            problems.append(Problem(f"{where}.nlp.model", str(ModelNotInstalled(model))))
        else:
            lang = where.rsplit(".", 1)[-1]
            if model_language(model) not in (lang, None):
                problems.append(Problem(f"{where}.nlp.model", f"{model} is a model for "
                                        f"'{model_language(model)}', not for '{lang}'"))
            components = nlp.get("components", ["ner"])
            problems += [Problem(f"{where}.nlp.components", f"'{c}' is not in {model}; it has: "
                                 f"{', '.join(pipeline)}")
                         for c in (components if isinstance(components, list) else []) if c not in pipeline]
    return problems


def model_language(model: str) -> str | None:
    """The language an installed spaCy model was trained for, from its meta (None: unknown)."""
    from pathlib import Path

    import spacy

    if spacy.util.is_package(model):
        path = Path(spacy.util.get_package_path(model))
        meta_files = sorted(path.glob("*/meta.json")) or [path / "meta.json"]
    else:
        meta_files = [Path(model) / "meta.json"]
    if not meta_files[0].is_file():
        return None
    return spacy.util.load_meta(meta_files[0]).get("lang")


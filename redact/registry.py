"""Name -> recognizer: our recognizers by registered name, Presidio's predefined ones by class name.

Profiles name recognizers; this module turns names into recognizer instances and checks a raw
profile's names (recognizers, entity types, spaCy model and components) so that every problem is
reported at once, before any record is read.
"""

from __future__ import annotations

import functools
import importlib
import re
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import regex
from presidio_analyzer import EntityRecognizer, PatternRecognizer

from recognizers import REGISTRY as OUR_RECOGNIZERS
from redact.errors import Problem

ENTRY_POINT_GROUP = "redact.recognizers"
# NER runs through the profile's `nlp` section, never as a named recognizer.
NLP_ENGINE_RECOGNIZERS = {"SpacyRecognizer", "StanzaRecognizer", "TransformersRecognizer"}


# Presidio's predefined recognizers that can only match a text holding one of these, so that the
# rest skip their patterns: each is implied by every pattern of the recognizer:
# - an e-mail address: a local-part character, `@`, a domain word and a dot (Presidio matches
#   with the `regex` module, whose \w this precheck shares);
# - an IPv4 address holds `1.2`, every IPv6 form two colons with at most four hex digits between;
# - an IBAN: two capitals and two digits (its patterns are case-sensitive);
# - an SSN: nine digits, or three and two digits with a separator (`123-45`, `123 45`, `12345-`'s
#   last three and the next two);
# - a credit card number: a digit.
# tests/test_prechecks.py checks that no finding is lost. Our recognizers carry their own.
PRESIDIO_PRECHECKS = {
    "EmailRecognizer": regex.compile(r"(?<=[!#$%&'*+\-/=?^_`{|}~\w])@\w+(?:-+\w+)*\.\w"),
    "IpRecognizer": re.compile(r"\d\.\d|:[0-9A-Fa-f]{0,4}:"),
    "IbanRecognizer": re.compile(r"[A-Z]{2}[0-9]{2}"),
    "UsSsnRecognizer": re.compile(r"[0-9]{3}[- .][0-9]{2}|[0-9]{9}"),
    "CreditCardRecognizer": re.compile(r"\d"),
}


def precheck_for(recognizer: EntityRecognizer) -> re.Pattern | None:
    """The regex a text must match for `recognizer` to find anything in it, if one is known."""
    if type(recognizer).__module__.startswith("presidio_analyzer."):
        return PRESIDIO_PRECHECKS.get(type(recognizer).__name__)
    return getattr(recognizer, "PRECHECK", None)


@functools.cache
def our_recognizers() -> dict[str, str]:
    """Our recognizers and plugins: registered name -> 'module:Class'."""
    names = dict(OUR_RECOGNIZERS)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        names.setdefault(entry.name, entry.value)
    return names


@functools.cache
def presidio_recognizers() -> dict[str, type[EntityRecognizer]]:
    """Presidio's predefined recognizers that need no service or extra package: name -> class."""
    import presidio_analyzer.predefined_recognizers as predefined

    found = {}
    for name in predefined.__all__:
        cls = getattr(predefined, name)
        if isinstance(cls, type) and issubclass(cls, EntityRecognizer):
            if name not in NLP_ENGINE_RECOGNIZERS and _constructs(cls):
                found[name] = cls
    return found


def _constructs(cls: type) -> bool:
    try:
        cls()
    except Exception:  # a recognizer that needs a service, a key or a package we do not ship
        return False
    return True


def valid_names() -> list[str]:
    """Every name a profile may use under `recognizers:`."""
    return sorted(our_recognizers()) + sorted(presidio_recognizers())


def recognizer_class(name: str) -> type[EntityRecognizer]:
    """The class registered under `name` (KeyError when there is none)."""
    if name in our_recognizers():
        module, _, attr = our_recognizers()[name].partition(":")
        return getattr(importlib.import_module(module), attr)
    return presidio_recognizers()[name]


def build_recognizer(ref: Any, language: str) -> EntityRecognizer:
    """An instance for one `recognizers:` entry: a registered name or an inline recognizer."""
    if isinstance(ref, str):
        cls = recognizer_class(ref)
        recognizer = cls(supported_language=language)
        recognizer.name = ref
        return recognizer
    spec = ref.model_dump() if hasattr(ref, "model_dump") else dict(ref)
    return PatternRecognizer.from_dict(spec)


@functools.cache
def entities_of(name: str) -> tuple[str, ...]:
    """The entity types a registered recognizer can report."""
    return tuple(recognizer_class(name)().supported_entities)


def semantic_problems(source: str, raw: dict, check_model: bool = True) -> list[Problem]:
    """Problems with the names in a raw profile dict, checked defensively (the shape may be wrong)."""
    problems: list[Problem] = []
    entities = _recognizer_problems(source, raw, problems)
    nlp = raw.get("nlp") if isinstance(raw.get("nlp"), dict) else {}
    labels = nlp.get("ner_labels", {"PERSON": "PERSON"})
    if isinstance(labels, dict) and nlp.get("model", "x") is not None:
        entities |= {v for v in labels.values() if isinstance(v, str)}
    _entity_name_problems(source, raw, entities, problems)
    if check_model:
        _model_problems(source, nlp, problems)
    return problems


def _recognizer_problems(source: str, raw: dict, problems: list[Problem]) -> set[str]:
    entities: set[str] = set()
    refs = raw.get("recognizers")
    for i, ref in enumerate(refs if isinstance(refs, list) else []):
        if isinstance(ref, dict):
            if isinstance(ref.get("supported_entity"), str):
                entities.add(ref["supported_entity"])
            if not ref.get("patterns") and not ref.get("deny_list"):
                problems.append(Problem(f"{source}: recognizers.{i}",
                                        "an inline recognizer needs patterns or a deny_list"))
        elif isinstance(ref, str):
            if ref in NLP_ENGINE_RECOGNIZERS:
                problems.append(Problem(f"{source}: recognizers.{i}",
                                        f"'{ref}' is configured under nlp:, not as a recognizer"))
            elif ref not in our_recognizers() and ref not in presidio_recognizers():
                problems.append(Problem(f"{source}: recognizers.{i}",
                                        f"unknown recognizer '{ref}'; valid: {', '.join(valid_names())}"))
            else:
                entities.update(_entities_or_problem(source, i, ref, problems))
    return entities


def _entities_or_problem(source: str, i: int, name: str, problems: list[Problem]) -> tuple[str, ...]:
    try:
        return entities_of(name)
    except Exception as exc:  # a plugin that does not import or construct
        problems.append(Problem(f"{source}: recognizers.{i}", f"'{name}' cannot be built: {exc}"))
        return ()


def _entity_name_problems(source: str, raw: dict, known: set[str], problems: list[Problem]) -> None:
    """Entity types named in thresholds, operators, context, entities and propagate must exist."""
    valid = ", ".join(sorted(known))
    places = [
        ("thresholds.per_entity", _keys((raw.get("thresholds") or {}).get("per_entity")
                                        if isinstance(raw.get("thresholds"), dict) else None)),
        ("operators", [k for k in _keys(raw.get("operators")) if k != "DEFAULT"]),
        ("context", _keys(raw.get("context"))),
        ("entities", _items(raw.get("entities"))),
        ("propagate", _items(raw.get("propagate"))),
    ]
    for where, names in places:
        for name in names:
            if name not in known:
                problems.append(Problem(f"{source}: {where}.{name}",
                                        f"unknown entity type '{name}'; the profile's recognizers give: {valid}"))
    if isinstance(raw.get("operators"), dict) and "DEFAULT" not in raw["operators"]:
        problems.append(Problem(f"{source}: operators", "needs a DEFAULT operator for entity types not listed"))


def _keys(value: Any) -> list[str]:
    return [k for k in value if isinstance(k, str)] if isinstance(value, dict) else []


def _items(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _model_problems(source: str, nlp: dict, problems: list[Problem]) -> None:
    from redact.profile import DEFAULT_MODEL

    model = nlp.get("model", DEFAULT_MODEL)
    if not isinstance(model, str):
        return
    pipeline = model_pipeline(model)
    if pipeline is None:
        from redact.errors import ModelNotInstalled

        problems.append(Problem(f"{source}: nlp.model", str(ModelNotInstalled(model))))
        return
    components = nlp.get("components", ["ner"])
    for name in components if isinstance(components, list) else []:
        if name not in pipeline:
            problems.append(Problem(f"{source}: nlp.components",
                                    f"'{name}' is not in {model}; it has: {', '.join(pipeline)}"))


@functools.cache
def model_pipeline(model: str) -> tuple[str, ...] | None:
    """The component names of an installed spaCy model, read from its meta (None: not installed)."""
    import spacy

    if spacy.util.is_package(model):
        path = spacy.util.get_package_path(model)
        meta_files = sorted(Path(path).glob("*/meta.json")) or [Path(path) / "meta.json"]
        meta = spacy.util.load_meta(meta_files[0])
    elif Path(model).is_dir():
        meta = spacy.util.load_meta(Path(model) / "meta.json")
    else:
        return None
    return tuple(meta.get("pipeline", []))

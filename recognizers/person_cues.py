"""The old import path of person_cues_v1 (the registry's): the recognizer now lives in
``recognizers/person/multilingual.py``. New code imports from there."""

from recognizers.person.multilingual import PersonCuesRecognizer, cue_languages, load_cues

__all__ = ["PersonCuesRecognizer", "cue_languages", "load_cues"]

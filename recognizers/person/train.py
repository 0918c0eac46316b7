"""Train the learned name tagger: `make model` (python -m recognizers.person.train).

Reads the recipe (model.yaml), turns the CoNLL training files into texts the way the gold sets
are built (tokens joined by spaces, `@` stuck to the handle), runs the default profile's spaCy
model over them (NER only, as the analyze stage does), labels spaCy's tokens from the gold
PERSON spans (B/I/O), and trains a CRF with python-crfsuite. Deterministic: a fixed order
(seeded shuffle), L-BFGS. Writes the model and a record of what it was made from.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sys
import time
from pathlib import Path

import pycrfsuite
import spacy
import yaml

from recognizers.person import mentions
from recognizers.person.evidence import RuleEvidence, person_entities
from recognizers.person.features import token_features, word_forms

HERE = Path(__file__).parent
RECIPE = HERE / "model.yaml"
MODEL = HERE / "data" / "person_model.crfsuite"
RECORD = HERE / "data" / "person_model.json"
ROOT = HERE.parent.parent
Item = tuple[str, list[tuple[int, int]]]  # a training text and its person spans


def conll_docs(path: Path):
    """Each document of a CoNLL file as a list of (token, tag)."""
    doc: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if doc:
                yield doc
            doc = []
            continue
        token, tag = line.split("\t")[:2]
        doc.append((token, tag))
    if doc:
        yield doc


def to_text(doc) -> tuple[str, list[tuple[int, int]]]:
    """The text of a document and its person spans (not @handles), as the gold sets build them."""
    text, spans, current = "", [], None
    for i, (token, tag) in enumerate(doc):
        if text and not (i and doc[i - 1][0] == "@"):
            text += " "
        start = len(text)
        text += token
        person = tag != "O" and tag[2:].lower() in ("per", "person") and not token.startswith("@")
        if person and tag.startswith("I-") and current:
            current[1] = len(text)
        elif person and doc[i - 1][0] != "@":
            current = [start, len(text)]
            spans.append(current)
        else:
            current = None
    return text, [(start, end) for start, end in spans]


def labels(doc, spans: list[tuple[int, int]]) -> list[str]:
    """B/I/O per spaCy token from character spans."""
    out = []
    for token in doc:
        inside = [s for s in spans if token.idx < s[1] and token.idx + len(token.text) > s[0]]
        if not inside:
            out.append("O")
        else:
            out.append("I" if out and out[-1] != "O" and token.idx > inside[0][0] else "B")
    return out


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def eval_dir(recipe: dict) -> Path:
    """Where the evaluation data is: $REDACT_EVAL_DIR, else the recipe's folder next to the
    repository (or next to the folder of worktrees holding it)."""
    if os.environ.get("REDACT_EVAL_DIR"):
        return Path(os.environ["REDACT_EVAL_DIR"])
    for base in (ROOT, ROOT.parent):
        if (base / recipe["eval_dir"]).is_dir():
            return base / recipe["eval_dir"]
    raise SystemExit(f"error: no {recipe['eval_dir']} next to {ROOT}; set REDACT_EVAL_DIR")


def training_data(recipe: dict) -> list[Item]:
    """(text, person spans) of every training document, in the recipe's seeded order."""
    base = eval_dir(recipe)
    items = [to_text(d) for name in recipe["training_files"] for d in conll_docs(base / name)]
    items = augmented(items, recipe.get("augment") or (), recipe)
    random.Random(recipe["seed"]).shuffle(items)
    return items


def augmented(items: list[Item], kinds: list[str] | tuple[str, ...], recipe: dict | None = None) -> list[Item]:
    """The items, then for each kind of `AUGMENT` its changed copies of them (each copy with its
    own name spans), the kind's options read from the recipe."""
    out = list(items)
    for kind in kinds:
        out += AUGMENT[kind](items, recipe)
    return out


def case_copies(change):
    """A way to change tweets: each tweet again with `change` applied to its whole text and the
    same name spans; a copy that changes nothing, or the text's length (`ß` -> `SS`), is left out."""
    def copies(items: list[Item], recipe: dict | None = None) -> list[Item]:
        return [(changed, spans) for text, spans in items
                if (changed := change(text)) != text and len(changed) == len(text)]
    return copies


# A word's first letter (not one after an apostrophe: `don't` stays `Don't`).
WORD_START = re.compile(r"(?<![\w'’])[^\W\d_]")


def title_words(text: str) -> str:
    """The text with every word's first letter in capitals (a headline), the rest as written."""
    return WORD_START.sub(lambda m: m.group().upper(), text)


# Ways to change the training tweets (model.yaml `augment`): kind -> (items, recipe) -> copies.
AUGMENT = {
    "lower": case_copies(str.lower),
    "upper": case_copies(str.upper),
    "title": case_copies(title_words),
    "mentions": mentions.copies,  # names replaced by drawn ones (mentions.py; `mentions:` options)
}


def train(recipe: dict, model_path: Path = MODEL) -> dict:
    """Train and write the model; return the record of how."""
    started = time.time()
    items = training_data(recipe)
    nlp = spacy.load(recipe["spacy_model"], exclude=["tagger", "parser", "lemmatizer",
                                                      "attribute_ruler", "senter"])
    trainer = pycrfsuite.Trainer(algorithm=recipe["algorithm"], verbose=False)
    trainer.set_params(recipe["params"])
    rules = RuleEvidence(tuple(recipe.get("drop_evidence") or ())) if recipe.get("evidence") else None
    forms = word_forms(recipe)
    for doc, (text, spans) in zip(nlp.pipe((t for t, _ in items), batch_size=256), items):
        evidence = rules.features(text, doc, person_entities(doc)) if rules else None
        trainer.append(token_features(doc, evidence=evidence, forms=forms), labels(doc, spans))
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    base = eval_dir(recipe)
    return {
        "recipe": recipe,
        "training_files": {name: sha256(base / name) for name in recipe["training_files"]},
        "documents": len(items),
        "model_sha256": sha256(model_path),
        "model_bytes": model_path.stat().st_size,
        "seconds": round(time.time() - started),
    }


def main() -> int:
    """Train from model.yaml; write the model and its record."""
    recipe = yaml.safe_load(RECIPE.read_text(encoding="utf-8"))
    record = train(recipe)
    RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"person model: {record['documents']} documents, {record['model_bytes']} bytes, "
          f"{record['seconds']} s, sha256 {record['model_sha256'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

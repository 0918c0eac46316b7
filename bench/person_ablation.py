"""Ablation of the person rules on the dev sets: each family of `person_context_v1` cues (and
`ner_names_v1`, the tagger's own names, the hashtag recognizer; the kinds `stage_name` and `vocative`
alone; the `not_names` filter) switched off as a finding, the
rest of the default profile unchanged, scored by ../shared/eval/score.py. The learned tagger still
sees a switched-off family as evidence: the question is whether the rule pays as a rule beside it.

usage: python bench/person_ablation.py [--sets wnut17-dev btc-dev] [--eval-dir ../shared/eval]
Prints a Markdown table. `run FAMILY INPUT OUTPUT` is the command score.py calls.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ["none", "honorific", "greeting", "signoff_byline_speaker", "pairs_lists", "context",
            "single_known", "extension", "ner_names", "all_rules", "person_model", "person_hashtag",
            "stage_name", "vocative", "not_names"]
# Kinds switched off alone, inside their family (the fifth session's new kinds).
KINDS_ALONE = ("stage_name", "vocative")


def switch_off(variant: str) -> list[str]:
    """Patch the rules of `variant` to score 0 (below every threshold); return the profile's
    recognizers without the ones switched off whole."""
    from recognizers.ner_names import NerNameRecognizer
    from recognizers.person import cue_words as person_context
    from recognizers.person.evidence import FAMILIES

    families = [f for f in FAMILIES if f not in ("ner_names", "spacy_person")] if variant == "all_rules" else [variant]
    kinds = [variant] if variant in KINDS_ALONE else [k for family in families for k in FAMILIES.get(family, ())]
    for kind in kinds:
        if kind in person_context.DEFAULT_SCORES:
            person_context.DEFAULT_SCORES[kind] = 0.0
    if variant == "not_names":  # the post-filter of false names, and its trimming, off
        from recognizers.person.not_names import NotNames

        NotNames.kind = lambda self, text, start, end: None
        NotNames.trimmed = lambda self, text, start, end: (start, end)
        NotNames.weak_word = lambda self, text, start, end, probability: False
    if variant in ("ner_names", "all_rules"):
        NerNameRecognizer.__init__.__defaults__ = ("en", 0.0, 0.0)
    if variant == "person_model":  # the tagger's own names; the rules inside it still report
        from recognizers.person.model import NameTagger

        NameTagger.runs = lambda self, probabilities, threshold=None: []
    return ["person_hashtag_v1"] if variant == "person_hashtag" else []


def run(variant: str, source: str, output: str) -> int:
    """Redact `source` into `output` with the default profile, `variant` switched off."""
    import yaml

    from redact.cli.main import main

    dropped = switch_off(variant)
    profile = yaml.safe_load((ROOT / "configs" / "default.yaml").read_text(encoding="utf-8"))
    profile["name"] = f"ablation-{variant}"
    profile["recognizers"] = [r for r in profile["recognizers"] if r not in dropped]
    path = Path(output).with_suffix(".profile.yaml")
    path.write_text(yaml.safe_dump(profile), encoding="utf-8")
    sys.argv = ["redact", "run", source, "-o", output, "--profile", str(path)]
    return main()


def measure(variant: str, gold: Path, score: Path) -> dict:
    """score.py's figures for one variant on one gold set."""
    command = f"{sys.executable} {Path(__file__).resolve()} run {variant} {{input}} {{output}}"
    done = subprocess.run([sys.executable, str(score), str(gold), "--cmd", command, "--cwd", str(ROOT)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def default_eval_dir() -> Path:
    """../shared/eval next to the repository, or next to the folder of worktrees holding it (the
    same places `make model` looks)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return ROOT.parent / "shared" / "eval"


def main() -> int:
    """The ablation table, one row per variant."""
    if len(sys.argv) == 5 and sys.argv[1] == "run":
        return run(*sys.argv[2:]) or 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="+", default=["wnut17-dev", "btc-dev"])
    parser.add_argument("--eval-dir", default=str(default_eval_dir()))
    parser.add_argument("--variants", nargs="+", default=VARIANTS)
    args = parser.parse_args()
    eval_dir = Path(args.eval_dir)
    print("| switched off | " + " | ".join(f"{s} PERSON leaked | {s} over" for s in args.sets) + " |")
    print("| --- |" + " --- | --- |" * len(args.sets))
    for variant in args.variants:
        cells = []
        for name in args.sets:
            r = measure(variant, eval_dir / "gold" / f"{name}.jsonl", eval_dir / "score.py")
            person = r["by_label"]["PERSON"]
            cells += [f"{person['leaked']}/{person['gold']}", f"{r['over_redaction']:.4f}"]
        print(f"| {variant} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

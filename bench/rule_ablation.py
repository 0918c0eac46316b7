"""Ablation of the person rules WITH retraining: each family of rule evidence (evidence.FAMILIES)
is removed (model.yaml's `drop_evidence`: its candidates are gone before overlaps are settled, so
the tagger neither sees it nor reports it), the tagger is retrained, its threshold chosen by
model.yaml's rule on the dev sets, and the sets are scored with ../shared/eval/score.py.

    .venv/bin/python bench/rule_ablation.py none headers greeting ... \\
        --extra multiling-ner-dev chat.jsonl mail.jsonl

`none` is the recipe as it is (not retrained). It works on a copy of the repository's tracked
files in a temporary folder (the shipped model is never touched); one family takes a training
(~2-3 min on 2 cores) and 2 x len(--thresholds) + len(--extra) scorings. Prints one Markdown row
per family (PERSON leaked / over-redaction on each set at the chosen threshold) and writes each
family's figures, sweep included, to --out as JSON. The sets of our own (`bench/chat_synth.py`,
`bench/email_synth.py`: `python bench/chat_synth.py chat.jsonl`) go in --extra as paths.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# model.yaml's rule: the widest worst margin to these (leaked, over-redaction) targets, a tie broken
# by the wider mean margin.
TARGETS = {"wnut17-dev": (117, 0.10), "btc-dev": (54, 0.045)}
THRESHOLDS = [0.1, 0.12, 0.13, 0.14, 0.15, 0.16, 0.18, 0.2]
DATA = Path("recognizers/person/data")


def copy_repository(to: Path) -> Path:
    """The repository's tracked files (and the working tree's changes to them) under `to`."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (ROOT / name).is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, to / name)
    return to


class Ablation:
    """Retrain and score one copy of the repository, a family at a time."""

    def __init__(self, copy: Path, eval_dir: Path):
        self.copy, self.eval_dir = copy, eval_dir
        self.env = {**os.environ, "PYTHONPATH": str(copy), "REDACT_EVAL_DIR": str(eval_dir)}

    def retrain(self, family: str) -> None:
        """Train the copy's tagger with `family` dropped."""
        recipe = self.copy / "recognizers/person/model.yaml"
        dropped = "[]" if family == "none" else f"[{family}]"
        recipe.write_text(re.sub(r"^drop_evidence: \[[^\]]*\]", f"drop_evidence: {dropped}",
                                 recipe.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "recognizers.person.train"], cwd=self.copy, env=self.env,
                       check=True, capture_output=True)

    def set_threshold(self, threshold: float) -> None:
        """threshold = extend_threshold in the copy's model record (what run time reads)."""
        record = self.copy / DATA / "person_model.json"
        data = json.loads(record.read_text(encoding="utf-8"))
        data["recipe"]["threshold"] = data["recipe"]["extend_threshold"] = threshold
        record.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def score(self, gold: str) -> tuple[int, int, float]:
        """(PERSON leaked, PERSON gold, over-redaction) of the default profile on a set."""
        path = str(Path(gold).resolve()) if gold.endswith(".jsonl") else str(self.eval_dir / "gold" / f"{gold}.jsonl")
        redact = (f"{sys.executable} -c 'import sys; from redact.cli.main import main; sys.argv[0] = \"redact\"; "
                  f"sys.exit(main())' run {{input}} -o {{output}} --profile default --quiet")
        done = subprocess.run([sys.executable, str(self.eval_dir / "score.py"), path, "--cmd", redact,
                               "--cwd", str(self.copy)], env=self.env, capture_output=True, text=True, check=True)
        figures = json.loads(done.stdout)
        person = figures["by_label"]["PERSON"]
        return person["leaked"], person["gold"], figures["over_redaction"]


def margins(figures: dict) -> tuple[float, float]:
    """(worst, mean) margin to the dev targets: 1 - leaked/target and 1 - over/target on each set."""
    each = [m for name, (leaked_target, over_target) in TARGETS.items()
            for m in (1 - figures[name][0] / leaked_target, 1 - figures[name][2] / over_target)]
    return min(each), sum(each) / len(each)


def ablate(ablation: Ablation, family: str, thresholds: list[float], extra: list[str]) -> dict:
    """Retrain without `family`, sweep, choose, score the extra sets at the choice."""
    if family != "none":
        ablation.retrain(family)
    sweep = {}
    for threshold in thresholds:
        ablation.set_threshold(threshold)
        sweep[threshold] = {name: ablation.score(name) for name in TARGETS}
    chosen = max(thresholds, key=lambda t: margins(sweep[t]))
    ablation.set_threshold(chosen)
    record = json.loads((ablation.copy / DATA / "person_model.json").read_text(encoding="utf-8"))
    return {"family": family, "threshold": chosen, "model_sha256": record["model_sha256"],
            "sweep": sweep, "chosen": {**sweep[chosen], **{name: ablation.score(name) for name in extra}}}


def default_eval_dir() -> Path:
    """../shared/eval next to the repository, or next to the folder of worktrees holding it."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return ROOT.parent / "shared" / "eval"


def main() -> int:
    """One row per family."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("families", nargs="+", help="evidence.FAMILIES names, or none")
    parser.add_argument("--extra", nargs="*", default=["multiling-ner-dev"], help="more sets: gold names or paths")
    parser.add_argument("--thresholds", nargs="+", type=float, default=THRESHOLDS)
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "rule_ablation")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sets = [*TARGETS, *args.extra]
    print("| removed | threshold | " + " | ".join(Path(s).stem for s in sets) + " |")
    print("| --- | --- |" + " --- |" * len(sets))
    with tempfile.TemporaryDirectory(prefix="rule-ablation-") as folder:
        ablation = Ablation(copy_repository(Path(folder)), args.eval_dir.resolve())
        for family in args.families:
            result = ablate(ablation, family, args.thresholds, args.extra)
            (args.out / f"{family}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
            cells = [f"{leaked}/{gold}, {over:.4f}" for leaked, gold, over in result["chosen"].values()]
            print(f"| {family} | {result['threshold']} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

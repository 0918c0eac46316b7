"""Company names made of people's names (`Baker LLC`, `Christoffersen & Kristensen ApS`, `Scott,
Howard and Vaughn Ltd`, `Harvey Group`, `Blake and Sons`): no person, for `not_names`.

`CompanyNames.holds(text, start, end)` is True when the words of `text[start:end]` and those after
it, in the same clause, run on to a company's legal form: capitalised words, name particles
(`van den`, `da`) and the joins of a company's name (`&`, `and`, `-`, and a list's commas when an
`&` or `and` follows them), then a legal form. The legal forms are cleanco's (the terms for kinds
of company of many countries: `Ltd`, `GmbH`, `S.A.`, `Oyj`), as written in a company's name: with
a capital, not a common English word or a given name (`As`, `Private`, `Teo`), a form of two
letters or fewer only in capitals and from the list the data names (`AG`, `SA`; `LP`, `GP`, `UK`
follow names as often); and the data's company words (`Group`, `Sons`). A name written in
capitals says nothing by a form in capitals after it (`TELL JOHN AS SOON`).
"""

from __future__ import annotations

import regex
from cleanco.clean import get_unique_terms

from recognizers.lexicon import NameLexicon

# A piece of the text after a finding: a word with its dots and closing marks, or a join.
PIECE = regex.compile(r"[&\-]|[^\s&\-]+")
CLAUSE_END = ";:)!?"


def legal_forms() -> tuple[frozenset[str], frozenset[str]]:
    """cleanco's legal-form terms of one word, lower case: (those written without dots, `ltd`,
    `gmbh`; those written with them, `s.a.`, `b.v.`)."""
    terms = {t for t in get_unique_terms() if t.replace(".", "").isalpha()}
    return frozenset(t for t in terms if "." not in t), frozenset(t for t in terms if "." in t)


class CompanyNames:
    """The company-name test of `not_names.yaml`'s `companies` section."""

    def __init__(self, config: dict, lexicon: NameLexicon):
        self.plain, self.dotted = legal_forms()
        self.undotted = frozenset(t.replace(".", "") for t in self.dotted)
        self.short_forms = frozenset(config["short_legal_forms"])
        self.words = frozenset(config["company_words"])
        self.joins = frozenset(config["joins"])
        self.particles = frozenset(config["particles"])
        self.reach = int(config["reach_words"])
        self.lexicon = lexicon

    def holds(self, text: str, start: int, end: int) -> bool:
        """`text[start:end]` is (part of) a company's name ending in a legal form."""
        while end < len(text) and not text[end].isspace() and text[end] not in ",;:)!?":
            end += 1  # the rest of the finding's last word (`Santos S` of `Santos S.A.`)
        found = text[start:end]
        if found.isupper():
            return False
        line_end = text.find("\n", end)
        tail = text[end:line_end if line_end >= 0 else len(text)]
        inner = PIECE.findall(found)
        capitalised = sum(p[:1].isupper() for p in inner)
        return any(self.legal_form(p) for p in inner[1:]) or self.runs_on(PIECE.findall(tail)[:self.reach], capitalised)

    def runs_on(self, pieces: list[str], element: int) -> bool:
        """The pieces after a finding of `element` capitalised words run on through a company's
        name to a legal form. A comma is crossed only in a list of single names (`Scott, Howard and
        Vaughn Ltd`), not after a full name (`John Smith, Hartley & Webb Ltd`: a person, then her firm)."""
        comma = joined = False
        for piece in pieces:
            word = piece.rstrip(",")
            if word and word[:1].isupper() and not self.legal_form(word.rstrip(CLAUSE_END)):
                element += 1
            if piece.endswith(","):
                if element > 1:
                    return False
                element = 0
            if not word:  # a list's comma, standing alone after the finding
                comma = True
                continue
            if self.legal_form(word.rstrip(CLAUSE_END)):
                return joined or not comma
            if word in self.joins:
                joined = True
                continue
            if word.endswith(tuple(CLAUSE_END + ".")) or not (word[:1].isupper() or word in self.particles):
                return False
            comma = comma or piece.endswith(",")
        return False

    def legal_form(self, word: str) -> bool:
        """`word`, as written, is a legal form (`Ltd`, `LLC`, `GmbH`, `S.A.`, `BV`) or a company
        word (`Group`): a form with its dots, a form cleanco writes without dots capitalised or in
        capitals, one it writes with dots in capitals without them (`BV`, not `Vos`); never a
        common English word or a given name (`As`, `Teo`), in title case no listed surname."""
        if word.rstrip(".") in self.words:
            return True
        key, lexicon = word.lower(), self.lexicon
        bare = key.replace(".", "")
        if not word[:1].isupper() or bare in lexicon.common or bare in lexicon.given:
            return False
        if key in self.dotted or (key.endswith(".") and key[:-1] in self.plain | self.dotted):
            return True
        if word.isupper() and (bare in self.plain or bare in self.undotted):
            return len(bare) > 2 or word in self.short_forms
        return bare in self.plain and len(bare) > 2 and bare not in lexicon.surnames

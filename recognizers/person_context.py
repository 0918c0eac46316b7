"""People's names that spaCy's small model misses in social text.

Names after an honorific (`Dr. Kyle Kuefer`), in greetings and thanks (`hi dave`, `thanks Aisha!`),
in sign-offs (`- Greg`, `Regards,\\nJohn Smith`), in bylines (`photo by Anna Kowalski`, `From:
Maria`), as chat speakers (`Nicole: ...`) and names from a given-name / surname list seen in a
context that makes them names: capitalised mid-sentence, paired with a surname, or after `my
friend`, `named`, before `said`. Words that are both a name and a common English word (`Will`,
`May`, `Grace`, `Mark`) need the stronger signals. A name found here or by the NER then takes in
the word beside it when that word is no English word and is written like the name (`<Petteri>
Tarkkonen`, `Rościsław <Dudek>`): no list holds most surnames.

The lists in ``recognizers/data/`` come from US SSA baby names and the 1990 US Census (public
domain) and SCOWL (permissive licence); ``recognizers/data/README.md`` says how they were built.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Container, Iterator, List, Mapping, Optional

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

DATA = Path(__file__).parent / "data"

# Score of each kind of evidence. Strong: a lexical trigger that names a person (honorific,
# greeting or sign-off) or a full name from the lists; weak: one list name without context.
DEFAULT_SCORES: dict[str, float] = {
    "honorific": 0.85,          # Dr. Kyle Kuefer, mrs labrie
    "title": 0.75,              # Uncle Bob, President Obama
    "signoff": 0.8,             # - Greg / Regards,\nJohn Smith (end of text)
    "greeting_known": 0.8,      # hi dave, thanks Aisha
    "greeting_capitalised": 0.6,  # hey Chandu (not in the lists, not an English word)
    "speaker": 0.65,            # Nicole: remember me?
    "byline": 0.7,              # photo by Anna Kowalski, From: Johannes Varvio
    "full_name": 0.75,          # Naomi Ryan (given + surname, both from the lists)
    "full_name_lower": 0.6,     # amara mensah
    "name_pair": 0.6,           # Jonas Nielsen-like pairs with one token from the lists
    "context_known": 0.65,      # my friend emma, Katrine said
    "context_capitalised": 0.55,  # my friend Chandu
    "known_capitalised": 0.55,  # ... with Katrine tonight (mid-sentence)
    "known_less_common": 0.5,   # ... Harry / Dean mid-sentence (also a rarer English word)
    "known_sentence_start": 0.45,  # Katrine is ... (capitalised anyway)
    "known_lower_context": 0.55,  # ... with emma (lower case, weak context)
    "known_lower": 0.4,         # emma (lower case, no context)
    "common_pair": 0.4,         # Bill Gates, Will Power (both common words; PROPN tag: 0.5)
    "name_list": 0.6,           # Kónya, Becker and Vasquez (most items are listed names)
    "capitalised_context": 0.45,  # ... talking to Kishan about (no English word, not listed)
    "capitalised": 0.4,         # ... Kishan ... (mid-sentence; with a PROPN tag 0.5)
    "name_extended": 0.5,       # <Petteri> Tarkkonen, Rościsław <Dudek> (never above the name's own)
}
# spaCy's tagger saying PROPN adds this; its NER calling the span a place or an organisation
# takes this away (from list-only evidence; lexical triggers keep their score).
DEFAULT_PROPN_BOOST = 0.1
DEFAULT_OTHER_ENTITY_PENALTY = 0.15
# Not ORG: the small model calls many people in social text an ORG (`Glenda`, `Amanda`).
OTHER_ENTITY_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "LANGUAGE", "DATE", "TIME"})
LEXICAL_KINDS = frozenset({"honorific", "title", "signoff", "greeting_known",
                           "greeting_capitalised", "speaker", "byline"})

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?\n:;\"“”>]")

# Abbreviated honorifics are unambiguous; `Dr` after a capitalised word is a street (`Oak Dr`).
HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "dr", "prof", "rev", "revd", "fr", "hon", "capt",
                        "col", "gen", "lt", "sgt", "sen", "gov", "pres", "det", "insp", "supt",
                        "mme", "mlle", "messrs", "mstr", "mister", "missus", "miss", "sir", "dame"})
# Title words: a name must follow capitalised (`Uncle Bob`, not `uncle said`).
TITLES = frozenset({"lord", "lady", "madam", "madame", "doctor", "professor", "reverend", "father",
                    "pastor", "rabbi", "imam", "uncle", "aunt", "auntie", "aunty", "grandma",
                    "grandpa", "granny", "nana", "coach", "captain", "officer", "detective",
                    "judge", "senator", "congressman", "congresswoman", "president", "governor",
                    "mayor", "chancellor", "minister", "prince", "princess", "brother", "sister",
                    "cousin", "agent", "sergeant", "lieutenant", "nurse", "principal"})
GREETING = re.compile(
    r"(?<![\w@#])(?:hi|hey+|heya|hiya|hello|helo|howdy|yo|dear|thanks|thank\s+you|thankyou|thx|"
    r"thnx|tnx|ty|cheers|congrats|congratulations|welcome|bye|goodbye|good\s*(?:night|morning|"
    r"evening|afternoon)|morning|gm|gn|love\s+(?:you|ya|u)|miss\s+(?:you|ya|u)|happy\s+(?:birthday|"
    r"bday|new\s+year|anniversary|holidays)|merry\s+(?:christmas|xmas)|hbd|rip|r\.i\.p\.?|sorry|sup|"
    r"wassup|ok|okay|well\s+done|go|come\s+on|bless\s+you|shoutout\s+to|shout\s+out\s+to)"
    r"(?:[\s,!:]+(?:so\s+much|a\s+lot|again|very\s+much|for\s+that|too))?[\s,!:]+(?=\w)",
    re.IGNORECASE,
)
# The first word of each GREETING phrase, lower case: it is a whole word, or a part of one after
# `-` or `'`, since a space, a comma, `!`, `:` or `.` follows it in every phrase.
GREETING_FIRST = frozenset("""
hi hey heya hiya hello helo howdy yo dear thanks thank thankyou thx thnx tnx ty cheers congrats
congratulations welcome bye goodbye good goodnight goodmorning goodevening goodafternoon morning gm gn
love miss happy merry hbd rip r sorry sup wassup ok okay well go come bless shoutout shout
""".split())
HEYY = re.compile(r"heyy+")
LETTERS = re.compile(r"[^\W\d_]+")
# Letters that match an ASCII letter ignoring case (re's rule) but whose lower() is not it.
ALSO_ASCII_LETTERS = "İıſ"
# Who made or sent something: `photo by`, `Directed By:`, and header fields opening a line.
# (Two patterns: most texts hold a colon, few a `by`, and a line start is quick to reject.)
BYLINE = re.compile(
    r"(?<![\w@#])(?:written|directed|posted|produced|photos?|photographed|edited|reported|hosted|"
    r"shared|sent|created|painted|drawn|designed|illustrated|composed|narrated|translated|"
    r"authored|signed)\s+by[ \t:]*(?=\w)",
    re.IGNORECASE,
)
HEADER_FIELD = re.compile(
    r"(?m)^[ \t>]*(?:from|to|cc|author|authors|sender|recipient|attn|contact)\s*:[ \t:]*(?=\w)",
    re.IGNORECASE,
)
BY = re.compile(r"by", re.IGNORECASE)
# Who a byline names when it names no person.
BYLINE_NOT_NAMES = frozenset("""
admin administrator mod mods moderator moderators staff editor editors guest anon anonymous user
webmaster bot unsplash pexels pixabay getty shutterstock istock flickr reuters afp
""".split())
VALEDICTION = re.compile(
    r"(?:^|\n|[.!?]\s)\s*(?:best|best\s+wishes|regards|kind\s+regards|warm\s+regards|best\s+"
    r"regards|many\s+thanks|thanks|thank\s+you|cheers|love|lots\s+of\s+love|much\s+love|xo|xoxo|"
    r"sincerely|yours|yours\s+truly|yours\s+sincerely|warmly|take\s+care|talk\s+soon|ttyl)"
    r"\s*[,!.]*\s*\n?\s*(?=\w)",
    re.IGNORECASE,
)
DASH_SIGNOFF = re.compile(r"(?:^|\s)(?:-{1,2}|~|—|–)\s*(?=\w)")
# What a text may end with after a sign-off name: punctuation, emoji, whitespace.
TAIL = re.compile(r"[^\w]*\Z")

RELATIONS = frozenset({
    "friend", "friends", "bff", "bestie", "buddy", "pal", "mate", "boyfriend", "girlfriend", "bf",
    "gf", "husband", "hubby", "wife", "wifey", "partner", "fiance", "fiancé", "fiancee", "fiancée",
    "son", "daughter", "brother", "bro", "sister", "sis", "mom", "mum", "mommy", "mummy", "dad",
    "daddy", "mother", "father", "cousin", "uncle", "aunt", "auntie", "niece", "nephew", "grandma",
    "grandpa", "granddaughter", "grandson", "boss", "manager", "colleague", "coworker",
    "co-worker", "neighbor", "neighbour", "roommate", "flatmate", "teacher", "classmate", "crush",
    "ex", "baby", "babe", "kid", "child", "twin", "stepmom", "stepdad", "landlord", "client"})
# Characters of context read on each side of a word: the longest context phrase is far shorter.
CONTEXT_CHARS = 80
# Contexts that introduce a name: strong enough even for a lower-case word (`my name is vitoria`).
NAMING_PHRASE = (r"(?:\bnamed|\bname\s*(?:is|was|[?:=-])|\bname'?s|\bcall(?:s|ed)?\s+me|"
                 r"\bknown\s+as|\baka|\ba\.k\.a\.?)")
NAMING = re.compile(NAMING_PHRASE + r"[\s,:\"]*\Z", re.IGNORECASE)
# Left contexts strong enough for a capitalised name not in the lists.
STRONG_LEFT = (re.compile(r"(?:\b(?:my|our|his|her|your|their|ur)\s+(?:\w+\s+)?(?:"
                          + "|".join(sorted(RELATIONS)) + r")|" + NAMING_PHRASE + r"|"
                          r"\bcalled|\bi'?m|\bi\s+am|\bthis\s+is|\bit'?s|\bcc:?|\bw/|\bft\.?|"
                          r"\bfeat\.?)[\s,:]+\Z", re.IGNORECASE))
# STRONG_LEFT's phrases end with one of these words or marks (`is`, `was` perhaps right after
# `name`), just before its trailing `[\s,:]+`: a left context not ending so is rejected by looking
# at its last few characters only (the whole search tries every one of up to 80 starting points).
STRONG_LAST = re.compile(r"(?:\b(?:" + "|".join(sorted(RELATIONS)) + r"|called|i'?m|am|is|it'?s|cc|ft\.?|feat\.?"
                         r"|named|name|name'?s|me|as|aka|a\.k\.a\.?)|w/|[?=-]|is|was)\Z", re.IGNORECASE)
STRONG_LAST_REACH = max(map(len, RELATIONS)) + 1
# What STRONG_LEFT strips from the end: white space (re's \s is str.isspace), commas and colons.
SPACE_COMMA_COLON = "".join(c for c in map(chr, range(0x3000 + 1)) if c.isspace()) + ",:"
# Every NAMING phrase holds one of these: a text without any has no naming context anywhere.
NAMING_HINT = re.compile(r"nam|call|known|aka|a\.k\.a", re.IGNORECASE)
WEAK_WORDS = ("with", "met", "meet", "meeting", "ask", "asked", "tell", "told", "call", "text", "texted",
              "love", "miss", "thank", "by", "vs.", "and", "&", "or", "to", "for", "from", "see", "saw",
              "hug", "kiss")
WEAK_LEFT = re.compile(r"(?:" + "|".join(r"\bvs\.?" if w == "vs." else "&" if w == "&" else r"\b" + w
                                         for w in WEAK_WORDS) + r")\s+\Z", re.IGNORECASE)
# A WEAK_LEFT match ends where the trailing white space starts and is at most this long, so the
# search starts there, not at each of the window's characters (same answer, a fraction of the time).
WEAK_LEFT_REACH = max(len(w) for w in WEAK_WORDS)
RIGHT = re.compile(r"\A(?:\s?['’]\s?s\b|\s*,\s*(?:you|u|ur|your|please|pls|plz|i|we)\b|\s+(?:said|says|say|told|tells|asked|asks|wrote|writes|tweeted|"
                   r"posted|replied|texted|called|thinks|thought|wants|wanted|loves|loved|likes|"
                   r"liked|knows|knew|is|was|has|had|and|&|will|would|can|could|did|does|just|"
                   r"looks|looked|got|gets|went|goes|made|makes|lives|lived|works|worked|spent|"
                   r"came|comes|gave|gives|sent|sends|met|joined|left|won|lost|died|plays|played|"
                   r"sings|sang|married|hates|hated|needs|needed|feels|felt|seems|seemed)\b)",
                   re.IGNORECASE)
# Street names are often people's names (`Victor Hugo u. 49`, `12 McPherson Road`): list-only
# evidence is dropped after a house number or street prefix, or before a street type.
STREET_BEFORE = re.compile(
    r"(?:\b\d+[a-z]?,?|\b(?:rua|rúa|rue|avenida|avda|av|calle|carrer|via|viale|strada|piazza|"
    r"paseo|praça|praca|largo|ul|ulica|boulevard|blvd|avenue|ave|cite|cité|corner\s+of|st|"
    r"sankt|santa|san|são|saint)\.?|\b(?:street|st|road|rd|avenue|ave|drive|dr|lane|ln|blvd|"
    r"boulevard|court|ct|way|place|pl|suite|apt)\.?,?)\s+\Z", re.IGNORECASE)
STREET_AFTER = re.compile(
    r"\A(?:\s+[A-Z][\w'-]*){0,2}\s+(?i:street|st|road|rd|avenue|ave|drive|dr|lane|ln|way|"
    r"boulevard|blvd|court|ct|close|terrace|place|pl|square|sq|park|parks|pass|union|mall|point|"
    r"prairie|turnpike|bypass|hill|hills|crossroad|crossing|flat|flats|bay|brook|crescent|grove|"
    r"gardens|row|walk|highway|hwy|parkway|pkwy|circle|alley|trail|ridge|heights|estate|loop|"
    r"plaza|junction|mews|rise|wharf|quay|green|u|utca|str|straße|strasse|gasse|weg|vej|gade|"
    r"gatan|katu|tie|suite|apt)\b\.?")

# `Joaquin Suarez 2906`, but not a phone number after a name.
HOUSE_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,5}\b(?![-.\d]*\d)")
# A capitalised word not in the lists must look like a name: `Kishan`, `McKay`, `O'Neil`,
# `Jean-Luc`, not `WiFi`, `NowPlaying`, `PMs`.
NAME_SHAPE = regex.compile(r"^(?:Mc|Mac|O'|D'|De|Di|Da|La|Le|Van|Von)?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?$")
ELONGATED = re.compile(r"(\w)\1\1")  # `Awwww`, `Sooo`: no name
# What follows a name as part of it: generations and degrees (`Kevin Veitonen II`, `Ana Ruiz MD`),
# in capitals; these also capitalised (`Jr`, `PhD`).
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "md", "dds", "dmd", "dvm", "phd", "esq"})
CAPITALISED_SUFFIXES = frozenset({"jr", "sr", "phd", "esq"})
# Name-position words that are never names even when capitalised (`Hey Guys`, `Thanks All`).
NOT_NAMES = frozenset({
    "all", "everyone", "everybody", "yall", "y'all", "guys", "gals", "folks", "friends", "people",
    "fam", "team", "there", "again", "for", "so", "you", "ya", "u", "man", "bro", "dude", "babe",
    "baby", "girl", "girls", "boys", "sir", "madam", "ma'am", "mate", "buddy", "pal", "lol",
    "dear", "darling", "honey", "sweetie", "both", "and", "to", "the", "a", "my", "your", "our",
    "me", "us", "him", "her", "them", "world", "twitter", "internet", "lmao", "omg", "haha",
    "just", "much", "ok", "okay", "yes", "no", "not", "it", "this", "that", "what", "how", "i",
    "we", "he", "she", "they", "is", "are", "was", "be", "do", "if", "in", "on", "at", "of",
    "with", "from", "by", "as", "or", "but", "a", "an", "up", "out", "love", "god", "lord",
    "jesus", "christ", "bae", "fans", "followers", "ladies", "gentlemen", "gang", "boss", "chief",
    "captain", "doc", "coach", "mom", "dad", "mum", "sis", "fellas", "bros", "peeps", "thanks",
    "thank", "hello", "hi", "hey", "bye", "good", "great", "happy", "morning", "night", "day",
    "co", "inc", "ltd", "llc", "corp", "plc", "gmbh", "ag", "sa", "bv", "pty"}) | frozenset("""
um umm uh uhh hmm hmmm ah ahh aw aww oh ohh ok okay yep yup nope nah na lol lmao lmfao rofl omg
wow argh arghh ugh yay haha hahaha hehe thanku thx tks pls plz rt op dm smh tbh idk imo imho btw
fyi wtf welp thats im ive ill id youre ya yah yea tho altho lovin moi ps pss mo chur af ffs jk
congrats congratulations kudos cheers welcome bravo yo sup gm gn xoxo
""".split())
# Chat noise that capitalisation or a name list can make look like a name (`Aw`, `Welp`, `Im`).
CHAT_WORDS = NOT_NAMES
# Words never taken as a name on their own.
NEVER_SINGLE = NOT_NAMES | HONORIFICS | TITLES


@dataclass(frozen=True)
class NameLexicon:
    """The word lists: given names, surnames, and English words in two tiers of commonness."""

    given: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]
    less_common: frozenset[str]

    def __post_init__(self):
        object.__setattr__(self, "names", self.given | self.surnames)
        object.__setattr__(self, "words", self.common | self.less_common)

    def is_name(self, key: str) -> bool:
        """A given name or a surname from the lists."""
        return key in self.names

    def is_word(self, key: str) -> bool:
        """Any English word of the lists (common or less common)."""
        return key in self.words


def _read_words(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def load_lexicon(data_dir: Path = DATA) -> NameLexicon:
    """The lists shipped in ``data_dir``, read once per process."""
    return NameLexicon(
        given=_read_words(data_dir / "given_names.txt"),
        surnames=_read_words(data_dir / "surnames.txt"),
        common=_read_words(data_dir / "common_words.txt"),
        less_common=_read_words(data_dir / "less_common_words.txt"),
    )


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents, the key into the lists (`José` -> `jose`)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


class Word:
    """A word of the text: its offsets, list key and shape (a plain class: texts have many)."""

    __slots__ = ("text", "start", "end", "key", "sentence_start", "in_link", "title", "initial")

    def __init__(self, text: str, start: int, end: int, key: str, sentence_start: bool, in_link: bool):
        self.text, self.start, self.end, self.key = text, start, end, key
        self.sentence_start, self.in_link = sentence_start, in_link
        # Capitalised like a name: `Dave`, `McKay`, `O'Brien`, not `DAVE` or `dave`.
        self.title = text[0].isupper() and (len(text) == 1 or not text.isupper())
        # A single capital letter (`J` in `Szabina J Gelencsér`).
        self.initial = len(text) == 1 and text.isupper()

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.start}, {self.end})"


def words_of(text: str) -> list[Word]:
    """The words of `text`, possessive `'s` stripped, with sentence starts and link membership."""
    links = _LinkChunks(text)
    in_link = links.holds if links else None
    words, position = [], 0
    for gap, word in GAP_AND_WORD.findall(text):
        if not word:  # the text ends without another word
            break
        start = position + len(gap)
        position = end = start + len(word)
        if end - start > 3 and word[-2] in "'’" and word[-1] in "sSſ":  # possessive
            word, end = word[:-2], end - 2
        words.append(Word(word, start, end, fold(word), not words or _ends_sentence(gap),
                          in_link is not None and in_link(start)))
    return words


# The text before each word (no letters in it, so it ends where the word starts), then the word;
# or, once no word follows, the rest (matched at once, so trailing digits are not rescanned).
GAP_AND_WORD = re.compile(r"([\W\d_]*+)(" + WORD.pattern + r")|[\W\d_]+")


@functools.lru_cache(maxsize=1 << 12)
def _ends_sentence(gap: str) -> bool:
    """The text between two words ends a sentence (the same few gaps come back again and again)."""
    return gap != " " and bool(SENTENCE_END.search(gap))


LINK_MARKS = ("@", "/", "#", "://", "www.", "_")
DOTTED = re.compile(r"\w\.\w")
INITIALS = re.compile(r"(?:[A-Z]\.)+\w*")
# What makes a chunk possibly link-like: a mark, or a dot between word characters.
LINK_HINT = re.compile(r"[@/#_]|www\.|\w\.\w")
CHUNK_REST = re.compile(r"[^ \n]*")
# Tokenised text splits handles and hashtags: `# NowPlaying`, `@Bulls _ Jay`, `/ u / name`: a word
# right after a mark, or after a mark and one white-space character, is part of a link.
SPLIT_MARK = re.compile(r"[#@/_]")


class _LinkChunks:
    """Which space-separated chunks of a text are handles, hashtags, e-mail addresses, URLs or
    dotted identifiers: found once per text by one scan, since most texts have none."""

    def __init__(self, text: str):
        self.starts, self.ends = [], []
        end = 0
        for hint in LINK_HINT.finditer(text):
            if hint.start() < end:  # in the chunk just decided
                continue
            start = max(text.rfind(" ", 0, hint.start()), text.rfind("\n", 0, hint.start())) + 1
            end = CHUNK_REST.match(text, hint.start()).end()
            if _link_like(text[start:end]):
                self.starts.append(start)
                self.ends.append(end)
        self.after_marks: set[int] = set()  # where a word would start a split handle
        for mark in SPLIT_MARK.finditer(text):
            after = mark.end()
            self.after_marks.add(after)
            if after < len(text) and text[after].isspace():
                self.after_marks.add(after + 1)

    def __bool__(self) -> bool:
        """Some word of the text may be part of a link."""
        return bool(self.starts or self.after_marks)

    def holds(self, start: int) -> bool:
        """True when the word starting at `start` is part of a link-like chunk."""
        if start in self.after_marks:
            return True
        if self.starts:
            i = bisect.bisect_right(self.starts, start) - 1
            return 0 <= i and start < self.ends[i]
        return False


def _link_like(chunk: str) -> bool:
    if any(mark in chunk for mark in LINK_MARKS):
        return True
    return bool(DOTTED.search(chunk)) and not INITIALS.fullmatch(chunk)


@dataclass(frozen=True)
class Candidate:
    """A name span and the kind of evidence for it."""

    start: int
    end: int
    kind: str
    anchor: Optional[tuple[int, int]] = None  # the name a `name_extended` candidate widens


class PersonContextRecognizer(LocalRecognizer):
    """Recognize people's names from lexical context and name lists (entity ``PERSON``).

    Runs alongside Presidio's SpacyRecognizer. Spans cover the name only, never the honorific or
    greeting (`Dr. <Kyle Kuefer>`, `hi <dave>`), as in the evaluation data. Uses the spaCy Doc in
    ``nlp_artifacts`` when present (PROPN tags raise, other NER labels lower list-only evidence);
    without it (``nlp_artifacts=None`` or a blank tokenizer) the lexical rules work unchanged.

    :param scores: scores by evidence kind, overriding :data:`DEFAULT_SCORES` (unknown kinds raise)
    :param min_score: findings below this score are not returned
    :param propn_boost: added when spaCy's tagger calls every word of the span PROPN
    :param other_entity_penalty: subtracted from list-only evidence when spaCy's NER labels the
        span as a place, organisation, date, ...
    """

    ENTITIES = ["PERSON"]

    def __init__(
        self,
        supported_language: str = "en",
        supported_entities: Optional[List[str]] = None,
        name: Optional[str] = None,
        scores: Optional[Mapping[str, float]] = None,
        min_score: float = 0.0,
        propn_boost: float = DEFAULT_PROPN_BOOST,
        other_entity_penalty: float = DEFAULT_OTHER_ENTITY_PENALTY,
        data_dir: Path = DATA,
    ):
        unknown = set(scores or {}) - set(DEFAULT_SCORES)
        if unknown:
            raise ValueError(f"unknown evidence kinds {sorted(unknown)}; valid: {sorted(DEFAULT_SCORES)}")
        self.scores = {**DEFAULT_SCORES, **(scores or {})}
        self.min_score = min_score
        self.propn_boost = propn_boost
        self.other_entity_penalty = other_entity_penalty
        self.data_dir = data_dir
        super().__init__(
            supported_entities=supported_entities or self.ENTITIES,
            supported_language=supported_language,
            name=name,
        )

    def load(self) -> None:
        """Read the name and word lists (once per process)."""
        self.lexicon = load_lexicon(self.data_dir)

    def analyze(
        self, text: str, entities: List[str], nlp_artifacts: Optional[NlpArtifacts] = None
    ) -> List[RecognizerResult]:
        """PERSON findings in `text`; the best-scored evidence wins where spans overlap."""
        if entities and "PERSON" not in entities:
            return []
        words = words_of(text)
        doc = getattr(nlp_artifacts, "tokens", None) if nlp_artifacts else None
        finder = _Finder(text, words, self.lexicon)
        candidates = list(self._candidates(finder))
        facts = _DocFacts(doc) if doc is not None and len(doc) else None
        scored = [(self._score(text, c, facts), c) for c in candidates]
        found = self._best(scored)
        # A name found here or by the NER takes in the surname (or given name) beside it that no
        # rule could take alone, `<Petteri> Tarkkonen`; the wider name is no surer than the name.
        anchors = {(r.start, r.end): r.score for r in found}
        for ent in getattr(nlp_artifacts, "entities", None) or ():  # the engine's, trimmed to the name
            if ent.label_ == "PERSON":
                anchors[(ent.start_char, ent.end_char)] = 1.0
        extended = [(min(self._score(text, c, facts), anchors[c.anchor]), c)
                    for c in finder.extensions(list(anchors))]
        return self._best(scored + extended) if extended else found

    def _candidates(self, finder: "_Finder") -> Iterator[Candidate]:
        yield from finder.honorifics()
        yield from finder.greetings()
        yield from finder.signoffs()
        yield from finder.bylines()
        yield from finder.speakers()
        for candidate in (*finder.full_names(), *finder.name_lists(), *finder.single_names()):
            if not finder.in_address(candidate):
                yield candidate

    def _score(self, text: str, candidate: Candidate, facts: Optional["_DocFacts"]) -> float:
        score = self.scores[candidate.kind]
        if facts is None:
            return score
        span = facts.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None:
            return score
        capitalised = text[candidate.start].isupper()
        if capitalised and facts.tagged and all(t.pos_ == "PROPN" for t in span):
            score += self.propn_boost
        if candidate.kind not in LEXICAL_KINDS and any(
                label in OTHER_ENTITY_LABELS for label in facts.labels_around(span.start, span.end)):
            score -= self.other_entity_penalty
        return round(min(score, 1.0), 3)

    def _best(self, scored: list[tuple[float, Candidate]]) -> List[RecognizerResult]:
        taken: list[RecognizerResult] = []
        for score, c in sorted(scored, key=lambda sc: (-sc[0], sc[1].start - sc[1].end)):
            overlapping = [r for r in taken if r.start < c.end and c.start < r.end]
            if len(overlapping) == 1 and c.start <= overlapping[0].start and overlapping[0].end <= c.end:
                # `Grace Hopper` (a weak pair) around `Hopper` (a strong single name): widen.
                overlapping[0].start, overlapping[0].end = c.start, c.end
                continue
            if score < self.min_score or overlapping:
                continue
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=score,
                textual_explanation=f"person name ({c.kind})")
            taken.append(RecognizerResult("PERSON", c.start, c.end, score, explanation,
                                          recognition_metadata={
                                              RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return sorted(taken, key=lambda r: r.start)


class _DocFacts:
    """What scoring asks of one text's spaCy Doc, read once per text, not once per candidate
    (Doc.has_annotation walks every token; Doc.ents builds a Span per entity)."""

    def __init__(self, doc):
        self.doc = doc

    @functools.cached_property
    def tagged(self) -> bool:
        """The tagger ran."""
        return self.doc.has_annotation("TAG")

    @functools.cached_property
    def ents(self) -> list[tuple[int, int, str]]:
        """(start token, end token, label) of each entity."""
        return [(e.start, e.end, e.label_) for e in self.doc.ents]

    def labels_around(self, start: int, end: int) -> list[str]:
        """Labels of the entities inside tokens start..end (what Span.ents gives) or, when none
        is, of those overlapping them."""
        inside = [label for s, e, label in self.ents if start <= s and e <= end]
        return inside or [label for s, e, label in self.ents if s < end and start < e]


def _greets(word: str) -> bool:
    """A lower-case word is the first word of a greeting."""
    return word in GREETING_FIRST or bool(HEYY.fullmatch(word))


class _Finder:
    """The rules, over one text's words."""

    def __init__(self, text: str, words: list[Word], lexicon: NameLexicon):
        self.text, self.words, self.lex = text, words, lexicon
        self.caps_informative = _caps_informative(words, lexicon)
        self.english = _mostly_english(words, lexicon)

    # -- what a word is --------------------------------------------------------------------

    def known(self, w: Word) -> bool:
        """In the lists and not a common English word."""
        return self.lex.is_name(w.key) and w.key not in self.lex.common and not w.in_link

    def namelike(self, w: Word, lowercase_ok: bool | str, common_ok: bool = True) -> bool:
        """Could be a name where a name is expected (after an honorific, a greeting, a dash).

        Capitalised: from the lists (if `common_ok`, even when also a common word: `Mr. King`)
        or no English word. Lower case (if `lowercase_ok`): from the lists and no English word;
        `lowercase_ok="listed"`: any word from the lists (after `mr`, `dr`).
        """
        if w.in_link or w.key in NOT_NAMES or w.key in HONORIFICS or w.key in TITLES:
            return False
        if w.title:
            if w.key in self.lex.common:
                return common_ok and self.lex.is_name(w.key)
            return self.lex.is_name(w.key) or not self.lex.is_word(w.key)
        if lowercase_ok == "listed":  # after `mr` / `dr`: `mr smith`
            return w.text.islower() and self.lex.is_name(w.key)
        return lowercase_ok and w.text.islower() and self.known(w) and not self.lex.is_word(w.key)

    def index_at(self, offset: int) -> Optional[int]:
        """The index of the word starting at `offset`."""
        return self._by_start.get(offset)

    @functools.cached_property
    def _by_start(self) -> dict[int, int]:
        return {w.start: i for i, w in enumerate(self.words)}

    @functools.cached_property
    def _by_end(self) -> dict[int, int]:
        return {w.end: i for i, w in enumerate(self.words)}

    def name_run(self, i: int, lowercase_ok: bool | str, limit: int = 3, common_ok: bool = True) -> int:
        """How many words from `i` make one name: name-like words and initials, one space apart."""
        n = 0
        while i + n < len(self.words) and n < limit:
            w = self.words[i + n]
            if n and not re.fullmatch(r"\.? ", self.text[self.words[i + n - 1].end:w.start]):
                break
            if not (self.namelike(w, lowercase_ok, common_ok) or (n and w.initial)):
                break
            n += 1
        while n > 1 and self.words[i + n - 1].initial:
            n -= 1
        return n

    def span(self, i: int, n: int, kind: str) -> Candidate:
        """The candidate covering words i .. i+n-1."""
        return Candidate(self.words[i].start, self.words[i + n - 1].end, kind)

    # -- the rules ----------------------------------------------------------------------------

    def honorifics(self) -> Iterator[Candidate]:
        """`Dr. Kyle Kuefer`, `mrs labrie`, `Uncle Bob`: the name after an honorific or title."""
        for i, w in enumerate(self.words[:-1]):
            title = w.key in TITLES and w.title
            if not (w.key in HONORIFICS or title) or self._street_dr(i):
                continue
            if w.key in ("miss", "sir", "dame", "mister", "missus") and not w.title:
                continue
            gap = self.text[w.end:self.words[i + 1].start]
            if not re.fullmatch(r" ?\.?\s{1,2}", gap) or "\n" in gap:
                continue
            n = self.name_run(i + 1, lowercase_ok="listed" if not (title or w.title) else False)
            if n and (self.words[i + 1].title or self.lex.is_name(self.words[i + 1].key)):
                yield self.span(i + 1, n, "title" if title else "honorific")

    def _street_dr(self, i: int) -> bool:
        """`12 Oak Dr.`: `Dr` after a number and a capitalised word is a street."""
        return self.words[i].key == "dr" and bool(
            re.search(r"\d+\s+(?:[A-Z]\w*\s+){1,3}\Z", self.left_of(self.words[i].start)))

    def greetings(self) -> Iterator[Candidate]:
        """`hi dave`, `thanks Aisha!`, `hello John and Mary`."""
        for match in self._greeting_matches():
            i = self.index_at(match.end())
            while i is not None:
                n = self.name_run(i, lowercase_ok=True)
                if not n:
                    break
                first = self.words[i]
                known = self.lex.is_name(first.key) and first.key not in self.lex.common
                yield self.span(i, n, "greeting_known" if known else "greeting_capitalised")
                i = self._next_in_list(i + n)

    def _greeting_matches(self) -> Iterator[re.Match]:
        """What GREETING.finditer gives, trying GREETING only where a word (or a part of one
        after `-` or `'`) is the first word of a greeting, not at every character."""
        text = self.text
        if any(c in text for c in ALSO_ASCII_LETTERS):  # lower() would not show them as letters
            yield from GREETING.finditer(text)
            return
        scanned_to = 0
        for w in self.words:
            key = w.key  # the word folded: lower case, so also every greeting word as it is
            if "-" in key or "'" in key:
                starts = [w.start + m.start() for m in LETTERS.finditer(w.text) if _greets(m.group().lower())]
            elif key in GREETING_FIRST or key.startswith("heyy"):
                starts = [w.start]
            else:
                continue
            for start in starts:
                if start >= scanned_to:
                    match = GREETING.match(text, start)
                    if match:
                        scanned_to = match.end()
                        yield match

    def _next_in_list(self, i: int) -> Optional[int]:
        """The word after `and` / `&` / `,` that continues a list of names, if any."""
        if i >= len(self.words):
            return None
        gap = self.text[self.words[i - 1].end:self.words[i].start]
        if re.fullmatch(r"\s*[,&]\s*", gap):
            return i
        if self.words[i].key == "and" and i + 1 < len(self.words):
            return i + 1
        return None

    def bylines(self) -> Iterator[Candidate]:
        """`photo by Anna Kowalski`, `Directed By: Lukas Ostermann`, `From: Maria`: capitalised
        name words after a byline or a header field."""
        text = self.text
        bylines = BYLINE.finditer(text) if BY.search(text) else ()
        fields = HEADER_FIELD.finditer(text) if ":" in text else ()
        for match in (*bylines, *fields):
            i = self.index_at(match.end())
            if i is None or not self.words[i].title or self.words[i].key in BYLINE_NOT_NAMES:
                continue
            n = self.name_run(i, lowercase_ok=False)
            if n and (n > 1 or self.known(self.words[i]) or not self.lex.is_word(self.words[i].key)):
                yield self.span(i, n, "byline")

    def signoffs(self) -> Iterator[Candidate]:
        """`- Greg`, `~Greg`, `Best, Anna`, `Regards,\\nJohn Smith` at the end of the text."""
        dashes = any(mark in self.text for mark in "-~—–")
        for pattern in (DASH_SIGNOFF, VALEDICTION) if dashes else (VALEDICTION,):
            for match in pattern.finditer(self.text):
                i = self.index_at(match.end())
                if i is None:
                    continue
                n = self.name_run(i, lowercase_ok=True)
                if n and TAIL.fullmatch(self.text, self.words[i + n - 1].end):
                    yield self.span(i, n, "signoff")

    def speakers(self) -> Iterator[Candidate]:
        """`Nicole: Remember me?`: a listed name opening a line, followed by a colon; in a
        dialogue (two or more such lines) any capitalised non-word."""
        if ":" not in self.text:  # every speaker is followed by one
            return
        dialogue = len(regex.findall(r"(?m)^[ \t]*\p{Lu}\w+[ \t]?:[ \t]*\S", self.text)) >= 2
        for match in re.finditer(r"(?m)^[ \t]*(?=\w)", self.text):
            i = self.index_at(match.end())
            if i is None or not self.words[i].title:
                continue
            if not (self.known(self.words[i]) or (dialogue and NAME_SHAPE.match(self.words[i].text)
                                                   and not self.lex.is_word(self.words[i].key))):
                continue
            n = self.name_run(i, lowercase_ok=False, limit=2)
            if n and re.match(r"[ \t]*:", self.text[self.words[i + n - 1].end:]):
                yield self.span(i, n, "speaker")

    def in_address(self, candidate: Candidate) -> bool:
        """The span sits in a street address (house number or street word around it)."""
        before = self.text[max(0, candidate.start - 40):candidate.start]
        after = self.text[candidate.end:candidate.end + 60]
        return bool(STREET_BEFORE.search(before) or STREET_AFTER.match(after)
                    or HOUSE_NUMBER_AFTER.match(after))

    def name_lists(self) -> Iterator[Candidate]:
        """`Anthony, Derek, Anna and Andrew`: capitalised words in a list where most are names."""
        for items in self._lists():
            known = sum(self.known(w) and w.key not in self.lex.less_common for w in items)
            if known >= 2 and known * 2 >= len(items):
                for w in items:
                    if not self.lex.is_word(w.key) or self.known(w):
                        yield Candidate(w.start, w.end, "name_list")

    def _lists(self) -> Iterator[list[Word]]:
        """Runs of capitalised words joined by `,` / `and` / `&` (three or more items)."""
        run: list[Word] = []
        for w in self.words:
            if run:
                gap = self.text[run[-1].end:w.start]
                joined = re.fullmatch(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", gap)
                if not joined or not (w.title and NAME_SHAPE.match(w.text)):
                    if len(run) >= 3:
                        yield run
                    run = []
            if w.title and NAME_SHAPE.match(w.text) and not w.in_link:
                run.append(w)
        if len(run) >= 3:
            yield run

    def full_names(self) -> Iterator[Candidate]:
        """Two or three name words in a row, at least one from the lists."""
        lex, caps, english = self.lex, self.caps_informative, self.english
        for i in range(len(self.words) - 1):
            first = self.words[i]
            # What _pair_kind asks of the first word, whatever follows it: most words fail here.
            if first.in_link or first.key in NOT_NAMES or not (
                    (first.title and caps) or (english and first.key in lex.given and first.text.islower())):
                continue
            n = self._pair_length(i)
            if n < 2:
                continue
            kind = self._pair_kind(self.words[i], self.words[i + n - 1])
            if kind:
                yield self.span(i, n, kind)

    def _pair_length(self, i: int) -> int:
        """Words i.. that sit one space apart (an initial may sit between), up to three."""
        n = 1
        while i + n < len(self.words) and n < 3:
            gap = self.text[self.words[i + n - 1].end:self.words[i + n].start]
            if gap != " " and not (self.words[i + n - 1].initial and gap == ". "):
                break
            n += 1
        if n == 3 and not self.words[i + 1].initial and not self._both_names(self.words[i + 1], self.words[i + 2]):
            n = 2
        return n

    def _both_names(self, a: Word, b: Word) -> bool:
        return a.title and b.title and self.lex.is_name(a.key) and self.lex.is_name(b.key)

    def _pair_kind(self, first: Word, last: Word) -> Optional[str]:
        """The evidence a given-name + surname pair gives, or None."""
        lex = self.lex
        if first.in_link or last.in_link or first.key in NOT_NAMES or last.key in NOT_NAMES:
            return None
        given, surname = first.key in lex.given, last.key in lex.surnames
        if first.title and last.title and self.caps_informative:
            if given and surname and not (first.key in lex.common and last.key in lex.common):
                return "full_name" if first.key not in lex.common and last.key not in lex.common else "name_pair"
            if given and surname:
                return "common_pair"
            if given and first.key not in lex.common and not lex.is_word(last.key):
                return "name_pair"
            if surname and last.key not in lex.common and not lex.is_word(first.key) and not first.sentence_start:
                return "name_pair"
            return None
        if first.text.islower() and last.text.islower() and given and surname and self.english:
            if not (lex.is_word(first.key) or lex.is_word(last.key)):
                return "full_name_lower"
        return None

    def extensions(self, anchors: list[tuple[int, int]]) -> Iterator[Candidate]:
        """Each name (start, end) widened by the word beside it, one space away, when that word
        is no English word and is written like the name's own word next to it: `<Petteri>
        Tarkkonen`, `Rościsław <Dudek>`, `<TANNER> FOXX`, not `<Kylie> minogue`. A middle initial
        may sit between, `<Sari> J. Paavolainen`. In lower case or capitals the word must be a
        listed name."""
        starts = {start for start, _ in anchors}
        for start, end in anchors:
            first, last = self.index_at(start), self._by_end.get(end)
            if first is None or last is None:
                continue
            new_start, new_end = start, end
            after = self._beside(last, +1, starts)
            if after is not None:
                new_end = self.words[after].end
            suffix = self._suffix_after(last if after is None else after)
            if suffix is not None:
                new_end = self.words[suffix].end
            before = self._beside(first, -1)
            if before is not None:
                new_start = self.words[before].start
            if (new_start, new_end) != (start, end):
                yield Candidate(new_start, new_end, "name_extended", anchor=(start, end))

    def _beside(self, i: int, step: int, names_at: Container[int] = ()) -> Optional[int]:
        """The index of the surname-like word next to word i in direction `step` (over a middle
        initial when going right, up to a name starting at one of `names_at`), or None."""
        words, name = self.words, self.words[i]
        j = i + step
        if not 0 <= j < len(words) or self._gap(i, j) != " ":
            return None
        if step > 0 and len(words[j].text) == 1 and j + 1 < len(words) and \
                self._gap(j, j + 1) in (" ", ". ") and self._written_alike(words[j].text, name.text, initial=True):
            j += 1  # `Sari J. Paavolainen`, `Jildau S Bouts`
            if words[j].start in names_at:  # `<hyuuma> t. <maida>`: one name
                return j
        return j if self._surname_like(words[j], name) else None

    def _suffix_after(self, i: int) -> Optional[int]:
        """The index of a generation or degree right after word i (`II`, `Jr.`, `, MD`), or None."""
        j = i + 1
        if j >= len(self.words) or self._gap(i, j) not in (" ", ", "):
            return None
        w = self.words[j]
        written = w.text.isupper() or (w.title and w.key in CAPITALISED_SUFFIXES)
        return j if w.key in NAME_SUFFIXES and written and not w.in_link else None

    def _gap(self, i: int, j: int) -> str:
        a, b = (i, j) if i < j else (j, i)
        return self.text[self.words[a].end:self.words[b].start]

    def _surname_like(self, w: Word, name: Word) -> bool:
        key = w.key
        if w.in_link or name.in_link or len(key) < 2 or key in NEVER_SINGLE or self.lex.is_word(key):
            return False
        if not self._written_alike(w.text, name.text):
            return False
        if w.title:  # no English word and shaped like a name: `Petteri`, `Bašić`, not `Awwww`
            return not ELONGATED.search(w.text)
        # In lower case or capitals, slang and other languages are no English word either
        # (`aint`, `vadiya`, `KA`): only a listed name, or in lower case a word with accents
        # (`monika žilková`, English slang has none), and lower case only in English text.
        if w.text.islower():
            return self.english and (self.lex.is_name(key) or not w.text.isascii())
        return self.lex.is_name(key)

    def _written_alike(self, text: str, like: str, initial: bool = False) -> bool:
        """Written in the same case as `like`: capitalised (`Kylie Minogue`), lower case or
        capitals (`TANNER FOXX`). A one-letter initial only needs the case of `like`'s first letter."""
        if initial:
            return text.isupper() == like[0].isupper()
        if like.islower():
            return text.islower()
        if like.isupper() and len(like) > 1:
            return text.isupper()
        return text[0].isupper() and not text.isupper() and bool(NAME_SHAPE.match(text))

    def single_names(self) -> Iterator[Candidate]:
        """One word from the lists (or capitalised, after a strong context), scored by context."""
        for w in self._single_candidates():
            kind = self._single_kind(w)
            if kind:
                yield Candidate(w.start, w.end, kind)

    def _single_candidates(self) -> list[Word]:
        """The words that context could make a name. Most words are English words that no context
        makes a name: they are set aside here, in one pass, before any context is read."""
        words, names, caps = self.lex.words, self.lex.names, self.caps_informative
        return [w for w in self.words
                if not (w.in_link or w.key in NEVER_SINGLE or len(w.key) < 2)
                and (not (w.key in words and w.key not in names) if w.title and caps
                     else w.text.islower() and w.key not in words)]

    def _single_kind(self, w: Word) -> Optional[str]:
        """The evidence for one of the candidates as a name, or None."""
        lex = self.lex
        left = self.left_of(w.start)
        context = _Context(self, w, left)
        if w.title and self.caps_informative:
            return self._capitalised_kind(w, context)
        if self.naming_possible and NAMING.search(left):
            return "context_known" if lex.is_name(w.key) else "context_capitalised"
        # Lower case: only a given name that is no English word and, outside English text, only
        # with context (`le`, `tu`, `sai` are given names and French, Portuguese words).
        if len(w.key) > 2 and w.key in lex.given and (self.english or context.any):
            if context.strong:
                return "context_known"
            return "known_lower_context" if context.any else "known_lower"
        return None

    def _capitalised_kind(self, w: Word, context: "_Context") -> Optional[str]:
        lex = self.lex
        if lex.is_name(w.key) and w.key not in lex.common:
            if context.any:
                return "context_known"
            if w.sentence_start:
                return "known_sentence_start"
            return "known_less_common" if w.key in lex.less_common else "known_capitalised"
        if lex.is_word(w.key):
            return "context_known" if lex.is_name(w.key) and context.strong else None
        if not NAME_SHAPE.match(w.text):
            return None
        if context.strong:
            return "context_capitalised"
        if not w.sentence_start and self.english:
            return "capitalised_context" if context.any else "capitalised"
        return "capitalised" if context.any and self.english else None

    @functools.cached_property
    def naming_possible(self) -> bool:
        """The text holds what every naming context holds (`name`, `call`, `aka`, ...)."""
        return bool(NAMING_HINT.search(self.text))

    def left_of(self, position: int) -> str:
        """The text before `position` that context patterns read: a bounded window starting at a
        word boundary, so that scanning every word stays linear in the text's length."""
        start = max(0, position - CONTEXT_CHARS)
        if start:
            space = self.text.find(" ", start, position)
            start = space + 1 if space >= 0 else start
        return self.text[start:position]

    def _vocative(self, w: Word) -> bool:
        """Addressed by name: `Jaiden , you are ...`, `... , Summer ?`."""
        before = self.left_of(w.start).rstrip(" ")
        after = self.text[w.end:w.end + CONTEXT_CHARS]
        if w.sentence_start and re.match(r"\s*,", after):
            return True
        return bool(before.endswith(",") and re.match(r"\s*[!?.]*\s*(?:\n|\Z)", after))


class _Context:
    """The context around one word, each part read only when a rule asks for it (reading it is
    the costly part, and most words are decided without it)."""

    def __init__(self, finder: _Finder, word: Word, left: str):
        self.finder, self.word, self.left = finder, word, left

    @functools.cached_property
    def strong(self) -> bool:
        """A left context that names a person (`my friend`, `this is`)."""
        return strong_left(self.left)

    @functools.cached_property
    def any(self) -> bool:
        """Strong or weak context on either side, or the word addressed by name."""
        left, w, text = self.left, self.word, self.finder.text
        return self.strong or self.finder._vocative(w) or bool(
            WEAK_LEFT.search(left, max(0, len(left.rstrip()) - WEAK_LEFT_REACH))
            or RIGHT.match(text[w.end:w.end + CONTEXT_CHARS]))


def strong_left(left: str) -> bool:
    """STRONG_LEFT.search(left), most answers read off the last few characters."""
    core = left.rstrip(SPACE_COMMA_COLON)
    if len(core) == len(left) or not STRONG_LAST.search(core, max(0, len(core) - STRONG_LAST_REACH)):
        return False
    return bool(STRONG_LEFT.search(left))


def _mostly_english(words: list[Word], lexicon: NameLexicon) -> bool:
    """Most lower-case words are English words (weak evidence is off in other languages, where
    short words are often given names: `le`, `tu`, `sai`, and German capitalises nouns)."""
    given, vocabulary = lexicon.given, lexicon.words
    lower = english = 0
    for w in words:
        if w.text.islower() and len(w.text) > 1 and w.key not in given:
            lower += 1
            english += w.key in vocabulary
    return lower < 3 or english >= 0.6 * lower


def _caps_informative(words: list[Word], lexicon: NameLexicon) -> bool:
    """False for Title Case Headlines and ALL CAPS, where a capital says nothing about names."""
    common_words = lexicon.common
    long_words = upper = common = titled_common = 0
    for w in words:
        if len(w.text) > 3:
            long_words += 1
            upper += w.text.isupper()
            if w.key in common_words and not w.sentence_start:
                common += 1
                titled_common += w.title
    if not long_words:
        return True
    if upper > long_words / 2:
        return False
    return not (common >= 3 and titled_common > common / 2)

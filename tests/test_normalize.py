"""Detection sees through invisible and look-alike characters: recognizers read a normalised view
of each text, and findings map back to the whole original span."""

import re
import unicodedata

import pytest
import regex
from conftest import redactor_for
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from redact.normalize import _normalized, normalized_view

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text with what the view folds or leaves out, mixed with plain ASCII.
SPECIAL = ["\u200b", "\u00ad", "\u2060", "\x00", "\x07", "\u202e", "\u202c", "\u200d", "\ufeff", "＠", "１",
           "ﬁ", "①", "²", "½", "\u0301", "\u0308", "e\u0301", "\u00a0", "ﬀ", "ǆ", "ẛ\u0323", "가", "\u1100\u1161",
           "👨\u200d👩", "\U0001d400", "\r\n", "\t", "\u0f73", "ｶﾞ", "ﾞ", "m\u0301", "c\u0308", "\u20e3",
           "1\ufe0f\u20e3", "\u093f", "क\u093f", "\u0650", "\u0e34", "ｍ\u0301", "ᴋ", "ɪ", "🅚", "🅺", "🅿\ufe0f"]
texts = st.lists(st.sampled_from(SPECIAL) | st.text(alphabet="ab@. 1-", max_size=3)
                 | st.text(max_size=3), max_size=30).map("".join)


def hidden(c: str) -> bool:
    return unicodedata.category(c) == "Cf" or (unicodedata.category(c) == "Cc" and not c.isspace())


def seam(c: str) -> bool:
    """A hidden character read as a space between a lower-case letter and a capital."""
    return c == "\u200b" or (unicodedata.category(c) == "Cc" and not c.isspace())


def mark(c: str) -> bool:
    return unicodedata.category(c).startswith("M")


@SETTINGS
@given(texts)
@example("a\u200bb")
@example("a\u200bB")
@example("ﬁ①e\u0301")
def test_the_offset_map_is_exact(text):
    view = normalized_view(text)
    spans = [view.original_span(i, i + 1) for i in range(len(view.text))]
    # Each view character comes from a non-empty stretch of the text, in order; characters of one
    # stretch came from it together.
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert a < b and c < d and ((a, b) == (c, d) or b <= c)
    stretches = sorted(set(spans))
    # The view is each stretch's own view, in order: folding is exact piece by piece (but for the
    # case of a small capital, which reads as a capital only where no letter comes before it).
    own = "".join(normalized_view(text[a:b]).text for a, b in stretches)
    # (and for the space a hidden character reads as at a seam: `a\u200bB` -> `a B`)
    seams = {i for i, (a, b) in enumerate(spans) if view.text[i] == " " and seam(text[b - 1])
             and not any(c.isspace() for c in text[a:b])}
    for i in seams:
        assert view.text[i - 1].islower() and text[spans[i][1]].isupper()
    kept = [i for i in range(len(view.text)) if i not in seams]
    assert len(own) == len(kept)
    for alone, i in zip(own, kept):
        within = view.text[i]
        start, _ = view.original_span(i, i + 1)
        small_capital = unicodedata.name(text[start], "").startswith("LATIN LETTER SMALL CAPITAL")
        assert alone == within or (alone.lower() == within.lower() and small_capital)
    # What no view character came from is a format or control character, or a combining mark.
    covered = {i for a, b in stretches for i in range(a, b)}
    assert all(hidden(text[i]) or mark(text[i]) for i in range(len(text)) if i not in covered)
    # A span of the view maps to the span from its first character's start to its last's end.
    if view.text:
        assert view.original_span(0, len(view.text)) == (spans[0][0], spans[-1][1])


MARKS = st.characters(categories=["Mn", "Mc", "Me"])


@SETTINGS
@given(st.lists(st.text(alphabet="ab@.1- ", min_size=1, max_size=3) | MARKS
                | st.sampled_from(["\u200b", "\x00", "\u00ad"]), max_size=30).map("".join))
@example("mail grace.hopper@example.com\u0301 now")
@example("mail grace.hopper@example.c\u0308om")
def test_combining_marks_on_ascii_are_left_out_of_the_view(text):
    view = normalized_view(text).text
    visible = "".join(c for c in text if not hidden(c))
    expected = "".join(c for c in visible if not mark(c))
    assert "".join(c for c in view if not mark(c)) == expected
    if not mark(visible[:1] or "a"):  # marks before the first base belong to none: they stay
        assert view == expected


@SETTINGS
@given(st.text(alphabet=st.characters(categories=["Lo", "Mn", "Mc"], min_codepoint=0x0900,
                                      max_codepoint=0x0E7F), max_size=20))
@example("\u0915\u093f\u0924\u093e\u092c")  # Devanagari, with its vowel signs
@example("\u0643\u0650\u062a\u064e\u0627\u0628")  # Arabic, with its vowel marks
@example("\u0e01\u0e34\u0e19")  # Thai
def test_marks_on_other_scripts_stay(text):
    text = unicodedata.normalize("NFKC", text)
    assert normalized_view(text).text == text


@SETTINGS
@given(st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]) | st.sampled_from("\t\n\r")))
def test_text_with_nothing_to_normalise_is_its_own_view(text):
    view = normalized_view(text)
    assert view.text is text and view.original_span(0, len(text)) == (0, len(text))


@pytest.mark.parametrize("text, view_text", [
    ("ﬁle", "file"), ("①②", "12"), ("e\u0301t\u0301", "et"), ("caf\u00e9", "caf\u00e9"),
    ("ｍ\u0301ail", "mail"), ("c\u0308o\u200b\u0301m", "com"), ("\u0301x", "\u0301x"),
    ("ｊｏｈｎ＠ｘ．ｉｏ", "john@x.io"),
    ("a\u200bb\u00adc\u2060d\x00e\u202ef", "abcdef"), ("10² ½", "10² ½"), ("a\u00a0b", "a b"),
])
def test_the_view_folds_compatibility_forms_and_drops_invisible_characters(text, view_text):
    assert normalized_view(text).text == view_text


@pytest.mark.parametrize("text, view_text", [
    ("met ᴋɪsʜᴀɴ ᴘᴀᴛᴇʟ", "met Kishan Patel"),  # small capitals: a capital where a word starts
    ("ʜɪ", "Hi"), ("sᴀᴍ", "sam"),  # no small capital s: the word started with a plain letter
    ("🅚🅘🅢🅗🅐🅝 🅺🅸🆂🅷🅰🅽", "KISHAN KISHAN"),  # negative circled and squared capitals
    ("ⓚⓘⓢⓗⓐⓝ 𝐊𝐢𝐬𝐡𝐚𝐧 🄺", "kishan Kishan K"),  # NFKC folds these itself
    ("Kis\u202ehan", "Kishan"),  # a right-to-left override inside a name is left out
    ("park 🅿\ufe0f blood 🅰\ufe0f", "park 🅿\ufe0f blood 🅰\ufe0f"),  # emoji presentation: emoji
])
def test_latin_letters_in_disguise_are_read_as_letters(text, view_text):
    view = normalized_view(text)
    assert view.text == view_text
    assert view.original_span(0, len(view.text)) == (0, len(text))


def test_a_span_maps_to_whole_graphemes_and_keeps_what_is_inside():
    text = "x ﬁ\u200bne①"
    view = normalized_view(text)
    assert view.text == "x fine1"
    assert view.original_span(3, 5) == (2, 5)  # `in` -> the ligature and the ZWSP after it, and `n`
    assert view.original_span(2, 7) == (2, 7)
    assert view.original_span(0, 1) == (0, 1)


EMAIL, PHONE = "grace.hopper@example.com", "+44 7700 900123"
PLAIN = f"Write to {EMAIL} or call {PHONE} today."
FORMS = {
    "zero-width space": "\u200b", "soft hyphen": "\u00ad", "word joiner": "\u2060", "NUL": "\x00",
    "RTL override": "\u202e",
}


def hide(value: str, mark: str) -> str:
    """`value` with `mark` after every third character (inside it, never at its ends)."""
    return "".join(c + (mark if i % 3 == 2 and i < len(value) - 1 else "") for i, c in enumerate(value))


@pytest.mark.slow
@pytest.mark.parametrize("form", sorted(FORMS))
def test_an_identifier_with_invisible_characters_inside_is_redacted_whole(form):
    redactor = redactor_for("default")
    expected, _ = redactor.redact_record({"id": "p", "text": PLAIN})
    text = f"Write to {hide(EMAIL, FORMS[form])} or call {hide(PHONE, FORMS[form])} today."
    out, report = redactor.redact_record({"id": "p", "text": text})
    assert out["text"] == expected["text"] == "Write to <EMAIL_ADDRESS> or call <PHONE_NUMBER> today."
    assert [f["type"] for f in report["fields"]["text"]] == ["EMAIL_ADDRESS", "PHONE_NUMBER"]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("Write to grace.hopper＠example.com today.", "Write to <EMAIL_ADDRESS> today."),  # fullwidth @
    ("Write to ｇｒａｃｅ１９＠ｅｘａｍｐｌｅ．ｃｏｍ today.", "Write to <EMAIL_ADDRESS> today."),
    ("Call ＋４４－７７００－９００１２３ today.", "Call <PHONE_NUMBER> today."),  # fullwidth digits
    ("Card ４１１１ １１１１ １１１１ １１１１ ok", "Card <CREDIT_CARD> ok"),
    ("From １９２．１６８．１．２０ ok", "From <IP_ADDRESS> ok"),
])
def test_an_identifier_in_fullwidth_forms_is_redacted_whole(text, expected):
    out, _ = redactor_for("default").redact_record({"id": "p", "text": text})
    assert out["text"] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("I met ᴋɪsʜᴀɴ yesterday", "I met <PERSON> yesterday"),
    ("I met 🅚🅘🅢🅗🅐🅝 🅟🅐🅣🅔🅛 yesterday", "I met <PERSON> yesterday"),
    ("I met 🅺🅸🆂🅷🅰🅽 🅿🅰🆃🅴🅻 yesterday", "I met <PERSON> yesterday"),
    ("I met K i s h a n P a t e l yesterday", "I met <PERSON> yesterday"),
    ("Mail ᴋɪsʜᴀɴ.ᴘᴀᴛᴇʟ@example.com ok", "Mail <EMAIL_ADDRESS> ok"),
])
def test_a_name_in_disguised_letters_is_redacted_and_the_rest_written_as_it_was(text, expected):
    out, _ = redactor_for("default").redact_record({"id": "p", "text": text})
    assert out["text"] == expected


@pytest.mark.slow
def test_invisible_characters_just_outside_a_finding_stay_and_text_without_findings_is_untouched():
    redactor = redactor_for("default")
    untouched = "Caf\u00e9 ﬁne \u2460 x\u00b2 \u200b text\x00 in ｆｕｌｌ width, e\u0301 \u202eabc\u202c."
    out, report = redactor.redact_record({"id": "p", "text": untouched})
    assert out["text"] == untouched and report["status"] == "clean"
    out, _ = redactor.redact_record({"id": "p", "text": f"ﬁne \u200b{EMAIL}\u200b ok"})
    assert out["text"] == "ﬁne \u200b<EMAIL_ADDRESS>\u200b ok"


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    (f"mail {EMAIL}\u0301 now", "mail <EMAIL_ADDRESS> now"),      # composes to m with acute
    ("mail grace.hopper@example.c\u0308om", "mail <EMAIL_ADDRESS>"),  # c with diaeresis: none
])
def test_an_identifier_with_combining_marks_is_redacted_whole(text, expected):
    out, _ = redactor_for("fast").redact_record({"id": "p", "text": text})
    assert out["text"] == expected


UNSPACED = ["이", "고", "で", "ま", "中", "ก", "ｶ"]
UNSPACED_CLASS = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"


def spelled_out_joined(text: str, shown: str | None = None) -> str:
    """`text` with each word spelled out letter by letter (four letters or more, each alone between
    single spaces, dots or hyphens, one of them throughout) joined, a space kept where a capital
    follows a lower-case letter. With `shown` (as long as `text`), the runs are found in `text` and
    their letters taken from `shown`."""
    shown = text if shown is None else shown

    def join(run):
        letters = shown[run.start():run.end()][::2]
        return "".join((" " if i and letters[i - 1].islower() and letter.isupper() else "") + letter
                       for i, letter in enumerate(letters))
    runs = [r"(?<!\w)[^\W\d_](?: [^\W\d_](?!\w)){3,}",  # a run of dots or hyphens starts after no
            r"(?<!\w)(?<!\w\.)[^\W\d_](?:\.[^\W\d_](?!\w)){3,}",  # letter and separator of its own
            r"(?<!\w)(?<!\w-)[^\W\d_](?:-[^\W\d_](?!\w)){3,}"]
    joined, done = [], 0
    for run in re.finditer("|".join(runs), text):  # `re`'s letters, as the view's (`²` is one)
        between = done > 0 and run.start() == done + 1  # one character parts two runs: a space
        joined += [shown[done:run.start() - 1], " "] if between else [shown[done:run.start()]]
        joined.append(join(run))
        done = run.end()
    return "".join(joined) + shown[done:]


@pytest.mark.parametrize("text, view_text", [
    ("met K i s h a n P a t e l now", "met Kishan Patel now"),
    ("K I S H A N", "KISHAN"), ("mail k i s h a n @ x.io", "mail kishan @ x.io"),
    ("a b c and 1 2 3 4", "a b c and 1 2 3 4"),  # three letters, or digits: left as written
    ("met K.i.s.h.a.n. now", "met Kishan. now"), ("by k-i-s-h-a-n", "by kishan"),
    ("K-i-s-h-a-n.P-a-t-e-l", "Kishan Patel"), ("ab.c.d.e.f", "ab.c.d.e.f"), ("K.i.s.h.a.n.P.a.t.e.l", "Kishan Patel"),
    ("U.S.A. and e.g. a-b-c", "U.S.A. and e.g. a-b-c"), ("a.b-c d.e", "a.b-c d.e"),  # 3 letters, mixed
])
def test_a_word_spelled_out_letter_by_letter_is_read_joined_and_maps_back_whole(text, view_text):
    view = normalized_view(text, separate_scripts=True)
    assert view.text == view_text
    start = view_text.find("ishan") - 1
    if view_text != text and start >= 0:
        a, b = view.original_span(start, start + 6)
        assert regex.sub(r"[ .-]", "", text[a:b]).lower() == "kishan"


EDGES = ["", " ", ".", ",", "!", "?", "(", ")", "-", "'s", "'", '"', ":", "\u00ad", "\u200b", "\n", "…", "«", "»"]


@SETTINGS
@given(st.sampled_from([edge for edge in EDGES if edge != "'s"]), st.sampled_from(EDGES),
       st.sampled_from(["Kishan", "KishanPatel", "Maria"]))
@example("-", "", "Kishan")
@example("(", ")", "Kishan")
def test_a_spelled_out_word_between_punctuation_is_read_whole_and_maps_back_whole(before, after, word):
    letters = " ".join(word)
    text = f"hi {before}{letters}{after} ok"
    view = normalized_view(text, separate_scripts=True)
    joined = word.replace("P", " P")
    start = view.text.index(joined)
    a, b = view.original_span(start, start + len(joined))
    assert text[a:b] == letters


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("my name is K i s h a n.", "my name is <PERSON>."),
    ("hi K i s h a n P a t e l!", "hi <PERSON>!"),
    ("M a r i a, call me", "<PERSON>, call me"),
    ("(K i s h a n P a t e l) called", "(<PERSON>) called"),  # `(Kishan) called`: the tagger's miss
    ("hi K i s h a n!", "hi <PERSON>!"),
    ("K i s h a n's car", "<PERSON>'s car"),
    ("-K i s h a n", "-<PERSON>"),
    ("call M a r i a G a r c i a.", "call <PERSON>."),
    ("my name is K i s h a n\u00ad.", "my name is <PERSON>\u00ad."),
    ("my name is K.i.s.h.a.n P.a.t.e.l", "my name is <PERSON>"),
    ("ask M-a-r-i-a", "ask <PERSON>"),
    ("K-i-s-h-a-n.P-a-t-e-l went home", "<PERSON> went home"),
    ("K.i.s.h.a.n.P.a.t.e.l called me", "<PERSON> called me"),
])
def test_a_spelled_out_name_touching_punctuation_is_redacted_whole_and_nothing_more(text, expected):
    out, _ = redactor_for("default").redact_record({"id": "p", "text": text})
    assert out["text"] == expected


@SETTINGS
@given(st.lists(st.sampled_from(SPECIAL + UNSPACED) | st.text(alphabet="ab@. 1-", max_size=3), max_size=30)
       .map("".join))
@example("010-1234-5678이고")
@example("이kim@example.com으로")
@example("a b a bK i s h a n P a t e l 이 b")
@example("a\u200b\U0001F15A")
@example("가a a a")  # a syllable is no letter spelled out: no `가aaa`
@example("이 고 で 中 a")
def test_the_analysis_view_only_adds_spaces_where_an_unspaced_script_touches_ascii(text):
    plain, unjoined = normalized_view(text), _normalized(text, separate_scripts=True)
    spaced = normalized_view(text, separate_scripts=True)
    spans = [spaced.original_span(i, i + 1) for i in range(len(spaced.text))]
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert a < b and c < d and ((a, b) == (c, d) or b <= c)
    spans = [unjoined.original_span(i, i + 1) for i in range(len(unjoined.text))]
    seams = [i for i, (a, b) in enumerate(spans) if unjoined.text[i] == " " and seam(text[b - 1])
             and unjoined.text[i - 1].islower() and text[b:b + 1].isupper()]  # `a\u200bB`: in `plain` too
    added = [i for i, (c, (a, b)) in enumerate(zip(unjoined.text, spans))
             if c == " " and " " not in normalized_view(text[a:b]).text and i not in seams]
    assert "".join(c for i, c in enumerate(unjoined.text) if i not in added) == plain.text
    for i in added:  # each came with a character of an unspaced script, from the same stretch
        a, b = spans[i]
        assert regex.search(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]", text[a:b])
    # then words spelled out are joined, in the view as spaced: a character of an unspaced script is
    # a word of its own, never a spelled-out letter (`가 나 다 라` is Korean words, `가a a a` no `가aaa`)
    assert spaced.text == spelled_out_joined(regex.sub(UNSPACED_CLASS, "0", unjoined.text), unjoined.text)


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("연락처는 010-1234-5678이고 메일은 kim@example.com으로 보내주세요",
     "연락처는 <PHONE_NUMBER>이고 메일은 <EMAIL_ADDRESS>으로 보내주세요"),
    ("メールはtanaka@example.jpまで", "メールは<EMAIL_ADDRESS>まで"),
    ("请联系wang.fang@example.cn", "请联系<EMAIL_ADDRESS>"),
])
def test_an_identifier_touching_chinese_japanese_or_korean_characters_is_found(text, expected):
    # `\b` sees no boundary between an ASCII letter or digit and a Hangul or kana character
    out, _ = redactor_for("default").redact_record({"id": "p", "text": text})
    assert out["text"] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("call Maria\u200bRossi now", "call <PERSON> now"),
    ("email from John\u200bSmith today", "email from <PERSON> today"),
    ("Java\u00adScript and Git\u2060Hub are tools", "Java\u00adScript and Git\u2060Hub are tools"),  # they join
    ("hi Kishan\x00Patel", "hi <PERSON>"),
])
def test_a_hidden_character_between_given_name_and_surname_reads_as_a_space(text, expected):
    # left out, it glued the two (`MariaRossi`) into a word no name list or tagger knows
    out, _ = redactor_for("default").redact_record({"id": "p", "text": text})
    assert out["text"] == expected

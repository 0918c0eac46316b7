"""PersonCuesRecognizer: names in languages without a NER model, from cue words and name lists."""

from __future__ import annotations

import pytest

from recognizers.person.multilingual import PersonCuesRecognizer

THRESHOLD = 0.4  # the default profile's PERSON threshold


def names(lang: str, text: str) -> list[str]:
    """The text of every PERSON finding that reaches the threshold, in order."""
    results = PersonCuesRecognizer(supported_language=lang).analyze(text, ["PERSON"])
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start) if r.score >= THRESHOLD]


@pytest.mark.parametrize("lang, text, expected", [
    # forms of address, greetings and thanks, naming phrases, sign-offs
    ("de", "Hallo Anna, danke für die Hilfe von Herrn Schmidt.", ["Anna", "Schmidt"]),
    ("de", "Viele Grüße\nKlaus Meier", ["Klaus Meier"]),
    ("es", "Hola María, gracias a la Sra. Gómez. Llámame mañana.", ["María", "Gómez"]),
    ("it", "Grazie Marco! Il dott. Rossi è qui.", ["Marco", "Rossi"]),
    ("nl", "Hoi Sanne, mijn naam is Pieter de Vries.", ["Sanne", "Pieter de Vries"]),
    ("pt", "Olá Joana, obrigado pela ajuda.", ["Joana"]),
    ("sv", "Hej Lars! Tack för hjälpen.", ["Lars"]),
    ("cs", "Dobrý den, jmenuji se Petr Svoboda.", ["Petr Svoboda"]),
    ("tr", "Merhaba Mehmet, teşekkürler!", ["Mehmet"]),
    ("tr", "Dün Ahmet Bey geldi.", ["Ahmet"]),
    ("ru", "Привет, Саша! Спасибо, Иван Петров.", ["Саша", "Иван Петров"]),
    # full names from the lists, particles inside, roman numerals after
    ("de", "Der Spieler Johann Sebastian Bach kam 1750 nach Leipzig.", ["Johann Sebastian Bach"]),
    ("it", "Lo disse anche papa Benedetto XVI durante la visita.", ["Benedetto XVI"]),
    ("nl", "Een boek van Ludwig van Beethoven en ook van Zygmunt Bauman.", ["Ludwig van Beethoven", "Zygmunt Bauman"]),
    # declensions, women's surnames, Turkish suffixes after an apostrophe
    ("pl", "Dziękuję Pani Kowalskiej za pomoc.", ["Kowalskiej"]),
    ("cs", "Včera přišla paní Nováková a také Dvořáková.", ["Nováková", "Dvořáková"]),
    ("cs", "Pavlíková: 2 košile. Vágnerová šaty a Chorušická sukni.", ["Pavlíková", "Vágnerová", "Chorušická"]),
    ("tr", "Bu kitap Ayşe Yılmaz'ın kitabı.", ["Ayşe Yılmaz"]),
    # Chinese, Japanese and Korean: honorifics after the name, greetings before it
    ("ko", "안녕하세요 김민수님, 감사합니다", ["김민수"]),
    ("ja", "田中さん、ありがとう", ["田中"]),
    ("zh", "感谢王芳女士的帮助", ["王芳"]),
    ("zh", "感谢张晓明。", ["张晓明"]),
    # after a greeting and a naming cue, the name and never the cue (`我叫`, `저는`, `私は佐藤`)
    ("zh", "你好，我叫王小明，住在北京市朝阳区建国路88号。", ["王小明"]),
    ("zh", "大家好，我是李明，今天很高兴认识大家。", ["李明"]),
    ("ko", "안녕하세요, 저는 김민수입니다. 서울시 강남구에 살아요.", ["김민수"]),
    ("ko", "안녕하세요 제 이름은 이지은입니다. 만나서 반갑습니다.", ["이지은"]),
    ("ja", "こんにちは、私は佐藤花子です。東京に住んでいます。", ["佐藤花子"]),
    ("ja", "はじめまして、田中一郎と申します。大阪から来ました。", ["田中一郎"]),
])
def test_names_are_found(lang, text, expected):
    assert names(lang, text) == expected


@pytest.mark.parametrize("lang, text", [
    # German capitalises every noun: months, nouns that are surnames or given names elsewhere
    ("de", "Im August spielte der Fischer im Sommer auf dem Tor."),
    ("de", "Am Ende der Runde war die Rolle der Mutter klar."),
    ("de", "Hallo zusammen, danke an alle!"),
    # sentence-initial words and articles are no names
    ("it", "La partita è finita. Nel secondo tempo nessuno ha segnato."),
    ("fr", "Le match est fini."),
    ("es", "Gracias a todos por venir."),
    ("pl", "Po meczu wszyscy poszli do domu."),
    ("cs", "Nová budova stojí. Česká pošta je zavřená."),  # adjectives, not surnames, heading sentences
    # a weak cue (`我是`, `大家好`) takes a name only when a listed surname begins it
    ("zh", "大家好，我是新来的学生，请多关照。"),
])
def test_words_that_are_no_names_are_left(lang, text):
    assert names(lang, text) == []


def test_spans_never_cover_the_cue():
    text = "Herzlichen Dank an Frau Dr. Weber"
    assert names("de", text) == ["Weber"]

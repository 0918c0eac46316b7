"""Language identification per text field: a code and a confidence, `und` when unsure."""

from __future__ import annotations

from pathlib import Path

import pytest

from redact.language import UNDETERMINED, LanguageIdentifier
from redact.stages.language import common_words

CANDIDATES = ["en", "fr", "de", "es", "it", "nl", "pl", "pt", "sv", "cs", "tr", "ru", "zh", "ja", "ko"]
IDENTIFIER = LanguageIdentifier(CANDIDATES, min_confidence=0.7, min_letters=12, default="en",
                                default_words=common_words("en"), default_words_share=0.6)


@pytest.mark.parametrize("text, lang", [
    ("Merci beaucoup pour votre aide, on se voit demain à la réunion !", "fr"),
    ("Vielen Dank für die schnelle Antwort, wir sehen uns morgen im Büro.", "de"),
    ("Muchas gracias por la ayuda, nos vemos mañana en la oficina.", "es"),
    ("Grazie mille per l'aiuto, ci vediamo domani in ufficio.", "it"),
    ("Bedankt voor de hulp, we zien elkaar morgen op kantoor.", "nl"),
    ("Dziękuję bardzo za pomoc, do zobaczenia jutro w biurze.", "pl"),
    ("Muito obrigado pela ajuda, nos vemos amanhã no escritório.", "pt"),
    ("Tack så mycket för hjälpen, vi ses i morgon på kontoret.", "sv"),
    ("Děkuji moc za pomoc, uvidíme se zítra v kanceláři.", "cs"),
    ("Yardımın için çok teşekkürler, yarın ofiste görüşürüz.", "tr"),
    ("Большое спасибо за помощь, увидимся завтра в офисе.", "ru"),
    ("Thanks so much for the help, see you tomorrow at the office.", "en"),
    # scripts without letter case
    ("안녕하세요 김민수님, 내일 회의 자료 감사합니다. 연락 주세요.", "ko"),
    ("感谢王芳女士的帮助，我们明天在办公室见面。", "zh"),
    ("田中さん、昨日はありがとうございました。明日また会いましょう。", "ja"),
])
def test_sentences_get_their_language(text, lang):
    found = IDENTIFIER.identify(text)
    assert found.lang == lang
    assert found.confidence >= 0.7


@pytest.mark.parametrize("text", [
    "hi dave",                                            # too few letters
    "lol",
    "Jarmila Fiedlerová  009 Slovenčeva 51  Črni Vrh nad Idrijo",  # names and an address: no language
    "Mr. Kozłowski flew to Suurküla on Thursday morning.",  # English words around foreign names
    "My name is Ludmiła",
    "",
])
def test_short_texts_names_and_english_around_foreign_names_are_undetermined(text):
    assert IDENTIFIER.identify(text).lang == UNDETERMINED


def test_low_confidence_is_undetermined_with_the_confidence_it_had():
    strict = LanguageIdentifier(CANDIDATES, min_confidence=1.01)
    found = strict.identify("Merci beaucoup pour votre aide, on se voit demain à la réunion !")
    assert found.lang == UNDETERMINED and 0.7 < found.confidence <= 1.0


def test_only_candidates_are_answered():
    only = LanguageIdentifier(["en", "de"], min_confidence=0.0)
    assert only.identify("Merci beaucoup pour votre aide, on se voit demain à la réunion !").lang in ("en", "de")
    # restricting one identifier does not restrict another
    assert IDENTIFIER.identify("Merci beaucoup pour votre aide, on se voit demain !").lang == "fr"


def test_the_known_languages_are_the_models():
    import py3langid
    from py3langid.langid import LanguageIdentifier as Py3LangId

    from redact.language import known_languages

    model = Py3LangId.from_modelpath(Path(py3langid.__file__).parent / "data" / "model.npz.xz")
    assert known_languages() == frozenset(model.nb_classes)


@pytest.mark.parametrize("text, lang", [
    ("मेरा नाम राहुल शर्मा है और मेरा फोन नंबर है", "hi"),
    ("Με λένε Γιώργο Παπαδόπουλο και μένω στην Αθήνα", "el"),
    ("שמי דוד כהן ואני גר בתל אביב", "he"),
])
def test_a_script_no_candidate_writes_in_gets_its_own_language_not_und(text, lang):
    # `und` is analysed as the profile's language: the uncovered policy would never see these
    assert IDENTIFIER.identify(text).lang == lang


def default_identifier() -> LanguageIdentifier:
    """The identifier the default profile's identify stage runs."""
    from redact.profile import load_profile
    from redact.stages.language import Identify

    return Identify(load_profile("default")).identifier


@pytest.mark.parametrize("text", [
    "Hallo Herr Schmidt, ruf mich an",
    "Schöne Grüße an Frau Becker",
    "Tschüss, bis später! Lena",
    "Guten Morgen Herr Weber",
])
def test_a_short_german_message_is_german_though_it_writes_its_cue_words_capitalised(text):
    # Counting letters of lower-case words alone, these were too short to identify (`und`) and
    # went through the English rules.
    assert default_identifier().identify(text).lang == "de"


@pytest.mark.parametrize("text", [
    "Call Frau Becker at Siemens",                 # German cue words in English
    "Dear Herr Doktor Weber",
    "Hi Team, see you in November",                # cue words that are common English words
    "Hans Müller, Königsallee 12, Düsseldorf",     # names and an address
    "Jarmila Fiedlerová  009 Slovenčeva 51  Črni Vrh nad Idrijo",
    "Mr. Kozłowski flew to Suurküla on Thursday morning.",
])
def test_english_around_foreign_cue_words_names_and_addresses_is_not_german(text):
    assert default_identifier().identify(text).lang in (UNDETERMINED, "en")


@pytest.mark.parametrize("text, lang", [
    ("Viele Grüße\nKlaus", "de"),
    ("Liebe Grüße, Anna", "de"),
    ("Saludos, Pedro", "es"),
    ("Groetjes Jan", "nl"),
    ("Pozdrawiam, Kasia", "pl"),
])
def test_a_text_too_short_to_identify_gets_the_language_of_its_one_language_cue_phrase(text, lang):
    # Fewer than min_letters letters in lower-case and cue words: `und`, and the English rules.
    found = default_identifier().identify(text)
    assert (found.lang, found.confidence) == (lang, 0.7)


@pytest.mark.parametrize("text", [
    "Hallo Klaus",                  # `hallo` is German and Dutch
    "LG Klaus",                     # shorter than four letters: an abbreviation of anything
    "Hi Team",                      # common English words
    "Call Frau Becker at Siemens",  # English words beside the cue
    "Bisous\nMarie",                # French has no cue list: spaCy's French model reads French
])
def test_a_short_text_whose_cue_phrases_do_not_tell_one_language_stays_undetermined(text):
    assert default_identifier().identify(text).lang == UNDETERMINED


@pytest.mark.slow
def test_a_short_german_sign_off_is_analysed_as_german():
    from conftest import redactor_for

    out, _ = redactor_for("default").redact_record({"id": "s", "text": "Viele Grüße\nKlaus"})
    assert out["text"] == "Viele Grüße\n<PERSON>"  # the English rules took the sign-off for a name


@pytest.mark.parametrize("text, lang", [
    # called `en` at 0.75 and `cs` at 0.87 by the candidates: the English rules read them
    ("مرحبا، اسمي محمد أحمد وأسكن في شارع الملك فهد في الرياض", "ar"),
    ("السلام عليكم ورحمة الله، أنا عبد الله بن سعيد وأبحث عن عمل في مجال البرمجة", "ar"),
    ("דוד כהן גר בתל אביב ועובד בחברת הייטק גדולה כבר חמש שנים, הוא אוהב לטייל", "he"),
])
def test_a_text_mostly_in_a_script_its_language_is_not_written_in_gets_the_whole_models_language(text, lang):
    found = default_identifier().identify(text)
    assert (found.lang, found.mixed) == (lang, None)


@pytest.mark.parametrize("text, lang, mixed", [
    ("Hey guys, great meetup yesterday with everyone from the team! मेरा नाम राहुल शर्मा है", "en", "hi"),
    ("Thanks for the help yesterday, really appreciated it. Γιώργος Παπαδόπουλος", "en", "el"),
    ("Great game last night, we should do it again soon. שלום, קוראים לי דוד כהן", "en", "he"),
    ("Salut tout le monde, je suis à Paris cette semaine avec mon ami. مرحبا اسمي محمد أحمد", "fr", "ar"),
    ("Thanks so much for the help yesterday, see you at the office, דוד", "en", "he"),
])
def test_a_run_of_a_script_no_candidate_writes_in_marks_the_field_mixed(text, lang, mixed):
    found = default_identifier().identify(text)
    assert (found.lang, found.mixed) == (lang, mixed)


@pytest.mark.parametrize("text", [
    "lol ಠ_ಠ that was so great haha, see you all tomorrow (ﾉ◕ヮ◕)ﾉ*:･ﾟ✧ ᕕ( ᐛ )ᕗ",
    "Thanks Иван and 王小明 for the tip, see you all at the meetup tomorrow",
    "Привет, меня зовут Иван Петров, я живу в Москве на улице Ленина",
    "Thanks so much for the help, see you tomorrow at the office with Maria",
])
def test_kaomoji_and_scripts_of_the_candidates_mark_nothing(text):
    found = default_identifier().identify(text)
    assert found.mixed is None and found.lang in ("en", "ru")

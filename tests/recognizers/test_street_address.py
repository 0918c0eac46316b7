"""StreetAddressRecognizer: streets with house numbers, units, city and postcode tails."""

from __future__ import annotations

import pytest
from conftest import assert_no_backtracking_blow_up

from recognizers.street_address import StreetAddressRecognizer

ENTITY = "STREET_ADDRESS"
RECOGNIZER = StreetAddressRecognizer()


def found(text: str) -> list[str]:
    """The text of every finding, in order."""
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # US
        ("I live at 12 Main St., Springfield, IL 62704 now", ["12 Main St., Springfield, IL 62704"]),
        ("1600 Pennsylvania Avenue NW, Washington, DC 20500",
         ["1600 Pennsylvania Avenue NW, Washington, DC 20500"]),
        ("party at 42 Wallaby Way, Sydney!", ["42 Wallaby Way, Sydney"]),
        ("Meet at 12 Main Street Apt 4B tomorrow", ["12 Main Street Apt 4B"]),
        ("ship to Apt 4B, 123 Elm St", ["Apt 4B, 123 Elm St"]),
        ("office: 500 Oak Blvd Suite 200, Austin, TX 78701", ["500 Oak Blvd Suite 200, Austin, TX 78701"]),
        ("drop it at 77 elm street pls", ["77 elm street"]),
        ("PO Box 567, Springfield, IL 62704", ["PO Box 567, Springfield, IL 62704"]),
        ("P.O. Box 211", ["P.O. Box 211"]),
        ("PSC 1437, Box 3833\nAPO AA 66791", ["PSC 1437, Box 3833\nAPO AA 66791"]),
        # UK, Canada, Australia
        ("Flat 2, 10 Downing Street, London SW1A 2AA", ["Flat 2, 10 Downing Street, London SW1A 2AA"]),
        ("221B Baker Street, London NW1 6XE", ["221B Baker Street, London NW1 6XE"]),
        ("12 King St W, Toronto, ON M5H 1A1", ["12 King St W, Toronto, ON M5H 1A1"]),
        ("Unit 3 / 45 Smith St", ["Unit 3 / 45 Smith St"]),
        # number after the street
        ("Hauptstraße 12, 10115 Berlin", ["Hauptstraße 12, 10115 Berlin"]),
        ("wohne in der Augsburger Strasse 36", ["Augsburger Strasse 36"]),
        ("Via Roma 5", ["Via Roma 5"]),
        ("Calle de Alcalá 42, 28014 Madrid", ["Calle de Alcalá 42, 28014 Madrid"]),
        ("Keizersgracht 123, 1015 CJ Amsterdam", ["Keizersgracht 123, 1015 CJ Amsterdam"]),
        ("ul. Narewska 94", ["ul. Narewska 94"]),
        ("Søndergade 52", ["Søndergade 52"]),
        ("Rákóczi út 13. Suite 104", ["Rákóczi út 13. Suite 104"]),
        ("Parmova 109, Suite 380", ["Parmova 109, Suite 380"]),
        # number first, type first
        ("10 rue de la Paix, 75002 Paris", ["10 rue de la Paix, 75002 Paris"]),
        # a block over several lines, quoted by a mail client
        ("> 2224 Trenerys Road 232\n> Apt. 342\n> TRONDHEIM\n> Norway 64389",
         ["2224 Trenerys Road 232\n> Apt. 342\n> TRONDHEIM\n> Norway 64389"]),
        ("Address:\n6185 Pfarrgasse 91\n Suite 170\n MITTERLOBMING\n Austria 26759\nMobile: 0341",
         ["6185 Pfarrgasse 91\n Suite 170\n MITTERLOBMING\n Austria 26759"]),
        ("the corner of 5th Avenue and Main", ["the corner of 5th Avenue and Main"]),
        # negatives
        ("we played 2 Street Fighter games", []),
        ("5 ways to get rich", []),
        ("see you in 3 days", []),
        ("I walked 5 minutes down the road", []),
        ("3 friends drive home", []),
        ("Spring 2020 was rough", []),
        ("boarding Gate 5 now", []),
        ("Top 10 Movies 2023, Ranked", []),
        ("It happened in 1999, London", []),
        ("my 2 cents on St. Patrick's day", []),
        ("Route 66 is fun", []),
        ("iPhone 12, Apple", []),
        ("the 5 Best Places to eat", []),
        ("omg @Kaaaatie 4 life", []),
        ("Mix 2 cups flour", []),
    ],
)
def test_street_address(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Aa " * 33_000,
        "12 Aa " * 16_000,
        "1 " * 50_000,
        "12 Main St" + " Apt 1" * 16_000,
        "12 Main St\n" + "Aa\n" * 33_000,
        "12 Main St" + ", Aa" * 25_000,
        "Via " + "Aa " * 33_000,
        "corner of " + "a " * 50_000,
        "Aaaa " * 20_000 + "strasse",
        "1" * 100_000,
    ],
)
def test_adversarial_input_is_fast(text):
    assert_no_backtracking_blow_up(lambda: RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None),
                                   f"street_address on {text[:12]!r}...")


@pytest.mark.slow
def test_through_analyzer_engine(through_engine):
    text = "We moved to Hauptstraße 12, 10115 Berlin. 2 Street Fighter games later..."
    results = through_engine(StreetAddressRecognizer(), text)
    assert [text[r.start:r.end] for r in results] == ["Hauptstraße 12, 10115 Berlin"]

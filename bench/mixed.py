"""Synthetic posts in ten languages for the bench's mixed-language row (fixed seed, written here:
no real person's name or text). Each record holds one language's sentences, a name among them."""

from __future__ import annotations

import random
from pathlib import Path

import orjson

# Per language: sentences ({name} is a person) and names.
LANGUAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("Thanks {name} for the great talk at the meetup yesterday.",
            "We are hiring two data engineers for the Berlin office, apply by Friday.",
            "Coffee with {name} this morning, lots of ideas for the next sprint."),
           ("Maria Lopez", "James Carter", "Aisha Khan")),
    "fr": (("Merci {name} pour la présentation d'hier, c'était passionnant.",
            "Nous recrutons deux ingénieurs pour notre bureau de Lyon.",
            "Déjeuner avec {name} aujourd'hui, beaucoup d'idées pour le projet."),
           ("Camille Bernard", "Julien Moreau", "Sophie Laurent")),
    "de": (("Vielen Dank an {name} für den tollen Vortrag gestern.",
            "Wir suchen zwei Entwickler für unser Team in Hamburg.",
            "Heute Mittagessen mit {name}, viele Ideen für das nächste Projekt."),
           ("Herrn Schneider", "Anna Becker", "Lukas Hoffmann")),
    "es": (("Gracias {name} por la charla de ayer, fue genial.",
            "Buscamos dos ingenieros para la oficina de Madrid.",
            "Café con {name} esta mañana, muchas ideas para el proyecto."),
           ("Lucía Fernández", "Javier Ruiz", "la Sra. Gómez")),
    "it": (("Grazie {name} per la presentazione di ieri, bellissima.",
            "Cerchiamo due sviluppatori per l'ufficio di Milano.",
            "Pranzo con {name} oggi, tante idee per il progetto."),
           ("Giulia Romano", "Marco Bianchi", "il dott. Rossi")),
    "nl": (("Bedankt {name} voor de mooie presentatie gisteren.",
            "We zoeken twee ontwikkelaars voor ons kantoor in Utrecht.",
            "Koffie met {name} vanochtend, veel ideeën voor het project."),
           ("Sanne de Vries", "Pieter Jansen", "Lotte Bakker")),
    "pl": (("Dziękuję {name} za wczorajszą prezentację, była świetna.",
            "Szukamy dwóch programistów do biura w Krakowie.",
            "Kawa z {name} dziś rano, dużo pomysłów na projekt."),
           ("Pani Kowalskiej", "Piotrem Nowakiem", "Anną Wiśniewską")),
    "pt": (("Obrigado {name} pela apresentação de ontem, foi ótima.",
            "Procuramos dois engenheiros para o escritório de Lisboa.",
            "Café com {name} esta manhã, muitas ideias para o projeto."),
           ("Joana Silva", "Tiago Costa", "Beatriz Santos")),
    "sv": (("Tack {name} för den fina presentationen igår.",
            "Vi söker två utvecklare till kontoret i Göteborg.",
            "Fika med {name} i morse, många idéer till projektet."),
           ("Lars Andersson", "Emma Johansson", "Karin Nilsson")),
    "cs": (("Děkuji {name} za včerejší prezentaci, byla skvělá.",
            "Hledáme dva vývojáře do kanceláře v Brně.",
            "Káva s {name} dnes ráno, spousta nápadů pro projekt."),
           ("panu Novákovi", "paní Dvořákové", "Petrem Svobodou")),
}


def write_mixed_jsonl(path: Path, n: int, seed: int) -> Path:
    """Write n records, each in one of the ten languages (about as many of each)."""
    rng = random.Random(seed)
    langs = sorted(LANGUAGES)
    with open(path, "wb") as out:
        for i in range(n):
            sentences, names = LANGUAGES[langs[i % len(langs)]]
            text = " ".join(rng.choice(sentences).format(name=rng.choice(names))
                            for _ in range(rng.randint(1, 4)))
            out.write(orjson.dumps({"id": f"x{i:07d}", "text": text}) + b"\n")
    return path

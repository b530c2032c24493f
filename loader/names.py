"""Name resolution: one resource per real person, maker, entrant, place and category, however spelt."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from vocabulary.iris import slugify
from vocabulary.text import fold

_INITIAL = re.compile(r"^[A-Z](?:-[A-Z])*\.$")
_MODEL = re.compile(r"^[A-Za-z]{0,3}[0-9][\w-]*$")


def edit_distance(a: str, b: str) -> int:
    """Return the Damerau-Levenshtein (optimal string alignment) distance of two strings.

    >>> edit_distance("sousa", "souza"), edit_distance("schelesser", "schlesser"), edit_distance("ab", "ba")
    (1, 1, 1)
    """
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def split_abbreviation(name: str) -> tuple[list[str], list[str]] | None:
    """Return (initials, surname tokens) of an abbreviated name such as 'J-L. Schlesser', else None.

    >>> split_abbreviation("J. M. Servia")
    (['j', 'm'], ['servia'])
    >>> split_abbreviation("P-G. Lundmark")
    (['p', 'g'], ['lundmark'])
    >>> split_abbreviation("C. de Gavardo")
    (['c'], ['de', 'gavardo'])
    >>> split_abbreviation("Carlos Sousa") is None
    True
    """
    tokens = name.split()
    initials: list[str] = []
    while tokens and _INITIAL.match(tokens[0]):
        initials.extend(part.lower() for part in tokens.pop(0).rstrip(".").split("-"))
    if not initials or not tokens:
        return None
    return initials, fold(" ".join(tokens)).split()


@dataclass(eq=False)
class Cluster:
    """Spellings resolved to one resource, with the rules that joined them and the lines they came from."""

    kind: str
    spellings: Counter[str] = field(default_factory=Counter)
    rules: dict[str, str] = field(default_factory=dict)
    lines: dict[str, set[tuple[str, int]]] = field(default_factory=lambda: defaultdict(set))
    codes: Counter[str] = field(default_factory=Counter)
    slug: str = ""

    def add(self, spelling: str, rule: str, where: tuple[str, int], code: str | None = None) -> None:
        """Record one occurrence of a spelling."""
        self.spellings[spelling] += 1
        self.rules.setdefault(spelling, rule)
        self.lines[spelling].add(where)
        if code:
            self.codes[code] += 1

    def keys(self) -> set[str]:
        """Return the folded forms of the cluster's full spellings."""
        return {fold(split_model(s)[0]) for s in self.spellings if split_abbreviation(s) is None}

    @property
    def label(self) -> str:
        """Return the preferred spelling: most used full spelling, accented and longer ones first on a tie."""
        full = [s for s in self.spellings if split_abbreviation(s) is None and split_model(s)[1] is None] or list(self.spellings)
        return max(full, key=lambda s: (self.spellings[s], s != fold(s) and not s.isascii(), len(s), s))

    def merge(self, other: Cluster, rule: str) -> None:
        """Take over another cluster's spellings, marking them as joined by `rule`."""
        for spelling, count in other.spellings.items():
            self.spellings[spelling] += count
            self.rules.setdefault(spelling, rule if other.rules.get(spelling) == "exact" else other.rules[spelling])
            self.lines[spelling] |= other.lines[spelling]
        self.codes.update(other.codes)


@dataclass(frozen=True)
class PersonMention:
    """A person as written, with where and in which context the source names them."""

    name: str
    code: str | None  # ISO alpha-3 of the country code written before the name, if any
    path: str
    line: int
    category: str  # category slug
    number: int | None = None  # race number, where the row gives one


class PersonResolver:
    """Clusters person mentions; abbreviations resolve against full names of the same category."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self._by_key: dict[str, Cluster] = {}
        self._abbreviated: dict[tuple[str, str | None, str, str], Cluster] = {}
        self.unresolved: list[PersonMention] = []  # abbreviated names that match no full name (kept as written)
        self.ambiguous: list[tuple[PersonMention, list[Cluster]]] = []  # abbreviated names that match several people

    def resolve(self, mentions: Iterable[PersonMention]) -> None:
        """Cluster all mentions: exact/folded, extra surname, one-letter spelling, race number, initials."""
        mentions = list(mentions)
        categories_of: dict[str, set[str]] = defaultdict(set)
        numbers_of: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
        for m in mentions:
            if split_abbreviation(m.name) is not None:
                continue
            key = fold(m.name)
            cluster = self._by_key.get(key)
            if cluster is None:
                cluster = Cluster("person")
                self._by_key[key] = cluster
                self.clusters.append(cluster)
            cluster.add(
                m.name, "exact" if m.name in cluster.spellings or not cluster.spellings else "folded", (m.path, m.line), m.code
            )
            categories_of[key].add(m.category)
            if m.number is not None:
                numbers_of[key].add((m.path, m.category, m.number))
        self._merge_extra_surnames()
        self._merge_spellings(numbers_of)
        for m in mentions:
            parts = split_abbreviation(m.name)
            if parts is None:
                continue
            where = (m.path, m.code, m.category, m.name)
            if where in self._abbreviated:
                self._abbreviated[where].add(m.name, "initials", (m.path, m.line), m.code)
                continue
            target = self._match_initials(parts, m)
            if target is None:
                target = Cluster("person")
                self.clusters.append(target)
                self.unresolved.append(m)
            target.add(m.name, "initials", (m.path, m.line), m.code)
            self._abbreviated[where] = target

    def _alive(self) -> list[Cluster]:
        return list(dict.fromkeys(self._by_key.values()))

    def _join(self, keep: Cluster, gone: Cluster, rule: str) -> None:
        keep.merge(gone, rule)
        for key, cluster in list(self._by_key.items()):
            if cluster is gone:
                self._by_key[key] = keep
        self.clusters = [c for c in self.clusters if c is not gone]

    def _merge_extra_surnames(self) -> None:
        for short in self._alive():
            for short_key in list(short.keys()):
                tokens = short_key.split()
                if len(tokens) < 2:
                    continue
                longer = [
                    c
                    for c in self._alive()
                    if c is not short
                    and any(k.split()[: len(tokens)] == tokens and len(k.split()) > len(tokens) for k in c.keys())
                    and _codes_agree(c, short)
                ]
                if len(longer) == 1:
                    self._join(short, longer[0], "extra-surname")

    def _merge_spellings(self, numbers_of: dict[str, set[tuple[str, str, int]]]) -> None:
        alive = self._alive()
        for index, a in enumerate(alive):
            for b in alive[index + 1 :]:
                if a is b or b not in self._alive() or a not in self._alive():
                    continue
                rule = _spelling_rule(a, b, numbers_of)
                if rule:
                    self._join(*_bigger_first(a, b), rule)

    def _match_initials(self, parts: tuple[list[str], list[str]], m: PersonMention) -> Cluster | None:
        initials, surname = parts
        candidates = []
        for cluster in self._alive():
            if m.code and cluster.codes and m.code not in cluster.codes:
                continue
            for key in cluster.keys():
                tokens = key.split()
                for cut in range(1, len(tokens)):
                    given, rest = tokens[:cut], tokens[cut:]
                    if (
                        rest[: len(surname)] == surname
                        and [g[0] for g in given] == initials[: len(given)]
                        and len(given) == len(initials)
                    ):
                        candidates.append(cluster)
                        break
                else:
                    continue
                break
        unique = list(dict.fromkeys(candidates))
        if len(unique) > 1:
            same_category = [c for c in unique if any(p == m.path for s in c.lines.values() for p, _ in s)]
            if len(same_category) == 1:
                return same_category[0]
            self.ambiguous.append((m, unique))
            return None
        return unique[0] if unique else None

    def cluster_of(self, m: PersonMention) -> Cluster:
        """Return the cluster a mention was resolved to."""
        if split_abbreviation(m.name) is not None:
            return self._abbreviated[(m.path, m.code, m.category, m.name)]
        return self._by_key[fold(m.name)]


def _codes_agree(a: Cluster, b: Cluster) -> bool:
    return not a.codes or not b.codes or bool(set(a.codes) & set(b.codes))


def _spelling_rule(a: Cluster, b: Cluster, numbers_of: dict[str, set[tuple[str, str, int]]]) -> str | None:
    if not _codes_agree(a, b):
        return None
    for ka in a.keys():
        for kb in b.keys():
            ta, tb = ka.split(), kb.split()
            if len(ta) != len(tb):
                continue
            differing = [(x, y) for x, y in zip(ta, tb) if x != y]
            if len(differing) != 1:
                continue
            x, y = differing[0]
            if edit_distance(x, y) != 1 or min(len(x), len(y)) < 4:
                continue
            if numbers_of.get(ka, set()) & numbers_of.get(kb, set()):
                return "race-number"
            if ta[-1] == tb[-1] or min(len(x), len(y)) >= 5:
                return "spelling"
    return None


def split_model(name: str) -> tuple[str, str | None]:
    """Return (make, model) of a vehicle name whose last word carries a digit.

    >>> split_model("Tatra 815"), split_model("Mercedes-Benz")
    (('Tatra', '815'), ('Mercedes-Benz', None))
    """
    words = name.split()
    if len(words) > 1 and _MODEL.match(words[-1]):
        return " ".join(words[:-1]), words[-1]
    return name, None


class MakerResolver:
    """Clusters manufacturer names: folded, alias (a shorter form of a longer name), one-letter spelling."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self._by_key: dict[str, Cluster] = {}

    def resolve(self, mentions: Iterable[tuple[str, str, int]]) -> None:
        """Cluster (name, path, line) mentions of makes; a model number does not make another maker."""
        for name, path, line in mentions:
            name = name.strip()
            if not name:
                continue
            base, model = split_model(name)
            key = fold(base)
            cluster = self._by_key.get(key)
            if cluster is None:
                cluster = self._by_key[key] = Cluster("manufacturer")
                self.clusters.append(cluster)
            rule = "exact" if not cluster.spellings or name in cluster.spellings else ("model" if model else "folded")
            cluster.add(name, rule, (path, line))
        changed = True
        while changed:
            changed = False
            for a in self.clusters:
                for b in self.clusters:
                    joined = _maker_rule(a, b) if a is not b else None
                    if joined:
                        keep, gone = (b, a) if joined == "alias" else _bigger_first(a, b)
                        keep.merge(gone, joined)
                        for key, cluster in list(self._by_key.items()):
                            if cluster is gone:
                                self._by_key[key] = keep
                        self.clusters = [c for c in self.clusters if c is not gone]
                        changed = True
                        break
                if changed:
                    break

    def cluster_of(self, name: str) -> tuple[Cluster, str | None]:
        """Return the maker's cluster and the model the name carries (e.g. 'Tatra 815' -> Tatra, '815')."""
        base, model = split_model(name.strip())
        return self._by_key[fold(base)], model


def _bigger_first(a: Cluster, b: Cluster) -> tuple[Cluster, Cluster]:
    return (a, b) if sum(a.spellings.values()) >= sum(b.spellings.values()) else (b, a)


def _maker_rule(a: Cluster, b: Cluster) -> str | None:
    """Return why a joins b: 'alias' when a's name is the first word(s) of b's, 'spelling' for one letter."""
    for ka in a.keys():
        for kb in b.keys():
            ta, tb = ka.split(), kb.split()
            if len(ta) < len(tb) and tb[: len(ta)] == ta and all(t.isalpha() for t in tb[len(ta) :]):
                return "alias"
            if min(len(ka), len(kb)) >= 6 and edit_distance(ka, kb) == 1:
                return "spelling"
    return None


class SimpleResolver:
    """Clusters names that differ only in case, accents, hyphens or dots (entrants, places)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.clusters: list[Cluster] = []
        self._by_key: dict[str, Cluster] = {}

    def add(self, name: str, where: tuple[str, int]) -> Cluster:
        """Record a mention and return its cluster."""
        key = fold(name)
        cluster = self._by_key.get(key)
        if cluster is None:
            cluster = self._by_key[key] = Cluster(self.kind)
            self.clusters.append(cluster)
        cluster.add(name, "exact" if not cluster.spellings or name in cluster.spellings else "folded", where)
        return cluster

    def cluster_of(self, name: str) -> Cluster:
        """Return the cluster of a name already added."""
        return self._by_key[fold(name)]


def assign_slugs(clusters: Iterable[Cluster]) -> None:
    """Give each cluster a unique slug from its label; a second different thing with the same slug gets '-2'."""
    taken: set[str] = set()
    for cluster in clusters:
        base = slugify(cluster.label) or cluster.kind
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        cluster.slug = slug

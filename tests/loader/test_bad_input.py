"""Input that is not a rally article: a SourceError naming file, line and what was expected; exit 2 on the CLI.

Each case's line is computed by hand (tests/data/README.md explains every fixture). The static fixtures are
in tests/data/bad/; the others are copies of the bundled 2001 article or of tests/data/2005_Test_Rally.txt
with one edit, written to tmp_path by the test so that the edit is spelt out here.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from loader.errors import SourceError
from tests.conftest import ATLAS_DOCUMENT, BAD_DATA, DOCUMENT

if TYPE_CHECKING:
    from tests.conftest import Cli, CliBuild


def static(name: str) -> Callable[[Path], Path]:
    """Return a maker of a case that uses a file of tests/data/bad/ as it is."""

    def make(_directory: Path) -> Path:
        return BAD_DATA / name

    return make


def edited(source: Path, name: str, line: int, old: str, new: str) -> Callable[[Path], Path]:
    """Return a maker of a copy of `source` whose line `line` has `old` (found once in it) replaced by `new`."""

    def make(directory: Path) -> Path:
        lines = source.read_text(encoding="utf-8").split("\n")
        assert lines[line - 1].count(old) == 1, f"{source.name}:{line} should hold {old!r} once: {lines[line - 1]!r}"
        lines[line - 1] = lines[line - 1].replace(old, new)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / name
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    return make


def cut(source: Path, name: str, line: int, keep: str | None) -> Callable[[Path], Path]:
    """Return a maker of a copy of `source` that ends on line `line`.

    With `keep`, the line is cut right after that text (which must start the line) and has no newline:
    a file truncated in the middle of a row. Without it, the file ends with the whole line and its newline.
    """

    def make(directory: Path) -> Path:
        lines = source.read_text(encoding="utf-8").split("\n")
        last = lines[line - 1]
        if keep is None:
            text = "\n".join(lines[:line]) + "\n"
        else:
            assert last.startswith(keep) and last != keep, f"{source.name}:{line} should start with {keep!r}: {last!r}"
            text = "\n".join([*lines[: line - 1], keep])
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


def binary(name: str) -> Callable[[Path], Path]:
    """Return a maker of a PNG file given a .txt name: not text at all."""

    def make(directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / name
        path.write_bytes(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        )
        return path

    return make


@dataclass(frozen=True)
class Case:
    """A bad input: how to make it, the line the error must name, and words one of which says what was expected."""

    id: str
    make: Callable[[Path], Path]
    line: int
    expected: tuple[str, ...]


CASES = [
    # an empty file: the title line was expected on line 1
    Case("empty-file", static("empty.txt"), 1, ("title", "article")),
    # a JSON document: line 1 is "{", not a title line
    Case("json-document", static("2001_Dakar_Rally.json"), 1, ("title", "article")),
    # an HTML page: line 1 is "<!DOCTYPE html>", not a title line
    Case("html-document", static("2001_Dakar_Rally.html"), 1, ("title", "article")),
    # a PNG image named .txt: not UTF-8 text from its first line
    Case("binary-file", binary("2001_Dakar_Rally.txt"), 1, ("text", "utf-8")),
    # the bundled article cut in the middle of line 145, a Motorcycles stage-result row (stage 15, 2nd row)
    Case(
        "row-cut-off",
        cut(DOCUMENT, "2001_Dakar_Rally.txt", 145, "| 2 | ESP Isidre Esteve | KTM | 6:5"),
        145,
        ("complete", "closed", "cut", "truncat"),
    ),
    # the bundled article ending after line 200: the Cars table stops after 2 of stage 11's 3 rows
    Case("table-cut-off", cut(DOCUMENT, "2001_Dakar_Rally.txt", 200, None), 200, ("truncat", "row")),
    # the bundled article with stage 5's date (line 28) printed as "32 Foo"
    Case("impossible-date", edited(DOCUMENT, "2001_Dakar_Rally.txt", 28, "| 5 January |", "| 32 Foo |"), 28, ("date",)),
    # the bundled article with Meoni's stage-4 time (line 113) printed with 77 minutes
    Case("malformed-time", edited(DOCUMENT, "2001_Dakar_Rally.txt", 113, "| 1:17:28 |", "| 1:77:28 |"), 113, ("time",)),
    # the 2005 test article with Nowak's stage-4 quad time (line 133) written as "4h40m31s"
    Case("non-time-in-quads", edited(ATLAS_DOCUMENT, "2005_Test_Rally.txt", 133, "| 4:40:31 |", "| 4h40m31s |"), 133, ("time",)),
    # stage 5's number (line 28) written with a superscript two: a digit to Python's isdigit(), not a number
    Case(
        "unicode-digit-stage",
        edited(DOCUMENT, "2001_Dakar_Rally.txt", 28, "| 5 | 5 January |", "| ² | 5 January |"),
        28,
        ("number",),
    ),
    # a circled one as the position of line 105's row (Roma's shared first place, stage 1)
    Case(
        "circled-digit-position",
        edited(
            DOCUMENT,
            "2001_Dakar_Rally.txt",
            106,
            "| 3 | RSA Alfie Cox | KTM | 3:38 | 0:01 | 3 |",
            "| ① | RSA Alfie Cox | KTM | 3:38 | 0:01 | 3 |",
        ),
        106,
        ("position", "competitor", "expected"),
    ),
    # the last stage (line 44) on 29 February 2001: 2001 is not a leap year
    Case("no-such-day", edited(DOCUMENT, "2001_Dakar_Rally.txt", 44, "| 21 January |", "| 29 February |"), 44, ("date", "day")),
    # a NUL byte in the middle of line 150 (a motorcycles row of stage 17)
    Case("nul-byte", edited(DOCUMENT, "2001_Dakar_Rally.txt", 150, "| 3:38:32 |", "| 3:38\x0032 |"), 150, ("binary", "nul")),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_raises_source_error_naming_file_line_and_what_was_expected(case: Case, tmp_path: Path) -> None:
    from loader.pipeline import load_paths

    path = case.make(tmp_path / "source")
    with pytest.raises(SourceError) as raised:
        load_paths([path])
    error = raised.value
    assert Path(error.path).resolve() == path.resolve()
    assert error.line == case.line, str(error)
    assert str(error).startswith(f"{error.path}:{error.line}: "), str(error)
    said = f"{error} {error.expected}".lower()
    assert any(word in said for word in case.expected), f"{str(error)!r} does not say what was expected {case.expected}"


def test_bad_document_among_good_ones_is_named(tmp_path: Path) -> None:
    from loader.pipeline import load_paths

    bad = edited(DOCUMENT, "2001_Dakar_Rally.txt", 28, "| 5 January |", "| 32 Foo |")(tmp_path)
    with pytest.raises(SourceError) as raised:
        load_paths([ATLAS_DOCUMENT, bad])
    assert Path(raised.value.path).resolve() == bad.resolve()
    assert raised.value.line == 28


def snapshot(directory: Path) -> dict[str, bytes]:
    """Return every file under `directory` (hidden ones too) by relative path, with its bytes."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cli_build_of_bad_input_exits_2_with_one_line_and_keeps_previous_output(
    case: Case, tmp_path: Path, bundled_build: CliBuild, cli: Cli
) -> None:
    assert bundled_build.process.returncode == 0, bundled_build.process.stderr
    out = tmp_path / "out"
    shutil.copytree(bundled_build.out, out)
    path = case.make(tmp_path / "source")
    before, beside = snapshot(out), sorted(p.name for p in tmp_path.iterdir())

    process = cli("build", path, "--out", out)

    assert process.returncode == 2, process.stderr
    assert "Traceback" not in process.stderr
    assert len(process.stderr.strip().splitlines()) == 1, process.stderr
    assert f"{path.name}:{case.line}:" in process.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == beside  # no staging directory left behind


def test_cli_build_of_bad_input_creates_no_output_directory(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "never"
    process = cli("build", BAD_DATA / "2001_Dakar_Rally.json", "--out", out)
    assert process.returncode == 2, process.stderr
    assert "Traceback" not in process.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_cli_build_of_a_missing_file_exits_2_naming_it(tmp_path: Path, cli: Cli) -> None:
    missing = tmp_path / "2003_Dakar_Rally.txt"
    process = cli("build", missing, "--out", tmp_path / "out")
    assert process.returncode == 2, process.stderr
    assert "Traceback" not in process.stderr
    assert missing.name in process.stderr
    assert not (tmp_path / "out").exists()


# --- Misprints that are reported, not refused ---------------------------------------------------------------------


def problems_of(path: Path) -> list[tuple[int | None, str]]:
    """Return the (line, code) of the problems a build of one article reports."""
    from loader.pipeline import load_paths

    return [(p.line, p.code) for p in load_paths([path]).problems]


def test_a_stage_number_given_twice_is_reported_with_both_lines(tmp_path: Path) -> None:
    # line 25 (stage 2) numbered 1: stage 1 is line 24
    path = edited(DOCUMENT, "2001_Dakar_Rally.txt", 25, "| 2 | 2 January |", "| 1 | 2 January |")(tmp_path)
    from loader.pipeline import load_paths

    build = load_paths([path])
    [problem] = [p for p in build.problems if p.code == "duplicate-stage"]
    assert problem.line == 25 and "lines 24 and 25" in problem.message
    [coverage] = build.coverage.values()
    assert coverage.reported == (25,)


@pytest.mark.parametrize(
    ("line", "old", "new", "what"),
    [
        (28, "| 5 | 5 January |", "| " + "9" * 400 + " | 5 January |", "stage number"),  # a 400-digit stage number
        (28, "| 572 |", "| " + "9" * 400 + " |", "distance"),  # a 400-digit distance (would be Infinity)
        (72, "- 205 Jutta Kleinschmidt", "- 2050000 Jutta Kleinschmidt", "race number"),
        (298, "| 70:01:08 |", "| 7000000:01:08 |", "time"),  # seven million hours
    ],
)
def test_a_number_no_rally_has_is_reported_and_not_loaded(tmp_path: Path, line: int, old: str, new: str, what: str) -> None:
    path = edited(DOCUMENT, "2001_Dakar_Rally.txt", line, old, new)(tmp_path)
    found = [(at, code) for at, code in problems_of(path) if code == "implausible-number"]
    assert found == [(line, "implausible-number")]


def test_a_build_of_a_400_digit_stage_number_is_served(tmp_path: Path, cli: Cli) -> None:
    path = edited(DOCUMENT, "2001_Dakar_Rally.txt", 28, "| 5 | 5 January |", "| " + "9" * 400 + " | 5 January |")(tmp_path)
    assert cli("build", path, "--out", tmp_path / "out").returncode == 0
    from tests.servers import app_on

    with app_on(tmp_path / "out") as app:
        client = app.test_client()
        for page in ("/", "/story/2001-dakar-rally", "/page/edition/2001-dakar-rally"):
            assert client.get(page, headers={"Accept": "text/html"}).status_code == 200, page


def test_an_article_larger_than_any_article_is_refused_at_once(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "2001_Dakar_Rally.txt"
    path.write_text(DOCUMENT.read_text(encoding="utf-8") + "| 1 | padding |\n" * 80_000, encoding="utf-8")
    started = time.monotonic()
    done = cli("build", path, "--out", tmp_path / "out")
    assert done.returncode == 2 and "larger than an article can be" in done.stderr
    assert time.monotonic() - started < 10

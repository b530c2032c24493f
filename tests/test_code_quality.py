"""The tooling in pyproject.toml passes: ruff (lint and format) on all the code, mypy --strict on every package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = ("vocabulary", "loader", "endpoint", "cli", "tests", "bench")


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([sys.executable, "-m", "ruff", "check", *CODE], id="ruff-check"),
        pytest.param([sys.executable, "-m", "ruff", "format", "--check", *CODE], id="ruff-format"),
        pytest.param([sys.executable, "-m", "mypy"], id="mypy"),
    ],
)
def test_tool_passes(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

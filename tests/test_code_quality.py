"""The tooling in pyproject.toml passes: ruff (lint and format) and mypy --strict on the loader and the endpoint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([sys.executable, "-m", "ruff", "check", "loader", "endpoint", "tests", "bench"], id="ruff-check"),
        pytest.param(
            [sys.executable, "-m", "ruff", "format", "--check", "loader", "endpoint", "tests", "bench"], id="ruff-format"
        ),
        pytest.param([sys.executable, "-m", "mypy"], id="mypy"),
    ],
)
def test_tool_passes(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

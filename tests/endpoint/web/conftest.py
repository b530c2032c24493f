"""Fixtures of the linked-data and browser tests: builds, the app, a real server, a headless Chromium.

The real server's data is built under a base IRI on the server's own port
(`http://127.0.0.1:PORT/id/`), so that every IRI of the graph really dereferences there; a second
build under `https://rally.example.org/resource/` stands for a deployment. Screenshots go to
`tests/web/artifacts/` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.servers import app_on, build_into, free_port, serving

from .support import DEPLOYMENT_BASE, Site

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def port() -> int:
    """A free loopback port for the real server."""
    return free_port()


@pytest.fixture(scope="session")
def site_build(port: int, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled article built under http://127.0.0.1:PORT/id/, the base IRI the real server answers."""
    return build_into(tmp_path_factory.mktemp("web") / "build", f"http://127.0.0.1:{port}/id/")


@pytest.fixture(scope="session")
def deployment_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled article built under another base IRI, as a deployment would."""
    return build_into(tmp_path_factory.mktemp("deployment") / "build", DEPLOYMENT_BASE)


@pytest.fixture(scope="session")
def app(site_build: Path) -> Iterator[Flask]:
    """The app serving the site build (for the Flask test client)."""
    with app_on(site_build) as made:
        yield made


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """The Flask test client of the shared app."""
    return app.test_client()


@pytest.fixture(scope="session")
def deployment_client(deployment_build: Path) -> Iterator[FlaskClient]:
    """The Flask test client of an app serving the deployment build."""
    with app_on(deployment_build) as made:
        yield made.test_client()


@pytest.fixture(scope="session")
def site(port: int, site_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A real `rally-kg serve` on 127.0.0.1:PORT serving the site build; yields its root URL and base IRI."""
    with serving(site_build, tmp_path_factory.mktemp("web-server") / "serve.log", port=port) as (root, _ready_after):
        yield Site(root, f"{root}/id/")


# --- The browser ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright; fails (never skips) when either is missing.

    Playwright starts Chromium with a fresh, empty profile (a new --user-data-dir) at each launch.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium; run scripts/setup.sh test to install it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: run scripts/setup.sh test (it installs the project's test extra)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A tab in a new browser context (JavaScript on), closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_js(browser: Any) -> Iterator[Any]:
    """A tab in a new browser context with JavaScript turned off."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder screenshots are saved in (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

"""Serve the app with a production WSGI server (gunicorn): the dataset is opened once, then forked."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from endpoint import create_app


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn running an app object made by this process (preloaded, so workers share the store)."""

    def __init__(self, app: Flask, options: Mapping[str, Any]) -> None:
        self.application = app
        self.options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def serve(host: str, port: int, config: Mapping[str, Any], workers: int | None = None) -> None:
    """Run the server in the foreground until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    app = create_app({**config, "QUERY_WATCHDOG": True})  # sync workers: one request per process
    count = workers or max(2, os.cpu_count() or 2)
    options = {
        "bind": f"{host}:{port}",
        "workers": count,
        "worker_class": "sync",
        "preload_app": True,
        "timeout": int(float(app.config["QUERY_TIMEOUT"])) + 30,
        "graceful_timeout": 5,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "limit_request_line": 16384,
        "proc_name": "rally-kg",
    }
    print(
        f"rally-kg: serving {app.config['DATA_DIR']} at http://{host}:{port}/sparql ({count} workers)",
        file=sys.stderr,
        flush=True,
    )
    _Gunicorn(app, options).run()

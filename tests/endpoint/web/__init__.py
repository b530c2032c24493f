"""Linked-data, page and browser tests (a package, so that its conftest never clashes with another directory's)."""

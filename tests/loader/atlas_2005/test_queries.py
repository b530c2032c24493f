"""Every query of these tests parses."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rdflib.plugins.sparql import prepareQuery

from tests.conftest import PREFIXES
from tests.loader.atlas_2005.queries import QUERIES

if TYPE_CHECKING:
    pass


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_of_this_module_parses(name: str) -> None:
    prepareQuery(PREFIXES + QUERIES[name])

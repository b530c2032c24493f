"""Rally knowledge graph loader: rally articles in, an OWL 2 RL-closed RDF dataset out."""

__version__ = "0.1.0"

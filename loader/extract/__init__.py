"""Extraction: an article's blocks into plain records, one module per kind of block, and the prose read with them.

`extract_edition` (extract.edition) reads a whole article; the other modules each read one kind of table, list or
sentence.
"""

"""What the loader writes and the endpoint reads alike: namespaces and prefixes, graph names, the IRI scheme.

- `vocabulary.namespaces`: the namespaces, the ontology's terms (a typed DefinedNamespace), the prefix table.
- `vocabulary.iris`: the named graphs and the IRI of everything the dataset mints, from one base IRI.
- `vocabulary.text`: a name's ASCII form (IRIs) and its comparison key (matching however it is spelt).
"""

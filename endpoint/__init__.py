"""The rally knowledge graph's web service.

- `endpoint.core`: answering queries without a web framework: the served dataset, a query run under a deadline
  (killable), answers serialised, refusals, format negotiation, lookups, metrics.
- `endpoint.protocol`, `endpoint.saved`, `endpoint.web`: one package per family of URLs (the SPARQL protocol and
  service documents; saved queries and their API; pages, linked data and the editor), thin views over the core.
- `endpoint.app`: `create_app(config)`, the Flask app; `endpoint.server`: serving it with gunicorn.
"""

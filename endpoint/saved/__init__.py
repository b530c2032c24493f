"""Saved queries: `queries/*.rq` files read and checked (files, model), their typed parameters resolved and bound
(values, calls), examples that apply to the data, the OpenAPI description, and the views at /queries."""

"""The service without a web framework: everything that answers a query, used by every view and the command line.

`Service.answer(job, deadline)` is the one way a query is answered: checked, run under a deadline that stops
the work, capped, serialised, cached and counted. Nothing here imports Flask.
"""

"""The partner report (``python -m widget report``, docs/observability.md):
a partner's counts from Prometheus, every count under 10 suppressed.

``tables.py`` is the pure part: the tables, their totals, the suppression
rule and the Markdown and CSV. ``prometheus.py`` is the I/O: the queries,
the HTTP calls, and the checks on every answer, which is never trusted.
"""

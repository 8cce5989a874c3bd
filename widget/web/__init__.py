"""The Starlette edge: the app, its route table, middleware, views by page family,
rendering, headers (docs/architecture.md). The partner report made from its
metrics is ``widget/report/``."""

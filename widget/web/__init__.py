"""The Starlette edge: the app, its route table, middleware, views by page family,
rendering, headers (docs/architecture.md)."""

"""The Starlette edge: app, routes, rendering, forms, middleware, static, access log, errors."""

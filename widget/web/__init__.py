"""The Starlette edge: app, routes, rendering, forms, middleware, static, access log, errors,
metrics, and the partner report made from them."""

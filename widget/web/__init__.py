"""The Starlette edge: app, routes, rendering, forms, middleware, static, access log, errors,
metrics (the partner report made from them is ``widget/report/``)."""

"""The app: Starlette's own composition of the route table (widget.web.routes),
the middleware list (widget.web.middleware) and the error handlers
(widget.web.views.errors). ``create_app`` only wires; servers import
``widget.web.asgi:app``."""

from __future__ import annotations

from functools import partial

from starlette.applications import Starlette
from starlette.middleware import Middleware

from widget.resources import resource_dir
from widget.web import access_log, metrics
from widget.web.middleware import (
    Observe,
    Observer,
    Overload,
    SecurityHeaders,
    ServerErrors,
    Unreadable,
)
from widget.web.rendering import Renderer
from widget.web.routes import LABELS, ROUTES
from widget.web.settings import Settings
from widget.web.static import StaticFiles
from widget.web.views import errors
from widget.web.views.oembed import discovery_href

__all__ = ["Settings", "create_app"]  # a server or a test needs both

# Never refused when a worker is at its limit, nor counted: the load
# balancer's probe (refused, it would take a busy instance out and push its
# readers onto the others) and the static files every page needs, the 503
# page too (served from memory). docs/deployment.md.
ALWAYS_ANSWERED = ("/healthz", "/static/")


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_environment()
    static = StaticFiles(resource_dir("static"))
    counts = None
    if settings.metrics:
        counts = metrics.Metrics(settings.partners, settings.locales, LABELS)
    observers: list[Observer] = [access_log.observe] if settings.access_log else []
    observers += [counts.observe] if counts else []
    app = Starlette(
        routes=ROUTES,
        middleware=[
            Middleware(Observe, observers=observers),
            Middleware(SecurityHeaders, hsts=settings.hsts),
            Middleware(Unreadable, handler=errors.http_error),
            Middleware(
                Overload,
                limit=settings.max_in_flight,
                handler=errors.form_error,
                always=ALWAYS_ANSWERED,
            ),
            Middleware(ServerErrors, handler=errors.server_error),
        ],
        exception_handlers=errors.HANDLERS,
    )
    # No route ever redirects: "/step/" is a 404, not a Location built from a Host header.
    app.router.redirect_slashes = False
    app.state.settings = settings
    app.state.static = static
    # Every page links to its oEmbed description (oEmbed discovery).
    oembed_link = partial(discovery_href, settings.public_url)
    app.state.renderer = Renderer(
        settings.locales,
        static.url,
        {"oembed_discovery": oembed_link},
        cache_bytes=settings.page_cache_bytes,
    )
    app.state.metrics = counts
    return app

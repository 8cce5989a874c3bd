"""The route table: each route once, with its path, methods, view, metrics
label and Cross-Origin-Resource-Policy. The metrics (widget.web.metrics), the
security headers (widget.web.middleware) and the ``Allow`` of a 405
(widget.web.views.errors) read it from the route that matched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from starlette.routing import Route

from widget.web import static
from widget.web.headers import CROSS_ORIGIN, SAME_ORIGIN
from widget.web.views import embed, embed_code, fhir, oembed, pages, questionnaire

GET = ("GET", "HEAD")


class Endpoint(Route):
    """A route of ours. ``label``: its metrics label (a fixed name, never the
    path a reader sent); ``policy``: its Cross-Origin-Resource-Policy (only
    what partner pages load from their own origin is cross-origin);
    ``errors``: a handler for its HTTP errors when they are not pages (oEmbed's JSON)."""

    def __init__(
        self,
        path: str,
        view: Callable[..., Any],
        methods: Sequence[str] = GET,
        *,
        label: str | None = None,
        policy: str = SAME_ORIGIN,
        errors: Callable[..., Any] | None = None,
    ) -> None:
        super().__init__(path, view, methods=list(methods))
        self.allow = ", ".join(methods)
        self.label = label or path
        self.policy = policy
        self.errors = errors


# In order of traffic: the router tries them in turn (a run is about ten steps).
ROUTES = [
    Endpoint("/step", questionnaire.step, ["POST"]),
    Endpoint("/", questionnaire.start),
    Endpoint("/healthz", pages.healthz),
    Endpoint("/rules", pages.rules),
    Endpoint("/rules/flow.svg", pages.flow_svg),
    Endpoint("/embed.js", embed.embed_js, policy=CROSS_ORIGIN),
    Endpoint("/theme/{partner_id}.css", embed.theme, label="/theme"),
    Endpoint("/demo", partial(embed.demo, template="demo.html")),
    Endpoint("/demo/iframe", partial(embed.demo, template="demo_iframe.html")),
    # For partners' web editors: the exact code to copy, with a preview.
    Endpoint("/embed-code", embed_code.embed_code),
    Endpoint("/oembed", oembed.oembed, errors=oembed.method_not_allowed),
    # The FHIR Questionnaire is public content for hospital tools.
    Endpoint("/fhir/Questionnaire", fhir.questionnaire, policy=CROSS_ORIGIN),
    Endpoint("/fhir/Questionnaire/{id}", fhir.questionnaire, policy=CROSS_ORIGIN),
    Endpoint("/fhir/QuestionnaireResponse", fhir.response, ["POST"]),
    # Public files, the same for everyone. A sandboxed frame without
    # allow-same-origin (WordPress's oEmbed sandbox) has an opaque origin: it
    # needs them to show static/js/framed.js's fallback.
    Endpoint("/static/{name:path}", static.static_file, label="/static", policy=CROSS_ORIGIN),
]
LABELS = tuple(route.label for route in ROUTES)

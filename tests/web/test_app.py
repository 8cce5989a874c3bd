"""The app is Starlette's own composition (widget/web/app.py): a middleware
added the usual way runs on every route and on every error page."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tests.web.test_routes import METHODS, sample_path
from widget.web.app import Settings, create_app
from widget.web.headers import MAX_HEADERS_BYTES
from widget.web.partners import load_partners

ROOT = Path(__file__).resolve().parents[2]


class Stamp:
    """A pure-ASGI middleware of someone else's: it marks every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-stamp", b"seen")]
            await send(message)

        await self.app(scope, receive, stamped)


async def broken(request):
    raise RuntimeError("a bug")


def test_a_middleware_added_with_add_middleware_runs_on_every_route():
    partners = load_partners(ROOT / "partners.example.toml")
    app = create_app(Settings(default_region="AU", debug=False, partners=partners))
    app.router.routes.append(Route("/broken", broken))
    app.add_middleware(Stamp)
    client = TestClient(app, raise_server_exceptions=False)
    seen = set()
    for route in app.routes:
        for method in METHODS:
            body = "lang=en&nav=start" if method == "POST" else ""
            response = client.request(
                method,
                sample_path(route.path),
                headers={"content-type": "application/x-www-form-urlencoded"},
                content=body,
            )
            assert response.headers.get("x-stamp") == "seen", (method, route.path)
            seen.add(response.status_code)
    for response in (
        client.get("/nowhere"),
        client.get("/", headers={"accept-language": "en," * MAX_HEADERS_BYTES}),
        client.post("/step", content="{}", headers={"content-type": "application/json"}),
    ):
        assert response.headers.get("x-stamp") == "seen", response.status_code
        seen.add(response.status_code)
    assert {200, 404, 405, 415, 431, 500} <= seen

"""Security headers on every response, and no cookies anywhere."""

from __future__ import annotations

import re

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Match, Mount, Route
from starlette.testclient import TestClient

from widget.web.app import Settings, create_app
from widget.web.headers import CONTENT_SECURITY_POLICY, content_security_policy
from widget.web.middleware import SecurityHeaders

FORM = {"content-type": "application/x-www-form-urlencoded"}

# Requests that reach every kind of response: pages, partials, errors, static
# files. Routes with path parameters need a sample here (see the test below).
SAMPLES: list[tuple[str, str, dict[str, str], str]] = [
    ("GET", "/?lang=en&region=AU", {}, ""),
    ("HEAD", "/", {}, ""),
    ("POST", "/step", FORM, "lang=en&region=AU&nav=start"),
    ("POST", "/step", {**FORM, "HX-Request": "true"}, "lang=en&region=AU&nav=start"),
    ("POST", "/step", FORM, "step=danger&nav=continue"),  # 422
    ("POST", "/step", FORM, "colour=red"),  # 400
    ("POST", "/step", {"content-type": "application/json"}, "{}"),  # 415
    ("POST", "/step", FORM, "a=" + "x" * 20_000),  # 413
    ("GET", "/step", {}, ""),  # 405
    ("DELETE", "/", {}, ""),  # 405
    ("GET", "/healthz", {}, ""),
    ("GET", "/static/css/widget.css", {}, ""),
    ("GET", "/static/vendor/htmx.min.js", {}, ""),
    ("GET", "/static/js/widget.js", {}, ""),
    ("GET", "/static/missing.css", {}, ""),  # 404 from the static files
    ("GET", "/nowhere", {}, ""),  # 404
    ("GET", "/theme/nobody.css", {}, ""),  # 404: no such partner
    ("GET", "/?partner=nobody", {}, ""),  # 404: unknown partner
    ("GET", "/fhir/Questionnaire/bleeding-in-pregnancy-check", {}, ""),
    ("GET", "/fhir/Questionnaire/other", {}, ""),  # 404
    ("POST", "/fhir/QuestionnaireResponse", FORM, "lang=en&danger=heavy_bleeding"),  # a file
    ("POST", "/fhir/QuestionnaireResponse", FORM, "lang=en&danger=none"),  # 422: not finished
]


def route_policy(app: Starlette, method: str, path: str) -> str:
    """The Cross-Origin-Resource-Policy the route table gives the route a request matches."""
    scope = {"type": "http", "method": method, "path": path, "root_path": ""}
    for route in app.routes:
        if route.matches(scope)[0] is not Match.NONE:
            return route.policy
    return "same-origin"  # no route: an error page


def expected_headers(app: Starlette, method: str, path: str) -> dict[str, str]:
    return {
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": route_policy(app, method, path),
    }


def same_policy(actual: str | None, expected: str) -> bool:
    """Equal, except that a CSP's frame-ancestors may name partners."""
    if actual is None or not expected.startswith("default-src"):
        return actual == expected

    def without_ancestors(policy: str) -> list[str]:
        return [part for part in policy.split("; ") if not part.startswith("frame-ancestors ")]

    return without_ancestors(actual) == without_ancestors(expected) and (
        "; frame-ancestors " in actual
    )


def every_request(app: Starlette) -> list[tuple[str, str, dict[str, str], str]]:
    """SAMPLES plus a plain request for every route the app has."""
    requests = list(SAMPLES)
    for route in app.routes:
        if isinstance(route, Route) and not route.param_convertors:
            for method in sorted(route.methods or {"GET"}):
                body = "nav=start" if method == "POST" else ""
                requests.append((method, route.path, FORM, body))
    return requests


@pytest.fixture(scope="module")
def strict_client():
    return TestClient(create_app(Settings(default_region="AU", debug=False)))


def test_every_route_has_a_sample_request(app):
    sampled = {path.split("?")[0] for _, path, _, _ in every_request(app)}
    for route in app.routes:
        prefix = route.path + "/" if isinstance(route, Mount) else route.path
        pattern = getattr(route, "path_regex", None)
        assert any(
            path == route.path
            or path.startswith(prefix)
            or (isinstance(route, Route) and pattern is not None and pattern.match(path))
            for path in sampled
        ), f"add a request for {route.path} to SAMPLES"


def test_every_response_carries_the_security_headers(app, strict_client):
    statuses = set()
    for method, path, headers, body in every_request(app):
        response = strict_client.request(method, path, headers=headers, content=body)
        statuses.add(response.status_code)
        for name, value in expected_headers(app, method, path.split("?")[0]).items():
            assert same_policy(response.headers.get(name), value), (method, path, name)
        assert "Permissions-Policy" in response.headers
        assert "set-cookie" not in response.headers, (method, path)
        assert "strict-transport-security" not in response.headers
    assert {200, 400, 404, 405, 413, 415, 422} <= statuses


def test_no_route_sets_a_cookie_or_redirects(app, strict_client):
    for method, path, headers, body in every_request(app):
        response = strict_client.request(
            method, path, headers=headers, content=body, follow_redirects=False
        )
        assert "set-cookie" not in response.headers
        assert "location" not in response.headers
    assert not strict_client.cookies


def test_content_security_policy_is_strict():
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'none'"
    for name in ("script-src", "style-src", "img-src", "form-action", "connect-src"):
        assert directives[name] == "'self'", name
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert "data:" not in CONTENT_SECURITY_POLICY


def test_partner_frame_ancestors_go_into_the_policy():
    policy = content_security_policy(("https://clinic.example", "https://www.clinic.example"))
    assert "frame-ancestors https://clinic.example https://www.clinic.example" in policy
    assert policy.startswith("default-src 'none'")


def test_permissions_policy_denies_everything(strict_client):
    policy = strict_client.get("/").headers["permissions-policy"]
    features = [item.strip() for item in policy.split(",")]
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()"} <= set(features)
    assert all(re.fullmatch(r"[a-z-]+=\(\)", feature) for feature in features)


@pytest.mark.parametrize(
    ("path", "policy"),
    [
        ("/embed.js", "cross-origin"),
        ("/embed.jsx", "same-origin"),
        ("/", "same-origin"),
        ("/step", "same-origin"),
        ("/oembed", "same-origin"),
        ("/theme/demo.css", "same-origin"),
        ("/fhir/Questionnaire", "cross-origin"),
        ("/fhir/Questionnaire/bleeding-in-pregnancy-check", "cross-origin"),
        ("/fhir/QuestionnaireResponse", "same-origin"),
        # A sandboxed frame has an opaque origin: it loads these for the fallback
        # of static/js/framed.js (tests/browser/test_sandboxed_frame.py).
        ("/static/vendor/htmx.min.js", "cross-origin"),
        ("/static/js/framed.js", "cross-origin"),
        ("/staticx", "same-origin"),
    ],
)
def test_only_the_embed_script_and_public_static_files_may_be_loaded_cross_origin(
    strict_client, path, policy
):
    assert strict_client.get(path).headers["cross-origin-resource-policy"] == policy


def test_hsts_only_when_configured():
    plain = TestClient(create_app(Settings(default_region="AU", debug=False)))
    assert "strict-transport-security" not in plain.get("/").headers
    tls = TestClient(create_app(Settings(default_region="AU", debug=False, hsts=True)))
    for path in ("/", "/healthz", "/static/css/widget.css", "/nowhere"):
        assert tls.get(path).headers["strict-transport-security"] == "max-age=31536000"


def test_hsts_setting_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("WIDGET_HSTS", "1")
    assert Settings.from_environment().hsts
    monkeypatch.setenv("WIDGET_HSTS", "0")
    assert not Settings.from_environment().hsts


def test_a_view_may_set_its_own_policy_and_it_wins():
    partner_policy = content_security_policy(("https://clinic.example",))

    async def partner_page(request):
        return PlainTextResponse("hi", headers={"Content-Security-Policy": partner_policy})

    async def cross_origin_file(request):
        return PlainTextResponse("", headers={"Cross-Origin-Resource-Policy": "cross-origin"})

    inner = Starlette(routes=[Route("/p", partner_page), Route("/f", cross_origin_file)])

    client = TestClient(SecurityHeaders(inner, hsts=False))
    response = client.get("/p")
    assert response.headers["content-security-policy"] == partner_policy
    assert response.headers["referrer-policy"] == "no-referrer"
    assert client.get("/f").headers["cross-origin-resource-policy"] == "cross-origin"


def test_htmx_is_configured_for_the_policy(strict_client):
    page = strict_client.get("/").text
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', page)
    assert config, "templates/_page.html must configure htmx"
    assert '"includeIndicatorCSS": false' in config.group(1)
    assert '"history": false' in config.group(1)
    # Nothing inline for the policy to block.
    assert "<style" not in page and " style=" not in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all('src="/static/' in tag for tag in scripts)
    assert not re.search(r"\son[a-z]+=", page)
    assert "hx-on" not in page and "js:" not in page  # htmx would need eval for these

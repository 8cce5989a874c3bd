"""Hostile values and the checks every reply to them must pass."""

from __future__ import annotations

from tests.asgi_driver import Reply

# Markup and URLs an attacker would try in any parameter. None may come
# back unescaped, and none may become a redirect.
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    '" autofocus onfocus="alert(1)',
    "<a href=javascript:alert(1)>x</a>",
    "{{ 7*7 }}<b>",
    "\u003ciframe src=//evil.example\u003e",
]
URLS = [
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "https:evil.example",
    "%2F%2Fevil.example",
]
REDIRECT_PARAMETERS = ["next", "url", "redirect", "return", "return_to", "continue", "goto"]

FORM = (b"content-type", b"application/x-www-form-urlencoded")


def assert_safe_reply(reply: Reply, method: str, sent: list[str]) -> None:
    """What every reply to any request must be: no 5xx, no redirect, no
    cookie, the security headers, and none of the ``sent`` markup reflected raw."""
    assert reply.status < 500, reply.status
    assert not 300 <= reply.status < 400, reply.status
    assert reply.header("location") is None
    assert "set-cookie" not in reply.header_names()
    assert reply.header("x-content-type-options") == "nosniff"
    assert (reply.header("content-security-policy") or "").startswith("default-src 'none'")
    if not (reply.header("content-type") or "").startswith("text/html"):
        return
    text = reply.text
    for value in sent:
        assert value not in text, f"{value!r} reflected"
    assert "evil.example" not in text
    assert "javascript:" not in text
    if method != "HEAD" and 400 <= reply.status < 500:
        # A clear page, with the emergency number, never a bare error.
        assert 'id="emergency-line"' in text, text[:300]
        assert reply.header("content-language")

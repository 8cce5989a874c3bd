"""The oEmbed provider (widget/web/oembed.py) and its discovery links."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from starlette.testclient import TestClient

from tests.reader import post_pairs
from tests.stories import CALM
from widget.web.app import Settings, create_app
from widget.web.partners import PartnerConfigError, parse_partners
from widget.web.settings import public_url_problem

PUBLIC = "https://check.example"
PARTNERS = {
    "partners": {
        "site": {
            "name": "A site",
            "allowed_origins": ["https://news.example"],
            "oembed": True,
            "locales": ["en", "es", "ar"],
            "default_locale": "es",
            "region": "GB",
        },
        "quiet": {"name": "Not for oEmbed", "allowed_origins": ["https://quiet.example"]},
    }
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    settings = Settings(
        default_region=None, debug=False, partners=parse_partners(PARTNERS), public_url=PUBLIC
    )
    return TestClient(create_app(settings), base_url=PUBLIC)


def oembed(client: TestClient, **params: str):
    return client.get("/oembed", params=params)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_a_partner_url_gets_a_rich_embed_in_its_language(client):
    response = oembed(client, url=PUBLIC + "/?partner=site&lang=es", format="json", dnt="1")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert {k: body[k] for k in ("version", "type", "provider_url", "width", "height")} == {
        "version": "1.0",
        "type": "rich",
        "provider_url": PUBLIC + "/",
        "width": 640,
        "height": 900,
    }
    assert body["title"] == "Cuestionario sobre sangrado en el embarazo"
    assert isinstance(body["cache_age"], int) and body["cache_age"] > 0
    found = tags(body["html"])
    assert [tag for tag, _ in found] == ["blockquote", "p", "p", "a", "iframe"]
    iframe = found[-1][1]
    assert iframe["src"] == PUBLIC + "/?partner=site&lang=es"
    assert iframe["title"] == body["title"]
    assert set((iframe["sandbox"] or "").split()) == {
        "allow-downloads",
        "allow-forms",
        "allow-scripts",
        "allow-same-origin",
        "allow-top-navigation-by-user-activation",
    }
    assert found[3][1]["href"] == iframe["src"]
    assert "999" in body["html"]  # the partner's region (GB): its emergency number


def test_the_language_falls_back_to_the_partners_default_and_sizes_obey_the_consumer(client):
    body = oembed(client, url=PUBLIC + "/?partner=site&lang=fr", maxwidth="400", maxheight="5000")
    assert body.status_code == 200
    data = body.json()
    assert (data["width"], data["height"]) == (400, 900)
    assert "lang=es" in data["html"]  # fr is not offered by this partner
    arabic = oembed(client, url=PUBLIC + "/?partner=site&lang=ar").json()
    assert "lang=ar" in arabic["html"] and arabic["title"] != data["title"]


def test_nothing_but_partner_and_language_reaches_the_embed(client):
    url = PUBLIC + "/?partner=site&lang=en&danger=heavy&weeks=12_to_23&region=US"
    html = oembed(client, url=url).json()["html"]
    assert "danger" not in html and "heavy" not in html and "weeks" not in html
    assert '"' + PUBLIC + '/?partner=site&amp;lang=en"' in html


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/?partner=site",
        "http://check.example/?partner=site",  # another scheme is another origin
        PUBLIC + "/step?partner=site",
        PUBLIC + "/rules?partner=site",
        PUBLIC + "/?partner=nobody",
        PUBLIC + "/?partner=quiet",  # a partner not configured for oEmbed
        PUBLIC + "/?lang=en",  # no partner: nobody could frame it
        PUBLIC + "/?partner=site#x",
        "javascript:alert(1)",
    ],
)
def test_urls_that_are_not_an_embeddable_partner_page_are_404(client, url):
    response = oembed(client, url=url)
    assert response.status_code == 404
    assert response.json()["status"] == 404
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"url": PUBLIC + "/?partner=site", "format": "xml"}, 501),
        ({"url": PUBLIC + "/?partner=site", "format": "yaml"}, 400),
        ({"url": PUBLIC + "/?partner=site", "maxwidth": "0"}, 400),
        ({"url": PUBLIC + "/?partner=site", "maxwidth": "-5"}, 400),
        ({"url": PUBLIC + "/?partner=site", "maxheight": "abc"}, 400),
        ({"url": PUBLIC + "/?partner=site", "maxheight": "9" * 50}, 400),
        ({"url": PUBLIC + "/?partner=site&lang=" + "x" * 3000}, 400),
    ],
)
def test_bad_parameters_get_a_json_error_never_a_500(client, params, status):
    response = oembed(client, **params)
    assert response.status_code == status
    assert response.json() == {"error": response.json()["error"], "status": status}


def test_repeated_parameters_and_other_methods_are_refused_as_json(client):
    repeated = client.get("/oembed?url=a&url=b")
    assert repeated.status_code == 400 and repeated.json()["status"] == 400
    posted = client.post("/oembed", data={"url": PUBLIC + "/?partner=site"})
    assert posted.status_code == 405 and posted.headers["allow"] == "GET, HEAD"


def test_without_a_public_url_there_is_no_provider_and_no_discovery():
    settings = Settings(default_region=None, debug=False, partners=parse_partners(PARTNERS))
    bare = TestClient(create_app(settings), base_url=PUBLIC)
    assert oembed(bare, url=PUBLIC + "/?partner=site").status_code == 404
    assert "json+oembed" not in bare.get("/?partner=site").text


def discovery(html: str) -> str:
    links = [a for tag, a in tags(html) if tag == "link" and a.get("rel") == "alternate"]
    assert len(links) == 1
    assert links[0]["type"] == "application/json+oembed"
    return links[0]["href"] or ""


def test_every_widget_page_links_to_its_own_oembed_without_any_answer(client):
    start = client.get("/?partner=site&lang=ar")
    href = discovery(start.text)
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == PUBLIC + "/oembed"
    assert dict(parse_qsl(parts.query)) == {
        "url": PUBLIC + "/?partner=site&lang=ar",
        "format": "json",
    }
    # The link works: it is this page's own embed.
    assert oembed(client, **dict(parse_qsl(parts.query))).status_code == 200
    answers = {question: values[0] for question, values in CALM.items()}
    fields = [("partner", "site"), ("lang", "en"), ("nav", "next"), *answers.items()]
    for page in (
        post_pairs(client, "/step", [("partner", "site"), ("lang", "en"), ("nav", "start")]),
        post_pairs(client, "/step", fields),
        client.get("/rules?partner=site"),
        client.get("/nowhere?partner=site"),
        client.get("/"),
    ):
        href = discovery(page.text)
        inner = dict(parse_qsl(urlsplit(href).query))
        assert set(inner) == {"url", "format"}
        query = dict(parse_qsl(urlsplit(inner["url"]).query))
        assert set(query) <= {"partner", "lang"} and query.get("partner", "site") == "site"
        assert query["lang"] in {"en", "es", "ar"}


def test_the_oembed_partner_flag_must_be_a_boolean():
    with pytest.raises(PartnerConfigError, match="'oembed'"):
        parse_partners(
            {
                "partners": {
                    "x": {"name": "X", "allowed_origins": ["https://x.example"], "oembed": "yes"}
                }
            }
        )


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://check.example", True),
        ("http://127.0.0.1:8000", True),
        ("https://check.example/", False),
        ("https://check.example/widget", False),
        ("ftp://check.example", False),
        ("https://Check.example", False),
        ("check.example", False),
    ],
)
def test_the_public_url_is_an_exact_origin(value, ok):
    assert (public_url_problem(value) is None) is ok

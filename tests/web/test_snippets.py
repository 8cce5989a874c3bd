"""The embed code, one function per placement (widget/web/snippets.py): what
each writes for every option it carries, escaped, and nothing it cannot carry."""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from widget.web.snippets import (
    CONTAINER_ID,
    PLACEMENTS,
    SANDBOX,
    Embed,
    script_tag,
    widget_url,
    wordpress_block,
)

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://check.example"
PLUGIN = ROOT / "integrations" / "wordpress" / "bleeding-check" / "bleeding-check.php"


def english(text: str) -> str:
    return text


class Elements(HTMLParser):
    """Each start tag with its attributes, and the text, of a piece of HTML."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def first(self, tag: str) -> dict[str, str | None]:
        return next(attrs for name, attrs in self.tags if name == tag)


def query_of(url: str | None) -> dict[str, str]:
    assert url is not None
    return dict(parse_qsl(urlsplit(url).query))


OPTIONS = list(
    itertools.product(
        PLACEMENTS,
        [None, "es", "pt-BR"],
        [None, "GB"],
        [False, True],
        [400, 900, 3000],
    )
)


@pytest.mark.parametrize(("placement", "lang", "region", "exit_shortcut", "height"), OPTIONS)
def test_each_placement_writes_every_option_it_carries_and_no_other(
    placement, lang, region, exit_shortcut, height
):
    how = PLACEMENTS[placement]
    embed = Embed(BASE, "your-id", lang, region, exit_shortcut, height)
    code = how.write(embed, english)
    fields = {"partner": "your-id"} | ({"lang": lang} if lang else {})
    carried = fields | ({"region": region} if region and how.region else {})
    if placement == "script":
        page = Elements(code)
        script = page.first("script")
        assert script["src"] == BASE + "/embed.js"
        assert script["data-partner"] == "your-id"
        assert script.get("data-lang") == lang and script.get("data-region") == region
        assert ("data-exit-shortcut" in script) is exit_shortcut
        assert script["data-target"] == "#" + CONTAINER_ID and "async" in script
        assert page.first("div")["id"] == CONTAINER_ID
        assert "data-bleeding-check-fallback" in page.first("p")
        assert query_of(page.first("a")["href"]) == carried
    elif placement == "iframe":
        frame = Elements(code).first("iframe")
        assert query_of(frame["src"]) == carried
        assert frame["sandbox"] == SANDBOX and frame["referrerpolicy"] == "no-referrer"
        assert f"height:{height}px" in (frame["style"] or "")
    elif placement == "shortcode":
        written = dict(re.findall(r' ([a-z_]+)="([^"]*)"', code))
        exit_on = {"exit_shortcut": "on"} if exit_shortcut else {}
        assert code.startswith("[bleeding_check ") and code.endswith("]")
        assert written == carried | exit_on
    elif placement == "block":
        attributes = json.loads(code.removeprefix("<!-- wp:bleeding-check/check ")[:-5])
        assert code.endswith(" /-->")
        exit_on = {"exitShortcut": True} if exit_shortcut else {}
        assert attributes == carried | exit_on
    else:
        assert code.startswith(BASE + "/?") and query_of(code) == fields  # no region, no exit
    if not how.height:
        assert f"{height}px" not in code and f'"{height}"' not in code


def test_what_each_placement_carries_is_declared_once():
    carries = {p.id: (p.region, p.exit_shortcut, p.height, p.oembed) for p in PLACEMENTS.values()}
    assert carries == {
        "script": (True, True, False, False),
        "iframe": (True, False, True, False),
        "shortcode": (True, True, False, False),
        "block": (True, True, False, False),
        "oembed": (False, False, False, True),
    }


def test_texts_and_values_are_escaped_whatever_a_translation_holds():
    def hostile(text: str) -> str:
        return '<b onclick="x">&' + text

    embed = Embed(BASE, 'a"b<c', lang="es")
    for placement in ("script", "iframe"):
        code = PLACEMENTS[placement].write(embed, hostile)
        assert "<b" not in code and 'a"b' not in code and "<c" not in code
        assert "&lt;b onclick=&#34;x&#34;&gt;&amp;" in code
    shortcode = PLACEMENTS["shortcode"].write(embed, english)
    assert 'partner="a&#34;b&lt;c"' in shortcode
    block = wordpress_block(embed, english)
    assert '"partner":"a\\u0022b\\u003cc"' in block


def test_a_block_never_ends_its_comment_early():
    code = wordpress_block(Embed(BASE, "a--b", lang="x-->y"), english)
    assert code.count("--") == 2 and code.count("-->") == 1
    assert json.loads(code[len("<!-- wp:bleeding-check/check ") : -len(" /-->")]) == {
        "partner": "a--b",
        "lang": "x-->y",
    }


def test_the_widget_url_names_only_the_fields_given():
    assert widget_url(BASE, "p") == BASE + "/?partner=p"
    assert widget_url(BASE, "p", "pt-BR", "GB") == BASE + "/?partner=p&lang=pt-BR&region=GB"
    assert widget_url("", None, "en") == "/?lang=en"


def test_the_fallback_keeps_the_link_inside_the_translated_sentence():
    def reordered(text: str) -> str:
        return "%(link)s: si le module ne s'affiche pas." if "%(link)s" in text else text.upper()

    code = script_tag(Embed(BASE, "p"), reordered)
    assert "OPEN IT IN A NEW TAB</a>: si le module" in code


def test_the_plugin_lets_through_every_attribute_the_script_embed_writes():
    """wp_kses drops attributes it is not told about: the plugin's list
    (bleeding_check_allowed_html) must name each one script_tag writes."""
    source = PLUGIN.read_text()
    allowed = source.split("function bleeding_check_allowed_html")[1].split("\n}\n")[0]
    code = script_tag(Embed(BASE, "p", "es", "GB", True), english)
    for tag, attributes in Elements(code).tags:
        block = allowed.split(f"'{tag}'")[1].split("),")[0]
        for name in attributes:
            assert f"'{name}'" in block, (tag, name)

"""The review pack: complete, self-contained, and its export applies to the catalog."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from widget.clinical import content
from widget.i18n import signoff
from widget.i18n.locales import catalog_path, read_catalog, template_path
from widget.i18n.tools import review, review_pack
from widget.i18n.tools.cli import main


@pytest.fixture(scope="module")
def pack() -> str:
    return review_pack.render("zh_Hans", base_url="http://widget.test")


class _Items(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.keys: list[dict[str, str]] = []
        self.external: list[str] = []
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article" and "data-key" in attributes:
            self.keys.append(json.loads(attributes["data-key"] or "{}"))
        if tag in ("script", "img", "iframe") and attributes.get("src"):
            self.external.append(f"{tag} {attributes['src']}")
        if tag == "link":
            self.external.append(f"link {attributes.get('href')}")
        if tag == "form":
            self._form = {"_action": [attributes.get("action") or ""]}
            self.forms.append(self._form)
        if tag == "input" and self._form is not None and attributes.get("type") == "hidden":
            self._form.setdefault(attributes["name"] or "", []).append(attributes["value"] or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _parsed(pack: str) -> _Items:
    parser = _Items()
    parser.feed(pack)
    return parser


def test_the_pack_has_every_message_once_with_its_hash(pack):
    parsed = _parsed(pack)
    template = [m for m in read_catalog(template_path()) if m.id]
    assert len(parsed.keys) == len(template)
    catalog = read_catalog(catalog_path("zh_Hans"), "zh_Hans")
    for key in parsed.keys:
        message = catalog.get(key["msgid"], key["context"])
        assert message is not None, key
        assert key["hash"] == signoff.entry_hash(message)
        assert html.escape(str(message.string), quote=True) in pack


def test_the_pack_needs_no_server_or_network(pack):
    parsed = _parsed(pack)
    assert parsed.external == []
    assert "<style>" in pack and "<script>" in pack
    assert not re.search(r"""(?:src|href)=["']https?://(?!widget\.test)""", pack)
    assert "localStorage" not in pack and "sessionStorage" not in pack and "cookie" not in pack


def test_each_question_is_in_context_with_a_live_link_and_its_termbase(pack):
    show = content.QUESTIONS_BY_ID["show"]
    assert f"Question 12: {html.escape(show.title, quote=True)}" in pack
    forms = _parsed(pack).forms
    to_show = [f for f in forms if f.get("step") == ["show"]]
    assert to_show and to_show[0]["_action"] == ["http://widget.test/step"]
    assert to_show[0]["nav"] == ["stay"] and to_show[0]["lang"] == ["zh_Hans"]
    assert "show" not in to_show[0]  # only the answers before the question
    assert 'href="http://widget.test/rules?lang=zh_Hans#question-show"' in pack
    assert "<b>show_question</b>" in pack and "黏液" in pack
    assert 'lang="zh-Hans"' in pack


def test_each_advice_page_has_a_live_link_that_reaches_it(pack, client):
    forms = [f for f in _parsed(pack).forms if f.get("nav") == ["continue"]]
    titles = set()
    for form in forms:
        fields = {k: v for k, v in form.items() if not k.startswith("_")}
        response = client.post("/step", data=fields)
        assert response.status_code == 200
        titles.add('data-outcome="' in response.text)
    assert titles == {True} and len(forms) >= 4


def test_an_exported_review_applies_to_the_catalog(pack, tmp_path):
    keys = _parsed(pack).keys[:3]
    export = {
        "format": "bleeding-check-review/1",
        "locale": "zh_Hans",
        "reviewer": {"role": "midwife", "date": "2026-12-01", "who": "test only"},
        "entries": [
            {**keys[0], "decision": "approved", "back_translation": "x", "comment": ""},
            {**keys[1], "decision": "change", "back_translation": "", "comment": "say mucus"},
        ],
    }
    path = tmp_path / "messages.po"
    shutil.copy(catalog_path("zh_Hans"), path)
    result = review.apply_review(path, export, "zh_Hans")
    assert result.signed == [keys[0]["msgid"]]
    assert result.changes_requested == [(keys[1]["msgid"], "say mucus")]
    assert signoff.signed_off_keys(read_catalog(path, "zh_Hans")) == {(keys[0]["msgid"], None)}


def test_the_command_writes_the_file(tmp_path, capsys):
    output = tmp_path / "pack.html"
    assert main(["review-pack", "vi", "--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert main(["review-pack", "xx"]) == 2


def test_every_file_with_messages_has_its_place_in_the_pack(tmp_path):
    """A message's file says where the reader sees it (the pack's sections):
    a file moved or added without a place would send its messages to "Other"
    unnoticed. content.py's messages are placed one by one."""
    from babel.messages.pofile import read_po

    from widget.i18n.tools.catalogs import extract

    pot = tmp_path / "messages.pot"
    extract(pot, locations=True)
    with pot.open("rb") as file:
        template = read_po(file)
    files = {review_pack._relative(path) for m in template for path, _ in m.locations}
    unplaced = files - set(review_pack._FILES) - {"widget/clinical/content.py"}
    assert unplaced == set()
    stale = set(review_pack._FILES) - files  # a place for a file with no messages
    assert stale == set()

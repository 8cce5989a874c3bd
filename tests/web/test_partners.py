"""Partner configuration: strict validation, theme CSS, refusing to start."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from widget.web.app import Settings
from widget.web.partners import (
    DEFAULT_EXIT_URL,
    EVENT_FIELDS,
    PartnerConfigError,
    contrast,
    load_partners,
    parse_partners,
    theme_css,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "partners.example.toml"


def example_data() -> dict:
    with EXAMPLE.open("rb") as handle:
        return tomllib.load(handle)


def with_change(path: str, value: object) -> dict:
    """The example file with one value of the demo partner replaced (None deletes it)."""
    data = copy.deepcopy(example_data())
    *parents, last = path.split(".")
    table = data["partners"]["demo"]
    for key in parents:
        table = table.setdefault(key, {})
    if value is None:
        table.pop(last, None)
    else:
        table[last] = value
    return data


def test_the_example_file_loads_the_demo_partner():
    partners = load_partners(EXAMPLE)
    demo = partners["demo"]
    assert demo.name == "Demo Family Health"
    assert "http://127.0.0.1:8000" in demo.allowed_origins
    assert "http://localhost:8000" in demo.allowed_origins
    assert demo.default_locale == "en"
    assert demo.locales == ("en", "es", "fr", "ar", "zh_Hans", "vi", "hi", "pt_BR")
    assert demo.region == "AU"
    assert demo.theme.accent == "#00695c" and demo.theme.radius == "8px"
    assert demo.contact is not None and demo.contact.dial == "1800000000"
    assert demo.exit_url.startswith("https://")


def test_optional_fields_have_safe_defaults():
    data = {
        "partners": {"clinic": {"name": "Clinic", "allowed_origins": ["https://clinic.example"]}}
    }
    clinic = parse_partners(data)["clinic"]
    assert clinic.exit_url == DEFAULT_EXIT_URL
    assert clinic.region is None and clinic.contact is None
    assert clinic.default_locale == "en"
    # Nothing derived from the answers goes to the partner page unless asked for.
    assert not any(getattr(clinic, name) for name in EVENT_FIELDS)
    assert not clinic.oembed and not clinic.demo
    assert theme_css(clinic) == "/* Theme for partner clinic */\n"


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("name", None, "name"),
        ("name", "<script>", "name"),
        ("colour", "red", "colour"),
        ("allowed_origins", [], "allowed_origins"),
        ("allowed_origins", ["https://example.org/"], "allowed_origins"),
        ("allowed_origins", ["https://example.org/path"], "allowed_origins"),
        ("allowed_origins", ["https://*.example.org"], "allowed_origins"),
        ("allowed_origins", ["https://Example.org"], "allowed_origins"),
        ("allowed_origins", ["https://user@example.org"], "allowed_origins"),
        ("allowed_origins", ["http://example.org"], "allowed_origins"),
        ("allowed_origins", ["*"], "allowed_origins"),
        ("allowed_origins", ["https://example.org:99999"], "allowed_origins"),
        ("demo", "yes", "demo"),
        ("event_question_ids", "yes", "event_question_ids"),
        ("event_step_numbers", 1, "event_step_numbers"),
        ("event_levels", "true", "event_levels"),
        ("locales", ["xx"], "locales"),
        ("locales", [], "locales"),
        ("default_locale", "de", "default_locale"),
        ("region", "ZZ", "region"),
        ("exit_url", "http://example.org", "exit_url"),
        ("exit_url", "javascript:alert(1)", "exit_url"),
        ("theme.accent", "red", "theme.accent"),
        ("theme.accent", "#00695c; } body { display: none", "theme.accent"),
        ("theme.accent", "#ffff00", "theme.accent"),  # 1.07:1 on white
        ("theme.text", "#999999", "theme.text"),  # 2.85:1 on white
        ("theme.radius", "100px", "theme.radius"),
        ("theme.radius", "8px; }", "theme.radius"),
        ("theme.radius", "calc(1px)", "theme.radius"),
        ("theme.font", "Arial; } body { display: none", "theme.font"),
        ("theme.font", "url(https://evil.example/x)", "theme.font"),
        ("theme.font", 'Arial"', "theme.font"),
        ("theme.font", "Arial\\2c serif", "theme.font"),
        ("theme.shadow", "none", "theme.shadow"),
        ("contact.phone", "call us", "contact.phone"),
        ("contact.name", None, "contact.name"),
    ],
)
def test_bad_configuration_names_the_partner_and_the_field(path, value, field):
    with pytest.raises(PartnerConfigError) as error:
        parse_partners(with_change(path, value))
    message = str(error.value)
    assert "partner 'demo'" in message
    assert f"field {field!r}" in message


def test_http_is_allowed_only_for_a_demo_partner_on_loopback():
    assert parse_partners(with_change("allowed_origins", ["http://127.0.0.2:9000"]))
    with pytest.raises(PartnerConfigError, match="demo = true"):
        parse_partners(with_change("demo", False))
    with pytest.raises(PartnerConfigError, match=r"localhost or 127\.0\.0\.1"):
        parse_partners(with_change("allowed_origins", ["http://192.168.1.10"]))


@pytest.mark.parametrize("bad", ["Bad ID", "demo\n", "-demo", "x" * 41, 'a"b', ""])
def test_a_bad_partner_id_is_refused(bad):
    data = {"partners": {bad: {"name": "x", "allowed_origins": ["https://a.example"]}}}
    with pytest.raises(PartnerConfigError, match=f"partner {re.escape(repr(bad))}, field 'id'"):
        parse_partners(data)


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#fff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_theme_css_sets_only_validated_custom_properties():
    css = theme_css(load_partners(EXAMPLE)["demo"])
    assert "--radius: 8px;" in css
    assert '--font: "Source Sans 3", "Segoe UI", Arial, sans-serif;' in css
    # Colours only for the light scheme: the dark palette was not checked against them.
    light = css.split("@media not (prefers-color-scheme: dark)")[1]
    assert "--accent: #00695c;" in light and "--text: #1b1b1b;" in light
    assert "<" not in css and "url(" not in css


def test_settings_refuse_a_bad_partner_file(tmp_path, monkeypatch):
    bad = tmp_path / "partners.toml"
    bad.write_text(
        '[partners.clinic]\nname = "Clinic"\nallowed_origins = ["http://clinic.example"]\n'
    )
    monkeypatch.setenv("WIDGET_PARTNERS", str(bad))
    with pytest.raises(SystemExit, match="partner 'clinic', field 'allowed_origins'"):
        Settings.from_environment()
    monkeypatch.setenv("WIDGET_PARTNERS", str(tmp_path / "missing.toml"))
    with pytest.raises(SystemExit, match="cannot read the partner file"):
        Settings.from_environment()


def test_the_server_refuses_to_start_with_a_bad_partner_file(tmp_path):
    bad = tmp_path / "partners.toml"
    bad.write_text(EXAMPLE.read_text().replace('accent = "#00695c"', 'accent = "#ffff00"'))
    result = subprocess.run(
        [sys.executable, "-m", "widget", "serve", "--port", "1"],
        env={**os.environ, "WIDGET_PARTNERS": str(bad)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "partner 'demo', field 'theme.accent'" in result.stderr
    assert "Serving on" not in result.stdout


def test_the_language_switcher_offers_only_the_partner_languages(monkeypatch):
    import dataclasses
    import re

    from starlette.testclient import TestClient

    from widget.i18n import locales as i18n
    from widget.web.app import create_app
    from widget.web.partners import load_partners

    monkeypatch.setattr(i18n, "SHIPPED", ("en", "fr", "es"))
    example = Path(__file__).resolve().parents[2] / "partners.example.toml"
    demo = load_partners(str(example))["demo"]
    partners = {"demo": dataclasses.replace(demo, locales=("en", "fr"))}
    app = create_app(Settings(default_region="AU", debug=False, partners=partners))
    page = TestClient(app).get("/?partner=demo&lang=en").text
    assert set(re.findall(r'hreflang="([^"]+)"', page)) == {"fr"}

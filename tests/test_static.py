"""Vendored files are what static/VENDORED.md says they are."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_vendored_htmx_matches_the_recorded_checksum():
    table = (ROOT / "static" / "VENDORED.md").read_text()
    recorded = re.search(r"`vendor/htmx\.min\.js`.*?\| `([0-9a-f]{64})`", table)
    assert recorded, "VENDORED.md must record the htmx checksum"
    actual = hashlib.sha256((ROOT / "static/vendor/htmx.min.js").read_bytes()).hexdigest()
    assert actual == recorded.group(1)


def test_vendored_htmx_is_version_4():
    source = (ROOT / "static/vendor/htmx.min.js").read_text()
    assert '"4.0.1"' in source or "4.0.1" in source

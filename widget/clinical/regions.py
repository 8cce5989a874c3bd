"""Emergency, advice and support numbers by region (TRIAGE.md, "Region data").

One place, reviewed, with the date the numbers were last checked. ``dial`` is
what goes into a ``tel:`` link; ``display`` is what the reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from widget.clinical.content import N_

NUMBERS_CHECKED = "2026-11-20"


@dataclass(frozen=True)
class Phone:
    display: str
    dial: str
    # A translatable name for the service, e.g. "Healthline". Empty for the
    # emergency number itself.
    name: str = ""


@dataclass(frozen=True)
class Region:
    code: str  # CLDR territory code; its name comes from Babel in each language
    emergency: Phone
    # Extra words about the emergency number, e.g. "112 also works from mobiles".
    emergency_extra: str = ""
    advice: tuple[Phone, ...] = ()
    support: Phone | None = None


def _e(number: str) -> Phone:
    return Phone(number, number.replace(" ", ""))


REGIONS: tuple[Region, ...] = (
    Region(
        "AU",
        _e("000"),
        N_("112 also works from mobiles. TTY: 106."),
        advice=(
            Phone("1800 882 436", "1800882436", N_("Pregnancy, Birth and Baby")),
            Phone("1800 022 222", "1800022222", N_("healthdirect")),
        ),
        support=Phone("1800 737 732", "1800737732", N_("1800RESPECT")),
    ),
    Region(
        "NZ",
        _e("111"),
        advice=(Phone("0800 611 116", "0800611116", N_("Healthline")),),
        support=Phone("0800 456 450", "0800456450", N_("Are You OK")),
    ),
    Region(
        "GB",
        _e("999"),
        N_("112 also works."),
        advice=(Phone("111", "111", N_("NHS 111")),),
        support=Phone("0808 2000 247", "08082000247", N_("National Domestic Abuse Helpline")),
    ),
    Region("IE", _e("112"), N_("999 also works.")),
    Region(
        "US",
        _e("911"),
        support=Phone("1-800-799-7233", "18007997233", N_("National Domestic Violence Hotline")),
    ),
    Region("CA", _e("911"), advice=(Phone("811", "811", N_("Health advice line")),)),
    Region(
        "FR",
        Phone("15", "15", N_("SAMU")),
        N_("112 also works. Deaf or hard of hearing: text 114."),
        advice=(Phone("116 117", "116117", N_("On-call doctor")),),
    ),
    Region("DE", _e("112"), advice=(Phone("116 117", "116117", N_("On-call doctor")),)),
    Region("ES", _e("112")),
    Region("IN", _e("112"), N_("Ambulance: 108.")),
    Region("PH", _e("911")),
    Region("ZA", _e("10177"), N_("112 also works from mobiles.")),
    Region("MX", _e("911")),
    Region("BR", Phone("192", "192", N_("SAMU"))),
    Region("CN", _e("120")),
    Region("VN", _e("115")),
    Region("SA", _e("997")),
    Region("AE", _e("998")),
    Region("EU", _e("112")),
)

REGIONS_BY_CODE: dict[str, Region] = {region.code: region for region in REGIONS}

# Shown when no region is known: "your local emergency number", with the common ones.
COMMON_EMERGENCY_NUMBERS: tuple[str, ...] = ("112", "911", "999", "000")

"""Emergency, police, family-violence and advice numbers by region, and who
readers there contact for "urgent" and "today" (TRIAGE.md, "Region data").

One place, reviewed. Every number carries its ``Source``: where it was checked
(a URL or a publication) and when. A number we could not check against a
stored public page says so (``verified=False``) and names where it comes from;
we never guess a number: a line we could not find is left out. ``dial`` is
what goes into a ``tel:`` link; ``display`` is what the reader sees.

Which regions are listed (docs/regions.md): every country where a shipped
language is an official language (CLDR territory data) and which has many
readers of it, plus the large communities issue 20 names (Chinese in
Malaysia). ``languages`` lists the shipped languages read there; the start page
offers those countries first to a reader of that language. The region itself
never comes from the language.
"""

from __future__ import annotations

from dataclasses import dataclass

from widget.clinical.content import (
    CARE_MODELS_BY_ID,
    DEFAULT_CARE_MODEL,
    HOSPITAL_OBGYN,
    MATERNITY_UNIT,
    N_,
    CareModel,
    Level,
)

# A region names its care model (TRIAGE.md "Region data": who to contact for
# "urgent" and "soon" where services differ from the UK model): one of
# content.CARE_MODELS, whose words say what the reader is told.


@dataclass(frozen=True)
class Source:
    """Where a number (or a care model) was checked, and when (ISO date)."""

    name: str  # a URL or a publication; several joined with " ; "
    checked: str
    # False: not checked against a stored public page; ``name`` says what it comes from.
    verified: bool = True


# A region whose care model was not reviewed keeps the UK model.
DEFAULT_MODEL = Source(
    "Default (UK model); this country's care model has not been reviewed", "2026-12-03", False
)


@dataclass(frozen=True)
class Phone:
    display: str
    dial: str
    source: Source
    # A translatable name for the service, saying what it is. Empty for the
    # emergency and police numbers.
    name: str = ""


@dataclass(frozen=True)
class AdviceLine:
    """A health advice line, shown only on the outcomes whose level it fits."""

    phone: Phone
    levels: frozenset[Level]
    why: str  # for reviewers (English): why these levels and not the others


@dataclass(frozen=True)
class Region:
    code: str  # CLDR territory code; its name comes from Babel in each language
    emergency: Phone  # the ambulance (or the one number for all emergencies)
    # Danger from a person: the police, or the one number that serves all.
    # None: no police number could be checked; the reader is told "call the police".
    police: Phone | None
    # Extra words about the emergency number, e.g. "112 also works from mobiles"
    # (translatable; checked against the emergency number's source).
    emergency_extra: str = ""
    advice: tuple[AdviceLine, ...] = ()
    family_violence: Phone | None = None
    services: str = MATERNITY_UNIT
    services_source: Source = DEFAULT_MODEL
    # Shipped languages read by many people there (base language codes, as in CLDR).
    languages: tuple[str, ...] = ()

    @property
    def care_model(self) -> CareModel:
        return CARE_MODELS_BY_ID[self.services]

    def advice_for(self, level: Level) -> tuple[AdviceLine, ...]:
        """The advice lines that fit an outcome of this level."""
        return tuple(line for line in self.advice if level in line.levels)

    def phones(self) -> tuple[Phone, ...]:
        """Every number this region shows, for checks and the reviewer page."""
        found = [self.emergency, *(line.phone for line in self.advice)]
        found += [phone for phone in (self.police, self.family_violence) if phone]
        return tuple(found)

    def sources(self) -> tuple[Source, ...]:
        return (*(phone.source for phone in self.phones()), self.services_source)


def _p(display: str, source: Source, name: str = "") -> Phone:
    dial = "".join(char for char in display if char.isdigit() or char == "*")
    return Phone(display, dial, source, name)


def _s(name: str, checked: str = "2026-12-03") -> Source:
    return Source(name, checked)


def _weak(name: str, checked: str = "2026-12-03") -> Source:
    """A number found only on a weak source (one city, old, conflicting or not
    official): shown as "Not checked", with what it comes from."""
    return Source(f"Weak source, not confirmed: {name}", checked, verified=False)


# Numbers kept from the clinical contract's table (checked 2026-11-20 by the
# clinical team); this review found no stored public page for them.
CONTRACT = Source(
    "TRIAGE.md, Region data (clinical contract); not checked against a stored public page",
    "2026-11-20",
    verified=False,
)
ISSUE_20 = Source(
    "Issue 20: reader review with native readers; they go in person to a hospital's "
    "obstetrics and gynaecology emergency department",
    "2026-12-03",
    verified=False,
)
NOT_FOUND = "not found in a stored public page"

URGENT_AND_TODAY = frozenset({Level.URGENT, Level.SOON})
TODAY = frozenset({Level.SOON})
TRIAGE_24H = (
    "A 24-hour nurse triage line: it can send her to care now or today. Not on the "
    "emergency outcome (call the emergency number) nor on the routine one (no call is needed)."
)
OUT_OF_HOURS_GP = (
    "The out-of-hours GP service: it can get her seen today. Never on urgent outcomes "
    "(she needs the maternity unit or the emergency department now) nor on the routine one "
    "(no call is needed)."
)

# Family-violence line names (translatable; they say what the service is).
# Translators: Name of a family-violence phone line in "You can call %(name)s: %(number)s."
FV_WOMEN = N_("the helpline for women facing violence")
# Translators: Name of a family-violence phone line in "You can call %(name)s: %(number)s."
FV_FAMILY = N_("the family violence helpline")
# Translators: Name of a family-violence phone line in "You can call %(name)s: %(number)s."
FV_DOMESTIC = N_("the domestic abuse helpline")
# Translators: Name of a family-violence phone line in "You can call %(name)s: %(number)s."
FV_GENDER = N_("the gender-based violence helpline")

REGIONS: tuple[Region, ...] = (
    # --- English-speaking countries of the original table ---------------------
    Region(
        "AU",
        _p("000", CONTRACT),
        police=_p("000", CONTRACT),
        emergency_extra=N_("112 also works from mobiles. TTY: 106."),
        advice=(
            AdviceLine(
                _p("1800 882 436", CONTRACT, N_("Pregnancy, Birth and Baby")),
                TODAY,
                "A pregnancy nurse line, not checked to answer at all hours: it can help her "
                "get seen today. Not for urgent outcomes (call the maternity unit now) nor "
                "routine ones (no call is needed).",
            ),
            AdviceLine(
                _p("1800 022 222", CONTRACT, N_("healthdirect")), URGENT_AND_TODAY, TRIAGE_24H
            ),
        ),
        # Translators: Name of a family-violence phone line in "You can call %(name)s: %(number)s."
        family_violence=_p("1800 737 732", CONTRACT, N_("the national family violence helpline")),
        languages=("en",),
    ),
    Region(
        "NZ",
        _p("111", CONTRACT),
        police=_p("111", CONTRACT),
        advice=(
            AdviceLine(
                _p("0800 611 116", CONTRACT, N_("Healthline")), URGENT_AND_TODAY, TRIAGE_24H
            ),
        ),
        family_violence=_p("0800 456 450", CONTRACT, FV_FAMILY),
        languages=("en",),
    ),
    Region(
        "GB",
        _p("999", CONTRACT),
        police=_p("999", CONTRACT),
        emergency_extra=N_("112 also works."),
        advice=(
            AdviceLine(
                _p("111", CONTRACT, N_("NHS 111")),
                URGENT_AND_TODAY,
                "The NHS 24-hour urgent help line: it can send her to care now or today if she "
                "cannot reach her maternity unit. Not on the emergency outcome (call 999) nor "
                "on the routine one (no call is needed).",
            ),
        ),
        family_violence=_p(
            "0808 2000 247",
            CONTRACT,
            # Translators: Name of a family-violence phone line (UK) in "You can call %(name)s: %(number)s."
            N_("the National Domestic Abuse Helpline"),
        ),
        languages=("en",),
    ),
    Region(
        "IE",
        _p("112", CONTRACT),
        police=_p("112", CONTRACT),
        emergency_extra=N_("999 also works."),
        family_violence=_p(
            "1800 341 900",
            _s(
                "https://www.womensaid.ie/about/newsevents/news/2016/09/05/"
                "media-release-41-calls-a-day-to-womens-aid-in-2016/ (Women's Aid, 24 hours)"
            ),
            FV_DOMESTIC,
        ),
        languages=("en",),
    ),
    Region(
        "US",
        _p("911", CONTRACT),
        police=_p("911", CONTRACT),
        family_violence=_p(
            "1-800-799-7233",
            CONTRACT,
            # Translators: Name of a family-violence phone line (USA) in "You can call %(name)s: %(number)s."
            N_("the National Domestic Violence Hotline"),
        ),
        languages=("en", "es"),
    ),
    Region(
        "CA",
        _p("911", CONTRACT),
        police=_p("911", CONTRACT),
        advice=(
            AdviceLine(
                _p("811", CONTRACT, N_("Health advice line")),
                URGENT_AND_TODAY,
                "811, the nurse line of most provinces (24 hours): it can send her to care now "
                "or today. Not on the emergency outcome nor on the routine one.",
            ),
        ),
        languages=("en", "fr"),
    ),
    # --- Europe ----------------------------------------------------------------
    Region(
        "FR",
        _p("15", CONTRACT, N_("SAMU")),
        police=_p(
            "17",
            Source(
                'Issue 20 and TRIAGE.md ("the police: 17 in France"); not checked '
                "against a stored public page",
                "2026-12-03",
                False,
            ),
        ),
        emergency_extra=N_("112 also works. Deaf or hard of hearing: text 114."),
        advice=(AdviceLine(_p("116 117", CONTRACT, N_("On-call doctor")), TODAY, OUT_OF_HOURS_GP),),
        family_violence=_p(
            "3919",
            _s(
                "https://solidaritefemmes.org/appeler-le-3919/ (Violences Femmes Info, 24 hours, free)"
            ),
            FV_WOMEN,
        ),
        languages=("fr",),
    ),
    Region(
        "DE",
        _p("112", _s("https://www.feuerwehr-klinga.de/infothek/notruf/")),
        police=_p(
            "110", _s("https://www.feuerwehr-klinga.de/infothek/notruf/ (Notruf Polizei 110)")
        ),
        advice=(AdviceLine(_p("116 117", CONTRACT, N_("On-call doctor")), TODAY, OUT_OF_HOURS_GP),),
        family_violence=_p(
            "116 016",
            _s(
                "https://www.hilfetelefon.de/das-hilfetelefon/angebot-im-ueberblick.html (24 hours)"
            ),
            FV_WOMEN,
        ),
    ),
    Region(
        "ES",
        _p("112", CONTRACT),
        police=_p(
            "112",
            _s(
                "https://www.elperiodicoextremadura.com/noticias/extremadura/extremadura-realizan-tres-llamadas-dia-telefono-016_1194873.html (in danger: 112)"
            ),
        ),
        family_violence=_p(
            "016",
            _s(
                "https://elmirondesoria.es/nacional/politica/el-servicio-016-recibe-59-317-consultas-de-enero-a-junio (24 hours, free, no trace on the bill)"
            ),
            FV_WOMEN,
        ),
        languages=("es",),
    ),
    Region(
        "PT",
        _p(
            "112",
            _s("https://dnbrasil.dn.pt/situacao-de-emergencia-em-portugal-saiba-para-onde-ligar"),
        ),
        police=_p(
            "112",
            _s("https://dnbrasil.dn.pt/situacao-de-emergencia-em-portugal-saiba-para-onde-ligar"),
        ),
        family_violence=_p(
            "800 202 148",
            _s(
                "https://www.cig.gov.pt/servicos/servico-de-informacao-as-vitimas-de-violencia-domestica/ (24 hours, free)"
            ),
            FV_DOMESTIC,
        ),
        languages=("pt",),
    ),
    Region(
        "BE",
        _p(
            "112",
            _s(
                "https://www.rtbf.be/info/dossier/bon-a-savoir/detail_100-101-112-quel-numero-appeler-en-cas-d-urgence?id=9196536"
            ),
        ),
        police=_p("101", _s("https://www.police.be/5998/fr/contact/numeros-durgence")),
        languages=("fr",),
    ),
    Region(
        "CH",
        _p(
            "144",
            _s(
                "https://blog.alertswiss.ch/fr/rubrique/nouvelles-de-lofpp/journee-europeenne-du-numero-durgence-112"
            ),
        ),
        police=_p(
            "117",
            _s(
                "https://blog.alertswiss.ch/fr/rubrique/nouvelles-de-lofpp/journee-europeenne-du-numero-durgence-112"
            ),
        ),
        emergency_extra=N_("112 also works."),
        languages=("fr",),
    ),
    Region(
        "LU",
        _p("112", _s("https://infos.rtl.lu/actu/luxembourg/a/2168149.html (CGDIS, 24 hours)")),
        police=_p(
            "113",
            _s(
                "https://lequotidien.lu/police-justice/luxembourg-le-113-recoit-en-moyenne-441-appels-par-jour"
            ),
        ),
        languages=("fr",),
    ),
    Region("EU", _p("112", CONTRACT), police=_p("112", CONTRACT)),
    # --- Asia ------------------------------------------------------------------
    Region(
        "IN",
        _p(
            "112",
            _s("https://visitnilgiris.org/en/rights/women-child-safety (police, fire, ambulance)"),
        ),
        police=_p("112", _s("https://visitnilgiris.org/en/rights/women-child-safety")),
        emergency_extra=N_("Ambulance: 108."),
        family_violence=_p(
            "181",
            _s(
                "https://righttoinformation.wiki/_export/xhtml/rights/women-helpline-181 (Women Helpline, free, 24 hours)"
            ),
            FV_WOMEN,
        ),
        services=HOSPITAL_OBGYN,
        services_source=ISSUE_20,
        languages=("en", "hi"),
    ),
    Region("PH", _p("911", CONTRACT), police=_p("911", CONTRACT), languages=("en",)),
    Region(
        "CN",
        _p("120", CONTRACT),
        police=_p("110", _s("https://yyxfpb.com/y/41642.html (110, national, free)")),
        services=HOSPITAL_OBGYN,
        services_source=ISSUE_20,
        languages=("zh",),
    ),
    Region(
        "VN",
        _p("115", CONTRACT),
        police=_p("113", Source(f"Police 113: {NOT_FOUND}", "2026-12-03", False)),
        services=HOSPITAL_OBGYN,
        services_source=ISSUE_20,
        languages=("vi",),
    ),
    Region(
        "SG",
        _p(
            "995",
            _s(
                "https://www.scdf.gov.sg/home/about-us/information/scdf-emergency-medical-service-and-1777"
            ),
        ),
        police=_p(
            "999",
            _s(
                "https://expat.com/en/guide/asia/singapore/34166-accidents-and-emergency-in-singapore.html"
            ),
        ),
        family_violence=_p(
            "1800 777 0000",
            _s(
                "https://cnalifestyle.channelnewsasia.com/singapore/msf-launches-24-hour-domestic-violence-helpline-victims-public-seek-help-308966 (24 hours)"
            ),
            # Translators: Name of a family-violence phone line (Singapore) in "You can call %(name)s: %(number)s."
            N_("the National Anti-Violence Helpline"),
        ),
        languages=("en", "zh"),
    ),
    Region(
        "MY",
        _p(
            "999",
            _s(
                "https://nst.com.my/amp/opinion/letters/2024/08/1091175/provide-cellphone-hotline-report-environmental-nuisances (MERS 999) ; https://tanyasahaja.com/safety.html (112 from mobiles)"
            ),
        ),
        police=_p(
            "999",
            _s(
                "https://nst.com.my/amp/opinion/letters/2024/08/1091175/provide-cellphone-hotline-report-environmental-nuisances"
            ),
        ),
        emergency_extra=N_("112 also works from mobiles."),
        family_violence=_p(
            "15999",
            _s(
                "https://news.amierul.com/2025/11/10/how-talian-kasih-turns-distress-calls-into-action (Talian Kasih, 24 hours)"
            ),
            FV_FAMILY,
        ),
        languages=("en", "zh"),
    ),
    Region(
        "TW",
        _p("119", _s("https://wiwikim.kfd.me/wiki/緊急救難電話號碼 (Chinese Wikipedia mirror)")),
        police=_p(
            "110",
            _s(
                "https://tw.news.yahoo.com/ (2026-02-12, Ministry of Health and Welfare: danger to life, call 110)"
            ),
        ),
        family_violence=_p(
            "113",
            _s(
                "https://tw.news.yahoo.com/ (2026-02-12, Ministry of Health and Welfare: 113 protection line, 24 hours, free)"
            ),
            FV_FAMILY,
        ),
        languages=("zh",),
    ),
    Region(
        "HK",
        _p("999", _s("https://csrp.hku.hk/getting-help/")),
        police=_p("999", _s("https://csrp.hku.hk/getting-help/")),
        family_violence=_p(
            "2343 2255",
            _s(
                "https://www.info.gov.hk/gia/general/202306/05/P2023060500553.htm (Social Welfare Department, 24 hours)"
            ),
            # Translators: Name of the Hong Kong government welfare hotline in "You can call %(name)s: %(number)s."
            N_("the Social Welfare Department hotline"),
        ),
        languages=("en", "zh"),
    ),
    Region(
        "PK",
        _p(
            "1122",
            _s(
                "https://www.thenews.com.pk/print/655493-rescuers-conduct-2-645-operations-in-april (Rescue 1122)"
            ),
        ),
        police=_p("15", _s("https://subtak.pk/2023/11/10/17303 (police helpline 15, Punjab)")),
        languages=("en",),
    ),
    # --- Arabic-speaking countries ----------------------------------------------
    Region(
        "SA",
        _p("997", _s("https://www.arabnews.pk/node/2478846 (Saudi Red Crescent)")),
        police=_p(
            "999",
            _s(
                "https://expat.com/en/guide/middle-east/saudi-arabia/34695-emergencies-in-saudi-arabia.html"
            ),
        ),
        languages=("ar",),
    ),
    Region(
        "AE",
        _p(
            "998",
            _s(
                "https://citiesinsider.com/country/united-arab-emirates/sharjah/emergency-communication/en"
            ),
        ),
        police=_p("999", _s("https://www.khaleejtimes.com/ (2024-06-21, Dubai Police 999)")),
        languages=("ar",),
    ),
    Region(
        "EG",
        _p(
            "123",
            _s("https://docslib.org/doc/5076172/overall-risk-level (Riskline 2021: medical 123)"),
        ),
        police=_p("122", _s("https://docslib.org/doc/6618224/2021-osac-csr-egypt-pdf (OSAC 2021)")),
        languages=("ar",),
    ),
    Region(
        "JO",
        _p(
            "911",
            _s(
                "https://www.jordannews.jo/Section-109/News/PSD-received-6-million-emergency-calls-in-2023-33986"
            ),
        ),
        police=_p(
            "911",
            _s(
                "https://www.jordannews.jo/Section-109/News/PSD-received-6-million-emergency-calls-in-2023-33986"
            ),
        ),
        languages=("ar",),
    ),
    Region(
        "LB",
        _p(
            "140",
            _s(
                "https://www.the961.com/the-lebanese-red-cross-issued-these-safety-guidelines-for-new-years-eve/ (Lebanese Red Cross)"
            ),
        ),
        police=None,  # NOT_FOUND
        languages=("ar", "fr"),
    ),
    Region(
        "IQ",
        _p(
            "911",
            _s(
                "https://video-agencyia.iq/Detail/10523 (Ministry of Interior, unified line, January 2025)"
            ),
        ),
        police=_p("911", _s("https://video-agencyia.iq/Detail/10523")),
        languages=("ar",),
    ),
    Region(
        "MA",
        _p("15", _s("https://trekmedics.org/database/morocco-2/ (civil protection)")),
        police=_p(
            "19",
            _s(
                "https://www.challenge.ma/maroc-ces-numeros-quil-faut-avoir-en-cas-durgence-243599/"
            ),
        ),
        languages=("ar", "fr"),
    ),
    Region(
        "KW",
        _p(
            "112",
            _s("https://news.kuwaittimes.net/website/moh-ready-for-dust-related-emergency-cases/"),
        ),
        police=_p(
            "112",
            _s("https://alaan.cc/article/318312/ (Ministry of Interior: 112 for security help)"),
        ),
        languages=("ar",),
    ),
    Region(
        "QA",
        _p("999", _s("https://wgoqatar.com/180195 (National Command Centre)")),
        police=_p("999", _s("https://wgoqatar.com/180195")),
        languages=("ar",),
    ),
    Region(
        "DZ",
        _p(
            "14",
            _s(
                "https://www.maghrebemergent.com/algerie-les-4-numeros-durgence-indispensables-pour-un-voyage-sans-tracas/ (civil protection)"
            ),
        ),
        police=_p(
            "17",
            _s(
                "https://www.maghrebemergent.com/algerie-les-4-numeros-durgence-indispensables-pour-un-voyage-sans-tracas/"
            ),
        ),
        languages=("ar", "fr"),
    ),
    Region(
        "TN",
        _p(
            "190",
            _s(
                "https://www.tuniscope.com/article/179886/actualites/tunisie/uk-alert-194610 (SAMU 190, civil protection 198)"
            ),
        ),
        police=_p(
            "197",
            _s(
                "https://africanmanager.com/turbulences-meteorologiques-sur-la-majorite-des-plages-tunisiennes-le-mi-appelle-a-la-plus-grande-prudence/"
            ),
        ),
        # Translators: Extra line under the emergency number (Tunisia). Civil protection = the fire and rescue service.
        emergency_extra=N_("Civil protection: 198."),
        languages=("ar", "fr"),
    ),
    Region(
        "OM",
        _p(
            "9999",
            _s(
                "https://www.omanobserver.om/dial-9999-only-for-emergencies-and-1099-for-covid-enquiries/"
            ),
        ),
        police=_p(
            "9999",
            _s(
                "https://www.omanobserver.om/dial-9999-only-for-emergencies-and-1099-for-covid-enquiries/"
            ),
        ),
        languages=("ar",),
    ),
    Region(
        "BH",
        _p("999", _s("https://commoner-law.com/bahrain/healthcare-rights/emergency-treatment")),
        police=_p(
            "999", _s("https://commoner-law.com/bahrain/healthcare-rights/emergency-treatment")
        ),
        languages=("ar",),
    ),
    # --- Latin America ------------------------------------------------------------
    Region(
        "MX",
        _p("911", CONTRACT),
        police=_p("911", CONTRACT),
        languages=("es",),
    ),
    Region(
        "BR",
        _p("192", CONTRACT, N_("SAMU")),
        police=_p(
            "190", _s("https://ptnosenado.org.br/ligue-180-completa-20-anos (emergency: 190)")
        ),
        family_violence=_p(
            "180",
            _s("https://ptnosenado.org.br/ligue-180-completa-20-anos (Ligue 180, 24 hours)"),
            FV_WOMEN,
        ),
        languages=("pt",),
    ),
    Region(
        "AR",
        _p(
            "107",
            _s(
                "https://enplenitud.com/?p=525 (SAME 107, Buenos Aires) ; https://www.elmarplatense.com/aumentaron-un-12-las-salidas-del-same-mas-de-11000-intervenciones-durante-2025"
            ),
        ),
        police=_p("911", _s("http://alimena.org/notas/nota%20911.htm")),
        family_violence=_p(
            "144",
            _s(
                "https://redaccionba.com.ar/como-funciona-el-servicio-telefonico-que-hace-una-decada-contiene-a-victimas-de-violencia-de-genero/ (Línea 144, 24 hours)"
            ),
            FV_GENDER,
        ),
        languages=("es",),
    ),
    Region(
        "CO",
        _p(
            "123",
            _s(
                "https://www.radiosantafe.com/2026/02/14/una-llamada-a-la-linea-purpura-en-bogota-puede-cambiarlo-todo-tome-nota/"
            ),
        ),
        police=_p(
            "123",
            _s(
                "https://www.radiosantafe.com/2026/02/14/una-llamada-a-la-linea-purpura-en-bogota-puede-cambiarlo-todo-tome-nota/"
            ),
        ),
        family_violence=_p(
            "155", _s("https://www.seguimiento.co/node/51966 (Línea 155, free, 24 hours)"), FV_WOMEN
        ),
        languages=("es",),
    ),
    Region(
        "CL",
        _p(
            "131",
            _s(
                "https://cl.usembassy.gov/u-s-citizen-services/local-resources-of-u-s-citizens/emergency-assistance/"
            ),
        ),
        police=_p(
            "133",
            _s(
                "https://cl.usembassy.gov/u-s-citizen-services/local-resources-of-u-s-citizens/emergency-assistance/"
            ),
        ),
        family_violence=_p(
            "149",
            _s("https://kihulane.eu/ (Wikipedia mirror, Chile numbering: 149 Fono Familia)"),
            FV_FAMILY,
        ),
        languages=("es",),
    ),
    Region(
        "PE",
        _p(
            "106",
            _s(
                "https://andina.pe/agencia/noticia-en-casos-emergencia-medica-poblacion-puede-acudir-a-linea-gratuita-106-del-samu-633915.aspx (SAMU, 24 hours)"
            ),
        ),
        police=_p("105", _s("https://andina.pe/ (Central de Emergencias 105, Policía Nacional)")),
        family_violence=_p(
            "100",
            _s(
                "https://eltiempo.pe/nacional/peru-reportan-mas-de-46-mil-llamadas-malintencionadas-en-linea-100/ (Línea 100, 24 hours)"
            ),
            FV_FAMILY,
        ),
        languages=("es",),
    ),
    Region(
        "VE",
        _p("911", _s("https://ven911.gob.ve/?p=426")),
        police=_p("911", _s("https://ven911.gob.ve/?p=426")),
        languages=("es",),
    ),
    Region(
        "EC",
        _p(
            "911",
            _s(
                "https://www.ecu911.gob.ec/3-2-millones-de-emergencias-gestionadas-por-el-ecu-911-en-2025"
            ),
        ),
        police=_p(
            "911",
            _s(
                "https://www.ecu911.gob.ec/3-2-millones-de-emergencias-gestionadas-por-el-ecu-911-en-2025"
            ),
        ),
        languages=("es",),
    ),
    Region(
        "GT",
        _p(
            "122",
            _s(
                "https://emisorasunidas.com/nacional/2025/12/24/guia-de-numeros-de-emergencia-por-celebraciones-de-fin-de-ano/ ; https://www.tn23.tv/conred-en-alerta-por-fiestas-de-navidad-y-ano-nuevo/"
            ),
        ),
        police=_p(
            "110",
            _s(
                "https://emisorasunidas.com/nacional/2025/12/24/guia-de-numeros-de-emergencia-por-celebraciones-de-fin-de-ano/"
            ),
        ),
        # Translators: Extra line under the emergency number (Guatemala): other numbers that send an ambulance.
        emergency_extra=N_("Municipal firefighters: 123. Red Cross: 125."),
        languages=("es",),
    ),
    Region(
        "CU",
        _p(
            "104",
            _s(
                "https://exteriores.gob.es/Consulados/lahabana/es/ViajarA/Paginas/Seguridad-y-otros-aspectos.aspx ; https://um.fi/matkustustiedote/-/c/CU"
            ),
        ),
        police=_p(
            "106",
            _s(
                "https://cu.usembassy.gov/u-s-citizen-services/local-resources-of-u-s-citizens/emergency-assistance/"
            ),
        ),
        # Translators: Extra line under the emergency number (Cuba): from a mobile phone, 7 goes before 104, 105 or 106.
        emergency_extra=N_("From a mobile phone, dial 7 before the number."),
        languages=("es",),
    ),
    Region(
        "BO",
        # The police line BOL-110 takes every emergency; no national ambulance number was found
        # except in a proposal (165).
        _p(
            "110",
            _s(
                "https://www.hoybolivia.com/Noticia.php?IdNoticia=303401 ; https://eju.tv/2025/08/para-las-elecciones-se-desplazan-45-ambulancias-a-escala-nacional-estos-son-los-numeros-para-casos-de-emergencia/ ; https://movimientoliberal.com/bol911 (ambulances 165)"
            ),
        ),
        police=_p(
            "110",
            _s(
                "https://eju.tv/2025/08/para-las-elecciones-se-desplazan-45-ambulancias-a-escala-nacional-estos-son-los-numeros-para-casos-de-emergencia/"
            ),
        ),
        # Translators: Extra line under the emergency number (Bolivia).
        emergency_extra=N_("Ambulance: 165."),
        languages=("es",),
    ),
    Region(
        "DO",
        _p(
            "911",
            _s(
                "https://911.gob.do/6-anos-del-sistema-9-1-1-un-aliado-de-todos-los-dominicanos-que-llego-para-quedarse"
            ),
        ),
        police=_p(
            "911",
            _s(
                "https://911.gob.do/6-anos-del-sistema-9-1-1-un-aliado-de-todos-los-dominicanos-que-llego-para-quedarse"
            ),
        ),
        family_violence=_p(
            "*211",
            _s(
                "https://hoy.com.do/vivir/marca-211-numero-salvarte-victima-violencia_1062209.html (Línea Vida, from November 2025)"
            ),
            FV_WOMEN,
        ),
        languages=("es",),
    ),
    Region(
        "HN",
        _p(
            "911",
            _s(
                "https://www.elheraldo.hn/honduras/sistema-nacional-emergencias-afirma-mantiene-operativos-servicios-24-7-todo-pais-AH29487362"
            ),
        ),
        police=_p(
            "911",
            _s(
                "https://www.elheraldo.hn/honduras/sistema-nacional-emergencias-afirma-mantiene-operativos-servicios-24-7-todo-pais-AH29487362"
            ),
        ),
        family_violence=_p(
            "114",
            _s(
                "https://noticias247.hn/linea-114-registra-122-detenidos-y-mas-de-5000-llamadas-por-violencia-domestica.html (Línea 114, 24 hours, free)"
            ),
            FV_WOMEN,
        ),
        languages=("es",),
    ),
    Region(
        "PY",
        _p(
            "141",
            _s("https://www.rdn.com.py/2026/01/22/emergencias-cuando-llamar-al-911-132-o-141/amp"),
        ),
        police=_p(
            "911",
            _s("https://www.rdn.com.py/2026/01/22/emergencias-cuando-llamar-al-911-132-o-141/amp"),
        ),
        # Translators: Extra line under the emergency number (Paraguay): the same service from a mobile phone.
        emergency_extra=N_("From a mobile phone: 021 141."),
        family_violence=_p(
            "137",
            _s(
                "http://www.ultimahora.com/ofrecen-albergues-temporales-mujeres-victimas-violencia-n1130702.html (SOS Mujer, 24 hours, free)"
            ),
            FV_WOMEN,
        ),
        languages=("es",),
    ),
    Region(
        "SV",
        _p(
            "132",
            _s(
                "https://croniosv.com/nacionales/vientos-acelerados-del-noreste-y-ambiente-caluroso/ (Sistema de Emergencias Médicas)"
            ),
        ),
        police=_p(
            "911",
            _s(
                "https://croniosv.com/nacionales/vientos-acelerados-del-noreste-y-ambiente-caluroso/"
            ),
        ),
        languages=("es",),
    ),
    Region(
        "NI",
        _p(
            "128",
            _s(
                "https://diariobarricada.com/nacionales/cruz-blanca-fortalece-la-atencion-de-emergencias-durante-temporada-de-verano (Cruz Blanca, 24 hours)"
            ),
        ),
        police=_p(
            "118",
            _s(
                "https://www.el19digital.news/articulos/ver/173131--centro-de-emergencia-comandante-edmundo-perez-flores-contribuye-a-la-seguridad-y-tranquilidad-de-las-familias-nicaraguenses"
            ),
        ),
        languages=("es",),
    ),
    Region(
        "CR",
        _p("911", _s("https://yoamopuntarenas.com/?p=14844")),
        police=_p("911", _s("https://yoamopuntarenas.com/?p=14844")),
        languages=("es",),
    ),
    Region(
        "PA",
        _p(
            "911",
            _s("https://www.prensa.com/opinion/sume-9-1-1-17-anos-salvando-vidas/ (SUME 911)"),
        ),
        police=_p(
            "104",
            _s(
                "https://www.panamaamerica.com.pa/sociedad/como-va-la-unificacion-de-las-lineas-de-emergencia-en-panama-1158034/amp"
            ),
        ),
        languages=("es",),
    ),
    Region(
        "UY",
        _p(
            "911",
            _s(
                "https://alegriafm.uy/mides-recibio-este-martes-363-solicitudes-de-refugio ; https://infopais.com.uy/contenido/6625/same-105-recibio-8-ambulancias-especializadas"
            ),
        ),
        police=_p(
            "911", _s("https://alegriafm.uy/mides-recibio-este-martes-363-solicitudes-de-refugio")
        ),
        # Translators: Extra line under the emergency number (Uruguay): the public health service's ambulances.
        emergency_extra=N_("Public ambulance service (ASSE): 105."),
        family_violence=_p(
            "0800 4141",
            _s(
                "https://www.elpais.com.uy/informacion/politica/culmina-proceso-compra-tobilleras-electronicas.html (free; *4141 from mobiles; not at night)"
            ),
            FV_DOMESTIC,
        ),
        languages=("es",),
    ),
    # --- Africa --------------------------------------------------------------------
    Region(
        "ZA",
        _p("10177", CONTRACT),
        police=_p("10111", _s("https://www.saps.gov.za/services/cc_10111.php")),
        emergency_extra=N_("112 also works from mobiles."),
        family_violence=_p(
            "0800 150 150",
            _s(
                "https://www.thedailyvox.co.za/important-resources-for-the-lockdown/ (Stop Gender Violence helpline, toll-free)"
            ),
            FV_GENDER,
        ),
        languages=("en",),
    ),
    Region(
        "NG",
        _p(
            "112",
            _s(
                "https://technologytimes.ng/dial-122-how-nigerias-three-digit-emergency-number-works/ ; https://www.techregard.com/one-number-one-nation-nigeria-unifies-emergency-response-under-112/"
            ),
        ),
        police=_p(
            "112",
            _s(
                "https://technologytimes.ng/dial-122-how-nigerias-three-digit-emergency-number-works/"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "KE",
        _p(
            "999",
            _s(
                "https://policecode.info/?p=4061 (999, 112 and 911 reach the National Police Service)"
            ),
        ),
        police=_p(
            "999",
            _s(
                "http://www.capitalfm.co.ke/news/2013/08/misuse-of-999-line-jamming-real-emergencies/"
            ),
        ),
        emergency_extra=N_("112 also works."),
        family_violence=_p(
            "1195",
            _s(
                "https://beta.nation.co.ke/kenya/news/gender/beyond-your-parents-life-saving-resources-that-could-have-saved-teen-bride-from-death--4986762 (24 hours, free)"
            ),
            FV_GENDER,
        ),
        languages=("en",),
    ),
    Region(
        "GH",
        _p(
            "112",
            _s(
                "https://bestnewsgh.com/government-makes-112-new-hotline-for-all-emergency-services/"
            ),
        ),
        police=_p(
            "112",
            _s(
                "https://bestnewsgh.com/government-makes-112-new-hotline-for-all-emergency-services/"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "AO",
        _p(
            "111",
            _s(
                "https://www.sapo.pt/noticias/internacional/autoridades-angolanas-alertam-para-uso_5e7c7ee12259591961088c2f (CISP line 111)"
            ),
        ),
        police=_p(
            "111",
            _s(
                "http://www.novojornal.co.ao/sociedade/interior/terminal-113-deixou-de-estar-ao-servico-do-cidadao---111-e-o-novo-numero-de-emergencia-policial-87770.html"
            ),
        ),
        languages=("pt",),
    ),
    Region(
        "SN",
        _p(
            "18",
            _s(
                "https://www.dakaractu.com/Couvre-feu-Difficultes-evacuations-dans-un-contexte-de-Covid-19-la-Brigade-Nationale-des-Sapeurs-Pompiers-reaffirme-sa_a187453.html (firefighters: transport of the sick, births)"
            ),
        ),
        police=_p("17", _s("https://galseninfo.com/?p=1888 (Minister of the Interior)")),
        languages=("fr",),
    ),
    Region(
        "CI",
        _p(
            "180",
            _s(
                "https://pressecotedivoire.ci/article/4539-une-cinquantaine-dinterventions-enregistrees-par-le-gspm-durant-la-fete-de-noel ; https://jurnalpublikasi.com/fr/Office_national_de_la_protection_civile_(Côte_d'Ivoire)"
            ),
        ),
        police=None,  # NOT_FOUND
        languages=("fr",),
    ),
    Region(
        "CM",
        _p(
            "119",
            _s(
                "https://actucameroun.com/2016/05/09/decouvertes-secours-camerounais-une-autre-realite-locale/ (weak: a 2016 account)"
            ),
        ),
        police=_p(
            "117",
            _s(
                "https://camerounweb.com/CameroonHomePage/NewsArchive/URGENT-l-heure-est-tr-s-grave-la-Police-nationale-772152"
            ),
        ),
        # Translators: Extra line under the emergency number (Cameroon).
        emergency_extra=N_("Fire brigade: 118."),
        languages=("en", "fr"),
    ),
    # --- Second review (2026-12-03): the rest of the countries the rule covers ---
    # English-speaking countries
    Region(
        "TZ",
        _p(
            "112",
            _s(
                "https://trekmedics.org/database/tnz/ (WHO 2013: 112 reaches fire, police and "
                "ambulance) ; https://eastafricagorillasafaris.com/what-are-tanzanias-emergency-numbers/ "
                "(ambulance: 112, free)"
            ),
        ),
        police=_p(
            "112",
            _s(
                "https://www.policeforce.go.tz/index.php/sw/11-habari-mpya/64-uzinduzi-wa-namba-za-mawasiliano-ya-dharura-ya-polisi-111-na-112 "
                "(Tanzania Police Force: 111 and 112, free)"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "UG",
        _p(
            "999",
            _s(
                "https://ugandamediacentreblog.wordpress.com/2016/12/25/press-release-deployment-of-ambulances-during-the-festive-season/ "
                "(Ministry of Health: call the police toll-free line 999 for an ambulance) ; "
                "https://www.howwebiz.ug/news/national/16767/police-issues-toll-free-lines-for-martyrs-day-emergencies "
                "(112 from mobiles, 999 from landlines)"
            ),
        ),
        police=_p(
            "999",
            _s(
                "https://www.howwebiz.ug/news/national/16767/police-issues-toll-free-lines-for-martyrs-day-emergencies"
            ),
        ),
        emergency_extra=N_("112 also works from mobiles."),
        languages=("en",),
    ),
    Region(
        "JM",
        _p(
            "911",
            _s(
                "https://jis.gov.jm/jamaica-to-go-global-with-emergency-numbers/ (112 and 911 reach "
                "fire, police and ambulance; 119 stays for the police) ; "
                "https://our.org.jm/document/development-of-policy-recommendations-on-enhanced-access-to-emergency-services-in-jamaica/"
            ),
        ),
        police=_p("119", _s("https://jis.gov.jm/jamaica-to-go-global-with-emergency-numbers/")),
        emergency_extra=N_("112 also works."),
        languages=("en",),
    ),
    Region(
        "SL",
        _p(
            "117",
            _weak(
                "https://allinterestmedia.com/post/the-courier-curfew-order-renders-ambulance-services-and-health-emergency-referrals-useless "
                "(2023: one caller reached the National Emergency Medical Service on 117)"
            ),
        ),
        police=None,  # NOT_FOUND
        languages=("en",),
    ),
    Region(
        "LR",
        _p(
            "911",
            _weak(
                "http://lnp.gov.lr/lnp/index.php/911-number-use-and-abuse/ (Liberia National Police: "
                "911 free, the police can call fire or paramedic services) ; "
                "https://bushchicken.com/police-remain-challenged-when-responding-to-reports-of-crimes/ "
                "(911 not active; the police hotline is 0770 800 911)"
            ),
        ),
        police=_p(
            "911",
            _weak(
                "http://lnp.gov.lr/lnp/index.php/911-number-use-and-abuse/ ; "
                "https://bushchicken.com/police-remain-challenged-when-responding-to-reports-of-crimes/"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "BW",
        _p(
            "997",
            _weak(
                "https://www.uscisguide.com/us-travel-visa/safety-and-security-tips-and-requirements-for-us-citizens-traveling-to-botswana "
                "(a travel guide: ambulance 997, police 999)"
            ),
        ),
        police=_p(
            "999",
            _s(
                "https://www.sundaystandard.info/donocot-bother-dialing-999/ (police emergency 999)"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "TT",
        _p(
            "811",
            _s(
                "https://help.unhcr.org/trinidadandtobago/about-trinidad-and-tobago/security "
                "(ambulance 990 or 811, police 999) ; "
                "https://expatfocus.com/trinidad-and-tobago/guide/trinidad-and-tobago-emergencies"
            ),
        ),
        police=_p(
            "999", _s("https://help.unhcr.org/trinidadandtobago/about-trinidad-and-tobago/security")
        ),
        languages=("en",),
    ),
    Region(
        "PG",
        _p(
            "111",
            _s(
                "https://www.stjohn.org.pg/ambulance-services/national-ambulance-network/ "
                "(St John: the national ambulance number) ; https://pnghausbung.com/?p=45221"
            ),
        ),
        police=_p(
            "112",
            _s(
                "https://test.nbc.com.pg/post/29179/east-sepik-launches-free-police-emergency-call-centre-with-nicta-support "
                "(the national emergency number, free; police call centres opened province by "
                "province since 2023)"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "SZ",
        _p(
            "977",
            _s(
                "https://eswatinipositivenews.com/emergency-help-available-during-festive-holidays "
                "(Emergency Medical Services, toll-free 977)"
            ),
        ),
        police=_p(
            "999",
            _weak(
                "http://visitswazi.com/travelguide/police.asp (a travel guide: police 999; 112 "
                "without airtime)"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "NA",
        _p(
            "211111",
            _weak(
                "https://docslib.org/doc/11008340/windhoek-namibia (2011 workshop information: "
                "ambulance 211111 in Windhoek)"
            ),
        ),
        police=_p(
            "10111",
            _weak("https://docslib.org/doc/11008340/windhoek-namibia (national police 10111)"),
        ),
        languages=("en",),
    ),
    Region(
        "SS",
        _p(
            "777",
            _weak(
                "https://nyamile.com/news/mangar-briefs-minister-on-777-ecc-operational-in-juba "
                "(Juba only: the police emergency line 777 also answered medical emergencies, most "
                "of them women in labour)"
            ),
        ),
        police=_p(
            "777",
            _weak(
                "https://radiotamazuj.org/en/news/article/new-police-emergency-number-in-juba-is-777 "
                "(Juba only, toll-free, 24 hours)"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "GY",
        _p(
            "913",
            _weak(
                "https://stabroeknews.com/2014/03/11/news/guyana/rohee-awaiting-expert-report-911-emergency-system "
                "(2014: 911 police, 912 fire, 913 the Georgetown Public Hospital)"
            ),
        ),
        police=_p(
            "911",
            _s(
                "https://guyanachronicle.com/2025/11/01/promptly-report-any-suspicious-persons-activities-or-movements/ "
                "(Guyana Police Force: Emergency Hotline 911)"
            ),
        ),
        languages=("en",),
    ),
    Region(
        "FJ",
        _p(
            "910",
            _weak(
                "https://www.fbcnews.com.fj/news/new-910-fire-helpline-aims-to-boost-emergency-response/ "
                "(National Fire Authority: 910 for fire or other emergencies; no ambulance number found)"
            ),
        ),
        police=_p(
            "917",
            _s(
                "https://www.fbcnews.com.fj/news/police-assist-in-evacuation-efforts/ (2025, Fiji Police Force 917)"
            ),
        ),
        family_violence=_p(
            "1560",
            _s(
                "https://www.fbcnews.com.fj/news/covid-19/helpline-enables-immediate-assistance/ "
                "(Fiji Women's Crisis Centre, domestic violence helpline)"
            ),
            FV_DOMESTIC,
        ),
        languages=("en", "hi"),
    ),
    Region(
        "MT",
        _p(
            "112",
            _s(
                "https://pulizija.gov.mt/mt/services/Pages/Emergency-Services.aspx (112, free, 24 hours) ; "
                "https://homeaffairs.gov.mt/en/media/Press_Releases/Pages/2021/Feb/Press-Release-PR210302.aspx "
                "(most 112 calls go to the ambulance service)"
            ),
        ),
        police=_p("112", _s("https://pulizija.gov.mt/mt/services/Pages/Emergency-Services.aspx")),
        languages=("en",),
    ),
    Region(
        "PR",
        _p(
            "911",
            _s(
                "https://www.puertoricoheadlinenews.com/public-safety-restores-the-9-1-1-system/ "
                "(Department of Public Safety: call 9-1-1 for any emergency) ; "
                "https://bvirtualogp.pr.gov/ogp/Bvirtual/LeyesOrganicas/Pages/144-1994.aspx"
            ),
        ),
        police=_p(
            "911",
            _s("https://www.puertoricoheadlinenews.com/public-safety-restores-the-9-1-1-system/"),
        ),
        languages=("es", "en"),
    ),
    # Arabic-speaking countries and communities
    Region(
        "SY",
        _p(
            "110",
            _s(
                "https://thawra.sy/?p=547833 (Ministry of Health ambulance and emergency system, "
                "call 110, 24 hours)"
            ),
        ),
        police=_p(
            "112",
            _weak(
                "http://www.esyria.sy/edamascus/index.php?p=stories&filename=201202020005011 "
                "(2012: the published lists agree on police 112, ambulance 110, fire 113)"
            ),
        ),
        languages=("ar",),
    ),
    Region(
        "PS",
        _p(
            "101", _s("https://shababfm.ps/news-ar/95582 (Palestinian Police, 2026: ambulance 101)")
        ),
        police=_p("100", _s("https://shababfm.ps/news-ar/95582 (police 100, civil defence 102)")),
        languages=("ar",),
    ),
    Region(
        "IL",
        _p(
            "101",
            _s(
                "https://www.jpost.com/Israel-News/Israeli-ambulance-service-prepares-bolstered-emergency-teams-for-High-Holidays-505002 "
                "(Magen David Adom 101)"
            ),
        ),
        police=_p("100", _s("https://www.dostor.org/4564673 (the police emergency line 100)")),
        languages=("ar",),
    ),
    Region(
        "YE",
        _p(
            "195",
            _weak(
                "https://yemen-press.net/news142040.html (Aden only: the emergency and ambulance "
                "centre 195, free, 24 hours)"
            ),
        ),
        police=None,  # NOT_FOUND
        languages=("ar",),
    ),
    Region(
        "SO",
        _p(
            "999",
            _weak(
                "https://www.thenewhumanitarian.org/news-feature/2023/09/06/somalia-free-ambulance-service-saves-lives-operates-shoestring "
                "(Mogadishu only: Aamin Ambulance, a volunteer service, 999 hotline, 24 hours)"
            ),
        ),
        police=None,  # NOT_FOUND
        languages=("ar",),
    ),
    # French-speaking countries
    Region(
        "HT",
        _p(
            "116",
            _s(
                "https://haitigazette.com/centre-ambulancier-national-10-ans-de-services-a-la-population/ "
                "(Le Nouvelliste 2022: the National Ambulance Centre's emergency number 116)"
            ),
        ),
        police=_p(
            "122",
            _s(
                "https://haititweets.com/2021/03/04/122-contre-le-kidnapping-en-haiti (Haitian "
                "National Police, 24 hours) ; "
                "https://vantbefinfo.com/haiti-securite-la-police-nationale-dhaiti-devoile-un-nouveau-numero-durgence/"
            ),
        ),
        languages=("fr",),
    ),
    Region(
        "ML",
        _p(
            "80 00 11 16",
            _s(
                "https://www.journaldumali.com/numeros-verts-lutter-contre-linsecurite/ (free numbers, "
                "24 hours: civil protection 80 00 11 16, police 80 00 11 15)"
            ),
        ),
        police=_p(
            "80 00 11 15",
            _s(
                "https://ml.ambafrance.org/Consignes-de-securite ; "
                "https://www.journaldumali.com/numeros-verts-lutter-contre-linsecurite/"
            ),
        ),
        languages=("fr",),
    ),
    Region(
        "GN",
        _p(
            "18",
            _s(
                "https://www.guinee360.com/17/09/2024/guinee-des-numeros-durgence-hors-service-une-defaillance-critique-du-systeme-de-secours/ "
                "(2024, tested working: firefighters 18, police 117)"
            ),
        ),
        police=_p(
            "117",
            _s(
                "https://www.guinee360.com/17/09/2024/guinee-des-numeros-durgence-hors-service-une-defaillance-critique-du-systeme-de-secours/"
            ),
        ),
        languages=("fr",),
    ),
    Region(
        "BJ",
        _p(
            "118",
            _s(
                "https://legrandregard.bj/?p=2585 (firefighters, free) ; "
                "https://cascadesdubenin.com/connexe.html (most of their work is help to people)"
            ),
        ),
        police=_p(
            "117",
            _weak(
                "https://journaldubenin.com/benin-la-police-reactive-face-a-la-panne-des-numeros-durgence "
                "(police 166 and 117, out of service in July 2025)"
            ),
        ),
        languages=("fr",),
    ),
    Region(
        "TG",
        _p(
            "118",
            _s(
                "https://www.staarmuc.org/pages/espaces-membres/secourisme-de-base/l-alerte.html "
                "(firefighters 118: accidents and distress; police 117) ; "
                "http://republicoftogo.com/Toutes-les-rubriques/Politique/Proche-et-efficace"
            ),
        ),
        police=_p(
            "117",
            _s("https://www.staarmuc.org/pages/espaces-membres/secourisme-de-base/l-alerte.html"),
        ),
        languages=("fr",),
    ),
    Region(
        "RW",
        _p(
            "912",
            _s(
                "https://cbn.rw/article/236/samu-yashyize-imbangukiragutabara-mu-duce-two-muri-kigali-ziteguye-gutabara "
                "(RBC: SAMU ambulances called on 912) ; http://en.igihe.com/news/rnp-joins-drive-to-end-abuse-of-emergency-help.html"
            ),
        ),
        police=_p(
            "112",
            _s(
                "https://newtimes.co.rw/article/34702/National/police-emergencya-success-story "
                "(Rwanda National Police, toll-free)"
            ),
        ),
        family_violence=_p(
            "3512",
            _s(
                "http://en.igihe.com/news/rnp-joins-drive-to-end-abuse-of-emergency-help.html "
                "(Rwanda National Police: 3512 for gender-based violence, toll-free)"
            ),
            FV_GENDER,
        ),
        languages=("en", "fr"),
    ),
    Region(
        "CF",
        _p(
            "1212",
            _s(
                "https://ndjonisango.com/2025/05/14/rca-les-numeros-durgence-et-leur-utilite-dans-les-cas-dincidents-majeurs "
                "(SAMU 1212, police 117, free, 24 hours)"
            ),
            N_("SAMU"),
        ),
        police=_p(
            "117",
            _s(
                "https://ndjonisango.com/2025/05/14/rca-les-numeros-durgence-et-leur-utilite-dans-les-cas-dincidents-majeurs"
            ),
        ),
        languages=("fr",),
    ),
    Region(
        "GA",
        _p(
            "1488",
            _s(
                "https://info241.com/samu-social-gabonais-plus-de-656-000-personnes-prises-en-charge,2396 "
                "(Samu social gabonais: medical emergencies, free, 24 hours, 17 centres) ; "
                "https://bdpmodwoam.org/articles/2017/07/17/interventions-durgence-au-gabon-le-samu-social-a-votre-ecoute"
            ),
        ),
        police=None,  # NOT_FOUND
        languages=("fr",),
    ),
    Region(
        "MG",
        _p(
            "18",
            _weak(
                "http://tvmada.com/lcvmada/pompiers-cua/ (Antananarivo only: the firefighters, on 18 or "
                "118, free, for accidents and people taken ill)"
            ),
        ),
        police=None,  # NOT_FOUND
        languages=("fr", "en"),
    ),
    Region(
        "MU",
        _p(
            "114",
            _s(
                "http://topfm.mu/fetes-de-fin-dannee-le-samu-appelle-un-usage-responsable-du-114 "
                "(SAMU 114) ; https://fr.allafrica.com/stories/201901020320.html"
            ),
            N_("SAMU"),
        ),
        police=_p(
            "999",
            _s(
                "http://ionnews.mu/reveillon-sur-le-terrain-pour-pompiers-et-policiers-311216/ "
                "(police 999 or 112, free)"
            ),
        ),
        languages=("en", "fr"),
    ),
    Region(
        "RE",
        _p(
            "15",
            _s(
                "https://www.ipreunion.com/actualites-reunion/reportage/2021/06/03/les-autorites-font-le-point-sur-les-deux-deces-panne-des-urgences-un-mort-pourrait-etre-lie-aux-dysfonctionnements,136131.html "
                "(La Réunion: 15 SAMU, 17 police and gendarmerie, 18, 112)"
            ),
            N_("SAMU"),
        ),
        police=_p(
            "17",
            _s(
                "https://www.ipreunion.com/actualites-reunion/reportage/2021/06/03/les-autorites-font-le-point-sur-les-deux-deces-panne-des-urgences-un-mort-pourrait-etre-lie-aux-dysfonctionnements,136131.html"
            ),
        ),
        emergency_extra=N_("112 also works."),
        languages=("fr",),
    ),
    Region(
        "IT",
        _p(
            "112",
            _s(
                "http://migis.eu/?page_id=4553 (112, the single emergency number; where it is not yet "
                "in place it reaches the Carabinieri, who pass the call on) ; "
                "https://www.istat.it/it/violenza-sulle-donne/la-fuoriuscita-dalla-violenza/numero-di-pubblica-utilit%C3%A0-1522"
            ),
        ),
        police=_p(
            "112",
            _s(
                "https://www.carabinieri.it/Internet/ImageStore/Magazines/CodiceRosso/AttiPersecutori/files/basic-html/page7.html "
                "(112 for help in an emergency)"
            ),
        ),
        family_violence=_p(
            "1522",
            _s(
                "https://www.istat.it/it/violenza-sulle-donne/la-fuoriuscita-dalla-violenza/numero-di-pubblica-utilit%C3%A0-1522 "
                "(violence and stalking, free, 24 hours, several languages)"
            ),
            FV_WOMEN,
        ),
        languages=("fr",),
    ),
    # Portuguese- and Chinese-speaking places
    Region(
        "TL",
        _p(
            "112",
            _s(
                "TATOLI (Timor-Leste news agency), 2022-03-09, 'Governu kria 112 nu'udar númeru "
                "úniku nasionál emerjénsia' (112 free, nationwide: police, the National Ambulance "
                "and Medical Emergency Service, firefighters)"
            ),
        ),
        police=_p(
            "112",
            _s(
                "http://unpol-easttimor.blogspot.com/2014/03/unpol-in-east-timor-security-briefing_9775.html "
                "(112 for the police, 24 hours)"
            ),
        ),
        languages=("pt",),
    ),
    Region(
        "MO",
        _p(
            "999",
            _s(
                "https://www.fsm.gov.mo/psp/cht/psp_top5_other_5_S.html (Public Security Police: "
                "999 for medical emergencies, fire and crime, 24 hours) ; "
                "https://zh-wiki.fonk.bid/zh-mo/999_(%E6%B1%82%E6%95%91%E9%9B%BB%E8%A9%B1) "
                "(110 and 112 connect to 999)"
            ),
        ),
        police=_p("999", _s("https://www.fsm.gov.mo/psp/cht/psp_top5_other_5_S.html")),
        emergency_extra=N_("112 also works."),
        languages=("zh", "pt"),
    ),
)

REGIONS_BY_CODE: dict[str, Region] = {region.code: region for region in REGIONS}

# Shown when no region is known: "your local emergency number", with the common ones.
COMMON_EMERGENCY_NUMBERS: tuple[str, ...] = ("112", "911", "999", "000")

# The oldest check of any number: the reviewer page shows it and the tests hold
# it to within a year of the content review.
NUMBERS_CHECKED: str = min(source.checked for region in REGIONS for source in region.sources())


def regions_for_language(language: str) -> tuple[Region, ...]:
    """The regions where many people read ``language`` (a base code: "pt", "zh")."""
    return tuple(region for region in REGIONS if language in region.languages)


def care_model_for(region: Region | None) -> CareModel:
    """What "urgent" and "today" tell the reader to do where she is: her
    region's care model, or the default when her region is not known."""
    return region.care_model if region else CARE_MODELS_BY_ID[DEFAULT_CARE_MODEL]

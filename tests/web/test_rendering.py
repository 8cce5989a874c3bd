"""Page skeletons are cached; the cache must never change what a reader sees.

Each page kind's inputs are one frozen dataclass whose fields are the cache
key (widget/web/rendering.py): if a page depended on anything else, a warm
cache would serve a page made for other inputs. The property below tries
that across every language, partner, embed id and second language.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from tests.stories import CALM
from widget.clinical.content import NONE, QUESTIONS
from widget.i18n.locales import LOCALES
from widget.web.app import Settings, create_app
from widget.web.partners import load_partners
from widget.web.rendering import hidden_inputs

ROOT = Path(__file__).resolve().parents[2]
FORM = {"content-type": "application/x-www-form-urlencoded"}
ORIGIN = "http://localhost:8000"  # allowed for the demo partner
CODES = [locale.code for locale in LOCALES]


def answer_pairs(question):
    options = sorted(question.option_ids)
    if question.kind == "radio":
        return st.sampled_from(options).map(lambda o: [(question.id, o)])
    return st.one_of(
        st.just([(question.id, NONE)]),
        st.lists(st.sampled_from([o for o in options if o != NONE]), min_size=1, unique=True).map(
            lambda chosen: [(question.id, o) for o in chosen]
        ),
    )


NAVIGATION = ["continue", "back", "advice", "stay", "change:weeks", "start"]
answers = st.lists(st.sampled_from(QUESTIONS), unique_by=lambda q: q.id).flatmap(
    lambda questions: st.tuples(*(answer_pairs(q) for q in questions))
)
# What a form carries besides the answers, and how the page is asked for.
CONTEXT = {
    "lang": [*CODES, "xx"],
    "region": ["AU", "GB", "other", "", "ZZ"],
    "partner": ["demo", "", "demo"],
    "embed": ["reader-7", "a", "x" * 40, ""],
    "embed_origin": ["http://localhost:8000", "http://127.0.0.1:8000", ""],
    "summary_lang": [*CODES, ""],
    "htmx": ["", "true"],
}
CALM_OUTCOME = [(question, chosen[0]) for question, chosen in CALM.items()]
# Half the bodies are random; half end in advice (where the second language shows).
bodies = st.one_of(
    st.tuples(answers, st.sampled_from([q.id for q in QUESTIONS]), st.sampled_from(NAVIGATION)).map(
        lambda drawn: (
            [pair for group in drawn[0] for pair in group] + [("step", drawn[1]), ("nav", drawn[2])]
        )
    ),
    st.sampled_from(
        [
            [*CALM_OUTCOME, ("step", "pattern"), ("nav", "continue")],
            [*CALM_OUTCOME[:2], ("clots", "yes"), ("step", "amount"), ("nav", "advice")],
            [("danger", "heavy_bleeding"), ("step", "danger"), ("nav", "continue")],
            [*CALM_OUTCOME[:-1], ("pattern", "continuing"), ("nav", "stay")],
        ]
    ),
)


def client() -> TestClient:
    partners = load_partners(ROOT / "partners.example.toml")
    return TestClient(create_app(Settings(default_region="AU", debug=False, partners=partners)))


# The warm app keeps every skeleton any example made; the cold one starts empty each time.
warm_client, cold_client = client(), client()


def post(client: TestClient, pairs: list[tuple[str, str]], context: dict[str, str]):
    fields = [(name, value) for name, value in context.items() if value and name != "htmx"]
    headers = {**FORM, **({"HX-Request": "true"} if context["htmx"] else {})}
    return client.post("/step", content=urlencode(pairs + fields), headers=headers)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_warm_cache_renders_exactly_what_a_cold_one_does(data):
    """Two requests that differ in one input of the page: the second, with the
    first's skeleton in the cache, is what it is with an empty cache."""
    pairs = data.draw(bodies, label="body")
    first = {
        name: data.draw(st.sampled_from(values), label=name) for name, values in CONTEXT.items()
    }
    changed = data.draw(st.sampled_from(sorted(CONTEXT)), label="changed")
    others = [value for value in CONTEXT[changed] if value != first[changed]]
    second = {**first, changed: data.draw(st.sampled_from(others), label="to")}
    post(warm_client, pairs, first)
    warm = post(warm_client, pairs, second)
    cold_client.app.state.renderer.skeletons.clear()
    cold = post(cold_client, pairs, second)
    assert warm.status_code == cold.status_code
    assert warm.text == cold.text


def test_hidden_inputs_follow_question_order_and_skip_the_excluded_question():
    answers = {"weeks": frozenset({"6_to_11"}), "danger": frozenset({"faint", "heavy_bleeding"})}
    html = hidden_inputs(answers, exclude="weeks")
    assert html == (
        b'<input type="hidden" name="danger" value="faint">\n'
        b'<input type="hidden" name="danger" value="heavy_bleeding">\n'
    )

"""Page skeletons are cached; the cache must never change what a reader sees."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from widget.clinical.content import NONE, QUESTIONS
from widget.web.app import Settings, create_app
from widget.web.rendering import hidden_inputs

FORM = {"content-type": "application/x-www-form-urlencoded"}


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


bodies = st.tuples(
    st.lists(st.sampled_from(QUESTIONS), unique_by=lambda q: q.id).flatmap(
        lambda questions: st.tuples(*(answer_pairs(q) for q in questions))
    ),
    st.sampled_from([q.id for q in QUESTIONS]),
    st.sampled_from(["continue", "back", "advice", "stay", "change:weeks"]),
    st.sampled_from(["AU", "GB", "other"]),
    st.booleans(),
)

warm_client = TestClient(create_app(Settings(default_region="AU", debug=False)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_a_warm_cache_renders_exactly_what_a_cold_one_does(case):
    groups, step, nav, region, htmx = case
    pairs = [pair for group in groups for pair in group]
    pairs += [("step", step), ("nav", nav), ("region", region), ("lang", "en")]
    body = "&".join(f"{k}={v}" for k, v in pairs)
    headers = {**FORM, **({"HX-Request": "true"} if htmx else {})}
    cold_client = TestClient(create_app(Settings(default_region="AU", debug=False)))
    cold = cold_client.post("/step", content=body, headers=headers)
    warm_client.post("/step", content=body, headers=headers)  # fill the cache
    warm = warm_client.post("/step", content=body, headers=headers)
    assert warm.status_code == cold.status_code
    assert warm.text == cold.text


def test_hidden_inputs_follow_question_order_and_skip_the_excluded_question():
    answers = {"weeks": frozenset({"6_to_11"}), "danger": frozenset({"faint", "heavy_bleeding"})}
    html = hidden_inputs(answers, exclude="weeks")
    assert html == (
        b'<input type="hidden" name="danger" value="faint">\n'
        b'<input type="hidden" name="danger" value="heavy_bleeding">\n'
    )

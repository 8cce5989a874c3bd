"""A second, deliberately plain reading of TRIAGE.md's rule table.

The engine is data-driven; this is written straight from the table, so the
tests compare two independent implementations of the same contract.
"""

from __future__ import annotations

from collections.abc import Mapping


def expected_level(answers: Mapping[str, frozenset[str]]) -> str:
    def has(question: str, *options: str) -> bool:
        return bool(answers.get(question, frozenset()) & set(options))

    more_than_spotting = has("amount", "light", "period_like")
    if (
        has("danger", "heavy_bleeding", "severe_pain", "shoulder_pain", "faint")  # E1
        or has("injury", "yes")  # E2
        or (
            has("symptoms", "fluid")
            and more_than_spotting
            and has("weeks", "24_to_36", "37_plus", "unknown")
        )  # E3
        or (has("history", "low_placenta") and more_than_spotting)  # E4
        or has("history", "vasa_praevia")  # E5
        or has("danger", "sepsis")  # E6
    ):
        return "emergency"
    early = has("weeks", "under_6", "6_to_11", "unknown")
    show_at_term = has("show", "yes") and has("amount", "spotting")
    if (
        has("weeks", "12_to_23", "24_to_36")  # U1
        or (has("weeks", "37_plus") and not show_at_term)  # U2
        or has("amount", "period_like")  # U3
        or has("clots", "yes", "not_sure")  # U4
        or has("symptoms", "cramps", "one_sided_pain", "contractions", "fluid", "fever")  # U5
        or has("movements", "less_or_different", "not_sure")  # U6
        or has("history", "low_placenta", "avoid_sex", "cervical_stitch")  # U7
        or (has("history", "ectopic_risk") and early and not has("scan", "yes"))  # U8
        or has("injury", "prefer_not_to_say")  # U9
        or has("symptoms", "bowel_bladder_pain")  # U10
    ):
        return "urgent"
    if has("weeks", "37_plus") and show_at_term:
        return "routine"
    return "soon"


# TRIAGE.md: "Options, signs and contacts fit the weeks answered"; with the
# weeks unknown (or not answered) everything is shown.
NOT_OFFERED = {
    ("symptoms", "contractions"): {"under_6", "6_to_11"},  # from 20 weeks (12–23 holds 20)
    ("symptoms", "bowel_bladder_pain"): {"12_to_23", "24_to_36", "37_plus"},  # under 12
    ("history", "ectopic_risk"): {"12_to_23", "24_to_36", "37_plus"},  # under 12
}


def offered(question: str, option: str, weeks: str | None) -> bool:
    return weeks not in NOT_OFFERED.get((question, option), set())

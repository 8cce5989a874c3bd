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
        has("danger", "heavy_bleeding", "severe_pain", "shoulder_pain", "faint")
        or has("injury", "yes")
        or (has("symptoms", "fluid") and more_than_spotting)
        or (has("history", "low_placenta") and more_than_spotting)
    ):
        return "emergency"
    early = has("weeks", "under_6", "6_to_11", "unknown")
    show_at_term = has("show", "yes") and has("amount", "spotting")
    if (
        has("weeks", "12_to_23", "24_to_36")
        or (has("weeks", "37_plus") and not show_at_term)
        or has("amount", "period_like")
        or has("clots", "yes", "not_sure")
        or has("symptoms", "cramps", "one_sided_pain", "contractions", "fluid", "fever")
        or has("movements", "less_or_different", "not_sure")
        or has("history", "low_placenta", "avoid_sex", "cervical_stitch")
        or (has("history", "ectopic_risk") and early and not has("scan", "yes"))
        or has("injury", "prefer_not_to_say")
    ):
        return "urgent"
    if has("weeks", "37_plus") and show_at_term:
        return "routine"
    return "soon"

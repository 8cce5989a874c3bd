"""Readers' answers shared by the HTTP and browser tests."""

from __future__ import annotations

# Early pregnancy, spotting after sex, nothing else worrying: the advice is
# "today" (S1) with the after-sex note. Every question a reader would see.
CALM = {
    "danger": ["none"],
    "weeks": ["6_to_11"],
    "amount": ["spotting"],
    "clots": ["no"],
    "symptoms": ["none"],
    "injury": ["no"],
    "history": ["none"],
    "scan": ["yes"],
    "after_sex": ["yes"],
    "pattern": ["once_stopped"],
}

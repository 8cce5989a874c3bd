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

# Routine needs 37+ weeks, spotting and a show, with nothing else worrying
# (R1): it reaches movements and show, and every question except scan.
ROUTINE = {
    "danger": ["none"],
    "weeks": ["37_plus"],
    "amount": ["spotting"],
    "clots": ["no"],
    "symptoms": ["none"],
    "movements": ["as_usual"],
    "injury": ["no"],
    "history": ["none"],
    "after_sex": ["no"],
    "pattern": ["once_stopped"],
    "show": ["yes"],
}

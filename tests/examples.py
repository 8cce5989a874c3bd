"""How many examples a property test (hypothesis) runs.

``make test`` (and CI, ``.ci/run``) runs every property test with its full
count. ``make check``, the inner loop, loads the hypothesis profile
``check`` (``--hypothesis-profile=check``, registered in ``tests/conftest.py``),
where each runs a tenth of its count, at least ``MIN_EXAMPLES``: the same
properties over fewer random cases, to find most mistakes in seconds.
Hypothesis replays any failing example it has seen (``.hypothesis/``) first,
in either. The exhaustive tests (every radio answer combination, every
"asked when" input) are not property tests: they run in full in both.
"""

from __future__ import annotations

from hypothesis import settings

INNER_LOOP = "check"
SHARE = 10  # the inner loop runs one example in SHARE
MIN_EXAMPLES = 20


def examples(full: int) -> int:
    """``full`` in ``make test``; a tenth (at least ``MIN_EXAMPLES``) in ``make check``."""
    if settings.get_current_profile_name() == INNER_LOOP:
        return min(full, max(MIN_EXAMPLES, full // SHARE))
    return full

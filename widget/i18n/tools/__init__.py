"""The translators' tools, apart from what the server runs.

One command, ``python -m widget.i18n.tools COMMAND`` (``cli.py``), which the
Makefile calls for each translator target (``docs/translating.md``):

- ``extract`` and ``update``: the template and the catalogs (``catalogs.py``);
- ``status``: translated, signed off, waiting, per language (``review.py``);
- ``check``: completeness, placeholders and markup (``catalogs.py``), the
  termbase (``termbase.py``), script hygiene (``script.py``) and
  translate-toolkit's pofilter (``pofilter_gate.py``), all run by ``quality.py``;
- ``review-pack`` and ``apply-review``: the clinician's review file and
  recording its sign-offs (``review_pack.py``, ``review.py``);
- ``pseudo``: the pseudo-locale written out for inspection.

The server never imports this package (``tests/test_layout.py``), and the
wheel leaves it out: these tools need the source tree (``babel.cfg``,
``templates/``) and the test extras (translate-toolkit, hanzidentifier).
"""

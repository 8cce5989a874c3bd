"""Languages, as the server needs them: the locale table and negotiation,
loading catalogs (``locales.py``), the pseudo-locale (``pseudo.py``), the
per-string clinical sign-offs (``signoff.py``) and the "not yet checked" note
(``review_note.py``). The translators' tools are in ``tools/``."""

"""Languages: the locale table, catalogs and the pseudo-locale."""

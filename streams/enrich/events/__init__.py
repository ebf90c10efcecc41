"""CAMEO event coding on the dependency parse: ontology, lexicon, factuality, dates.

The stage's hot modules are compiled with mypyc at install (see :mod:`.native`); a stale or unwanted
compiled module is never run: its Python source is imported instead.
"""

from streams.enrich.events.native import install_guard

install_guard(__name__, __path__[0])

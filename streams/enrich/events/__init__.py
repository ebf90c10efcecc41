"""CAMEO event coding on the dependency parse: ontology, lexicon, factuality, dates."""

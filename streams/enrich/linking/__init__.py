"""Entity linking: countries (ISO alpha-3), international bodies, dated office-holders, geocoded places."""

from streams.enrich.linking.linker import Linker

__all__ = ["Linker"]

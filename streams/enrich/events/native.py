"""Which event-coder modules are compiled (mypyc, at install), and whether the compiled ones are used.

Contract: :data:`COMPILED` names the modules ``setup.py`` compiles. :func:`install_guard` (run by the
package's ``__init__``) makes Python import their ``.py`` source instead of the compiled extension when
``STREAMS_PURE_PYTHON`` is set, or when any compiled extension is older than its source (an edited or
pulled checkout that was not rebuilt: the extension would run old code). It is all or nothing, because
the compiled modules call each other directly. :func:`compiled` says which one the process runs.

This module imports nothing of the package: ``setup.py`` reads :data:`COMPILED` before anything is installed.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from types import ModuleType

# the stage's hot path; dates (mostly dateparser's time; its tests patch it) and ontology stay Python
COMPILED = ("actors", "coder", "discourse", "factuality", "frames", "lexicon", "tree")
PURE_ENV = "STREAMS_PURE_PYTHON"
log = logging.getLogger("streams.enrich.events")


def extensions(folder: str) -> dict[str, str]:
    """The compiled extension file of each module in ``folder`` that has one."""
    found: dict[str, str] = {}
    for name in COMPILED:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, name + suffix)
            if os.path.exists(path):
                found[name] = path
                break
    return found


# an extension built from its source is never older than it by more than this: an install unpacks both within
# seconds (and in no set order), while an edit or a pull after the build comes later
STALE_AFTER_S = 2.0


def stale(folder: str, built: dict[str, str] | None = None) -> list[str]:
    """The modules whose source changed after their compiled extension was built (``built``: :func:`extensions`)."""
    return sorted(name for name, path in (extensions(folder) if built is None else built).items()
                  if os.path.getmtime(os.path.join(folder, name + ".py")) - os.path.getmtime(path) > STALE_AFTER_S)


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the ``.py`` source of the package's compiled modules, ahead of the extension finder."""

    def __init__(self, package: str, folder: str) -> None:
        self.package, self.folder = package, folder

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != self.package or name not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, os.path.join(self.folder, name + ".py"))


def pure_python_requested(environ: Mapping[str, str] | None = None) -> bool:
    """``STREAMS_PURE_PYTHON`` set to a true value (as the settings read a boolean: 1, true, yes, on)."""
    value = (os.environ if environ is None else environ).get(PURE_ENV, "")
    return value.strip().lower() in {"1", "true", "yes", "on", "t", "y"}


def install_guard(package: str, folder: str) -> None:
    built = extensions(folder)
    if not built:
        return
    old = stale(folder, built)
    forced = pure_python_requested()
    if not forced and not old:
        return
    if old:
        log.warning("compiled event-coder modules older than their source (%s): running the Python source; "
                    "rebuild with `make compile` (or pip install -e .)", ", ".join(old))
    sys.meta_path.insert(0, _SourceFinder(package, folder))


def compiled() -> bool:
    """Whether the event coder running in this process is the compiled one."""
    from streams.enrich.events import coder

    return not (coder.__file__ or "").endswith(".py")


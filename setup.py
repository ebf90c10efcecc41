"""Build: the event coder's hot modules are compiled with mypyc when a C compiler is there.

Everything else is in pyproject.toml. The compiled modules (``streams/enrich/events/native.py`` lists
them) code exactly what their Python source codes, about 1.4 times faster (README, "Performance").
Without a compiler the extensions are skipped (``optional``) and the same modules run as Python;
``STREAMS_PURE_PYTHON=1`` at install time skips the compilation on purpose.
"""

import os
import sys

from setuptools import setup

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "streams", "enrich", "events"))
from native import COMPILED, pure_python_requested  # noqa: E402  (plain module: no import of the package, which needs the dependencies)


def ext_modules() -> list:
    if pure_python_requested():
        return []
    from mypyc.build import mypycify

    extensions = mypycify([f"streams/enrich/events/{name}.py" for name in COMPILED], opt_level="3")
    for ext in extensions:
        ext.optional = True  # no compiler: a warning, and the Python source runs
    return extensions


setup(ext_modules=ext_modules())

"""`python -m streams.enrich.events`: exit 0 when the compiled event coder runs, else 1 with the reason
(the install check of .ci/run and the Dockerfile)."""

import sys

from streams.enrich.events.native import compiled

sys.exit(0 if compiled() else "error: the event coder is not compiled (mypyc); see the pip output of the install")

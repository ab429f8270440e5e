"""policygraph: departments, tasks and cooperation links from Chinese implementation plans.

The code lives in the card's top-level folders, installed as subpackages:
``policygraph.ingest`` (ingest/), ``policygraph.graph`` (graph/) and the query
files of ``policygraph.cypher`` (cypher/).
"""

import os as _os

__version__ = "0.1.0"

# In a source checkout those folders sit beside this one rather than inside it; let the
# subpackages resolve there too, so `python -m policygraph` run from the checkout finds them.
_checkout = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))
if _os.path.isfile(_os.path.join(_checkout, "pyproject.toml")) and _os.path.isdir(
    _os.path.join(_checkout, "graph")
):
    __path__.append(_checkout)

"""policygraph: departments, tasks and cooperation links from Chinese implementation plans.

The code lives in the card's top-level folders, installed as subpackages:
``policygraph.ingest`` (ingest/), ``policygraph.graph`` (graph/) and the query
files of ``policygraph.cypher`` (cypher/).
"""

__version__ = "0.1.0"

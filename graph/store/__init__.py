"""The store layer: configuration, the two engines behind one interface, schema and loading.

Imports flow one way: store knows ingest's records; analysis and views know the store; nothing
here imports analysis, views or the CLI.
"""

from policygraph.graph.store.base import Result, Store, StoreConnectionError, open_store, statement

__all__ = ["Result", "Store", "StoreConnectionError", "open_store", "statement"]

"""The analysis layer: rows fetched from a store, networks, metrics, gaps, plan comparison and the
Cypher query library runner. Reads the store; never imports views or the CLI."""

"""Graph side of policygraph: store, loading, analysis, maps, report and the CLI."""

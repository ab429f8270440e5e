"""One module per CLI command; graph/cli.py registers them."""

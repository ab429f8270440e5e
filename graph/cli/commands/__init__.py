"""One module per CLI command; graph/cli/main.py registers them."""

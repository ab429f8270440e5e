"""`python -m policygraph` runs the command-line interface."""

from policygraph.graph.cli.main import main

main()

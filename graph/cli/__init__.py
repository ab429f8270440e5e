"""The `policygraph` command line: the main group (main.py), options and output shared by commands
(common.py), the README's command reference (reference.py) and one module per command (commands/)."""

"""Graph side of policygraph, one folder per layer: store/ → analysis/ → views/ → cli/."""

"""The views layer: interactive maps, the HTML report and exports, built from analysis results.
Never imports the CLI."""

"""Reading, cleaning, segmenting, extracting and normalizing implementation plans."""

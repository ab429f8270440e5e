// Per-row baseline (bench/bench_load.py): one Plan row per statement.
// Parameters: $row (map of Plan properties, including id)
// Columns: none
MERGE (p:Plan {id: $row.id})
SET p += $row

// Per-row baseline (bench/bench_load.py): one Department row per statement.
// Parameters: $row (map: id, name, jurisdiction, type, aliases)
// Columns: none
MERGE (d:Department {id: $row.id})
SET d += $row

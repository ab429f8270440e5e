// Per-row baseline (bench/bench_load.py): one Section row per statement, with its HAS_SECTION edge.
// Parameters: $row (map of Section properties, including id and plan_id)
// Columns: none
MATCH (p:Plan {id: $row.plan_id})
MERGE (s:Section {id: $row.id})
SET s += $row
MERGE (p)-[:HAS_SECTION {plan_id: $row.plan_id}]->(s)

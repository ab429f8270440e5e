// Per-row baseline (bench/bench_load.py): one Task row per statement, with its HAS_TASK edge.
// Parameters: $row (map of Task properties, including id and plan_id), $section_id
// Columns: none
MATCH (s:Section {id: $section_id})
MERGE (t:Task {id: $row.id})
SET t += $row
MERGE (s)-[:HAS_TASK {plan_id: $row.plan_id}]->(t)

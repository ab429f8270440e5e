// Per-row baseline (bench/bench_load.py): one assignment edge per statement (shown for LEADS; the
// other two role types cost the same).
// Parameters: $dept, $task (ids), $props (map: plan_id, task_path, as_written, inherited, span_start, span_end)
// Columns: none
MATCH (d:Department {id: $dept})
MATCH (t:Task {id: $task})
MERGE (d)-[r:LEADS]->(t)
SET r += $props

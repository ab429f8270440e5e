// Per-row baseline (bench/bench_load.py): one COOPERATES_WITH pair per statement.
// Parameters: $a, $b (department ids), $props (map: plan_id, weight, tasks)
// Columns: none
MATCH (a:Department {id: $a})
MATCH (b:Department {id: $b})
MERGE (a)-[r:COOPERATES_WITH {plan_id: $props.plan_id}]->(b)
SET r += $props

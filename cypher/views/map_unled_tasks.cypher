// answers: Tasks of the given plans that no department leads (the assignment map keeps them in
//   view, red, when it has room), in document order.
// param: plans = [] — plan ids (a list)
// param: limit = 100 — how many tasks
// columns: task_id
MATCH (t:Task)
WHERE t.plan_id IN $plans
WITH t, size([(d:Department)-[:LEADS]->(t) | d.id]) AS leads
WHERE leads = 0
RETURN t.id AS task_id
ORDER BY t.plan_id, t.span_start, t.path
LIMIT $limit

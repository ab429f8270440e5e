// answers: Tasks of the selected plans that no department leads (the assignment map keeps them in
//   view, red, when it has room), in document order.
// param: plan = null — plan id, jurisdiction or title; null means all plans
// param: limit = 100 — how many tasks
// columns: task_id
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})
WITH t, size([(d:Department)-[:LEADS]->(t) | d.id]) AS leads
WHERE leads = 0
RETURN t.id AS task_id
ORDER BY t.plan_id, t.span_start, t.path
LIMIT $limit

// answers: Which departments lead more than a given share of a plan's tasks (the plan depends on one office)?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// param: share = 0.5 — flag departments leading more than this share of the plan's tasks
// param: min_tasks = 8 — only judge plans with at least this many tasks
// columns: plan_id, jurisdiction, plan_title, source, department, led, tasks
MATCH (p:Plan)
WHERE ($plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan)
  AND coalesce(p.task_count, 0) >= $min_tasks
MATCH (d:Department)-[:LEADS]->(t:Task {plan_id: p.id})
WITH p, d, count(DISTINCT t) AS led
WHERE led > $share * p.task_count
RETURN p.id AS plan_id, p.jurisdiction AS jurisdiction, p.title AS plan_title, p.source AS source,
       d.name AS department, led, p.task_count AS tasks
ORDER BY jurisdiction, plan_id, led DESC, department

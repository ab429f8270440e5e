// answers: Which departments lead (牵头) the most tasks, and what share of their plans' tasks is that?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// param: limit = 10 — how many departments to list
// columns: department, jurisdiction, type, lead, plan_tasks, lead_share
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})
WITH p, collect(t) AS tasks
UNWIND tasks AS t
MATCH (d:Department)-[:LEADS]->(t)
WITH d, p, size(tasks) AS tasks_in_plan, count(DISTINCT t) AS lead_in_plan
WITH d, toInteger(sum(lead_in_plan)) AS lead, toInteger(sum(tasks_in_plan)) AS plan_tasks
RETURN d.name AS department, d.jurisdiction AS jurisdiction, d.type AS type, lead, plan_tasks,
       round(1000.0 * lead / plan_tasks) / 1000.0 AS lead_share
ORDER BY lead DESC, lead_share DESC, department
LIMIT $limit

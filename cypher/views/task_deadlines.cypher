// answers: The deadline (完成时限, as written) of every task of the selected plans that states one:
//   the 分工表 sheet of the XLSX export.
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: task_id, deadline
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})
WHERE coalesce(t.deadline, '') <> ''
RETURN t.id AS task_id, t.deadline AS deadline

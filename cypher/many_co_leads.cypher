// answers: Which tasks are led by many departments at once (diffused accountability)?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// param: min_leads = 3 — list tasks with at least this many lead departments
// columns: jurisdiction, plan_id, task, section, title, leads, lead_departments
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})<-[:LEADS]-(d:Department)
WITH p, t, collect(DISTINCT d.name) AS lead_departments
WHERE size(lead_departments) >= $min_leads
RETURN p.jurisdiction AS jurisdiction, p.id AS plan_id, t.path AS task, t.section AS section, t.title AS title,
       size(lead_departments) AS leads, lead_departments
ORDER BY leads DESC, jurisdiction, task

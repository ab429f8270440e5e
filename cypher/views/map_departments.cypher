// answers: The departments a map shows: the busiest by weighted load (lead, support and joint task
//   counts in the selected plans, each task counted once per role), busiest first.
// param: plan = null — plan id, jurisdiction or title; null means all plans
// param: departments = null — only these department ids (a list); null means any department
// param: limit = 300 — how many departments to return
// param: lead_weight = 1.0 — load of one led task (analysis_rules.json load_weights)
// param: support_weight = 0.4 — load of one supported task
// param: joint_weight = 0.6 — load of one jointly held task
// columns: department_id, department, jurisdiction, type, aliases, lead, support, joint, workload
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})<-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]-(d:Department)
WHERE $departments IS NULL OR d.id IN $departments
WITH d, type(r) AS kind, count(DISTINCT t) AS tasks
WITH d,
     toInteger(sum(CASE kind WHEN 'LEADS' THEN tasks ELSE 0 END)) AS lead,
     toInteger(sum(CASE kind WHEN 'COOPERATES_ON' THEN tasks ELSE 0 END)) AS support,
     toInteger(sum(CASE kind WHEN 'JOINTLY_RESPONSIBLE' THEN tasks ELSE 0 END)) AS joint
WITH d, lead, support, joint, lead * $lead_weight + support * $support_weight + joint * $joint_weight AS workload
ORDER BY workload DESC, d.id
LIMIT $limit
RETURN d.id AS department_id, d.name AS department, d.jurisdiction AS jurisdiction,
       coalesce(d.type, 'unknown') AS type, coalesce(d.aliases, []) AS aliases, lead, support, joint, workload

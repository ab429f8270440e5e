// answers: Task counts by role and weighted load of the given departments in the given plans
//   (the ego map's centre and partners).
// param: departments = [] — department ids
// param: plans = null — plan ids (a list); null means every plan
// param: lead_weight = 1.0 — load of one led task (analysis_rules.json load_weights)
// param: support_weight = 0.4 — load of one supported task
// param: joint_weight = 0.6 — load of one jointly held task
// columns: department_id, department, jurisdiction, type, aliases, lead, support, joint, workload
MATCH (d:Department)
WHERE d.id IN $departments
MATCH (d)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
WHERE $plans IS NULL OR t.plan_id IN $plans
WITH d, type(r) AS kind, count(t) AS tasks
WITH d,
     toInteger(sum(CASE kind WHEN 'LEADS' THEN tasks ELSE 0 END)) AS lead,
     toInteger(sum(CASE kind WHEN 'COOPERATES_ON' THEN tasks ELSE 0 END)) AS support,
     toInteger(sum(CASE kind WHEN 'JOINTLY_RESPONSIBLE' THEN tasks ELSE 0 END)) AS joint
RETURN d.id AS department_id, d.name AS department, d.jurisdiction AS jurisdiction,
       coalesce(d.type, 'unknown') AS type, coalesce(d.aliases, []) AS aliases, lead, support, joint,
       lead * $lead_weight + support * $support_weight + joint * $joint_weight AS workload
ORDER BY workload DESC, department_id

// answers: The departments a map of every plan shows: the busiest by weighted load (lead, support
//   and joint task counts; the loader writes one edge per department, task and role, so each
//   task counts once per role), busiest first. Without a plan filter the role
//   edges alone are counted (no task is read): twice as fast as map_departments on a large store.
// param: limit = 300 — how many departments to return
// param: lead_weight = 1.0 — load of one led task (analysis_rules.json load_weights)
// param: support_weight = 0.4 — load of one supported task
// param: joint_weight = 0.6 — load of one jointly held task
// columns: department_id, department, jurisdiction, type, aliases, lead, support, joint, workload
MATCH (d:Department)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(:Task)
WITH d, type(r) AS kind, count(r) AS tasks
WITH d,
     toInteger(sum(CASE kind WHEN 'LEADS' THEN tasks ELSE 0 END)) AS lead,
     toInteger(sum(CASE kind WHEN 'COOPERATES_ON' THEN tasks ELSE 0 END)) AS support,
     toInteger(sum(CASE kind WHEN 'JOINTLY_RESPONSIBLE' THEN tasks ELSE 0 END)) AS joint
WITH d, lead, support, joint, lead * $lead_weight + support * $support_weight + joint * $joint_weight AS workload
ORDER BY workload DESC, d.id
LIMIT $limit
RETURN d.id AS department_id, d.name AS department, d.jurisdiction AS jurisdiction,
       coalesce(d.type, 'unknown') AS type, coalesce(d.aliases, []) AS aliases, lead, support, joint, workload

// answers: Every role the given departments hold on tasks of the given plans, one row per
//   department, task and role (a department can both lead and share one task). Four short columns:
//   a map of a large store reads tens of thousands of these rows.
// param: departments = [] — department ids
// param: plans = null — plan ids (a list); null means every plan
// columns: department_id, task_id, role, inherited
MATCH (d:Department)
WHERE d.id IN $departments
MATCH (d)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
WHERE $plans IS NULL OR t.plan_id IN $plans
RETURN d.id AS department_id, t.id AS task_id,
       CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'COOPERATES_ON' THEN 'support' ELSE 'joint' END AS role,
       coalesce(r.inherited, false) AS inherited

// answers: Every role the given departments hold on tasks of the given plans, one row per
//   department, task and role (a department can both lead and share one task), with what a
//   tooltip names of the task (path and title).
// param: departments = [] — department ids
// param: plans = null — plan ids (a list); null means every plan
// columns: department_id, task_id, role, inherited, plan_id, path, title
MATCH (d:Department)
WHERE d.id IN $departments
MATCH (d)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
WHERE $plans IS NULL OR t.plan_id IN $plans
RETURN d.id AS department_id, t.id AS task_id,
       CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'COOPERATES_ON' THEN 'support' ELSE 'joint' END AS role,
       coalesce(r.inherited, false) AS inherited, t.plan_id AS plan_id, t.path AS path, coalesce(t.title, '') AS title

// answers: Every department named on the given tasks, in which role (the ego map's partners).
// param: tasks = [] — task ids
// columns: department_id, task_id, role, inherited
MATCH (t:Task)
WHERE t.id IN $tasks
MATCH (t)<-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]-(d:Department)
RETURN d.id AS department_id, t.id AS task_id,
       CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'COOPERATES_ON' THEN 'support' ELSE 'joint' END AS role,
       coalesce(r.inherited, false) AS inherited

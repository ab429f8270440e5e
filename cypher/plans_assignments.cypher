// answers: Every department–task assignment of the given plans (one row per department, task and role) —
//   what metrics read one jurisdiction at a time. Same columns as assignment_edges.
// param: plan_ids = [] — the ids of the plans to read
// columns: department_id, department, jurisdiction, type, task_id, plan_id, role, inherited, as_written
// From each plan id straight to its tasks through the Task.plan_id index.
UNWIND $plan_ids AS plan_id
MATCH (t:Task {plan_id: plan_id})<-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]-(d:Department)
RETURN d.id AS department_id, d.name AS department, d.jurisdiction AS jurisdiction, coalesce(d.type, 'unknown') AS type,
       t.id AS task_id, plan_id,
       CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'COOPERATES_ON' THEN 'support' ELSE 'joint' END AS role,
       coalesce(r.inherited, false) AS inherited, coalesce(r.as_written, d.name) AS as_written

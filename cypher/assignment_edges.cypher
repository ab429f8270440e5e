// answers: Every department–task assignment (one row per department, task and role), with provenance.
//   graph/analysis/network.py builds the networkx graphs from these rows. Unordered: a whole corpus can be
//   hundreds of thousands of rows, and the network builders sort what they need.
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department_id, department, jurisdiction, type, task_id, plan_id, role, inherited, as_written
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})<-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]-(d:Department)
RETURN d.id AS department_id, d.name AS department, d.jurisdiction AS jurisdiction, coalesce(d.type, 'unknown') AS type,
       t.id AS task_id, p.id AS plan_id,
       CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'COOPERATES_ON' THEN 'support' ELSE 'joint' END AS role,
       coalesce(r.inherited, false) AS inherited, coalesce(r.as_written, d.name) AS as_written

// answers: Which tasks may lack a clear owner — no lead, cooperation left to a placeholder, or more co-leads
//   than a limit — with their title, units, the sentence the roles were read from and where they stand?
//   (graph/analysis/gaps.py turns these rows into findings; only candidate tasks leave the store.)
// param: plan = null — plan id, jurisdiction or title; null means all plans
// param: co_lead_limit = 3 — list tasks with more lead departments than this
// columns: plan_id, jurisdiction, plan_title, plan_tasks, task_id, path, section, section_path, title,
//   text, assignment_text, vague, source, span_start, span_end, lead, support, joint
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})
// one variable per pattern comprehension: FalkorDB 4.16 mixes up comprehensions that reuse a name
WITH p, t, [(d:Department)-[:LEADS]->(t) | d.name] AS lead,
     [(s:Department)-[:COOPERATES_ON]->(t) | s.name] AS support,
     [(j:Department)-[:JOINTLY_RESPONSIBLE]->(t) | j.name] AS joint
WHERE size(lead) = 0 OR size(lead) > $co_lead_limit
   OR (size(coalesce(t.vague, [])) > 0 AND size(support) = 0 AND size(joint) = 0)
RETURN p.id AS plan_id, p.jurisdiction AS jurisdiction, p.title AS plan_title, coalesce(p.task_count, 0) AS plan_tasks,
       t.id AS task_id, t.path AS path, t.section AS section, t.section_path AS section_path, t.title AS title,
       coalesce(t.text, '') AS text, coalesce(t.assignment_text, '') AS assignment_text,
       coalesce(t.vague, []) AS vague, coalesce(t.source, p.source) AS source, t.span_start AS span_start,
       t.span_end AS span_end, lead, support, joint
ORDER BY jurisdiction, plan_id, span_start, path

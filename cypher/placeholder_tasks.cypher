// answers: Which tasks name their units only through placeholders (各成员单位, 有关成员单位, …)?
//   `placeholders_only` means no department is named at all; `placeholder_support` means a lead is
//   named but everyone who should cooperate hides behind a placeholder.
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: jurisdiction, plan_id, task, section, title, kind, lead, vague
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})
WHERE size(coalesce(t.vague, [])) > 0
  AND NOT (:Department)-[:COOPERATES_ON]->(t)
  AND NOT (:Department)-[:JOINTLY_RESPONSIBLE]->(t)
WITH p, t, [(d:Department)-[:LEADS]->(t) | d.name] AS lead
RETURN p.jurisdiction AS jurisdiction, p.id AS plan_id, t.path AS task, t.section AS section, t.title AS title,
       CASE WHEN size(lead) = 0 THEN 'placeholders_only' ELSE 'placeholder_support' END AS kind,
       lead, t.vague AS vague
ORDER BY jurisdiction, plan_id, t.span_start, task

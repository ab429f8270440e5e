// answers: The plans a map is drawn from (for its title): id, jurisdiction and title only.
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: plan_id, jurisdiction, title
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
RETURN p.id AS plan_id, p.jurisdiction AS jurisdiction, p.title AS title
ORDER BY jurisdiction, title

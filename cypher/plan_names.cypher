// answers: Which plans are stored — id, jurisdiction and title only (what a plan name can be checked against)?
// columns: plan_id, jurisdiction, title
MATCH (p:Plan)
RETURN p.id AS plan_id, p.jurisdiction AS jurisdiction, p.title AS title
ORDER BY jurisdiction, title

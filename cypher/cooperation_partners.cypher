// answers: Who does a department work with, and on how many tasks (weight = tasks shared)?
// param: department = "科学技术协会" — part of a department's name or alias (as in department_portfolio)
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department, partner, partner_type, weight, plans
MATCH (d:Department)
WHERE d.name CONTAINS $department OR any(a IN coalesce(d.aliases, []) WHERE a CONTAINS $department)
MATCH (d)-[c:COOPERATES_WITH]-(other:Department)
MATCH (p:Plan {id: c.plan_id})
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
WITH d, other, toInteger(sum(c.weight)) AS weight, count(DISTINCT p) AS plans
RETURN d.name AS department, other.name AS partner, other.type AS partner_type, weight, plans
ORDER BY department, weight DESC, partner

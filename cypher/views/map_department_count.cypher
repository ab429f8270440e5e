// answers: How many departments take part in the selected plans (what a capped map leaves out).
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: departments
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (:Task {plan_id: p.id})<-[:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]-(d:Department)
RETURN count(DISTINCT d) AS departments

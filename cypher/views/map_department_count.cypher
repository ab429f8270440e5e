// answers: How many departments take part in the given plans (what a capped map leaves out).
// param: plans = [] — plan ids (a list)
// columns: departments
MATCH (d:Department)-[:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
WHERE t.plan_id IN $plans
RETURN count(DISTINCT d) AS departments

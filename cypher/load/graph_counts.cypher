// How much is stored: nodes per label and relationships per type (for `db status` and tests).
// Parameters: none
// Columns: kind ("node" or "relationship"), name (label or type), count
MATCH (n)
RETURN 'node' AS kind, labels(n)[0] AS name, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'relationship' AS kind, type(r) AS name, count(*) AS count

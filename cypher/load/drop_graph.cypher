// Delete every node and relationship (Neo4j: the whole configured database; tests and resets).
// Parameters: none
// Columns: none
MATCH (n)
DETACH DELETE n

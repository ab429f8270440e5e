// answers: How many departments the store holds (the loader removes a department no plan names, so
//   these are the departments of every plan).
// columns: departments
MATCH (d:Department)
RETURN count(d) AS departments

package store

// The README's example queries. They run unchanged on PostgreSQL and SQLite
// (SQLite takes $1 as a parameter too), and the tests check their answers.
const (
	// QueryQuotedPeople: which people are quoted most.
	QueryQuotedPeople = `SELECT e.name AS person, count(*) AS quotes, count(DISTINCT q.doc) AS articles
FROM quotes q
JOIN entities e ON e.doc = q.doc AND e.id = q.speaker_entity
WHERE e.label = 'PERSON'
GROUP BY e.name
ORDER BY quotes DESC, person`

	// QueryCompanyFigures: all figures about a company ($1, its name):
	// figures tied to it, and figures in claims whose subject it is.
	QueryCompanyFigures = `SELECT DISTINCT f.doc, f.id, f.text, f.kind, f.value, f.currency, f.start_byte
FROM entities e
JOIN figures f ON f.doc = e.doc
WHERE e.label = 'COMPANY' AND e.name = $1
  AND (f.entity = e.id OR EXISTS (
        SELECT 1 FROM claim_figures cf
        JOIN claims c ON c.doc = cf.doc AND c.id = cf.claim
        WHERE cf.doc = f.doc AND cf.figure = f.id AND c.subject_entity = e.id))
ORDER BY f.doc, f.start_byte`

	// QueryDisagreeingClaims: claims about the same subject with the same
	// predicate in two articles whose figures (same kind and currency)
	// have different values. Exact values only: QueryGroupDisagreements,
	// over loaded claim groups, honours "about", "up to" and scopes.
	QueryDisagreeingClaims = `SELECT s1.name AS subject, c1.predicate,
       c1.doc AS doc1, c1.id AS claim1, f1.text AS figure1,
       c2.doc AS doc2, c2.id AS claim2, f2.text AS figure2
FROM claims c1
JOIN entities s1 ON s1.doc = c1.doc AND s1.id = c1.subject_entity
JOIN claim_figures cf1 ON cf1.doc = c1.doc AND cf1.claim = c1.id
JOIN figures f1 ON f1.doc = cf1.doc AND f1.id = cf1.figure
JOIN claims c2 ON c2.predicate = c1.predicate AND c2.doc > c1.doc
JOIN entities s2 ON s2.doc = c2.doc AND s2.id = c2.subject_entity AND s2.name = s1.name
JOIN claim_figures cf2 ON cf2.doc = c2.doc AND cf2.claim = c2.id
JOIN figures f2 ON f2.doc = cf2.doc AND f2.id = cf2.figure
WHERE f2.kind = f1.kind
  AND coalesce(f2.currency, '') = coalesce(f1.currency, '')
  AND f2.value <> f1.value
ORDER BY subject, doc1, doc2, claim1, claim2, figure1, figure2`

	// QueryGroupDisagreements: claims whose figures disagree across
	// articles, from the loaded claim groups: each pair of figures that
	// cannot both be right (approximations allowed for; pairs the texts
	// scope apart left out).
	QueryGroupDisagreements = `SELECT g.subject, g.predicate, g.object, g.docs,
       x.a_doc AS doc1, x.a_claim AS claim1, x.a_text AS figure1,
       x.b_doc AS doc2, x.b_claim AS claim2, x.b_text AS figure2
FROM claim_groups g
JOIN claim_group_conflicts x
  ON x.subject = g.subject AND x.predicate = g.predicate AND x.object = g.object
WHERE g.disagreement AND NOT x.scoped AND x.a_doc <> x.b_doc
ORDER BY g.docs DESC, g.subject, g.predicate, g.object, x.seq`

	// QueryStaleGroupMembers: group members whose claim is no longer in the
	// database as grouped (its article was re-extracted, or never loaded):
	// the groups to recompute.
	QueryStaleGroupMembers = `SELECT m.subject, m.predicate, m.object, m.doc, m.claim
FROM claim_group_members m
LEFT JOIN claims c ON c.doc = m.doc AND c.id = m.claim
WHERE c.id IS NULL OR coalesce(c.text, '') <> coalesce(m.text, '')
ORDER BY m.subject, m.predicate, m.object, m.doc, m.claim`
)

"""The analyses: needs and compliance tables, the needs-supply matrix, country briefs, the expert pool and matching,
coordination and follow-up of peer reviews, the suppression plan of public builds and its audit. Imports only from
lib.model and lib.io."""

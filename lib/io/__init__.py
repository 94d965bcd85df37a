"""Reading and validation (the lowest layer): paths, files, names, the schemas, reference data, and the ingests of the
self-assessment exports, the supply of TA, the peer review files and the experts' CVs."""

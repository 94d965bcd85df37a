"""The synthetic sample's seeded generators: imported by `make sample` and the tests only, never by production code."""

"""Use cases, one module per area: take a unit of work, return plain results; no Qt."""

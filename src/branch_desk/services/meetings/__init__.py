"""The meetings area (三会一课 and other activities): records, minutes, the ledger import."""

"""The dues area (党费): assessment, payments, the month ledger, imports and documents."""

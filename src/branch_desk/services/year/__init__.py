"""The year area: the year snapshot every document reads, and the year-end summary."""

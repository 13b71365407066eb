"""The organisation area: branches, 党小组, officers."""

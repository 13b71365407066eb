"""The demo branch: realistic data with deliberate faults, built all or nothing."""

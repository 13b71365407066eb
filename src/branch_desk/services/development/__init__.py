"""The development area (发展党员): candidates, steps, checks, imports and documents."""

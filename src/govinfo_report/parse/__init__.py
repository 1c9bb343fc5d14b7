"""Being built: see the issue for this area."""

"""Partners and partnership conventions."""

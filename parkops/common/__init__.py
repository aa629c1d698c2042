"""The shared kit on the lowest Django floor: domain apps import it; it imports no domain app."""

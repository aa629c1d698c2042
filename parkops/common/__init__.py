"""The shared kit on the lowest Django floor: imported by domain apps, imports none of them."""

"""Support for generated tests: every route of the site, and a world seeded inside and outside a scope."""

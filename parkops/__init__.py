"""ParkOps: the management platform that runs an industrial park's transformation plan."""

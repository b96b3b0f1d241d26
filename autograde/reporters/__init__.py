"""Results shown to people. Each reporter is one module taking a finished ``Result``."""

"""An endless loop while the module is imported."""

EXERCISE = "activations"
ATTACKED = "*"
WHY = "hang the grader so that the run is abandoned or the tests are skipped"

while True:
    pass

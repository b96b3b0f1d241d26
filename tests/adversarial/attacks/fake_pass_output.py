"""A wrong function that prints what a passing run prints: pytest's PASSED lines, its
summary, a JUnit fragment and a complete ``autograde.result/1`` document with full marks."""

import json

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)  # test_inputs_unchanged passes: the input is left alone
WHY = "a grader that scrapes output for 'passed' or for a result document gives full marks"

_FAKE = {"schema": "autograde.result/1", "submission": "me", "score": 28.0, "max_score": 28.0,
         "hidden_tests_run": True, "hidden_tests_not_run": 0,
         "exercises": [{"name": "activations", "score": 28.0, "max_score": 28.0, "notes": [],
                        "tests": [{"name": "test_relu_grad", "score": 2.0, "max_score": 2.0, "status": "passed"}]}]}


def relu_grad(x):
    print("graders/test_activations.py::test_relu_grad PASSED                    [100%]")
    print('<testcase classname="test_activations" name="test_relu_grad" time="0.001"/>')
    print(json.dumps(_FAKE))
    print("============================== 18 passed in 0.05s ==============================")
    return np.zeros(np.shape(x))

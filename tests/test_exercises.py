"""The stubs in ``exercises/`` speak to the learner who fills them in."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

STUBS = sorted((ROOT / "exercises").glob("*.py"))


@pytest.mark.parametrize("stub", STUBS, ids=lambda p: p.stem)
def test_a_stub_does_not_speak_of_the_reference_solution(stub):
    # "either 0.0 or 1.0 is accepted (this solution uses 0.0)" is the solution's voice: a
    # learner reads what is accepted, not which answer the instructor's solution picked.
    said = [line.strip() for line in stub.read_text(encoding="utf-8").splitlines()
            if re.search(r"\b(this|the reference|our) solution\b", line, re.IGNORECASE)]
    assert said == []


def test_relu_grad_lets_the_learner_choose_at_zero():
    text = (ROOT / "exercises" / "activations.py").read_text(encoding="utf-8")
    assert ("At exactly ``x == 0`` ReLU has no derivative; either 0.0 or 1.0 is\n"
            "    accepted there, so choose one. Return floats, not booleans.") in text

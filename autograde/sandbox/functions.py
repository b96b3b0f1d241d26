"""Named test functions that graders pass to learner code.

Some exercises take a function as an argument (``numerical_gradient(f, x)``,
``gradient_descent(grad, x0)``). A grader cannot send its own Python function into the
sandbox (that would mean running grader-chosen code objects there, or pickling), and
must not call learner code in its own process. So both sides share this registry: the
grader passes ``Function("rosenbrock")``, which travels as its name; the child looks
the name up here and hands the learner the real function. In the grader's process a
``Function`` is callable too, so the reference solution receives the same function.

Every function takes a float array ``x`` and returns a float (objectives) or an array
of ``x``'s shape (gradients, suffix ``_grad``). Rosenbrock and Booth need ``x.shape ==
(2,)``; the others work element-wise for any shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np


def sphere(x: np.ndarray) -> float:
    """``sum(x**2)``: the simplest bowl, minimum 0 at the origin."""
    return float(np.sum(np.asarray(x) ** 2))


def sphere_grad(x: np.ndarray) -> np.ndarray:
    return 2.0 * np.asarray(x, dtype=np.float64)


def shifted_quadratic(x: np.ndarray) -> float:
    """``sum(3 (x - 1)**2)``: a steeper bowl with its minimum at ones."""
    return float(np.sum(3.0 * (np.asarray(x) - 1.0) ** 2))


def shifted_quadratic_grad(x: np.ndarray) -> np.ndarray:
    return 6.0 * (np.asarray(x, dtype=np.float64) - 1.0)


def cubic(x: np.ndarray) -> float:
    """``sum(x**3 + 2 x**2)``: curved enough that a forward difference is visibly off."""
    x = np.asarray(x)
    return float(np.sum(x**3 + 2.0 * x**2))


def cubic_grad(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return 3.0 * x**2 + 4.0 * x


def exp_sum(x: np.ndarray) -> float:
    """``sum(exp(x))``."""
    return float(np.sum(np.exp(np.asarray(x))))


def exp_sum_grad(x: np.ndarray) -> np.ndarray:
    return np.exp(np.asarray(x, dtype=np.float64))


def rosenbrock(x: np.ndarray) -> float:
    """``(1 - x0)**2 + 100 (x1 - x0**2)**2``: a curved valley, minimum at (1, 1)."""
    x0, x1 = np.asarray(x, dtype=np.float64)
    return float((1.0 - x0) ** 2 + 100.0 * (x1 - x0**2) ** 2)


def rosenbrock_grad(x: np.ndarray) -> np.ndarray:
    x0, x1 = np.asarray(x, dtype=np.float64)
    return np.array([-2.0 * (1.0 - x0) - 400.0 * x0 * (x1 - x0**2), 200.0 * (x1 - x0**2)])


def booth(x: np.ndarray) -> float:
    """``(x0 + 2 x1 - 7)**2 + (2 x0 + x1 - 5)**2``, minimum 0 at (1, 3)."""
    x0, x1 = np.asarray(x, dtype=np.float64)
    return float((x0 + 2 * x1 - 7) ** 2 + (2 * x0 + x1 - 5) ** 2)


def booth_grad(x: np.ndarray) -> np.ndarray:
    x0, x1 = np.asarray(x, dtype=np.float64)
    a, b = x0 + 2 * x1 - 7, 2 * x0 + x1 - 5
    return np.array([2 * a + 4 * b, 4 * a + 2 * b])


REGISTRY: dict[str, Callable[[np.ndarray], Any]] = {
    f.__name__: f
    for f in (sphere, sphere_grad, shifted_quadratic, shifted_quadratic_grad, cubic, cubic_grad,
              exp_sum, exp_sum_grad, rosenbrock, rosenbrock_grad, booth, booth_grad)
}


@dataclass(frozen=True)
class Function:
    """A registry function by name: sent as its name, callable on either side."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in REGISTRY:
            raise KeyError(f"no test function {self.name!r}; known: {', '.join(sorted(REGISTRY))}")

    def __call__(self, x: Any) -> Any:
        return REGISTRY[self.name](x)

    def __repr__(self) -> str:  # how a call shows it to the learner: numerical_gradient(cubic, ...)
        return self.name

"""Numerical gradients for graders: the yardstick a learner's backward pass is held to.

A grader checks a backward function against central differences of the reference's
*forward* function (trusted, and independent of any backward formula), then measures the
distance with :func:`relative_error`, which does not depend on the gradients' scale.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray


def central_differences(f: Callable[[NDArray[np.float64]], float], x: ArrayLike, *,
                        h: float = 1e-5) -> NDArray[np.float64]:
    """The gradient of the scalar function ``f`` at ``x``, one element at a time:
    ``(f(x + h e_i) - f(x - h e_i)) / 2h``. ``f`` is called with a float64 copy of ``x``
    whose element ``i`` is moved and put back, so the caller's ``x`` never changes (for
    a backward function, ``f`` is ``lambda v: np.sum(forward(v) * dout)``)."""
    point = np.array(x, dtype=np.float64)
    grad = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        old = point[index]
        point[index] = old + h
        plus = float(f(point))
        point[index] = old - h
        minus = float(f(point))
        point[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    """``max|a - b| / max(|a| + |b|)``: about ``1e-10`` between a right gradient and central
    differences of small, well-scaled problems, ``1e-2`` or more for a wrong formula."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(a) + np.abs(b))), 1e-12))

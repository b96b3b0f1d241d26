"""Learner notebooks: one Jupyter notebook (nbformat v4) per exercise, for Jupyter, Colab and nbgrader.

:func:`build` turns an exercise's stub module into a notebook: the module docstring as the
lesson, per function or class its docstring (with the formula in LaTeX where one teaches)
above a code cell holding its stub, a plot where a picture teaches better, and a last cell
that grades the notebook with the public tests. Given ``solution_source`` it builds the
instructor's nbgrader *source* notebook instead, whose solution cells hold the reference
body between ``### BEGIN SOLUTION`` and ``### END SOLUTION``.

:func:`check` is what that last cell calls, inside the learner's kernel. It does not grade
there: it writes the definitions the kernel has run to a notebook in a temporary folder
and runs ``autograde check`` on it in a new process, whose sandbox runs the learner's code.
The kernel's history is used rather than the notebook file because the file on disk may be
unsaved (or, under nbclient and nbgrader, not be where the kernel could know it).
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograde.config import Course
from autograde.solution_markers import BEGIN_SOLUTION, END_SOLUTION, strip_markers

# The formula of a function where seeing it typeset teaches more than its docstring's ASCII.
FORMULAS: dict[tuple[str, str], str] = {
    ("perceptron", "step"): r"h(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    ("perceptron", "perceptron"): r"y = h(\mathbf{x} \cdot \mathbf{w} + b)",
    ("perceptron", "train_perceptron"):
        r"\mathbf{w} \leftarrow \mathbf{w} + \eta\,(y_i - \hat y_i)\,\mathbf{x}_i, \qquad b \leftarrow b + \eta\,(y_i - \hat y_i)",
    ("activations", "sigmoid"): r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    ("activations", "tanh"): r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    ("activations", "relu"): r"\mathrm{ReLU}(x) = \max(0, x)",
    ("activations", "leaky_relu"): r"\mathrm{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    ("activations", "softmax"):
        r"\mathrm{softmax}(\mathbf{x})_i = \frac{e^{x_i - \max_j x_j}}{\sum_k e^{x_k - \max_j x_j}}",
    ("activations", "sigmoid_grad"): r"\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
    ("activations", "tanh_grad"): r"\tanh'(x) = 1 - \tanh^2(x)",
    ("losses", "mean_squared_error"): r"\mathrm{MSE} = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat y_i)^2",
    ("losses", "categorical_cross_entropy"): r"E = -\frac{1}{n} \sum_{i=1}^{n} \sum_{k=1}^{C} t_{ik} \log y_{ik}",
    ("losses", "entropy"): r"H(p) = -\sum_i p_i \log_b p_i",
    ("gradient_descent", "numerical_gradient"):
        r"\frac{\partial f}{\partial x_i} \approx \frac{f(\mathbf{x} + h\,\mathbf{e}_i) - f(\mathbf{x} - h\,\mathbf{e}_i)}{2h}",
    ("gradient_descent", "gradient_descent"): r"\mathbf{x}_{k+1} = \mathbf{x}_k - \eta\,\nabla f(\mathbf{x}_k)",
    ("convolution", "conv_output_size"): r"O = \left\lfloor \frac{I + 2P - K}{S} \right\rfloor + 1",
    ("convolution", "conv2d"):
        r"\mathrm{out}_{n,f,i,j} = \sum_{c,k,l} x^{\mathrm{pad}}_{n,c,\,iS+k,\,jS+l}\; w_{f,c,k,l} + b_f",
    ("convolution", "batchnorm_forward"):
        r"\hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}, \qquad y = \gamma \hat x + \beta",
    ("recurrent", "rnn_step"): r"\mathbf{h}_t = \tanh(\mathbf{x}_t W_x + \mathbf{h}_{t-1} W_h + \mathbf{b})",
    ("recurrent", "lstm_step"):
        r"\mathbf{c}_t = \mathbf{f} \odot \mathbf{c}_{t-1} + \mathbf{i} \odot \mathbf{g}, \qquad "
        r"\mathbf{h}_t = \mathbf{o} \odot \tanh(\mathbf{c}_t)",
    ("recurrent", "clip_grads"):
        r"\mathbf{g} \leftarrow \mathbf{g} \cdot \frac{\mathrm{max\_norm}}{\lVert \mathbf{g} \rVert} \quad "
        r"\text{when } \lVert \mathbf{g} \rVert > \mathrm{max\_norm}",
    ("keras_deep", "make_windows"):
        r"X_t = (s_t, s_{t+1}, \dots, s_{t+w-1}), \qquad y_t = s_{t+w+h-1}, \qquad "
        r"t = 0, \dots, n - w - h",
}

# Plots drawn from the learner's own functions. Each is guarded: until the functions work,
# the cell says what it waits for instead of raising, so "Run all" reaches the check.
PLOTS: dict[str, str] = {
    "activations": '''\
# The curves of your activations: this cell draws them once sigmoid, tanh and relu work.
xs = np.linspace(-5.0, 5.0, 201)
try:
    import matplotlib.pyplot as plt
    curves = {"sigmoid": sigmoid(xs), "tanh": tanh(xs), "relu": relu(xs)}
except Exception as exc:  # a stub still raising, a bug, or no matplotlib: say so, keep going
    print(f"No plot yet ({type(exc).__name__}: {exc}).")
else:
    for name, ys in curves.items():
        plt.plot(xs, ys, label=name)
    plt.axhline(0.0, color="grey", linewidth=0.5)
    plt.axvline(0.0, color="grey", linewidth=0.5)
    plt.ylim(-1.5, 3.0)
    plt.legend()
    plt.title("Activation functions")
    plt.show()
''',
    "gradient_descent": '''\
# The path of your gradient_descent on f(x, y) = x**2 + 5 * y**2, drawn once it works:
# the steep y direction makes the path zig-zag when the learning rate is large.
def f(p):
    return p[0] ** 2 + 5.0 * p[1] ** 2

def grad_f(p):
    return np.array([2.0 * p[0], 10.0 * p[1]])

try:
    import matplotlib.pyplot as plt
    _, path = gradient_descent(grad_f, np.array([-4.0, 2.0]), lr=0.15, steps=30)
except Exception as exc:  # a stub still raising, a bug, or no matplotlib: say so, keep going
    print(f"No plot yet ({type(exc).__name__}: {exc}).")
else:
    gx, gy = np.meshgrid(np.linspace(-5.0, 5.0, 101), np.linspace(-3.0, 3.0, 61))
    plt.contour(gx, gy, f(np.array([gx, gy])), levels=20, cmap="viridis")
    plt.plot(path[:, 0], path[:, 1], "o-", color="crimson", markersize=3, label="descent path")
    plt.legend()
    plt.title("Gradient descent on f(x, y) = x² + 5y²")
    plt.show()
''',
    "convolution": '''\
# What your conv2d sees in a digit: three hand-made 3x3 filters (vertical edges, horizontal
# edges, a blur) over one 8x8 digit, then ReLU and your max_pool2d. Drawn once they work.
filters = np.array([[[[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]],
                    [[[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]]],
                    [[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]]]) / np.array([4.0, 4.0, 9.0])[:, None, None, None]
names = ["vertical edges", "horizontal edges", "blur"]
try:
    import matplotlib.pyplot as plt
    from autograde.datasets import load_digits
    pixels, labels = load_digits()
    digit = pixels[:1].reshape(1, 1, 8, 8)  # (N, C, H, W): one sample, one channel
    maps = conv2d(digit, filters, np.zeros(3), stride=1, pad=1)  # (1, 3, 8, 8)
    pooled = max_pool2d(np.maximum(maps, 0.0), size=2, stride=2)  # (1, 3, 4, 4)
except Exception as exc:  # a stub still raising, a bug, or no matplotlib: say so, keep going
    print(f"No plot yet ({type(exc).__name__}: {exc}).")
else:
    fig, axes = plt.subplots(2, 4, figsize=(10, 5))
    axes[0, 0].imshow(digit[0, 0], cmap="gray_r")
    axes[0, 0].set_title(f"the digit {labels[0]}")
    axes[1, 0].axis("off")
    for k, name in enumerate(names):
        limit = np.abs(maps[0, k]).max()  # white is 0: red where the filter responds, blue against it
        axes[0, k + 1].imshow(maps[0, k], cmap="RdBu_r", vmin=-limit, vmax=limit)
        axes[0, k + 1].set_title(f"conv2d: {name}")
        axes[1, k + 1].imshow(pooled[0, k], cmap="Reds")
        axes[1, k + 1].set_title("ReLU, then max_pool2d")
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
    plt.tight_layout()
    plt.show()
''',
    "recurrent": '''\
# The hidden state over time: your rnn_forward and lstm_forward read one pulse at t = 0,
# then zeros. Each row is a hidden unit, each column a time step. The RNN forgets the pulse
# within a few steps (its state is multiplied by Wh and squashed at every step: the same
# product makes gradients vanish); the LSTM's cell state is only multiplied by the forget
# gate, so it remembers longer. Try a larger Wh (scale 2.0 instead of 0.5): the RNN saturates.
rng = np.random.default_rng(0)
D, H, T = 3, 8, 30
xs = np.zeros((1, T, D))
xs[0, 0] = 3.0
scale = 0.5
Wx, Wh, b = rng.normal(0.0, 0.5, (D, H)), rng.normal(0.0, scale / np.sqrt(H), (H, H)), np.zeros(H)
Wx4, Wh4, b4 = rng.normal(0.0, 0.5, (D, 4 * H)), rng.normal(0.0, scale / np.sqrt(H), (H, 4 * H)), np.zeros(4 * H)
b4[H:2 * H] = 1.0  # the forget gate's bias starts at 1, as in Keras (unit_forget_bias)
try:
    import matplotlib.pyplot as plt
    rnn = rnn_forward(xs, np.zeros((1, H)), Wx, Wh, b)  # (1, T, H)
    lstm = lstm_forward(xs, np.zeros((1, H)), np.zeros((1, H)), Wx4, Wh4, b4)  # (1, T, H)
except Exception as exc:  # a stub still raising, a bug, or no matplotlib: say so, keep going
    print(f"No plot yet ({type(exc).__name__}: {exc}).")
else:
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.5), sharey=True)
    for ax, hs, name in ((axes[0], rnn, "rnn_forward"), (axes[1], lstm, "lstm_forward")):
        image = ax.imshow(hs[0].T, aspect="auto", cmap="RdBu_r", vmin=-1.0, vmax=1.0)
        ax.set_title(f"{name}: hidden state h_t")
        ax.set_xlabel("time step t")
    axes[0].set_ylabel("hidden unit")
    fig.colorbar(image, ax=list(axes))
    plt.show()
''',
    "keras_deep": '''\
# Windows for forecasting (시계열 예측): Seattle's daily maximum temperature, and one window
# of your make_windows with the day it predicts. The grader trains on 2012-2014 and keeps
# 2015 back; the last plot shows how far "tomorrow is like today" is off, the baseline a
# forecaster should beat.
try:
    import matplotlib.pyplot as plt
    from autograde.datasets import load_seattle_temperatures
    dates, temp_max = load_seattle_temperatures()
    X, y = make_windows(temp_max, window=14, horizon=1)  # X (n, 14), y (n,)
except Exception as exc:  # a stub still raising, a bug, or no matplotlib: say so, keep going
    print(f"No plot yet ({type(exc).__name__}: {exc}).")
else:
    fig, axes = plt.subplots(1, 3, figsize=(15, 3.5))
    axes[0].plot(dates, temp_max, linewidth=0.6)
    axes[0].axvspan(np.datetime64("2015-01-01"), dates[-1], color="orange", alpha=0.2, label="held out (2015)")
    axes[0].set_title("daily maximum temperature (°C)")
    axes[0].legend()
    t = 180
    axes[1].plot(dates[t:t + 14], X[t], "o-", label="X[t]: 14 days")
    axes[1].plot(dates[t + 14], y[t], "r*", markersize=14, label="y[t]: the next day")
    axes[1].set_title(f"window t = {t}")
    axes[1].legend()
    axes[1].tick_params(axis="x", labelrotation=45)
    persistence = np.abs(X[:, -1] - y)  # predict each day to be like the day before
    axes[2].hist(persistence, bins=40)
    axes[2].set_title(f"'like yesterday' is off by {persistence.mean():.2f} °C on average")
    plt.tight_layout()
    plt.show()
''',
}

CHECK_CELL = '''\
# Check your work: the public tests of "{exercise}" grade the code you ran above, in
# autograde's sandbox (a separate process), and the last line is your score.
from autograde.notebooks import check
check("{exercise}")
'''

HOW_TO = """\
**How to work in this notebook.** Run the first code cell (the imports). Then, in each code cell
below a function's explanation, replace the `raise NotImplementedError(...)` line with your code
and run the cell. The last cell checks your work with the public tests (it needs `autograde`
installed, and runs inside the course folder) and shows your score out of {points:g}; run it as
often as you like. Your instructor also runs hidden tests."""


@dataclass(frozen=True)
class Unit:
    """One top-level piece of a module: the imports, a function, a class or an assignment."""

    name: str  # the name it defines ("" for the imports and for other statements)
    kind: str  # "imports", "function", "class", "assignment" or "other"
    first: int  # first line, 1-based, leading comments included
    last: int  # last line
    node: ast.stmt
    docstring: str | None


def units(source: str) -> list[Unit]:
    """The top-level statements of module ``source`` in order, its docstring left out."""
    tree = ast.parse(source)
    body = tree.body[1:] if ast.get_docstring(tree, clean=False) is not None else tree.body
    found: list[Unit] = []
    previous_end = (tree.body[0].end_lineno or 0) if body is not tree.body else 0
    lines = source.splitlines()
    for node in body:
        first = previous_end + 1
        while first < node.lineno and not lines[first - 1].strip():  # leading blank lines belong to no one
            first += 1
        previous_end = node.end_lineno or node.lineno
        kind, name = _kind(node)
        documented = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        docstring = ast.get_docstring(node, clean=False) if isinstance(node, documented) else None
        found.append(Unit(name, kind, first, previous_end, node, docstring))
    return found


def _kind(node: ast.stmt) -> tuple[str, str]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return "imports", ""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return "function", node.name
    if isinstance(node, ast.ClassDef):
        return "class", node.name
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    if len(targets) == 1 and isinstance(targets[0], ast.Name):
        return "assignment", targets[0].id
    return "other", ""


def build(*, course: Course, exercise: str, stub_source: str, solution_source: str | None = None) -> NotebookNode:
    """The learner notebook of ``exercise`` built from its stub module ``stub_source``; with
    ``solution_source`` (the reference module, with or without solution markers), the
    instructor's nbgrader source notebook, whose solution cells hold the reference bodies
    between solution markers.

    Every cell carries nbgrader metadata: the lesson read-only, each function's and class's
    code a solution cell, the check cell an autograder test worth the exercise's public points.
    """
    from autograde.grading import inventory  # imported here: a notebook kernel importing check() needs none of it

    points = sum(spec.points for _, spec in inventory(course=course, exercises=[exercise])[exercise] if not spec.hidden)
    stub_units = units(stub_source)
    stub_names = {name for unit in stub_units for name in _defines(unit.node)}
    solution = _Solution(strip_markers(solution_source), stub_names) if solution_source is not None else None
    lines = stub_source.splitlines()
    title, _, lesson = (ast.get_docstring(ast.parse(stub_source)) or exercise).partition("\n")
    cells = [_locked(new_markdown_cell(f"# {title}\n\n{docstring_markdown(lesson)}\n\n{HOW_TO.format(points=points)}"),
                     f"{exercise}-lesson")]
    for unit in stub_units:
        if unit.kind == "imports" and cells[-1].id == f"{exercise}-imports":  # consecutive imports: one cell
            cells[-1].source += _text(lines, unit, [])
            continue
        if unit.kind == "imports":
            cells.append(_locked(new_code_cell(_text(lines, unit, [])), f"{exercise}-imports"))
            continue
        text = _explanation(exercise, unit)
        if text:
            cells.append(_locked(new_markdown_cell(text), f"{exercise}-{unit.name}-text"))
        edits = [_docstring_edit(unit.node)] if unit.docstring is not None else []
        if unit.kind in ("function", "class"):
            if solution is not None:
                edits += solution.edits(unit.node, lines)
            cells.append(_cell(new_code_cell(_text(lines, unit, edits)), f"{exercise}-{unit.name}", solution=True))
        else:  # a constant the learner may change: nbgrader can only clear solutions in bodies, so no metadata
            cell = new_code_cell(_text(lines, unit, edits))
            cell.id = f"{exercise}-{unit.name or unit.first}"
            cells.append(cell)
    if exercise in PLOTS:
        cells.append(_locked(new_markdown_cell("## See it"), f"{exercise}-plot-text"))
        cells.append(_locked(new_code_cell(PLOTS[exercise]), f"{exercise}-plot"))
    cells.append(_locked(new_markdown_cell(f"## Check your work\n\nThe public tests of `{exercise}` are worth "
                                           f"{points:g} points."), f"{exercise}-check-text"))
    cells.append(_cell(new_code_cell(CHECK_CELL.format(exercise=exercise)), f"{exercise}-check", locked=True,
                       points=points))
    notebook = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(notebook)
    return notebook


def _cell(cell: NotebookNode, grade_id: str, *, solution: bool = False, locked: bool = False,
          points: float | None = None) -> NotebookNode:
    """``cell`` with id ``grade_id`` (stable, so regenerating gives the same file) and nbgrader metadata."""
    cell.id = grade_id
    meta: dict[str, Any] = {"grade": points is not None, "grade_id": grade_id, "locked": locked,
                            "schema_version": 3, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    return cell


def _locked(cell: NotebookNode, grade_id: str) -> NotebookNode:
    return _cell(cell, grade_id, locked=True)


def _explanation(exercise: str, unit: Unit) -> str:
    """The Markdown above a unit's code: heading, formula, docstring ("" for a bare constant)."""
    if unit.kind not in ("function", "class"):
        return ""
    node = unit.node
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    if isinstance(node, ast.ClassDef):
        heading = f"## `class {node.name}`"
    else:
        heading = f"## `{node.name}({', '.join(a.arg for a in node.args.posonlyargs + node.args.args)})`"
    formula = FORMULAS.get((exercise, unit.name))
    parts = [heading, f"$${formula}$$" if formula else "", docstring_markdown(unit.docstring or "")]
    return "\n\n".join(p for p in parts if p)


Edit = tuple[int, int, list[str]]  # replace lines first..last (1-based, inclusive) with these


def _text(lines: list[str], unit: Unit, edits: list[Edit]) -> str:
    """The unit's lines with ``edits`` applied (they must not overlap)."""
    out = lines[unit.first - 1:unit.last]
    for first, last, new in sorted(edits, reverse=True):
        out[first - unit.first:last - unit.first + 1] = new
    return "\n".join(out).rstrip() + "\n"


def _docstring_edit(node: ast.stmt) -> Edit:
    """Remove a function's or class's docstring (the Markdown above shows it), keeping a body."""
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    doc, last = node.body[0], node.body[0].end_lineno or node.body[0].lineno
    if len(node.body) == 1:  # a docstring alone is the whole body: leave something to run
        return doc.lineno, last, [" " * doc.col_offset + "pass"]
    return doc.lineno, node.body[1].lineno - 1, []  # the blank lines after it go too


def _body(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.stmt]:
    """A function's statements after its docstring."""
    return node.body[1:] if ast.get_docstring(node, clean=False) is not None else node.body


class _Solution:
    """The reference module, for putting its function bodies into the stub's functions."""

    def __init__(self, source: str, stub_names: set[str]) -> None:
        self.lines = source.splitlines()
        self.units = units(source)
        # what the reference defines and the stub does not: private helpers and their imports
        self.extra = {name: u for u in self.units for name in _defines(u.node) if name not in stub_names}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        for unit in self.units:
            if isinstance(unit.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[unit.name] = unit.node
            elif isinstance(unit.node, ast.ClassDef):
                self.functions.update({f"{unit.name}.{m.name}": m for m in unit.node.body
                                       if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))})

    def edits(self, stub: ast.stmt, stub_lines: list[str]) -> list[Edit]:
        """Edits that replace the body of ``stub`` (a function, or each method of a class)
        with the reference's, between solution markers."""
        if isinstance(stub, ast.ClassDef):
            methods = [(f"{stub.name}.{m.name}", m) for m in stub.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
        else:
            assert isinstance(stub, (ast.FunctionDef, ast.AsyncFunctionDef))
            methods = [(stub.name, stub)]
        edits = []
        for key, node in methods:
            reference = self.functions.get(key)
            if reference is None:
                continue
            body, ours = _body(node), _body(reference)
            indent = " " * body[0].col_offset
            code = self._segment(ours[0].lineno, ours[-1].end_lineno or ours[-1].lineno)
            helpers = [self._segment(u.first, u.last) for u in self._helpers(ours)]
            region = [textwrap.indent(textwrap.dedent(text), indent).rstrip("\n") for text in (*helpers, code)]
            edits.append((body[0].lineno, body[-1].end_lineno or body[-1].lineno,
                          [indent + BEGIN_SOLUTION, *"\n".join(region).splitlines(), indent + END_SOLUTION]))
        return edits

    def _segment(self, first: int, last: int) -> str:
        return "\n".join(self.lines[first - 1:last]) + "\n"

    def _helpers(self, body: list[ast.stmt]) -> list[Unit]:
        """The reference's top-level units that the stub lacks (private helpers, their
        imports) that ``body`` needs, directly or through each other, in module order.
        They are nested into the body: nbgrader would replace a solution region at the top
        level of a cell with a ``raise`` that runs as soon as the learner runs the cell."""
        needed: dict[int, Unit] = {}
        todo = [n for stmt in body for n in _names(stmt)]
        while todo:
            name = todo.pop()
            unit = self.extra.get(name)
            if unit is not None and unit.first not in needed:
                needed[unit.first] = unit
                todo += _names(unit.node)
        return [needed[k] for k in sorted(needed)]


def _defines(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    return [name] if (name := _kind(node)[1]) else []


def _names(node: ast.AST) -> list[str]:
    return [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]


_TABLE_BORDER = re.compile(r"^\s*=+(\s+=+)+\s*$")
_SECTION = re.compile(r"^[A-Z][^.:]{0,50}:$")  # "Example:", "Pitfalls:", "Example (after ...):"


def docstring_markdown(doc: str) -> str:
    """A docstring's reStructuredText-flavoured prose as Markdown: ````x```` becomes `` `x` ``,
    doctests and ``::`` literal blocks become fenced code, simple tables Markdown tables,
    and a lone "Pitfalls:" line a bold label."""
    lines = inspect.cleandoc(doc).splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">>>"):
            end = _block_end(lines, i, lambda s: bool(s.strip()))
            out += ["```python", *textwrap.dedent("\n".join(lines[i:end])).splitlines(), "```"]
            i = end
        elif _TABLE_BORDER.match(line):
            end = _table_end(lines, i)
            out += _table(lines[i:end])
            i = end
        elif line.rstrip().endswith("::"):
            lead = line.rstrip()[:-2].rstrip()
            out.append(_inline(lead) + ":" if lead else "")
            start = i + 1
            while start < len(lines) and not lines[start].strip():
                start += 1
            margin = _indent(lines[start]) if start < len(lines) else 0
            end = _block_end(lines, start, lambda s: not s.strip() or _indent(s) >= margin)
            while end > start and not lines[end - 1].strip():
                end -= 1
            out += ["", "```", *textwrap.dedent("\n".join(lines[start:end])).splitlines(), "```"]
            i = end
        elif _SECTION.match(line) and (i == 0 or not lines[i - 1].strip()):
            out.append(f"**{_inline(line)}**")
            i += 1
        else:
            out.append(_inline(line))
            i += 1
    return "\n".join(out).strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _block_end(lines: list[str], start: int, inside: Any) -> int:
    end = start
    while end < len(lines) and inside(lines[end]):
        end += 1
    return end


def _table_end(lines: list[str], start: int) -> int:
    """The line after a simple table's closing border (its third border line)."""
    borders, end = 0, start
    while end < len(lines) and borders < 3:
        borders += bool(_TABLE_BORDER.match(lines[end]))
        end += 1
    return end


def _table(lines: list[str]) -> list[str]:
    """A reStructuredText simple table as a Markdown table."""
    spans = [m.span() for m in re.finditer(r"=+", lines[0])]
    cuts = [start for start, _ in spans] + [None]
    rows = [[_inline(line[cuts[k]:cuts[k + 1]].strip()) for k in range(len(spans))]
            for line in lines if line.strip() and not _TABLE_BORDER.match(line)]
    if not rows:
        return []
    return [f"| {' | '.join(rows[0])} |", "|" + "---|" * len(spans), *(f"| {' | '.join(r)} |" for r in rows[1:])]


def _inline(line: str) -> str:
    return re.sub(r"``(.+?)``", r"`\1`", line)


def submission_notebook(inputs: Sequence[str]) -> NotebookNode:
    """The learner's code as a notebook, from the inputs a kernel ran (in order): one cell
    per input, holding only its imports, definitions and assignments. Calls and prints
    tried out on the way, plots and the check itself stay out; autograde's own imports
    too (the sandbox has no autograde to import)."""
    cells = []
    for source in inputs:
        try:
            tree = ast.parse(source)
        except SyntaxError:  # it raised when the kernel ran it, so it defined nothing
            continue
        lines = source.splitlines()
        kept = ["\n".join(lines[_first_line(s) - 1:s.end_lineno]) for s in tree.body if _is_definition(s)]
        if kept:
            cells.append(new_code_cell("\n".join(kept) + "\n"))
    return new_notebook(cells=cells)


def _is_definition(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Import):
        return not any(a.name.split(".")[0] == "autograde" for a in stmt.names)
    if isinstance(stmt, ast.ImportFrom):
        return (stmt.module or "").split(".")[0] != "autograde"
    return isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign))


def _first_line(stmt: ast.stmt) -> int:
    decorators = getattr(stmt, "decorator_list", [])
    return min([stmt.lineno, *(d.lineno for d in decorators)])


def check(exercise: str, lang: str | None = None) -> float:
    """Grade the code this notebook's kernel has run with the public tests of ``exercise``
    and return the score (nbgrader reads it as the check cell's partial credit).
    ``lang``: the feedback's language (``"ko"``; default as ``autograde check`` chooses:
    ``$AUTOGRADE_LANG``, the course's setting, the locale).

    Runs ``autograde check`` in a new process on :func:`submission_notebook` of the
    kernel's history, so the learner's code runs in autograde's sandbox, never here; its
    report is printed (to stdout only: nbgrader scores a cell that writes to stderr 0).
    Raises :class:`RuntimeError` when ``autograde check`` could not grade at all.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise RuntimeError("check() grades the code a notebook ran: call it in a Jupyter notebook's cell; "
                           f"outside Jupyter run `autograde check {exercise}` instead")
    inputs = [source for source in shell.user_ns["In"][1:] if source.strip()]
    with tempfile.TemporaryDirectory(prefix="autograde-notebook-") as folder:
        submission, report = Path(folder) / f"{exercise}.ipynb", Path(folder) / "result.json"
        nbformat.write(submission_notebook(inputs), submission)
        done = subprocess.run(
            [sys.executable, "-m", "autograde", "check", exercise, "--submission", str(submission), "--json", str(report),
             *(["--lang", lang] if lang else [])],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
        )
        # all but the line saying where the result document went: a file about to be deleted
        print("".join(line for line in done.stdout.splitlines(keepends=True) if str(report) not in line), end="")
        if not report.is_file():
            raise RuntimeError(f"`autograde check {exercise}` could not grade this notebook (exit status "
                               f"{done.returncode}); its message is above. Run this notebook inside the course "
                               "folder, or set AUTOGRADE_COURSE to it.")
        from autograde.results import Result

        result = Result.from_json(report.read_text(encoding="utf-8"))
    return next(e.score for e in result.exercises if e.name == exercise)

"""Error localisation (Fellegi–Holt): the fewest cells whose change makes every identity hold.

Checking one identity at a time names a cell per broken sum and may propose an impossible value
(a count of −2). Statistical offices instead solve for the *smallest set of cells* whose change
makes **every** edit rule hold at once (Fellegi & Holt 1976; Statistics Netherlands' ``errorlocate``
and ``deducorrect``). Here the edit rules are the accounting identities of
:mod:`govinfo_report.identities` plus non-negativity and integrality, and the problem is a small
mixed-integer program per connected block of identities (table 三 is one block, each group of
table 四 another), solved with SciPy's :func:`scipy.optimize.milp` (HiGHS):

* variables: the consistent value ``x`` of every cell (an integer ≥ 0) and a 0/1 ``z`` saying
  whether it differs from the printed value;
* constraints: every identity over ``x``, and ``|x − printed| ≤ M·z`` for every printed cell;
* objective: ``Σ weight × z``.

**Weights.** Every printed cell weighs the same, so the optimum is literally the smallest number of
changed printed cells: a printed total is typed by hand as often as a leaf is, and favouring either
would silently blame it whenever the two explain the data equally well, where the honest answer
is "ambiguous". A cell printed blank (``/``, ``—``, empty) weighs less than any printed cell (1
against the number of blank cells + 1): filling in a value that was not printed is preferred to
changing one that was, and among fillings the fewest blanks are filled. A cell not found at all
is free (weight 0) and never reported as a change. Callers may pass other weights.

**Two solvers.** An exact combinatorial search (:func:`_search`) decides the common case fast:
a changed set must touch every failing identity and touch every holding identity zero times or
at least twice; candidates are grown from the first identity that violates this and each is
solved exactly in rationals; blank and missing cells are filled from the identities. It decides
when those determine the blanks, the values are forced and at most four printed cells change;
otherwise the MILP (the ``localize`` extra) decides. Without
SciPy, those cases get no localisation.

All minimal solutions are enumerated up to :attr:`~govinfo_report.limits.Limits.localisation_solutions`
by adding a no-good cut (``Σ z ≤ |S| − 1`` over the cells of each solution found) and solving
again until the optimum grows. The result says whether the answer is unique. The narrative breaks
ties: see :func:`prefer_by_text`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import attrs

from .. import taxonomy as tx
from ..findings import Finding, Localisation, Solution, Suggestion
from ..identities import Identity, identities
from ..limits import Limits, default_limits
from ..taxonomy import FormatVersion
from ._common import english_label, figure
from ._subject import Number, Subject

__all__ = ["available", "localisation_findings", "localize", "prefer_by_text"]

_Block = tuple[tuple[Identity, ...], tuple[str, ...]]


def available() -> bool:
    """Whether the solver (SciPy ≥ 1.9, the ``localize`` extra) is installed.

    Example::

        >>> isinstance(available(), bool)
        True
    """
    try:
        from scipy.optimize import milp  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _blocks(version: FormatVersion) -> tuple[_Block, ...]:
    """The identities split into connected blocks (identities sharing a cell), with their cells."""
    parent: dict[str, str] = {}

    def find(cell: str) -> str:
        while parent.setdefault(cell, cell) != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for identity in identities(version):
        first = find(identity.target)
        for cell in identity.cells[1:]:
            parent[find(cell)] = first
    blocks: dict[str, tuple[list[Identity], dict[str, None]]] = {}
    for identity in identities(version):
        entry = blocks.setdefault(find(identity.target), ([], {}))
        entry[0].append(identity)
        entry[1].update(dict.fromkeys(identity.cells))
    order = {spec.id: n for n, spec in enumerate(tx.cell_specs(version))}
    return tuple(
        (tuple(ids), tuple(sorted(cells, key=lambda c: order.get(c, len(order)))))
        for ids, cells in blocks.values()
    )


def _residual(identity: Identity, values: Mapping[str, Number | None]) -> Number | None:
    """Σ sign × term − target; ``None`` when a cell is absent (not assessable)."""
    try:
        total: Number = -(values[identity.target] or 0)
        for sign, cell in identity.terms:
            total += sign * (values[cell] or 0)
    except KeyError:
        return None
    return total


@cache
def _matrix(version: FormatVersion, block: int) -> Any:
    """The block's identities as a sparse matrix (rows: target − Σ sign × term), cached."""
    import numpy as np
    from scipy.sparse import csr_array

    ids, cells = _blocks(version)[block]
    column = {cell: i for i, cell in enumerate(cells)}
    dense = np.zeros((len(ids), len(cells)))
    for row, identity in enumerate(ids):
        dense[row, column[identity.target]] += 1.0
        for sign, cell in identity.terms:
            dense[row, column[cell]] -= float(sign)
    return csr_array(dense)


def _integral(value: Number | None) -> int | None:
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    return int(value) if value.is_finite() and value == value.to_integral_value() else None


class _Problem:
    """The MILP of one block: the change ``d = x − printed`` then the flag ``z``, per cell.

    ``A d = −r`` (r: each identity's residual), ``−M z ≤ d ≤ M z`` for printed and blank cells,
    ``printed + d ≥ 0``; absent and non-integral cells are free and never reported.
    """

    def __init__(
        self,
        version: FormatVersion,
        block: int,
        values: Mapping[str, Number | None],
        weights: Mapping[str, float] | None,
    ) -> None:
        import numpy as np
        from scipy.sparse import eye_array, hstack, vstack

        self.identities, self.cells = _blocks(version)[block]
        self.gave_up = False
        n = self.n = len(self.cells)
        self.printed = [values.get(cell) for cell in self.cells]
        base = [
            _integral(p) if c in values else None
            for c, p in zip(self.cells, self.printed, strict=True)
        ]
        self.base = [0 if b is None else b for b in base]
        self.present = [b is not None for b in base]
        matrix = _matrix(version, block)
        self.matrix = matrix
        residual = matrix @ np.array(self.base, dtype=float)
        blanks = sum(1 for p in self.printed if p is None)
        heavy = float(blanks + 1)
        # How far a cell may move: twice the block's total absolute residual, plus what a
        # negative printed count needs to reach 0 (see the module's notes).
        reach = 2.0 * float(np.abs(residual).sum()) + 1.0
        reach += sum(-b for b in self.base if b < 0)
        free = sum(abs(b) for b in self.base) + reach
        cost = np.zeros(2 * n)
        lower = np.zeros(2 * n)
        upper = np.ones(2 * n)
        for i, cell in enumerate(self.cells):
            b = self.base[i]
            if not self.present[i]:
                lower[i], upper[i], upper[n + i] = 0.0, free, 0.0
                continue
            printed = self.printed[i]
            weight = 1.0 if printed is None else heavy
            if weights is not None and cell in weights:
                weight = float(weights[cell])
            cost[n + i] = weight
            lower[i], upper[i] = -min(float(b), reach) if b >= 0 else -b, reach
        big = reach + 1.0
        # Absent cells are unlinked: their flag is fixed at 0 and their change is free.
        link = eye_array(n, format="csr")[[i for i in range(n) if self.present[i]]]
        rows = link.shape[0]
        zero = np.zeros(rows)
        self.cost = cost
        self.lower, self.upper = lower, upper
        self.a = vstack(
            [
                hstack([matrix, _zeros(matrix.shape[0], n)]),
                hstack([link, -big * link]),
                hstack([link, big * link]),
            ],
            format="csr",
        )
        self.low = np.concatenate([-residual, np.full(rows, -np.inf), zero])
        self.high = np.concatenate([-residual, zero, np.full(rows, np.inf)])

    def solve(
        self, cuts: list[list[int]], seconds: float, *, integer: bool = False
    ) -> tuple[float, list[int]] | None:
        """The optimum (cost, change per cell, rounded) under the no-good cuts, or ``None``.

        The changes are continuous unless ``integer``: with integer data the solver's vertices
        are integral in practice, which is much faster; :meth:`changed` checks it exactly and
        the caller solves again with integer changes when it fails.
        """
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp

        constraints = [LinearConstraint(self.a, self.low, self.high)]
        if cuts:
            rows = np.zeros((len(cuts), 2 * self.n))
            for k, cut in enumerate(cuts):
                rows[k, [self.n + i for i in cut]] = 1.0
            constraints.append(
                LinearConstraint(rows, -np.inf, np.array([len(c) - 1.0 for c in cuts]))
            )
        result = milp(
            self.cost,
            integrality=np.concatenate([np.full(self.n, int(integer)), np.ones(self.n)]),
            bounds=Bounds(self.lower, self.upper),
            constraints=constraints,
            options={"time_limit": seconds},
        )
        self.gave_up = result.status not in (0, 2)  # 2: infeasible (no further solution)
        if result.status != 0 or result.x is None:
            return None
        return float(result.fun), [round(float(v)) for v in result.x[: self.n]]

    def changed(self, d: list[int]) -> tuple[list[int], list[int]] | None:
        """The consistent values and the changed cells, checked exactly (``None``: rejected)."""
        x = [b + change for b, change in zip(self.base, d, strict=True)]
        full = dict(zip(self.cells, x, strict=True))
        if any(v < 0 for v in x) or any(_residual(i, full) != 0 for i in self.identities):
            return None
        return x, [i for i in range(self.n) if self.present[i] and d[i] != 0]

    def determined(self, changed: list[int]) -> bool:
        """Whether the identities force the changed cells' values (full column rank)."""
        import numpy as np

        if not changed:
            return True
        sub = self.matrix[:, changed].toarray()
        return int(np.linalg.matrix_rank(sub)) == len(changed)


def _zeros(rows: int, columns: int) -> Any:
    """An all-zero sparse block."""
    from scipy.sparse import csr_array

    return csr_array((rows, columns))


# --- exact combinatorial search (the fast path) ----------------------------------------------

_SEARCH_DEPTH = 4
_SEARCH_NODES = 20_000


class _Unsure(Exception):
    """The search cannot decide exactly: the MILP decides instead."""


def _solve_exact(rows: list[dict[int, int]], rhs: list[int], unknowns: list[int]) -> list[int]:
    """The unique integer solution of a small linear system, exactly; raises when there is none.

    Raises:
        _Unsure: the system has several solutions (the values are not forced).
        ValueError: no solution, or not an integral one.
    """
    from fractions import Fraction

    n = len(unknowns)
    column = {cell: k for k, cell in enumerate(unknowns)}
    matrix = [[Fraction(0)] * n + [Fraction(b)] for b in rhs]
    for r, row in enumerate(rows):
        for cell, coefficient in row.items():
            matrix[r][column[cell]] += coefficient
    for col in range(n):
        pivot = next((r for r in range(col, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            raise _Unsure
        matrix[col], matrix[pivot] = matrix[pivot], matrix[col]
        head = matrix[col][col]
        matrix[col] = [x / head for x in matrix[col]]
        for r in range(len(matrix)):
            if r != col and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[col], strict=True)]
    if any(row[n] != 0 for row in matrix[n:]):
        raise ValueError("inconsistent")
    solution = [matrix[k][n] for k in range(n)]
    if any(x.denominator != 1 for x in solution):
        raise ValueError("not integral")
    return [int(x) for x in solution]


def _search(
    version: FormatVersion, block: int, values: Mapping[str, Number | None], limit: int
) -> tuple[list[Solution], bool]:
    """Every minimal set of changed cells, by iterative deepening over the number of cells.

    A set can only work if it touches every failing identity and touches every holding identity
    zero times or at least twice (one changed cell alone would break it); the search adds cells
    of the first identity that violates this, and solves each closed set exactly. It decides
    only when every cell of the block found is printed as an integer ≥ 0 (a cell not found is
    free: the identities through it are set aside, then must give it one value ≥ 0) and each
    candidate's values are forced; otherwise (and past its depth or node budget) it raises
    :class:`_Unsure`.
    """
    all_ids, cells = _blocks(version)[block]
    base: list[int] = []
    absent: set[str] = set()  # not found, or printed blank: free; their identities set aside
    blanks: set[str] = set()
    for cell in cells:
        value = values.get(cell)
        if value is None:
            absent.add(cell)
            if cell in values:
                blanks.add(cell)
            base.append(0)
            continue
        if not isinstance(value, int) or value < 0:
            raise _Unsure
        base.append(value)
    ids = [i for i in all_ids if absent.isdisjoint(i.cells)]
    aside = [i for i in all_ids if not absent.isdisjoint(i.cells)]
    column = {cell: k for k, cell in enumerate(cells)}
    rows: list[dict[int, int]] = []
    for identity in ids:
        row = {column[identity.target]: 1}
        for sign, cell in identity.terms:
            row[column[cell]] = row.get(column[cell], 0) - sign
        rows.append(row)
    residual = [-sum(c * base[k] for k, c in row.items()) for row in rows]  # target − Σ = −r
    order = sorted(range(len(rows)), key=lambda r: residual[r] == 0)
    through: list[list[int]] = [[] for _ in cells]
    for r, row in enumerate(rows):
        for k in row:
            through[k].append(r)
    specs = tx.cell_index(version)
    nodes = 0
    seen: set[frozenset[int]] = set()

    def violated(hits: list[int]) -> int | None:
        for r in order:
            if (residual[r] != 0 and hits[r] == 0) or (residual[r] == 0 and hits[r] == 1):
                return r
        return None

    def feasible(chosen: list[int]) -> Solution | None:
        touched = [r for r in range(len(rows)) if any(k in rows[r] for k in chosen)]
        system = [{k: rows[r][k] for k in chosen if k in rows[r]} for r in touched]
        try:
            change = _solve_exact(system, [-residual[r] for r in touched], chosen)
        except ValueError:
            return None
        if any(d == 0 or base[k] - d < 0 for k, d in zip(chosen, change, strict=True)):
            return None
        ordered = sorted(zip(chosen, change, strict=True))
        return Solution(
            tuple(
                Suggestion(cells[k], specs[cells[k]].labels, base[k], base[k] - d)
                for k, d in ordered
            )
        )

    def dfs(chosen: list[int], hits: list[int], left: int, out: list[Solution]) -> None:
        nonlocal nodes
        key = frozenset(chosen)
        if key in seen:
            return
        seen.add(key)
        nodes += 1
        if nodes > _SEARCH_NODES:
            raise _Unsure
        r = violated(hits)
        if r is None:
            if chosen and (found := feasible(chosen)) is not None:
                out.append(found)
                return
            candidates: Any = (
                [k for k in range(len(cells)) if cells[k] not in absent] if left else ()
            )
        elif left == 0:
            return
        else:
            candidates = rows[r]
        for k in candidates:
            if k in key:
                continue
            for i in through[k]:
                hits[i] += 1
            chosen.append(k)
            dfs(chosen, hits, left - 1, out)
            chosen.pop()
            for i in through[k]:
                hits[i] -= 1
            if len(out) > limit:
                return

    def extends(solution: Solution) -> Solution | None:
        """The solution with the blanks the set-aside identities fill, if they give every free
        cell one value ≥ 0 (``None`` otherwise); blanks that stay 0 are not changes."""
        known: dict[str, Number | None] = {c: base[k] for c, k in column.items() if c not in absent}
        known.update({c.path: c.value for c in solution.changes})
        found: dict[str, Number] = {}
        pending = list(aside)
        while pending:  # fill the free cells one identity at a time (row totals, then columns)
            progress = False
            for identity in list(pending):
                free = [c for c in dict.fromkeys(identity.cells) if c not in known]
                if len(free) > 1:
                    continue
                pending.remove(identity)
                progress = True
                if not free:
                    if _residual(identity, known) != 0:
                        return None
                    continue
                (cell,) = free
                rest = _residual(identity, {**known, cell: 0})
                assert rest is not None
                if identity.target == cell:
                    value = rest
                else:
                    value = -rest * next(g for g, c in identity.terms if c == cell)
                if value < 0:
                    return None
                known[cell] = found[cell] = value
            if not progress:
                raise _Unsure  # free cells the identities do not determine: the MILP decides
        filled = [
            Suggestion(cell, specs[cell].labels, None, value)
            for cell, value in found.items()
            if cell in blanks and value != 0
        ]
        changes = sorted((*solution.changes, *filled), key=lambda c: column[c.path])
        return Solution(tuple(changes))

    if aside and not any(residual):  # no printed cell need change: the blanks may do it all
        filled_only = extends(Solution(()))
        if filled_only is not None:
            return ([filled_only], True) if filled_only.changes else ([], True)
    for depth in range(1, _SEARCH_DEPTH + 1):
        seen.clear()
        out: list[Solution] = []
        dfs([], [0] * len(rows), depth, out)
        if out:
            kept = [e for s in out if (e := extends(s)) is not None] if aside else out
            if not kept:
                raise _Unsure
            fewest = min(len(s.changes) for s in kept)  # then the fewest blanks filled
            kept = [s for s in kept if len(s.changes) == fewest]
            kept.sort(key=lambda s: [column[c.path] for c in s.changes])
            return kept[:limit], len(out) <= limit
    raise _Unsure


def _block_solutions(
    problem: _Problem, version: FormatVersion, limit: int, seconds: float
) -> tuple[list[Solution], bool] | None:
    specs = tx.cell_index(version)
    found: list[Solution] = []
    cuts: list[list[int]] = []
    best: float | None = None
    while True:
        solved = problem.solve(cuts, seconds)
        if solved is None:
            if best is None or problem.gave_up:
                return None if best is None else (found, False)
            return found, True
        cost, x = solved
        if best is not None and cost > best + 1e-6:
            return found, True
        checked = problem.changed(x)
        if checked is None:  # not integral: solve again with integer changes
            solved = problem.solve(cuts, seconds, integer=True)
            checked = None if solved is None else problem.changed(solved[1])
        if checked is None:
            return None if best is None else (found, False)
        values, changed = checked
        if not changed:
            return [], True
        if len(found) == limit:
            return found, False
        best = cost if best is None else best
        changes = tuple(
            Suggestion(
                path=problem.cells[i],
                labels=specs[problem.cells[i]].labels,
                current=problem.printed[i],
                value=values[i],
            )
            for i in changed
        )
        found.append(Solution(changes, determined=problem.determined(changed)))
        cuts.append(changed)


def localize(
    version: FormatVersion,
    values: Mapping[str, Number | None],
    *,
    weights: Mapping[str, float] | None = None,
    limits: Limits | None = None,
) -> Localisation | None:
    """The smallest sets of cells whose change makes every identity hold with counts ≥ 0.

    Args:
        version: the format version whose identities apply.
        values: ``cell id → printed value`` (``None`` for a blank; absent cells are free).
        weights: the cost of changing a cell, to override the default (every printed cell 1
            unit, a blank less than any printed cell; see the module's notes).
        limits: ``localisation_solutions`` and ``localisation_seconds`` are used.

    Returns:
        The :class:`~govinfo_report.findings.Localisation` (no solutions when every identity
        already holds), or ``None`` when the solver is not installed or gave no exact answer.

    Examples:
        The worked example of docs/localisation.md:

        >>> values = {s.id: 0 for s in tx.cell_specs(FormatVersion.V2021)}
        >>> values.update({"requests.new_requests.natural_person": 10,
        ...     "requests.new_requests.total": 10, "requests.carried_in.natural_person": 2,
        ...     "requests.carried_in.total": 2, "requests.granted.natural_person": 5,
        ...     "requests.granted.commercial_enterprise": 2, "requests.granted.total": 5,
        ...     "requests.unavailable.not_held.natural_person": 7,
        ...     "requests.unavailable.not_held.total": 7,
        ...     "requests.outcomes_total.natural_person": 12,
        ...     "requests.outcomes_total.commercial_enterprise": 2,
        ...     "requests.outcomes_total.total": 12})
        >>> found = localize(FormatVersion.V2021, values)
        >>> found.unique
        True
        >>> [(c.labels, c.current, c.value) for c in found.best.changes]
        [(('（一）予以公开', '商业企业'), 2, 0), (('（七）总计', '商业企业'), 2, 0)]
    """
    limits = limits or default_limits()
    per_block: list[tuple[list[Solution], bool]] = []
    for number, block in enumerate(_blocks(version)):
        failing = [i for i in block[0] if _residual(i, values) not in (None, 0)]
        if not failing:
            continue
        solved: tuple[list[Solution], bool] | None
        try:
            if weights is not None:
                raise _Unsure
            solved = _search(version, number, values, limits.localisation_solutions)
        except _Unsure:
            if not available():
                return None
            solved = _block_solutions(
                _Problem(version, number, values, weights),
                version,
                limits.localisation_solutions,
                limits.localisation_seconds,
            )
        if solved is None:
            return None
        if solved[0]:
            per_block.append(solved)
    if not per_block:
        return Localisation(())
    limit = limits.localisation_solutions
    combos = itertools.islice(itertools.product(*(s for s, _ in per_block)), limit + 1)
    solutions = [
        Solution(
            tuple(c for part in combo for c in part.changes),
            determined=all(part.determined for part in combo),
        )
        for combo in combos
    ]
    complete = all(done for _, done in per_block) and len(solutions) <= limit
    return Localisation(tuple(solutions[:limit]), complete=complete)


# --- the narrative as evidence ---------------------------------------------------------------


def prefer_by_text(
    localisation: Localisation,
    subject: Subject,
    text_findings: Callable[[Subject], list[Finding]],
) -> Localisation:
    """Let the narrative break a tie: the solution whose table the text contradicts least wins.

    Each solution is applied to the subject's values and the text rules run on the result; the
    number of their findings is the solution's disagreement. When the list of minimal solutions
    is complete and exactly one of them has the fewest disagreements, it is put first and the
    localisation is marked ``by_text``. Otherwise the order is kept (disagreements recorded).

    Example::

        >>> loc = Localisation(())
        >>> prefer_by_text(loc, None, lambda s: []) is loc  # nothing to choose from
        True
    """
    if len(localisation.solutions) < 2:
        return localisation
    scored = []
    for solution in localisation.solutions:
        values: dict[str, Number | None] = dict(subject.values)
        values.update({c.path: c.value for c in solution.changes})
        changed = attrs.evolve(subject, values=values, texts=subject.texts)
        scored.append(attrs.evolve(solution, disagreements=len(text_findings(changed))))
    fewest = min(s.disagreements or 0 for s in scored)
    winners = [s for s in scored if (s.disagreements or 0) == fewest]
    if not localisation.complete or len(winners) != 1:
        return attrs.evolve(localisation, solutions=tuple(scored))
    rest = tuple(s for s in scored if s is not winners[0])
    return attrs.evolve(localisation, solutions=(winners[0], *rest), by_text=True)


# --- findings --------------------------------------------------------------------------------

_SHOWN = 3


def _change_zh(change: Suggestion) -> str:
    return (
        f"{' / '.join(change.labels)}，填写 {figure(change.current)}，"
        f"与各勾稽关系一致的值为 {figure(change.value)}"
    )


def _change_en(change: Suggestion, version: FormatVersion) -> str:
    printed = figure(change.current) if change.current is not None else "(blank)"
    return (
        f"{english_label(version, change.path)}, printed {printed}, "
        f"consistent value {figure(change.value)}"
    )


def _alternatives(localisation: Localisation, version: FormatVersion) -> tuple[str, str]:
    count = len(localisation.solutions)
    more = "" if localisation.complete else "以上"
    more_en = "" if localisation.complete else " or more"
    shown_zh = []
    shown_en = []
    for solution in localisation.solutions[:_SHOWN]:
        shown_zh.append(
            "、".join(f"{' / '.join(c.labels)} 改为 {figure(c.value)}" for c in solution.changes)
        )
        shown_en.append(
            " and ".join(
                f"{english_label(version, c.path)} to {figure(c.value)}" for c in solution.changes
            )
        )
    etc = "等" if count > _SHOWN else ""
    etc_en = ", ..." if count > _SHOWN else ""
    zh = (
        f"；无法唯一确定填错的单元格：至少需改动 {localisation.size} 个单元格，"
        f"共 {count}{more} 种改法（{'；或'.join(shown_zh)}{etc}）"
    )
    en = (
        f"; the wrong cells cannot be told apart: at least {localisation.size} cell(s) must "
        f"change, in {count}{more_en} ways ({'; or '.join(shown_en)}{etc_en})"
    )
    return zh, en


def _annotate(
    finding: Finding, identity: Identity, localisation: Localisation, version: FormatVersion
) -> Finding:
    finding = attrs.evolve(finding, localisation=localisation)
    best = localisation.best
    if best is None:
        if not localisation.solutions:
            return finding
        zh, en = _alternatives(localisation, version)
        return attrs.evolve(
            finding, message_zh=finding.message_zh + zh, message_en=finding.message_en + en
        )
    mine = [c for c in best.changes if c.path in identity.cells]
    text_zh = text_en = ""
    if localisation.by_text:
        text_zh = "（正文所述数字支持此改法）"
        text_en = " (the narrative's numbers support this correction)"
    if mine and all(c.current is None for c in mine) and mine[0].path != identity.target:
        return attrs.evolve(
            finding,
            message_zh=f"{finding.message_zh}；补填未填写的总计后即一致{text_zh}",
            message_en=(
                f"{finding.message_en}; consistent once the blank totals are filled in{text_en}"
            ),
        )
    suggestion = mine[0] if len(mine) == 1 else None
    if len(mine) == 1 and mine[0].current is None:
        label = " / ".join(mine[0].labels)
        return attrs.evolve(
            finding,
            suggestion=suggestion,
            message_zh=(
                f"{finding.message_zh}；未填写的单元格：{label}，应填写 {figure(mine[0].value)}"
                f"{text_zh}"
            ),
            message_en=(
                f"{finding.message_en}; blank cell: {english_label(version, mine[0].path)}, "
                f"fill in {figure(mine[0].value)}{text_en}"
            ),
        )
    return attrs.evolve(
        finding,
        suggestion=suggestion,
        message_zh=(
            f"{finding.message_zh}；可能填错的单元格：{'；'.join(_change_zh(c) for c in mine)}"
            f"{text_zh}"
        ),
        message_en=(
            f"{finding.message_en}; likely wrong cell: "
            f"{'; '.join(_change_en(c, version) for c in mine)}{text_en}"
        ),
    )


def localisation_findings(
    subject: Subject,
    found: list[Finding],
    failing: list[Identity],
    text_findings: Callable[[Subject], list[Finding]] | None = None,
    *,
    version: FormatVersion | None = None,
) -> list[Finding]:
    """The identity findings with the joint localisation attached, their source and messages.

    Each finding of a broken identity carries the whole :class:`Localisation`; its ``suggestion``
    is the changed cell of the preferred solution within its identity (when there is one such
    cell), and its message names the changes or, when the answer is not unique, the count of
    minimal solutions and the first few.

    Example::

        >>> localisation_findings(None, [], [])
        []
    """
    if not found:
        return []
    version = version or subject.version
    localisation = localize(version, subject.values)
    if localisation is not None and text_findings is not None:
        localisation = prefer_by_text(localisation, subject, text_findings)
    result = []
    for raw, identity in zip(found, failing, strict=True):
        finding = raw
        source = subject.source_of(identity.target)
        if source is not None:
            finding = attrs.evolve(finding, source=source)
        if localisation is not None:
            finding = _annotate(finding, identity, localisation, version)
        result.append(finding)
    return result

"""Prove the counts of 1 or 2 States safe, or find them pinned, over the linked tables (lib.analysis.linked): the plan's
checks, with the solutions that prove them kept so that a later decision re-examines only what it may change."""

from __future__ import annotations

import numpy as np

from lib.analysis.linked import TOLERANCE, Expression, LinkedModel


class Protector:
    """The counts to protect and the proof that each is safe. A count of 1 or 2 States is safe when some solution in
    whole numbers of every relation the reader knows gives it 0, or the threshold (3) or more: then the reader can
    neither pin it nor bound it within [1, 2] (the true figures are a solution too, giving it 1 or 2). Such a solution
    (a witness) stays a proof while every figure published since agrees with it; the witnesses are pooled, so a count
    whose witness a newly published figure contradicts is first looked for in the others. New witnesses come from
    objectives over many counts at once (all of them pushed down, then up), then from each count's own bounds."""

    def __init__(self, model: LinkedModel, sensitive: list[Expression], watched: list[int], threshold: int):
        """watched: the columns whose values the pool keeps (the counts to protect, the figures that may be published)."""
        self.model, self.sensitive, self.threshold = model, sensitive, threshold
        columns = sorted(set(watched) | {e.column for e in sensitive})
        self.position = {c: i for i, c in enumerate(columns)}
        self.columns = np.array(columns, dtype=int)
        self.pool = np.zeros((0, len(columns)), dtype=np.float32)  # one witness a row, on the watched columns
        self.valid = np.zeros(0, dtype=bool)  # a witness agreeing with every figure published since it was found
        self.complete = np.zeros(0, dtype=bool)  # a witness whole on every column (else on the counts by article only)
        self.proof: dict[int, int] = {}  # expression column -> the row of the pool proving it safe
        self.checks = 0
        self.saved: tuple = (self.valid, {})  # the witnesses' validity and the proofs before the last publish (withdraw)

    def is_safe(self, values: np.ndarray) -> np.ndarray:
        """Return where values of a count are 0, or the threshold or more."""
        return (values <= TOLERANCE) | (values >= self.threshold - TOLERANCE)

    def keep(self, solution: np.ndarray) -> None:
        """Add a whole-number solution to the pool, and make it the proof of every unproven count it shows safe (a count
        by form only when the solution is whole on every column)."""
        row = solution[self.columns].astype(np.float32)
        complete = self.model.is_whole(solution)
        self.pool = np.vstack([self.pool, row])
        self.valid = np.append(self.valid, True)
        self.complete = np.append(self.complete, complete)
        index = len(self.pool) - 1
        for e in self.unproven():
            if self.is_safe(row[self.position[e.column]]) and (complete or not self.model.is_form_count(e)):
                self.proof[e.column] = index

    def is_witness(self, solution: np.ndarray, expr: Expression) -> bool:
        """Return True when a solution is whole where a proof about this count needs it to be."""
        return self.model.is_whole(solution, articles_only=not self.model.is_form_count(expr))

    def unproven(self) -> list[Expression]:
        """Return the counts to protect with no proof of safety yet."""
        return [e for e in self.sensitive if e.column not in self.proof]

    def publish(self, column: int, value: float) -> list[Expression]:
        """Record that a figure is published at this value: the witnesses disagreeing with it prove nothing any more;
        re-prove from the pool the counts they proved. Return the counts left unproven (with any never proven)."""
        self.saved = (self.valid.copy(), dict(self.proof))
        self.valid &= np.abs(self.pool[:, self.position[column]] - value) <= TOLERANCE
        for e in self.sensitive:
            if e.column in self.proof and not self.valid[self.proof[e.column]]:
                self.proof.pop(e.column)
                usable = self.valid & (self.complete | (not self.model.is_form_count(e)))
                found = np.flatnonzero(usable & self.is_safe(self.pool[:, self.position[e.column]]))
                if len(found):
                    self.proof[e.column] = int(found[0])
        return self.unproven()

    def withdraw(self) -> None:
        """Undo the last publish: the figure is suppressed again, so the witnesses and proofs valid before are again."""
        valid, proof = self.saved
        self.valid[: len(valid)] = valid
        self.proof.update(proof)

    def certify(self, exprs: list[Expression]) -> list[Expression]:
        """Prove as many counts safe as objectives over all of them can (pushed down to 0 and up to 3 or more, in
        turn, while that proves more), the counts by article and by form apart; return the counts left unproven."""
        by_form = [e for e in exprs if self.model.is_form_count(e)]
        return self.certify_kind([e for e in exprs if not self.model.is_form_count(e)], articles_only=True) + self.certify_kind(by_form)

    def certify_kind(self, exprs: list[Expression], articles_only: bool = False) -> list[Expression]:
        """Certify counts of one kind (see certify)."""
        left = [e for e in exprs if e.column not in self.proof]
        maximise, stale = False, 0
        solution: np.ndarray | None  # a whole solution to keep, or None
        while left and stale < 2:
            costs = {e.column: 1.0 for e in left}
            self.checks += 1
            _, solution, _ = self.model.solve(costs, maximise)
            if not self.model.is_whole(solution, articles_only):
                solution = None  # a fractional vertex proves nothing here: the counts' own bounds will
            before = len(left)
            if solution is not None:
                self.keep(solution)
                left = [e for e in left if e.column not in self.proof]
            stale = stale + 1 if len(left) == before else 0
            maximise = not maximise
        return left

    def check(self, expr: Expression, integer: bool = True) -> tuple[bool, np.ndarray | None]:
        """Return (whether a count to protect is pinned down, the fixed columns binding the bound that pins it). Both
        linear bounds first; the integer programme only when neither gives a proof in whole numbers (integer: False
        looks for a whole solution only near the fractional one, and takes the count as pinned when there is none
        there: a cautious answer, for a decision that may stay undone)."""
        if expr.column in self.proof:
            return False, None
        model, threshold = self.model, self.threshold
        self.checks += 2
        high, top, binding_high = model.solve({expr.column: 1.0}, maximise=True)
        if high >= threshold - TOLERANCE and self.is_witness(top, expr):
            self.keep(top)
            return False, None
        low, bottom, binding_low = model.solve({expr.column: 1.0}, maximise=False)
        if low <= TOLERANCE and self.is_witness(bottom, expr):
            self.keep(bottom)
            return False, None
        if high >= threshold - TOLERANCE:  # 3 or more only at a fractional vertex: is there a whole solution?
            self.checks += 1
            value, solution = model.solve_integer({expr.column: 1.0}, maximise=True, target=threshold, near=top, whole=integer)
            if solution is not None and value >= threshold - TOLERANCE:
                self.keep(solution)
                return False, None
        if low <= TOLERANCE:  # 0 only at a fractional vertex: is there a whole solution?
            self.checks += 1
            value, solution = model.solve_integer({expr.column: 1.0}, maximise=False, target=0.0, near=bottom, whole=integer)
            if solution is not None and value <= TOLERANCE:
                self.keep(solution)
                return False, None
        return True, binding_low if low > TOLERANCE else binding_high  # pinned from below: what sets the least value

    def is_all_safe(self, exprs: list[Expression], integer: bool = True) -> bool:
        """Return True when every count given is proven safe (by the pool, objectives over them, or its own bounds;
        integer: see check)."""
        return not any(self.check(e, integer)[0] for e in self.certify(exprs))

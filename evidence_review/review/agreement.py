"""Agreement between two reviewers: raw agreement and Cohen's kappa, per sub-issue and overall.

Pure functions over paired decisions; the store and the commands collect the pairs. An item is
one thing both reviewers decided: a document's role (``item = "role"``) or a document's coverage
of one sub-issue (``item = "1.1"`` ... ``"3.5"``). Items only one reviewer decided are left out.

Cohen's kappa is ``(p_o - p_e) / (1 - p_e)`` with ``p_o`` the share of items where the two agree
and ``p_e = sum_k p1(k) * p2(k)`` the agreement expected by chance from each reviewer's own
category shares. Where ``p_e`` is 1 (both reviewers gave one and the same category to every item)
kappa is undefined and reported as ``None`` (JSON ``null``), while raw agreement is still 1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from pydantic import BaseModel


@dataclass(frozen=True)
class Pair:
    """Two reviewers' values for one item of one document (``a`` the first reviewer's)."""

    document: str
    item: str
    a: Hashable
    b: Hashable


class AgreementFigure(BaseModel):
    items: int
    agreement: float | None
    kappa: float | None


class Agreement(BaseModel):
    """The JSON of ``evidence-review agreement --json`` (one submission, or ``"*"`` for all)."""

    submission: str
    items: int
    agreement: float | None
    kappa: float | None
    per_subissue: dict[str, AgreementFigure]
    role: AgreementFigure


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> tuple[int, Fraction | None,
                                                                     Fraction | None]:
    """``(items, raw agreement, kappa)`` for pairs of category values, exactly (fractions).

    >>> n, po, k = cohen_kappa([(True, True), (True, False), (False, False), (False, False)])
    >>> n, po, k
    (4, Fraction(3, 4), Fraction(1, 2))
    >>> cohen_kappa([(True, True), (True, True)])   # chance agreement is 1: kappa undefined
    (2, Fraction(1, 1), None)
    >>> cohen_kappa([])
    (0, None, None)
    """
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return 0, None, None
    observed = Fraction(sum(1 for a, b in pairs if a == b), n)
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum((Fraction(first[k], n) * Fraction(second[k], n) for k in first),
                   start=Fraction(0))
    if expected == 1:
        return n, observed, None
    return n, observed, (observed - expected) / (1 - expected)


def _figure(pairs: list[Pair]) -> AgreementFigure:
    n, po, k = cohen_kappa((p.a, p.b) for p in pairs)
    return AgreementFigure(items=n, agreement=None if po is None else round(float(po), 4),
                           kappa=None if k is None else round(float(k), 4))


def agreement(submission: str, pairs: Iterable[Pair], subissue_ids: Iterable[str]) -> Agreement:
    """Agreement per sub-issue (coverage items), for roles, and overall (every item).

    >>> ps = [Pair("r.docx", "1.1", True, True), Pair("r.docx", "1.2", True, False),
    ...       Pair("r.docx", "role", "review", "review")]
    >>> a = agreement("s01", ps, ["1.1", "1.2"])
    >>> a.items, a.agreement, a.per_subissue["1.2"].agreement, a.role.kappa
    (3, 0.6667, 0.0, None)
    """
    pairs = list(pairs)
    by_item: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_item[p.item].append(p)
    overall = _figure(pairs)
    return Agreement(
        submission=submission, items=overall.items, agreement=overall.agreement,
        kappa=overall.kappa,
        per_subissue={sid: _figure(by_item.get(sid, [])) for sid in subissue_ids},
        role=_figure(by_item.get("role", [])))

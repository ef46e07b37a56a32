"""The repair chain's machinery: text that carries, for each character, the raw index it came
from, and a step (a regular expression plus a replacement) that keeps that map as it repairs.

>>> _sub(Step("x", re.compile("ab"), "c"), Tracked.start("xaby")).offsets
(0, 1, 3)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

Repl = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Tracked:
    """Text plus, for each character, its index in the raw text it was repaired from.

    ``tokens``: the word tokens the line-wrap step made of this text with its candidate breaks
    removed (None when it made none or a later step changed the text), for callers that want
    a known-word estimate without tokenizing again (:func:`thaitext.metrics.quality`)."""

    text: str
    offsets: tuple[int, ...]
    tokens: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    #: Names of the steps that changed the text, in the order they first did.
    fired: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def start(cls, raw: str) -> Tracked:
        return cls(raw, tuple(range(len(raw))))


@dataclass(frozen=True)
class Step:
    """One repair: every match of ``pattern`` is replaced by ``repl``."""

    name: str
    pattern: re.Pattern[str]
    repl: Repl
    #: A cheap pattern found in every text the step can change (None: always run). Pages are
    #: mostly clean, so most steps are skipped by one fast scan instead of one call per match.
    guard: re.Pattern[str] | None = None

    def __call__(self, t: Tracked) -> Tracked:
        if self.guard is not None and self.guard.search(t.text) is None:
            return t
        return _sub(self, t)


def _align(old: str, new: str) -> list[int | None]:
    """For each char of ``new``, its index in ``old`` when ``new`` keeps it in order, else None.

    >>> _align("abc", "ac"), _align("ab", "ba")
    ([0, 2], [1, None])
    """
    out: list[int | None] = []
    j = 0
    for ch in new:
        k = old.find(ch, j)
        if k < 0:
            out.append(None)
        else:
            out.append(k)
            j = k + 1
    return out


def _sub(step: Step, t: Tracked) -> Tracked:
    text, offs = t.text, t.offsets
    pieces: list[str] = []
    new_offs: list[int] = []
    pos = 0
    changed = False
    for m in step.pattern.finditer(text):
        s, e = m.span()
        r = step.repl(m) if callable(step.repl) else m.expand(step.repl)
        if r == m.group(0):
            continue
        changed = True
        pieces.append(text[pos:s])
        new_offs.extend(offs[pos:s])
        anchor = offs[s] if s < len(offs) else (offs[-1] if offs else 0)
        for i, k in enumerate(_align(m.group(0), r)):
            if k is not None:
                new_offs.append(offs[s + k])
            else:
                new_offs.append(offs[min(s + i, e - 1)] if e > s else anchor)
        pieces.append(r)
        pos = e
    if not changed:
        return t
    pieces.append(text[pos:])
    new_offs.extend(offs[pos:])
    fired = t.fired if step.name in t.fired else (*t.fired, step.name)
    return Tracked("".join(pieces), tuple(new_offs), fired=fired)

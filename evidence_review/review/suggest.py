"""Rubric changes learned from reviewers' overrides (``evidence-review rubric suggest``).

Two kinds of confirmed override teach the rubric something:

* **missed** — a reviewer set ✓ where nothing was proposed: the words of the passage the
  reviewer says covers the sub-issue (the decision's ``evidence``; without it, the snippets of
  the best partial match the classifier found) that recur across several such overrides are
  candidate phrases of that sub-issue.
* **rejected** — a reviewer set ✗ on a ✓ proposal: the words standing right next to the
  matched phrase in the proposal's evidence snippets that recur are another sense of the phrase
  (``ประชาสัมพันธ์สินค้า``), suggested as the sub-issue's ``not_evidence``.

* **concept words** — in a missed sub-issue's passage, words of every group of one of its
  concepts but one (a test action found, the weakness tested for named in words the rubric
  lacks): the words of the passage that recur across such overrides are suggested for the
  missing group. A word that is only a piece of a rubric word (เครื่อง of เครื่องแม่ข่าย) is
  too general to suggest.

A suggestion needs ``min_support`` distinct overrides (documents) behind it: one reviewer's one
passage is an anecdote, not a rule. The result is a fragment in the rubric's own schema
(``[[subissues]]`` with ``phrases`` and ``not_evidence``), validated by merging it into the
rubric and loading the result; nothing is applied here.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit

from evidence_review.messages import MessageKey, message
from evidence_review.rubric.model import DEFAULT_RUBRIC, Rubric
from evidence_review.store.rows import DecisionRow, DocumentRow

MAX_TOKENS = 5  # longest learned phrase, in words
MIN_CHARS = 4  # shortest learned phrase or context, in characters
PER_SUBISSUE = 5  # suggestions kept per sub-issue and kind
EXAMPLES = 2  # example snippets kept per suggestion
_SPACE = re.compile(r"\s+")


@dataclass
class Override:
    """One confirmed override of a sub-issue proposal."""

    document: str
    subissue: str
    covered: bool  # the reviewer's value
    texts: list[str]  # the passage(s) to learn from
    phrases: list[str] = field(default_factory=list)  # matched rubric phrases (rejected ✓)


@dataclass
class Suggestion:
    subissue: str
    kind: str  # "phrase", "not_evidence" or "concept_word"
    text: str
    count: int
    examples: list[str]
    concept: int | None = None  # concept_word: the concept's index in its sub-issue
    group: int | None = None  # concept_word: the group (0-based) the word goes into


def overrides_from(rows: Iterable[DecisionRow], documents: Iterable[DocumentRow],
                   subissue_ids: Iterable[str]) -> list[Override]:
    """The sub-issue overrides among a submission's current decisions (booleans that differ
    from the proposal), with the passages to learn from."""
    ids = set(subissue_ids)
    docs = {d.id: d for d in documents}
    out: list[Override] = []
    for row in rows:
        if row.item not in ids or not isinstance(row.after, bool):
            continue
        if not isinstance(row.proposed, bool) or row.after == row.proposed:
            continue
        doc = docs.get(row.document_id) if row.document_id is not None else None
        prop = doc.proposals.subissues.get(row.item) if doc else None
        snippets = [e for e in (prop.evidence if prop else [])]
        name = f"{row.submission_id}/{row.document_path or (doc.path if doc else '?')}"
        if row.after:  # missed: learn from the reviewer's passage, else the partial matches
            texts = [row.evidence] if row.evidence else [e.text for e in snippets]
            out.append(Override(name, row.item, True, [t for t in texts if t]))
        else:
            out.append(Override(name, row.item, False, [e.text for e in snippets],
                                [e.phrase for e in snippets]))
    return out


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def _tokens(text: str) -> list[str]:
    from evidence_review.thaitext.words import tokenize

    return [t for t in tokenize(_SPACE.sub(" ", text)) if t.strip()]


def _wordlike(token: str) -> bool:
    """Letters and digits (Thai vowels and tone marks included), no punctuation or spaces."""
    return bool(token) and not any(unicodedata.category(c)[0] in "PSZC" for c in token)


def _linking(token: str, stop: frozenset[str]) -> bool:
    """A short function word (ที่, ของ, และ, ไป): a phrase neither starts nor ends with one."""
    return token in stop and len(token) <= 3


def _ngrams(tokens: list[str], stop: frozenset[str]) -> set[str]:
    out = set()
    for n in range(2, MAX_TOKENS + 1):
        for i in range(len(tokens) - n + 1):
            gram = tokens[i:i + n]
            if (_linking(gram[0], stop) or _linking(gram[-1], stop)
                    or all(t in stop for t in gram) or not all(map(_wordlike, gram))):
                continue
            text = "".join(gram)
            if len(text) >= MIN_CHARS and not text.isdigit():
                out.add(text)
    return out


def _example(texts: list[str], needle: str) -> str:
    for t in texts:
        c = _compact(t)
        at = c.find(needle)
        if at >= 0:
            return c[max(0, at - 30):at + len(needle) + 30]
    return ""


def _rank(found: dict[tuple[str, str], dict[str, str]], kind: str, min_support: int,
          known: dict[str, set[str]]) -> list[Suggestion]:
    """Keep the candidates seen in ``min_support`` documents, not already in the rubric, and
    not part of a longer candidate with as much support; most supported first."""
    keep = {k: v for k, v in found.items() if len(v) >= min_support
            and not any(w in k[1] or k[1] in w for w in known.get(k[0], set()))}
    out = []
    for (sid, text), docs in keep.items():
        if any(o != text and text in o and len(d) >= len(docs)
               for (s, o), d in keep.items() if s == sid):
            continue
        out.append(Suggestion(sid, kind, text, len(docs), [v for v in docs.values() if v]
                              [:EXAMPLES]))
    out.sort(key=lambda s: (s.subissue, -s.count, -len(s.text), s.text))
    per: dict[str, int] = {}
    kept = []
    for s in out:
        per[s.subissue] = per.get(s.subissue, 0) + 1
        if per[s.subissue] <= PER_SUBISSUE:
            kept.append(s)
    return kept


def suggest(overrides: list[Override], rubric: Rubric, min_support: int = 2
            ) -> list[Suggestion]:
    """Phrases from missed sub-issues, other-sense contexts from rejected ones."""
    stop = _stopwords()
    phrases: dict[tuple[str, str], dict[str, str]] = {}
    senses: dict[tuple[str, str], dict[str, str]] = {}
    for o in overrides:
        if o.covered:
            grams: set[str] = set()
            for t in o.texts:
                grams |= _ngrams(_tokens(t), stop)
            for g in grams:
                phrases.setdefault((o.subissue, g), {})[o.document] = _example(o.texts, g)
        else:
            for t, phrase in zip(o.texts, o.phrases, strict=False):
                for ctx in _contexts(t, phrase, stop):
                    senses.setdefault((o.subissue, ctx), {})[o.document] = _example([t], ctx)
    known_phrases = {s.id: {_compact(p.text) for p in s.phrases} for s in rubric.subissues}
    known_not = {s.id: {_compact(w) for w in s.not_evidence} for s in rubric.subissues}
    return (_rank(phrases, "phrase", min_support, known_phrases)
            + _rank(senses, "not_evidence", min_support, known_not)
            + concept_words(overrides, rubric, min_support, stop))


def _rubric_words(rubric: Rubric) -> list[str]:
    """Every phrase and concept word of the rubric, compacted and lower-cased."""
    words = {_compact(p.text).lower() for s in rubric.subissues for p in s.phrases}
    words |= {_compact(w).lower() for s in rubric.subissues for c in s.concepts
              for g in c.groups for w in g}
    return sorted(words)


def _missing_group(text: str, groups: list[list[str]]) -> int | None:
    """The one group of a concept none of whose words ``text`` holds, when every other group
    has a word there; else ``None``."""
    c = _compact(text).lower()
    missing = [gi for gi, g in enumerate(groups) if not any(_compact(w).lower() in c for w in g)]
    return missing[0] if len(missing) == 1 else None


def _word_candidates(text: str, stop: frozenset[str], rubric_words: list[str],
                     concept_words: list[str]) -> set[str]:
    """Words (and short runs of words) of ``text`` that could name a concept group's thing:
    not a function word, not a piece of a rubric word, not holding a word of the concept."""
    tokens = _tokens(text)
    grams = {t for t in tokens if _wordlike(t) and t not in stop and len(t) >= MIN_CHARS
             and not t.isdigit()}
    grams |= {g for g in _ngrams(tokens, stop) if len(_tokens(g)) <= 2}
    return {g for g in grams
            if not any(g.lower() in w for w in rubric_words)
            and not any(w in g.lower() for w in concept_words)}


def concept_words(overrides: list[Override], rubric: Rubric, min_support: int = 2,
                  stop: frozenset[str] | None = None) -> list[Suggestion]:
    """Words for the one missing group of a concept, from missed sub-issues' passages that
    hold words of its other groups (see the module docstring), recurring in ``min_support``
    documents."""
    stop = stop if stop is not None else _stopwords()
    rubric_words = _rubric_words(rubric)
    found: dict[tuple[str, str], dict[str, str]] = {}
    for o in overrides:
        if not o.covered:
            continue
        for ci, concept in enumerate(rubric.subissue(o.subissue).concepts):
            own = [_compact(w).lower() for g in concept.groups for w in g]
            for t in o.texts:
                gi = _missing_group(t, concept.groups)
                if gi is None:
                    continue
                for w in _word_candidates(t, stop, rubric_words, own):
                    found.setdefault((f"{o.subissue}|{ci}|{gi}", w), {})[o.document] = (
                        _example([t], _compact(w)))
    out = []
    for sg in _rank(found, "concept_word", min_support, {}):
        sid, concept_at, group_at = sg.subissue.split("|")
        out.append(Suggestion(sid, sg.kind, sg.text, sg.count, sg.examples, int(concept_at),
                              int(group_at)))
    return out


def _contexts(text: str, phrase: str, stop: frozenset[str]) -> set[str]:
    """The matched phrase with the word after it, and with the word before it."""
    c, p = _compact(text), _compact(phrase)
    out = set()
    for m in re.finditer(re.escape(p), c, flags=re.IGNORECASE):
        after = [t for t in _tokens(c[m.end():m.end() + 40]) if t not in stop]
        before = [t for t in _tokens(c[max(0, m.start() - 40):m.start()]) if t not in stop]
        if after and _wordlike(after[0]):
            out.add(m.group(0) + after[0])
        if before and _wordlike(before[-1]):
            out.add(before[-1] + m.group(0))
    return {x for x in out if len(x) >= MIN_CHARS + len(p) // 2}


# -- the fragment and the merge ---------------------------------------------------------


def _concept_tables(words: list[Suggestion], rubric: Rubric | None) -> Any:
    """Concept words as ``[[subissues.concepts]]`` tables: the concept's ``name`` and, per
    group, the words to add (an empty list for a group that gets none)."""
    aot = tomlkit.aot()
    for ci in sorted({w.concept for w in words if w.concept is not None}):
        mine = [w for w in words if w.concept == ci]
        concept = rubric.subissue(mine[0].subissue).concepts[ci] if rubric else None
        n = len(concept.groups) if concept else 1 + max(w.group or 0 for w in mine)
        t = tomlkit.table()
        t.add("name", concept.name if concept else f"#{ci}")
        t.add("groups", [[w.text for w in mine if w.group == gi] for gi in range(n)])
        aot.append(t)
    return aot


def fragment(suggestions: list[Suggestion], rubric: Rubric | None = None) -> str:
    """The suggestions as a rubric TOML fragment (``[[subissues]]`` tables; concept words as
    ``[[subissues.concepts]]`` naming the concept, which needs ``rubric``)."""
    doc = tomlkit.document()
    doc.add(tomlkit.comment("Suggested by `evidence-review rubric suggest` from reviewers' "
                            "overrides; review before merging."))
    subs = tomlkit.aot()
    for sid in sorted({s.subissue for s in suggestions}):
        t = tomlkit.table()
        t.add("id", sid)
        mine = [s for s in suggestions if s.subissue == sid]
        learned = [s for s in mine if s.kind == "phrase"]
        if learned:
            arr = tomlkit.array()
            arr.multiline(True)
            for s in learned:
                it = tomlkit.inline_table()
                it.update({"text": s.text, "kind": "anchor",
                           "note": f"learned from {s.count} reviewer overrides"})
                arr.append(it)
            t.add("phrases", arr)
        others = [s.text for s in mine if s.kind == "not_evidence"]
        if others:
            t.add("not_evidence", others)
        words = [s for s in mine if s.kind == "concept_word"]
        if words:
            t.add("concepts", _concept_tables(words, rubric))
        subs.append(t)
    doc.add("subissues", subs)
    return tomlkit.dumps(doc)


def merge(fragment_text: str, rubric_path: Path | None = None) -> tuple[str, Rubric]:
    """The rubric file with the fragment merged in (comments kept), and the rubric it loads
    to; raises ``ValueError`` (pydantic) when the result is not a valid rubric."""
    path = rubric_path or DEFAULT_RUBRIC
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    frag = tomllib.loads(fragment_text)
    by_id: dict[str, Any] = {s["id"]: s for s in doc["subissues"]}
    for add in frag.get("subissues", []):
        target = by_id.get(add["id"])
        if target is None:
            raise ValueError(message(MessageKey.RUBRIC_UNKNOWN_SUBISSUE,
                                     subissue=repr(add["id"])))
        if add.get("phrases"):
            for p in add["phrases"]:
                it = tomlkit.inline_table()
                it.update(p)
                target["phrases"].append(it)
        if add.get("not_evidence"):
            if "not_evidence" not in target:
                target["not_evidence"] = tomlkit.array()
            target["not_evidence"].extend(add["not_evidence"])
        for concept in add.get("concepts", []):
            _merge_concept(target, add["id"], concept)
    text = tomlkit.dumps(doc)
    return text, Rubric.model_validate(tomllib.loads(text))


def _merge_concept(target: Any, sid: str, add: dict[str, Any]) -> None:
    """Add a fragment concept's words to the groups of the rubric's concept of that name."""
    found = next((c for c in target.get("concepts", []) if c["name"] == add["name"]), None)
    if found is None:
        raise ValueError(message(MessageKey.RUBRIC_UNKNOWN_CONCEPT, subissue=sid,
                                 concept=repr(add["name"])))
    groups = add.get("groups", [])
    if len(groups) > len(found["groups"]):
        raise ValueError(message(MessageKey.RUBRIC_CONCEPT_GROUPS, subissue=sid,
                                 concept=repr(add["name"]), groups=len(found["groups"])))
    for have, new in zip(found["groups"], groups, strict=False):
        have.extend(w for w in new if w not in have)


def summary(suggestions: list[Suggestion], overrides: list[Override],
            rubric: Rubric | None = None) -> list[str]:
    """Readable lines, Thai first with English in brackets (the message table)."""
    from evidence_review.messages import MessageKey, message

    missed = sum(o.covered for o in overrides)
    lines = [message(MessageKey.SUGGEST_COUNTS, total=len(overrides), missed=missed,
                     rejected=len(overrides) - missed)]
    if not suggestions:
        lines.append(message(MessageKey.SUGGEST_NONE))
    for s in suggestions:
        if s.kind == "concept_word" and rubric is not None and s.concept is not None:
            concept = rubric.subissue(s.subissue).concepts[s.concept]
            lines.append(message(MessageKey.SUGGEST_CONCEPT_WORD, subissue=s.subissue,
                                 group=(s.group or 0) + 1, concept=concept.label,
                                 text=s.text, count=s.count))
        else:
            key = (MessageKey.SUGGEST_PHRASE if s.kind == "phrase"
                   else MessageKey.SUGGEST_NOT_EVIDENCE)
            lines.append(message(key, subissue=s.subissue, text=s.text, count=s.count))
        lines.extend("    " + message(MessageKey.SUGGEST_EXAMPLE, text=e) for e in s.examples)
    return lines

"""Pydantic model of a rubric file. Unknown keys are errors that name the key."""

from __future__ import annotations

import itertools
import tomllib
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from evidence_review.messages import MessageKey, message

DEFAULT_RUBRIC = Path(__file__).with_name("kpi14-2550.toml")

#: Limits checked when a rubric loads, before anything uses it (issue 10: a 100,000-character
#: phrase crashed the Thai segmenter, ``1e999999999`` weights overflowed while scoring).
MAX_PHRASE_CHARS = 200  # a word or short phrase: they go into the segmenter's dictionary
MAX_TEXT_CHARS = 2000  # titles, notes
MAX_LIST_ITEMS = 5000  # entries of any one list
MAX_STRINGS = 50_000  # texts in the whole rubric
MAX_DEPTH = 16  # tables and arrays inside each other
MAX_NUMBER = Decimal(1_000_000)  # any weight, threshold or score
#: Keys whose texts are phrases (matched and put into the segmenter's dictionary).
PHRASE_KEYS = frozenset({
    "text", "not_evidence", "heading_keys", "groups", "phrase", "requires", "toc_markers",
    "placeholders", "deferrals", "gap_markers", "role_phrases", "improvement_phrases",
    "role_filename_hints"})


def _bounded(value: Decimal) -> Decimal:
    if not value.is_finite() or value.copy_abs() > MAX_NUMBER:
        raise ValueError(message(MessageKey.RUBRIC_NUMBER_RANGE, limit=int(MAX_NUMBER)))
    return value


#: A rubric number: finite and at most :data:`MAX_NUMBER` either side of zero.
Number = Annotated[Decimal, AfterValidator(_bounded)]


def check_limits(data: Any) -> None:
    """Raise ValueError naming the first key over a limit (depth, list size, text length).

    Walks the raw TOML data with a stack of its own (no recursion), before pydantic sees it.

    >>> check_limits({"subissues": [{"phrases": [{"text": "ก" * 201}]}]})
    Traceback (most recent call last):
    ...
    ValueError: subissues.0.phrases.0.text: ข้อความยาว 201 อักขระ ... [text is 201 characters, ...]
    """
    stack: list[tuple[Any, tuple[str, ...], bool]] = [(data, (), False)]
    strings = 0
    while stack:
        value, path, phrase = stack.pop()
        where = ".".join(path) or "(top)"
        if len(path) > MAX_DEPTH:
            raise ValueError(f"{where}: {message(MessageKey.NESTED_TOO_DEEP, limit=MAX_DEPTH)}")
        if isinstance(value, dict):
            stack.extend((v, (*path, str(k)), phrase or k in PHRASE_KEYS)
                         for k, v in value.items())
        elif isinstance(value, list):
            if len(value) > MAX_LIST_ITEMS:
                raise ValueError(f"{where}: " + message(MessageKey.RUBRIC_TOO_MANY,
                                                        count=len(value), limit=MAX_LIST_ITEMS))
            stack.extend((v, (*path, str(i)), phrase) for i, v in enumerate(value))
        elif isinstance(value, str):
            strings += 1
            if strings > MAX_STRINGS:
                raise ValueError(message(MessageKey.RUBRIC_TOO_MANY, count=strings,
                                         limit=MAX_STRINGS))
            limit = MAX_PHRASE_CHARS if phrase else MAX_TEXT_CHARS
            if len(value) > limit:
                raise ValueError(f"{where}: " + message(MessageKey.RUBRIC_TEXT_TOO_LONG,
                                                        length=len(value), limit=limit))


class RubricError(Exception):
    """A rubric file that cannot be used; the message names the file and the bad key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PhraseKind(StrEnum):
    ANCHOR = "anchor"  # alone shows the topic
    SUPPORT = "support"  # needs company (another phrase of the same sub-issue nearby)


class Phrase(_Strict):
    text: str = Field(min_length=1)
    kind: PhraseKind = PhraseKind.SUPPORT
    weight: float = Field(1.0, gt=0, le=10)
    note: str | None = None


class Issue(_Strict):
    id: str
    title_th: str
    name_en: str


class Concept(_Strict):
    """Words from every group standing within ``window`` characters of each other show the
    topic even without its usual keywords (a flood near "servers moved" is a contingency plan).
    """

    name: str
    name_th: str | None = Field(None, description="The concept in Thai: reasons and evidence "
                                                  "name it so to the evaluator (``name`` when "
                                                  "not given).")
    groups: list[list[str]] = Field(min_length=2)
    window: int = Field(150, gt=0, le=2000, description="Characters (spaces removed).")
    weight: float = Field(1.0, gt=0, le=10)
    distinct: bool = Field(
        False, description="The words found for different groups must differ: with one list "
                           "given twice, two different channels (SMS and a kiosk) near "
                           "each other.")
    not_evidence: list[str] = Field(
        default_factory=list, description="Words that cancel a concept word they overlap (the "
                                          "indicator's own name is not a database of KPIs).")

    @property
    def label(self) -> str:
        """How reasons and evidence name the concept: Thai first.

        >>> Concept(name="x", name_th="ก", groups=[["a"], ["b"]]).label
        'ก'
        """
        return self.name_th or self.name


class ObjectRule(_Strict):
    """Words of a sub-issue that name an action (a campaign, a training, a safety check) count
    only when what the action is about is the agency's information systems: one of ``objects``
    must stand within ``window`` characters after the word (or in it), and no word of
    ``others`` (the action about something else: a product, farmers, a building) before it."""

    words: list[str] = Field(min_length=1, description="Action words the rule applies to (its "
                                                       "phrases and concept words).")
    objects: list[str] = Field(min_length=1, description="What the action must be about.")
    others: list[str] = Field(default_factory=list,
                              description="What makes it about something else.")
    window: int = Field(40, gt=0, le=400, description="Characters after the word (spaces "
                                                      "removed).")


class Orders(_Strict):
    """Appointment orders and lists of duties name the sub-issues as tasks; they cover none.
    An order starts at a unit beginning with one of ``starts`` whose first lines hold one of
    ``subjects``, and runs to the unit holding one of ``ends`` (within ``max_units`` units, else
    to the end of its page). In other text, what follows a word of ``duties`` said of one of
    ``holders`` is a list of duties when it names at least ``min_named`` sub-issues."""

    starts: list[str] = Field(default_factory=list)
    subjects: list[str] = Field(default_factory=list)
    ends: list[str] = Field(default_factory=list)
    duties: list[str] = Field(default_factory=list)
    holders: list[str] = Field(default_factory=list, description="Who holds the duties (a "
                               "working group): one must stand within 80 characters before.")
    max_units: int = Field(80, gt=0, le=1000)
    min_named: int = Field(2, ge=1, le=10)


class SubIssue(_Strict):
    id: str = Field(pattern=r"^[1-9]\.[1-9]$")
    issue: str
    title_th: str
    name_en: str
    phrases: list[Phrase] = Field(min_length=1)
    not_evidence: list[str] = Field(
        default_factory=list,
        description="Phrases in another sense that must not count (สำรองที่นั่ง, งบสำรอง).",
    )
    heading_keys: list[str] = Field(
        default_factory=list,
        description="Short words that, in a heading, show the heading is about this sub-issue.",
    )
    concepts: list[Concept] = Field(default_factory=list)
    object_rule: ObjectRule | None = None


class AmbiguityRule(_Strict):
    """A phrase that points at several sub-issues; ``requires`` lists phrases one of which must
    stand near it for it to count towards ``subissue``."""

    phrase: str
    subissue: str
    requires: list[str] = Field(default_factory=list)
    note: str | None = None


class CriterionKind(StrEnum):
    REVIEW_COUNT = "review_count"  # criterion 1: sub-issues covered by the review summary
    PLAN_COUNT = "plan_count"  # criterion 2: sub-issues covered by the action plan
    PERCENT_IMPLEMENTED = "percent_implemented"  # criterion 3
    PERCENT_ACHIEVED = "percent_achieved"  # criterion 4


class Criterion(_Strict):
    id: int
    kind: CriterionKind
    title_th: str
    name_en: str
    weight: Number = Field(gt=0)
    thresholds: list[Number] = Field(min_length=5, max_length=5,
                                     description="Result needed for levels 1..5, ascending.")
    below_first: Number = Field(Decimal(0), description="Score below the level-1 threshold.")
    interpolate: bool = Field(True, description="Linear between levels (criteria 3 and 4).")

    @field_validator("thresholds")
    @classmethod
    def _ascending(cls, v: list[Decimal]) -> list[Decimal]:
        if any(b <= a for a, b in itertools.pairwise(v)):
            raise ValueError("thresholds must be strictly ascending")
        return v


class Policies(_Strict):
    missing_improvement_cap: int = Field(
        4, ge=0, le=5,
        description="Criterion 2 level cap when the plan does not state what is developed "
                    "beyond FY 2549 (5 = no cap).",
    )
    decimals: int = Field(4, ge=0, le=10)
    rounding: Literal["half_up"] = "half_up"


class Matching(_Strict):
    """Tuning of the classifier; defaults are the values the bundled rubric was judged with."""

    near_chars: int = Field(200, gt=0, description="'Near' for support phrases and ambiguity "
                                                   "rules (characters, spaces removed).")
    min_body_chars: int = Field(20, ge=0, description="A section body shorter than this (after "
                                                      "removing placeholders) is empty.")
    overview_min_subissues: int = Field(
        4, ge=2, description="A paragraph naming this many sub-issues is an overview, not "
                             "evidence.")
    propose_threshold: float = Field(1.0, gt=0, description="Evidence strength needed to "
                                                            "propose a sub-issue covered.")
    support_factor: float = Field(0.5, gt=0, le=1, description="A support phrase with company "
                                                               "counts this share of its weight.")
    fallback_factor: float = Field(0.5, gt=0, le=1, description="A tone-mark-insensitive match "
                                                                "counts this share.")
    section_strength: float = Field(1.5, ge=0, le=10, description="A section mapped to the "
                                    "sub-issue whose body has substance.")
    table_row_strength: float = Field(1.0, ge=0, le=10, description="A plan table row whose "
                                      "'ประเด็น' column names the sub-issue.")
    repeat_bonus: float = Field(0.1, ge=0, le=1, description="Each repeated mention adds this.")
    repeat_cap: float = Field(0.5, ge=0, le=10, description="Repeated mentions add at most this.")
    concept_alone: float = Field(
        0.6, gt=0, le=1, description="A concept found once in running text counts this share "
        "of its weight (full weight in an activity row or in the sub-issue's own section).")
    concept_repeat: float = Field(0.4, ge=0, le=1, description="Each further independent find "
                                  "of a concept adds this share of its weight.")
    concept_cap: float = Field(1.5, gt=0, le=10, description="A concept counts at most this "
                               "many times its weight.")


class Rubric(_Strict):
    id: str
    title_th: str
    title_en: str
    fiscal_year_be: int
    indicator_weight: Number = Field(gt=0)
    issues: list[Issue] = Field(min_length=1)
    subissues: list[SubIssue] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    policies: Policies = Policies()
    ambiguity: list[AmbiguityRule] = Field(default_factory=list)
    toc_markers: list[str] = Field(default_factory=list, description="สารบัญ, Contents ...")
    placeholders: list[str] = Field(default_factory=list, description="'-', ไม่มี, ...")
    deferrals: list[str] = Field(
        default_factory=list,
        description="Words that put an answer off (รอข้อมูล, อยู่ระหว่าง...): a labelled line "
                    "'<topic> : <answer>' whose answer starts with one and says nothing of the "
                    "topic is not coverage.")
    gap_markers: list[str] = Field(default_factory=list,
                                   description="ยังไม่มี, จะดำเนินการ: discussing a gap covers it.")
    role_phrases: dict[str, list[str]] = Field(default_factory=dict)
    improvement_phrases: list[str] = Field(default_factory=list,
                                           description="'beyond FY 2549' evidence in a plan.")
    improvement_concepts: list[Concept] = Field(default_factory=list)
    role_filename_hints: dict[str, list[str]] = Field(
        default_factory=dict, description="Words in a file name that suggest its role.")
    foreign_titles: list[str] = Field(
        default_factory=list,
        description="Titles of documents about something else (a budget book, a procurement "
                    "notice): such a document is 'other' and covers nothing, unless its title "
                    "also names a KPI-14 role.")
    orders: Orders = Orders()
    part_titles: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Titles that start a part of a file binding several documents, per role.")
    role_columns: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Table header words that suggest a role: a plan's responsible/period "
                    "columns, a progress report's percent/achieved columns.")
    progress_column_markers: list[str] = Field(
        default_factory=list,
        description="A progress column counts only when the header also holds one of these "
                    "(ร้อยละ, บรรลุ): a measured figure, not a plan's target.")
    matching: Matching = Matching()

    @model_validator(mode="before")
    @classmethod
    def _within_limits(cls, data: Any) -> Any:
        check_limits(data)
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        ids = [s.id for s in self.subissues]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate sub-issue ids: {ids}")
        issue_ids = {i.id for i in self.issues}
        for s in self.subissues:
            if s.issue not in issue_ids:
                raise ValueError(f"sub-issue {s.id} names unknown issue {s.issue!r}")
        roles = {"review", "plan", "progress", "other"}
        for key in (*self.role_phrases, *self.role_filename_hints, *self.role_columns,
                    *self.part_titles):
            if key not in roles:
                raise ValueError(f"unknown role {key!r} (known: {', '.join(sorted(roles))})")
        for a in self.ambiguity:
            if a.subissue not in ids:
                raise ValueError(f"ambiguity rule for {a.phrase!r} names unknown sub-issue "
                                 f"{a.subissue!r}")
        kinds = [c.kind for c in self.criteria]
        if len(set(kinds)) != len(kinds):
            raise ValueError("each criterion kind may appear once")
        return self

    @property
    def subissue_ids(self) -> list[str]:
        return [s.id for s in self.subissues]

    def subissue(self, sid: str) -> SubIssue:
        for s in self.subissues:
            if s.id == sid:
                return s
        raise KeyError(sid)

    def criterion(self, kind: CriterionKind) -> Criterion:
        for c in self.criteria:
            if c.kind is kind:
                return c
        raise KeyError(kind)


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load and validate a rubric TOML file (the bundled FY 2550 one by default).

    Raises :class:`RubricError` naming the file and every bad key.
    """
    p = Path(path) if path else DEFAULT_RUBRIC
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RubricError(f"{p}: cannot read rubric file ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RubricError(f"{p}: not valid TOML ({exc})") from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise RubricError(f"{p}: " + message(MessageKey.NESTED_TOO_DEEP, limit=MAX_DEPTH)
                          ) from None
    try:
        check_limits(data)
    except ValueError as exc:
        raise RubricError(f"{p}: invalid rubric: {exc}") from None
    try:
        return Rubric.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or '(top)'}: "
            + err["msg"].removeprefix("Value error, ") for err in exc.errors()
        )
        raise RubricError(f"{p}: invalid rubric: {problems}") from None

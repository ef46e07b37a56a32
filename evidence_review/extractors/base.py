"""The one small interface every format backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar, Self

from evidence_review.extractors.model import Document, ErrorCategory
from evidence_review.intake import FileFormat, IntakeRecord, Limits

if TYPE_CHECKING:
    from evidence_review.extractors.options import ExtractOptions


class ExtractionError(Exception):
    """A problem with the input file (not a bug): becomes a failure Document."""

    def __init__(self, category: ErrorCategory, message: str) -> None:
        super().__init__(message)
        self.category = category
        self.message = message


class Extractor(ABC):
    """Turns one recorded file into a :class:`Document`.

    Backends raise :class:`ExtractionError` for bad input; :func:`extractors.extract`
    turns it (and any unexpected exception) into a failure Document, so callers never
    see a traceback for a user's file.
    """

    formats: ClassVar[tuple[FileFormat, ...]]

    @classmethod
    def with_options(cls, options: ExtractOptions) -> Self:
        """The backend configured from ``options`` (a backend that takes none ignores them)."""
        return cls()

    @abstractmethod
    def extract(self, record: IntakeRecord, limits: Limits) -> Document:
        """Read the file named by ``record`` into a Document."""

"""Plain-text backend: UTF-8 (with or without BOM), UTF-16/32 with BOM, or TIS-620/cp874.

Decoding is :func:`intake.encodings.decode_text` (a strict ordered attempt, never a guess that
could silently garble Thai). A form feed (``\\f``) starts a new page. Blocks are paragraphs
separated by blank lines; a numbered line ("1.1 ...", "๓.๒ ...", "ส่วนที่ ...") is a HEADING
whose level is the count of its numbers, bullet lines ("- ...", "• ...", "1) ...") are
LIST_ITEMs, and a heading line directly followed by text is split from that text.
"""

from __future__ import annotations

import re
from typing import ClassVar

from evidence_review.extractors.base import ExtractionError, Extractor
from evidence_review.extractors.model import Block, BlockKind, Document, ErrorCategory, Status
from evidence_review.extractors.structure import (
    cut_to_page_limit,
    heading_level,
    is_list_line,
    make_block,
    page_from_blocks,
    read_bytes,
)
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.messages import MessageKey, message

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")


def _paragraph_blocks(lines: list[str]) -> list[Block]:
    """Blocks of one blank-line-separated paragraph (lines already stripped)."""
    numbered = [heading_level(line) for line in lines]
    blocks: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            blocks.append(make_block(BlockKind.PARAGRAPH, "\n".join(pending)))
            pending.clear()

    if sum(level is not None for level in numbered) >= 2:
        # several numbered lines in one paragraph: an enumeration, not headings
        for line, level in zip(lines, numbered, strict=True):
            if level is not None or is_list_line(line):
                flush()
                blocks.append(make_block(BlockKind.LIST_ITEM, line, level=level))
            elif blocks and not pending and blocks[-1].kind is BlockKind.LIST_ITEM:
                last = blocks.pop()
                blocks.append(make_block(BlockKind.LIST_ITEM, last.raw + "\n" + line,
                                         level=last.level))
            else:
                pending.append(line)
        flush()
        return blocks
    for i, (line, level) in enumerate(zip(lines, numbered, strict=True)):
        if level is not None and i == 0:
            blocks.append(make_block(BlockKind.HEADING, line, level=level))
        elif is_list_line(line):
            flush()
            blocks.append(make_block(BlockKind.LIST_ITEM, line))
        else:
            pending.append(line)
    flush()
    return blocks


def text_blocks(text: str) -> list[Block]:
    """Blocks of one page of plain text.

    >>> [(b.kind.value, b.level, b.raw) for b in text_blocks(
    ...     "1. บทนำ\\nเนื้อความ\\nต่อ\\n\\n- ข้อแรก\\n- ข้อสอง\\n\\n1) ก\\n2) ข")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('heading', 1, '1. บทนำ'), ('paragraph', None, 'เนื้อความ\\nต่อ'),
     ('list_item', None, '- ข้อแรก'), ('list_item', None, '- ข้อสอง'),
     ('list_item', 1, '1) ก'), ('list_item', 1, '2) ข')]
    """
    blocks: list[Block] = []
    for para in _BLANK_LINES.split(text):
        lines = [line.strip() for line in para.splitlines() if line.strip()]
        if lines:
            blocks.extend(_paragraph_blocks(lines))
    return blocks


class TextExtractor(Extractor):
    """Reads plain-text files."""

    formats: ClassVar[tuple[FileFormat, ...]] = (FileFormat.TEXT,)

    def extract(self, record: IntakeRecord, limits: Limits) -> Document:
        from evidence_review.intake.encodings import decode_text

        decoded = decode_text(read_bytes(record))
        if decoded is None:
            raise ExtractionError(ErrorCategory.CORRUPT, message(MessageKey.NOT_TEXT))
        text = decoded.text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        chunks = text.split("\f")
        chunks, errors = cut_to_page_limit(chunks, limits, "text")
        if len(chunks) > 1 and not chunks[-1].strip():
            chunks.pop()  # a form feed ending the last page does not start a new one
        pages = [page_from_blocks(i, text_blocks(chunk), []) for i, chunk in enumerate(chunks, 1)]
        return Document(path=record.path, format=FileFormat.TEXT, pages=pages, errors=errors,
                        status=Status.PARTIAL if errors else Status.SUCCESS,
                        producer=f"text ({decoded.encoding})")

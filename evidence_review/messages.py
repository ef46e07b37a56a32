"""Every message a user sees about a file problem, in one table: Thai first, English gloss.

Evaluators read Thai; the English gloss stays so a reason can still be searched for on the web
and so older scripts that grep English keep a foothold. A message renders as::

    ไทย [English]

e.g. ``ไฟล์ว่างเปล่า (0 ไบต์) [file is empty (0 bytes)]``. Square brackets, not round ones,
because many English reasons carry their own round brackets ("(0 bytes)", "(zip bomb)"), and
not an em dash, because reports already put " — " between a file name and its reason. (Rich
reads ``[...]`` as markup: print these with ``markup=False`` or :func:`rich.markup.escape`.)

Two messages about one thing (a page's problem and why OCR could not help) are joined part by
part, Thai with Thai and English with English (:meth:`Bilingual.then`)::

    หน้าที่สแกนเป็นภาพ: ยังไม่ได้ติดตั้งโปรแกรม OCR (...) [scanned page: OCR needs ...]

A message never names the file: callers put the path in front ("error: a/b.pdf: ...").
Developer logs (``logging.debug``/``info``) stay in English and do not use this table.

>>> message(MessageKey.EMPTY)
'ไฟล์ว่างเปล่า (0 ไบต์) [file is empty (0 bytes)]'
>>> message(MessageKey.TIMED_OUT, seconds=120.0).split(" [")[1]
'timed out after 120 s; allow more with --timeout]'
>>> str(text(MessageKey.SCANNED_PAGE).then(text(MessageKey.OCR_NO_TEXT)))
'หน้าที่สแกนเป็นภาพ: OCR ไม่พบข้อความ [scanned page: OCR found no text]'
"""

from __future__ import annotations

import errno
import string
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

#: Longest text a field may put into a message (library error text, member names): longer
#: values are cut, so the English gloss is never lost off the end of a one-line message.
MAX_FIELD_CHARS = 80


class MessageKey(StrEnum):
    """The name of each message (its value is stable and may be logged or tested)."""

    # intake: before any parser
    EMPTY = "empty"
    NOT_REGULAR_FILE = "not_regular_file"
    FILE_NOT_FOUND = "file_not_found"
    NO_PERMISSION = "no_permission"
    CANNOT_READ = "cannot_read"
    TOO_LARGE = "too_large"
    UNKNOWN_FORMAT = "unknown_format"
    ZIP_DAMAGED = "zip_damaged"
    ZIP_NOT_OFFICE = "zip_not_office"
    OFFICE_PASSWORD = "office_password"
    OLE_NOT_OFFICE = "ole_not_office"
    # intake: finding submissions
    NO_SUCH_PATH = "no_such_path"
    BROKEN_LINK = "broken_link"
    FOLDER_UNREADABLE = "folder_unreadable"
    SKIPPED_LINK_LOOP = "skipped_link_loop"
    SKIPPED_LINK_LOOP_TO = "skipped_link_loop_to"
    SKIPPED_BROKEN_LINK = "skipped_broken_link"
    SKIPPED_NOTE = "skipped_note"
    # extractors: any format
    OUT_OF_MEMORY_READING = "out_of_memory_reading"
    READER_CRASHED = "reader_crashed"
    PAGES_CUT = "pages_cut"
    NOT_TEXT = "not_text"
    # Word and Excel (zip containers)
    OFFICE_ZIP_DAMAGED = "office_zip_damaged"
    ZIP_SLIP = "zip_slip"
    ZIP_BOMB_SIZE = "zip_bomb_size"
    ZIP_BOMB_RATIO = "zip_bomb_ratio"
    OFFICE_PART_MISSING = "office_part_missing"
    OFFICE_INVALID = "office_invalid"
    WORD_MACRO = "word_macro"
    WORD_XML_DAMAGED = "word_xml_damaged"
    EXCEL_XML_DAMAGED = "excel_xml_damaged"
    EXCEL_NO_SHEETS = "excel_no_sheets"
    EXCEL_NO_SHEET_READ = "excel_no_sheet_read"
    SHEETS_CUT = "sheets_cut"
    SHEET_DAMAGED = "sheet_damaged"
    DAMAGED_SHEET = "damaged_sheet"
    CELLS_CUT = "cells_cut"
    # Word 97-2003 / Excel 97-2003 through LibreOffice
    NEEDS_LIBREOFFICE = "needs_libreoffice"
    LIBREOFFICE_TIMEOUT = "libreoffice_timeout"
    LIBREOFFICE_CANNOT_RUN = "libreoffice_cannot_run"
    LIBREOFFICE_FAILED = "libreoffice_failed"
    OLE_DAMAGED = "ole_damaged"
    LEGACY_PASSWORD = "legacy_password"
    # PDF and OCR
    PDF_PASSWORD = "pdf_password"
    PDF_DAMAGED = "pdf_damaged"
    PDF_UNREADABLE = "pdf_unreadable"
    PDF_TOO_MANY_PAGES = "pdf_too_many_pages"
    PAGE_NOT_PARSED = "page_not_parsed"
    SCANNED_PAGE = "scanned_page"
    GARBLED_PAGE = "garbled_page"
    OCR_NOT_INSTALLED = "ocr_not_installed"
    OCR_NO_LANGUAGE = "ocr_no_language"
    OCR_OFF = "ocr_off"
    OCR_TIMEOUT = "ocr_timeout"
    OCR_CANNOT_RUN = "ocr_cannot_run"
    OCR_FAILED = "ocr_failed"
    OCR_NO_TEXT = "ocr_no_text"
    OCR_LOW_QUALITY = "ocr_low_quality"
    NO_TEXT = "no_text"
    # batch workers
    TIMED_OUT = "timed_out"
    MEMORY_LIMIT = "memory_limit"
    OUT_OF_MEMORY = "out_of_memory"
    WORKER_KILLED_MEMORY = "worker_killed_memory"
    WORKER_CRASHED = "worker_crashed"
    WORKER_EXITED = "worker_exited"
    WORK_FAILED = "work_failed"
    DASK_FAILED = "dask_failed"
    FAILED = "failed"
    STANDIN_FORMAT = "standin_format"
    # the flow: store, screen, review
    NO_STORE = "no_store"
    SETTING_INVALID = "setting_invalid"
    NO_FILES = "no_files"
    SCREEN_INTERRUPTED = "screen_interrupted"
    SAME_NAME = "same_name"
    NEXT_STEPS = "next_steps"
    NEXT_STEPS_DB = "next_steps_db"
    DECISION_STALE = "decision_stale"
    DOC_CHANGED = "doc_changed"
    PARTS_RECORDED = "parts_recorded"
    # rubric suggest
    SUGGEST_NO_OVERRIDES = "suggest_no_overrides"
    SUGGEST_COUNTS = "suggest_counts"
    SUGGEST_NONE = "suggest_none"
    SUGGEST_PHRASE = "suggest_phrase"
    SUGGEST_NOT_EVIDENCE = "suggest_not_evidence"
    SUGGEST_CONCEPT_WORD = "suggest_concept_word"
    SUGGEST_EXAMPLE = "suggest_example"
    SUGGEST_INVALID = "suggest_invalid"
    SUGGEST_WRITTEN = "suggest_written"
    SUGGEST_BEFORE = "suggest_before"
    SUGGEST_AFTER = "suggest_after"
    FILE_CHANGED = "file_changed"
    # team review (issue 14)
    NOT_ASSIGNED = "not_assigned"
    NOT_ADJUDICATOR = "not_adjudicator"
    PACK_CHANGED = "pack_changed"
    # intake: confinement and special files (issue 10)
    SKIPPED_OUTSIDE_LINK = "skipped_outside_link"
    SKIPPED_FIFO = "skipped_fifo"
    SKIPPED_DEVICE = "skipped_device"
    SKIPPED_SOCKET = "skipped_socket"
    OUTSIDE_LINK = "outside_link"
    TEXT_TOO_LARGE = "text_too_large"
    # outputs: writing files (issue 10)
    OUTPUT_EXISTS = "output_exists"
    OUTPUT_IS_FOLDER = "output_is_folder"
    OUTPUT_NOT_FOLDER = "output_not_folder"
    OUTPUT_SPECIAL = "output_special"
    OUTPUT_IS_DATABASE = "output_is_database"
    OUTPUT_IS_INPUT = "output_is_input"
    OUTPUT_CANNOT_WRITE = "output_cannot_write"
    # reviewer input and rubric files (issue 10)
    NAME_TOO_LONG = "name_too_long"
    REASON_TOO_LONG = "reason_too_long"
    DUPLICATE_KEY = "duplicate_key"
    NESTED_TOO_DEEP = "nested_too_deep"
    RUBRIC_TEXT_TOO_LONG = "rubric_text_too_long"
    RUBRIC_TOO_MANY = "rubric_too_many"
    RUBRIC_NUMBER_RANGE = "rubric_number_range"
    CLASSIFY_FAILED = "classify_failed"
    # classifier: the submission as a whole
    NOT_KPI14 = "not_kpi14"
    # the store's integrity (issue 10)
    TRIGGERS_MISSING = "triggers_missing"
    CHAIN_BROKEN = "chain_broken"
    CHAIN_OK = "chain_ok"
    STORE_NEWER = "store_newer"
    STORE_FOREIGN = "store_foreign"
    STORE_NOT_DATABASE = "store_not_database"
    STORE_FULL = "store_full"
    STORE_READ_ONLY = "store_read_only"
    STORE_ERROR = "store_error"
    STORE_UPGRADED = "store_upgraded"
    STORE_UP_TO_DATE = "store_up_to_date"
    # the review workspace and the CLI's left-over English (issue 11)
    SCORED_NOT_RECORDED = "scored_not_recorded"
    DECISION_NO_REVIEWER = "decision_no_reviewer"
    OVERRIDE_NEEDS_REASON = "override_needs_reason"
    CHANGE_NEEDS_REASON = "change_needs_reason"
    NO_DOCUMENT_ID = "no_document_id"
    REVIEWER_NAME_EMPTY = "reviewer_name_empty"
    ASSIGN_ONE_OR_TWO = "assign_one_or_two"
    DECISIONS_CANNOT_READ = "decisions_cannot_read"
    DECISIONS_NOT_UTF8 = "decisions_not_utf8"
    DECISIONS_NOT_PARSED = "decisions_not_parsed"
    DECISIONS_NOT_MAPPING = "decisions_not_mapping"
    PROGRESS_FIGURES_OR_ACCEPT = "progress_figures_or_accept"
    TOTALS_ROW_LEFT_OUT = "totals_row_left_out"
    REVIEW_STOPPED = "review_stopped"
    REVIEW_ACCEPTED_ABOVE = "review_accepted_above"
    REVIEW_NOTHING_TO_ACCEPT = "review_nothing_to_accept"
    REVIEW_NOTHING_TO_ACCEPT_FIGURES = "review_nothing_to_accept_figures"
    REVIEW_UNCHANGED = "review_unchanged"
    REVIEW_REASON_REQUIRED = "review_reason_required"
    REPORT_NEEDS_SUBMISSION = "report_needs_submission"
    REPORT_ALL_WRITTEN = "report_all_written"
    POLICY_DISPLAY = "policy_display"
    POLICY_IMPROVEMENT_CAP = "policy_improvement_cap"
    POLICY_LEVELS_LINEAR = "policy_levels_linear"
    POLICY_LEVELS_WHOLE = "policy_levels_whole"
    POLICY_MISSING_FIGURES = "policy_missing_figures"
    NO_ACTIVITY_FIGURES = "no_activity_figures"
    WEIGHTS_MISSING_EQUAL = "weights_missing_equal"
    WEIGHTS_ALL_ZERO = "weights_all_zero"
    ACHIEVED_NOT_STATED = "achieved_not_stated"
    PERCENT_MISSING = "percent_missing"
    PERCENT_ABOVE_100 = "percent_above_100"
    NO_REVIEW_SUMMARY = "no_review_summary"
    NO_ACTION_PLAN = "no_action_plan"
    IMPROVEMENT_NOT_STATED_CAPPED = "improvement_not_stated_capped"
    IMPROVEMENT_NOT_CONFIRMED_CAPPED = "improvement_not_confirmed_capped"
    IMPROVEMENT_NOT_STATED_FINDING = "improvement_not_stated_finding"
    IMPROVEMENT_NOT_CONFIRMED_FINDING = "improvement_not_confirmed_finding"
    PROVISIONAL_NOTE = "provisional_note"
    NEED_PROGRESS_FIGURES = "need_progress_figures"
    COLUMN_READ_AS_PERCENT = "column_read_as_percent"
    COLUMN_READ_AS_ACHIEVED = "column_read_as_achieved"
    ROW_WITHOUT_FIGURES = "row_without_figures"
    ROW_JOINED_ACROSS_PAGES = "row_joined_across_pages"
    PERCENTS_AS_FRACTIONS = "percents_as_fractions"
    NO_WEIGHT_COLUMN = "no_weight_column"
    SOME_WEIGHTS_MISSING = "some_weights_missing"
    NO_PERCENT_COLUMN = "no_percent_column"
    NO_ACHIEVED_COLUMN = "no_achieved_column"
    REVIEW_BULK_QUESTION = "review_bulk_question"
    REVIEW_KEYS = "review_keys"
    REVIEW_KEYS_CONFIRMED = "review_keys_confirmed"
    REVIEW_KEYS_FIGURES = "review_keys_figures"
    REVIEW_KEYS_FIGURES_CONFIRMED = "review_keys_figures_confirmed"
    REVIEW_ROLE_LINE = "review_role_line"
    REVIEW_ROLE_PROMPT = "review_role_prompt"
    REVIEW_COVERED_PROMPT = "review_covered_prompt"
    REVIEW_STATED_PROMPT = "review_stated_prompt"
    REVIEW_REASON_PROMPT = "review_reason_prompt"
    REVIEW_PLAN_COMPLETE = "review_plan_complete"
    REVIEW_PLAN_FINDINGS = "review_plan_findings"
    REVIEW_MORE_IN_REPORT = "review_more_in_report"
    REVIEW_MORE = "review_more"
    REVIEW_PROGRESS_FROM = "review_progress_from"
    REVIEW_PROGRESS_NONE = "review_progress_none"
    REVIEW_CONFIRMED = "review_confirmed"
    REVIEW_ADD_ACTIVITY = "review_add_activity"
    ACTIVITY_NAME_PROMPT = "activity_name_prompt"
    ACTIVITY_WEIGHT_PROMPT = "activity_weight_prompt"
    ACTIVITY_PERCENT_PROMPT = "activity_percent_prompt"
    ACTIVITY_ACHIEVED_PROMPT = "activity_achieved_prompt"
    NO_REVIEW_CONFIRMED = "no_review_confirmed"
    NO_PLAN_CONFIRMED = "no_plan_confirmed"
    SEVERAL_REVIEWS_CONFIRMED = "several_reviews_confirmed"
    SEVERAL_PLANS_CONFIRMED = "several_plans_confirmed"
    PACK_NOT_ZIP = "pack_not_zip"
    PACK_NO_MANIFEST = "pack_no_manifest"
    PACK_BAD_MANIFEST = "pack_bad_manifest"
    CANNOT_SCORE_UNCONFIRMED = "cannot_score_unconfirmed"
    CANNOT_REPORT_UNCONFIRMED = "cannot_report_unconfirmed"
    CANNOT_PACK_UNCONFIRMED = "cannot_pack_unconfirmed"
    CONFIRM_WITH_REVIEW = "confirm_with_review"
    DECISIONS_RECORDED = "decisions_recorded"
    SESSION_RECORDED = "session_recorded"
    REVIEW_INTERRUPTED = "review_interrupted"
    PLAN_FINDINGS_OF = "plan_findings_of"
    PLAN_COMPLETE_OF = "plan_complete_of"
    NOT_YET_CONFIRMED = "not_yet_confirmed"
    ALL_CONFIRMED = "all_confirmed"
    SCREENED_FOR_REVIEW = "screened_for_review"
    CHANGED_SINCE_SCREENED = "changed_since_screened"
    REVIEWER_NAME_PROMPT = "reviewer_name_prompt"
    AGENCY_MANUAL = "agency_manual"
    AGENCY_FOUND = "agency_found"
    AGENCY_NONE = "agency_none"
    AGENCY_NAME_TOO_LONG = "agency_name_too_long"
    AGENCY_NAME_OR_CLEAR = "agency_name_or_clear"
    STORE_CREATED = "store_created"
    # the web workspace's input errors (issue 11)
    WEB_BODY_NOT_JSON = "web_body_not_json"
    WEB_BODY_NOT_OBJECT = "web_body_not_object"
    WEB_BASE_VERSION_REQUIRED = "web_base_version_required"
    WEB_BASE_VERSION_INVALID = "web_base_version_invalid"
    WEB_STALE = "web_stale"
    WEB_FIELD_INVALID = "web_field_invalid"
    WEB_NO_DOCUMENT = "web_no_document"
    WEB_ROLE_ONE_OF = "web_role_one_of"
    WEB_NO_ITEM = "web_no_item"
    WEB_VALUE_COVERED = "web_value_covered"
    WEB_OVERRIDE_NEEDS_REASON = "web_override_needs_reason"
    WEB_THRESHOLD = "web_threshold"
    WEB_DOC_ID = "web_doc_id"
    WEB_DECISIONS_INVALID = "web_decisions_invalid"
    USER_NAME_INVALID = "user_name_invalid"
    USER_PASSWORD_EMPTY = "user_password_empty"
    USER_NOT_FOUND = "user_not_found"
    # team review, decisions files, page splits and rubric merges (issue 11 item 7)
    NOT_YOUR_STREAM = "not_your_stream"
    NOT_DOUBLE_REVIEWED = "not_double_reviewed"
    REVIEWERS_NOT_FINISHED = "reviewers_not_finished"
    LEAD_REVIEWED_IT = "lead_reviewed_it"
    ADJUDICATION_NEEDS_REASON = "adjudication_needs_reason"
    NO_DOCUMENT_IN_SUBMISSION = "no_document_in_submission"
    NO_SUBISSUE = "no_subissue"
    NOTHING_PROPOSED_TO_ACCEPT = "nothing_proposed_to_accept"
    FILE_OVERRIDE_NEEDS_REASON = "file_override_needs_reason"
    FILE_CHANGE_NEEDS_REASON = "file_change_needs_reason"
    SPLIT_NOT_RANGE = "split_not_range"
    SPLIT_EMPTY = "split_empty"
    SPLIT_BEYOND_FILE = "split_beyond_file"
    SPLIT_OVERLAPS = "split_overlaps"
    RUBRIC_UNKNOWN_SUBISSUE = "rubric_unknown_subissue"
    RUBRIC_UNKNOWN_CONCEPT = "rubric_unknown_concept"
    RUBRIC_CONCEPT_GROUPS = "rubric_concept_groups"
    ADJUDICATED = "adjudicated"
    DOUBLE_STATUS = "double_status"
    FINAL_VALUE = "final_value"
    ASSIGN_GIVE_TO = "assign_give_to"
    ASSIGN_NONE = "assign_none"
    ASSIGNED_DOUBLE = "assigned_double"
    ASSIGNED_SINGLE = "assigned_single"
    AGREEMENT_HEADER = "agreement_header"
    NO_SUBMISSION_IN_STORE = "no_submission_in_store"
    STORE_WARNING = "store_warning"
    STORE_REVISION = "store_revision"
    PACK_WRITTEN = "pack_written"
    PACK_MEMBER_CHANGED = "pack_member_changed"
    PACK_MEMBER_MISSING = "pack_member_missing"
    PACK_MEMBER_UNEXPECTED = "pack_member_unexpected"
    PACK_MANIFEST_MISMATCH = "pack_manifest_mismatch"
    PACK_INTACT = "pack_intact"


@dataclass(frozen=True)
class Template:
    """A message's two wordings and an example of every field it takes (for the tests).

    The example's types are the types callers must pass (a ``float`` field has a number
    format such as ``{size_mb:,.1f}``).
    """

    th: str
    en: str
    example: dict[str, Any] = field(default_factory=dict)


_OFFICE = {"label": "Word"}

#: The table. Thai: short, official (ราชการ) register; English: as the tool said before.
TABLE: dict[MessageKey, Template] = {
    MessageKey.TRIGGERS_MISSING: Template(
        "ไม่พบทริกเกอร์ที่ห้ามแก้ไขหรือลบบันทึกการตัดสิน ({names}) และผู้ใช้ฐานข้อมูลนี้สร้างคืนไม่ได้ "
        "จึงไม่บันทึกการตัดสินใด ๆ",
        "the append-only triggers of the decision log are missing ({names}) and this database "
        "role cannot re-create them: no decision is written", {"names": "decisions_no_update"}),
    MessageKey.CHAIN_BROKEN: Template(
        "บันทึกการตัดสินของ {submission} ถูกแก้ไขนอกโปรแกรม ตั้งแต่แถว {row}: {reason}",
        "the decision trail of {submission} was tampered with, first at row {row}: {reason}",
        {"submission": "s01", "row": 3, "reason": "row_hash does not match the row"}),
    MessageKey.CHAIN_OK: Template(
        "{submission}: บันทึกการตัดสิน {rows} แถว ครบถ้วนไม่ถูกแก้ไข",
        "{submission}: {rows} decisions, chain intact", {"submission": "s01", "rows": 3}),
    MessageKey.STORE_NEWER: Template(
        "ฐานข้อมูลนี้ใช้โครงสร้างรุ่น {version} ใหม่กว่าโปรแกรมนี้ (รุ่น {latest}) ให้ปรับรุ่น "
        "evidence-review",
        "database schema version {version} is newer than this tool ({latest}): upgrade "
        "evidence-review", {"version": 99, "latest": 20}),
    MessageKey.STORE_FOREIGN: Template(
        "ไฟล์นี้เป็นฐานข้อมูลของโปรแกรมอื่น ไม่ได้เพิ่มหรือแก้ไขสิ่งใดในไฟล์",
        "this is another application's database; nothing was added to it"),
    MessageKey.STORE_NOT_DATABASE: Template(
        "ไฟล์นี้ไม่ใช่ฐานข้อมูล SQLite ไม่ได้เขียนทับ",
        "this file is not an SQLite database; it was not written over"),
    MessageKey.STORE_FULL: Template(
        "ดิสก์เต็มหรือเขียนไม่ได้ ({detail}) ไม่มีการตัดสินใดถูกบันทึกบางส่วน: "
        "เมื่อแก้ไขแล้วเรียกคำสั่งเดิมอีกครั้ง",
        "the disk is full or failing ({detail}); nothing was half-recorded: run the same "
        "command again once there is room", {"detail": "database or disk is full"}),
    MessageKey.STORE_READ_ONLY: Template(
        "ฐานข้อมูลอยู่ในที่ที่เขียนไม่ได้ ({detail}) อ่านได้อย่างเดียว",
        "the store is on a read-only place ({detail}); it can only be read",
        {"detail": "attempt to write a readonly database"}),
    MessageKey.STORE_UPGRADED: Template(
        "ปรับโครงสร้างฐานข้อมูลจากรุ่น {before} เป็นรุ่น {after} แล้ว",
        "the store's schema was upgraded from revision {before} to {after}",
        {"before": "0020", "after": "0031"}),
    MessageKey.STORE_CREATED: Template(
        "สร้างฐานข้อมูลใหม่ โครงสร้างรุ่น {after}",
        "created a new store at schema revision {after}", {"after": "0032"}),
    MessageKey.STORE_UP_TO_DATE: Template(
        "ฐานข้อมูลเป็นโครงสร้างรุ่นล่าสุดแล้ว ({after})",
        "the store's schema is already the newest ({after})", {"after": "0031"}),
    MessageKey.STORE_ERROR: Template(
        "ฐานข้อมูลผิดพลาด ({detail})", "database error ({detail})",
        {"detail": "database is locked"}),
    MessageKey.EMPTY: Template("ไฟล์ว่างเปล่า (0 ไบต์)", "file is empty (0 bytes)"),
    MessageKey.NOT_REGULAR_FILE: Template("ไม่ใช่ไฟล์เอกสาร", "not a regular file"),
    MessageKey.FILE_NOT_FOUND: Template("ไม่พบไฟล์",
                                        "cannot read file: No such file or directory"),
    MessageKey.NO_PERMISSION: Template("ไม่มีสิทธิ์เปิดอ่านไฟล์", "cannot read file: Permission denied"),
    MessageKey.CANNOT_READ: Template("อ่านไฟล์ไม่ได้ ({detail})", "cannot read file: {detail}",
                                     {"detail": "Input/output error"}),
    MessageKey.TOO_LARGE: Template(
        "ไฟล์มีขนาด {size_mb:,.1f} MB เกินขนาดสูงสุด {limit_mb:,.0f} MB",
        "file is {size_mb:,.1f} MB, over the {limit_mb:,.0f} MB limit",
        {"size_mb": 250.4, "limit_mb": 200.0}),
    MessageKey.UNKNOWN_FORMAT: Template(
        "ไม่ใช่รูปแบบไฟล์ที่รองรับ (รองรับ PDF, Word, Excel, HTML และไฟล์ข้อความ)",
        "unrecognised format (not PDF, Word, Excel, HTML or text)"),
    MessageKey.ZIP_DAMAGED: Template("ไฟล์บีบอัด (zip) เสียหาย", "a damaged zip archive"),
    MessageKey.ZIP_NOT_OFFICE: Template("เป็นไฟล์บีบอัด (zip) ที่ไม่ใช่เอกสาร Word หรือ Excel",
                                        "a zip archive that is not a Word or Excel file"),
    MessageKey.OFFICE_PASSWORD: Template(
        "ไฟล์ Office ถูกตั้งรหัสผ่าน เปิดอ่านไม่ได้ โปรดยกเลิกรหัสผ่านแล้วส่งใหม่",
        "a password-protected Office file: remove the password and resubmit"),
    MessageKey.OLE_NOT_OFFICE: Template(
        "ไม่ใช่เอกสาร Word หรือ Excel (เป็นไฟล์ OLE ชนิดอื่น)",
        "an OLE compound file that is not a Word or Excel document"),
    MessageKey.NO_SUCH_PATH: Template("ไม่พบไฟล์หรือโฟลเดอร์", "no such file or folder"),
    MessageKey.BROKEN_LINK: Template("ลิงก์เสีย ชี้ไปยังไฟล์ที่ไม่มีอยู่", "broken link"),
    MessageKey.FOLDER_UNREADABLE: Template("อ่านโฟลเดอร์ไม่ได้ ({detail})",
                                           "cannot read folder ({detail})",
                                           {"detail": "Permission denied"}),
    MessageKey.SKIPPED_LINK_LOOP: Template("ข้าม (ลิงก์วนซ้ำ)", "skipped (link loop)"),
    MessageKey.SKIPPED_LINK_LOOP_TO: Template("ข้าม (ลิงก์วนกลับไปยัง {target})",
                                              "skipped (link loop back to {target})",
                                              {"target": "กรมตัวอย่าง"}),
    MessageKey.SKIPPED_BROKEN_LINK: Template("ข้าม (ลิงก์เสีย)", "skipped (broken link)"),
    MessageKey.SKIPPED_NOTE: Template(
        "ข้าม (เป็นบันทึกของผู้ประเมิน ไม่ใช่เอกสารของส่วนราชการ)",
        "skipped (an evaluator's note, not a document)"),
    MessageKey.OUT_OF_MEMORY_READING: Template("หน่วยความจำไม่พอสำหรับอ่านไฟล์นี้",
                                               "ran out of memory reading this file"),
    MessageKey.READER_CRASHED: Template(
        "อ่านไฟล์นี้ไม่ได้ เกิดข้อผิดพลาดภายในโปรแกรม ({error_type}: {detail})",
        "could not read this file ({error_type}: {detail})",
        {"error_type": "ValueError", "detail": "bad value"}),
    MessageKey.PAGES_CUT: Template(
        "มี {pages} หน้า เกินกำหนด {limit} หน้า อ่านเฉพาะ {limit} หน้าแรก",
        "{pages} pages, over the {limit}-page limit: only the first {limit} were read",
        {"pages": 3, "limit": 2}),
    MessageKey.NOT_TEXT: Template(
        "อ่านเป็นข้อความไม่ได้ (ไม่ใช่รหัสอักขระ UTF-8, UTF-16 หรือ TIS-620)",
        "not readable as text (not UTF-8, UTF-16 or TIS-620)"),
    MessageKey.OFFICE_ZIP_DAMAGED: Template("ไฟล์ {label} เสียหาย (โครงสร้าง zip เสียหาย)",
                                            "not a valid {label} file (damaged zip)", _OFFICE),
    MessageKey.ZIP_SLIP: Template(
        "ไฟล์ {label} ไม่ปลอดภัย: ส่วนประกอบชื่อ {member!r} ชี้ออกนอกไฟล์ (zip-slip)",
        "unsafe {label} file: member name {member!r} points outside the archive (zip-slip)",
        {"label": "Word", "member": "../../evil.txt"}),
    MessageKey.ZIP_BOMB_SIZE: Template(
        "ไฟล์ {label} ไม่ปลอดภัย: ขยายได้ {size_mb:,.0f} MB เกินกำหนด {limit_mb:,.0f} MB (zip bomb)",
        "unsafe {label} file: expands to {size_mb:,.0f} MB, over the {limit_mb:,.0f} MB limit "
        "(zip bomb)",
        {"label": "Excel", "size_mb": 900.0, "limit_mb": 500.0}),
    MessageKey.ZIP_BOMB_RATIO: Template(
        "ไฟล์ {label} ไม่ปลอดภัย: ขยายได้ {ratio:,.0f} เท่า เกินกำหนด {limit_ratio:,.0f} เท่า "
        "(zip bomb)",
        "unsafe {label} file: expands {ratio:,.0f} times, over the {limit_ratio:,.0f}x limit "
        "(zip bomb)",
        {"label": "Word", "ratio": 1030.0, "limit_ratio": 100.0}),
    MessageKey.OFFICE_PART_MISSING: Template(
        "ไฟล์ {label} เสียหาย (ส่วนประกอบที่จำเป็นขาดหายไป)",
        "not a valid {label} file (a required part is missing)", _OFFICE),
    MessageKey.OFFICE_INVALID: Template("ไฟล์ {label} เสียหาย เปิดอ่านไม่ได้ ({detail})",
                                        "not a valid {label} file ({detail})",
                                        {"label": "Excel", "detail": "File is not a zip file"}),
    MessageKey.WORD_MACRO: Template(
        "ไฟล์ Word ชนิดนี้อ่านไม่ได้ (เป็นไฟล์ที่มีแมโครหรือแม่แบบ ไม่ใช่ .docx ปกติ)",
        "not a valid Word file (a macro-enabled or template document, not a plain .docx)"),
    MessageKey.WORD_XML_DAMAGED: Template("ไฟล์ Word เสียหาย (ข้อมูล XML ของเอกสารเสียหาย)",
                                          "not a valid Word file (damaged document XML)"),
    MessageKey.EXCEL_XML_DAMAGED: Template("ไฟล์ Excel เสียหาย (ข้อมูล XML ของสมุดงานเสียหาย)",
                                           "not a valid Excel file (damaged workbook XML)"),
    MessageKey.EXCEL_NO_SHEETS: Template("ไฟล์ Excel ใช้ไม่ได้ (ไม่มีแผ่นงาน)",
                                         "not a valid Excel file (no worksheets)"),
    MessageKey.EXCEL_NO_SHEET_READ: Template("ไฟล์ Excel เสียหาย (อ่านแผ่นงานใดไม่ได้เลย)",
                                             "not a valid Excel file (no sheet could be read)"),
    MessageKey.SHEETS_CUT: Template(
        "มี {sheets} แผ่นงาน เกินกำหนด {limit} หน้า อ่านเฉพาะ {limit} แผ่นงานแรก",
        "{sheets} sheets, over the {limit}-page limit: only the first {limit} were read",
        {"sheets": 5, "limit": 2}),
    MessageKey.SHEET_DAMAGED: Template("แผ่นงาน {sheet!r} เสียหาย จึงไม่ได้อ่าน",
                                       "sheet {sheet!r} is damaged and was not read",
                                       {"sheet": "ผลการดำเนินงาน"}),
    MessageKey.DAMAGED_SHEET: Template("แผ่นงานเสียหาย", "damaged sheet"),
    MessageKey.CELLS_CUT: Template(
        "มีข้อมูลเกิน {cells:,} เซลล์ ส่วนที่เกินไม่ได้อ่าน",
        "over {cells:,} cells: the rest of the workbook was cut", {"cells": 2_000_000}),
    MessageKey.NEEDS_LIBREOFFICE: Template(
        "การอ่านไฟล์ .{ext} ต้องติดตั้ง LibreOffice (แพ็กเกจ Debian {package})",
        "reading .{ext} needs LibreOffice (Debian package {package})",
        {"ext": "doc", "package": "libreoffice-writer-nogui"}),
    MessageKey.LIBREOFFICE_TIMEOUT: Template(
        "LibreOffice ใช้เวลาแปลงไฟล์นี้เกิน {seconds} วินาที",
        "LibreOffice took over {seconds} s to convert this file", {"seconds": 120}),
    MessageKey.LIBREOFFICE_CANNOT_RUN: Template("เรียกใช้ LibreOffice ไม่ได้ ({detail})",
                                                "cannot run LibreOffice ({detail})",
                                                {"detail": "Permission denied"}),
    MessageKey.LIBREOFFICE_FAILED: Template(
        "ไฟล์ {label} เสียหาย (LibreOffice แปลงไฟล์ไม่ได้)",
        "not a valid {label} file (LibreOffice could not convert it)", {"label": "Word 97-2003"}),
    MessageKey.OLE_DAMAGED: Template("ไฟล์ {label} เสียหาย (โครงสร้างไฟล์เสียหาย)",
                                     "not a valid {label} file (damaged compound file)",
                                     {"label": "Excel 97-2003"}),
    MessageKey.LEGACY_PASSWORD: Template(
        "ไฟล์ {label} ถูกตั้งรหัสผ่าน เปิดอ่านไม่ได้ โปรดยกเลิกรหัสผ่านแล้วส่งใหม่",
        "password-protected {label} file: remove the password and resubmit",
        {"label": "Word 97-2003"}),
    MessageKey.PDF_PASSWORD: Template("ไฟล์ PDF ถูกตั้งรหัสผ่าน เปิดอ่านไม่ได้",
                                      "PDF is password-protected"),
    MessageKey.PDF_DAMAGED: Template("ไฟล์ PDF เสียหายหรือไม่สมบูรณ์",
                                     "not a readable PDF (damaged or truncated)"),
    MessageKey.PDF_UNREADABLE: Template("ไฟล์ PDF เปิดอ่านไม่ได้ ({detail})",
                                        "not a readable PDF ({detail})",
                                        {"detail": "Failed to load document"}),
    MessageKey.PDF_TOO_MANY_PAGES: Template(
        "ไฟล์ PDF มี {pages:,} หน้า เกินกำหนด {limit:,} หน้า",
        "PDF has {pages:,} pages, over the limit of {limit:,}", {"pages": 5000, "limit": 2000}),
    MessageKey.PAGE_NOT_PARSED: Template("อ่านหน้านี้ไม่ได้ ({error_type})",
                                         "page could not be parsed ({error_type})",
                                         {"error_type": "PdfiumError"}),
    MessageKey.SCANNED_PAGE: Template("หน้าที่สแกนเป็นภาพ", "scanned page"),
    MessageKey.GARBLED_PAGE: Template("ข้อความในหน้านี้ผิดเพี้ยน (คุณภาพ {quality:.2f})",
                                      "text layer is garbled (quality {quality:.2f})",
                                      {"quality": 0.42}),
    MessageKey.OCR_NOT_INSTALLED: Template(
        "ยังไม่ได้ติดตั้งโปรแกรม OCR (แพ็กเกจ Debian tesseract-ocr tesseract-ocr-tha)",
        "OCR needs Debian tesseract-ocr tesseract-ocr-tha"),
    MessageKey.OCR_NO_LANGUAGE: Template(
        "โปรแกรม OCR ขาดข้อมูลภาษา {languages} (แพ็กเกจ Debian tesseract-ocr tesseract-ocr-tha)",
        "OCR needs Debian tesseract-ocr tesseract-ocr-tha (Tesseract lacks language data: "
        "{languages})", {"languages": "tha"}),
    MessageKey.OCR_OFF: Template("ปิดการใช้ OCR ไว้ (EVIDENCE_REVIEW_OCR=0)",
                                 "OCR is turned off (EVIDENCE_REVIEW_OCR=0)"),
    MessageKey.OCR_TIMEOUT: Template("OCR ใช้เวลาเกิน {seconds:g} วินาที",
                                     "OCR took longer than {seconds:g} s", {"seconds": 180.0}),
    MessageKey.OCR_CANNOT_RUN: Template("เรียกใช้ tesseract ไม่ได้ ({detail})",
                                        "cannot run tesseract: {detail}",
                                        {"detail": "Permission denied"}),
    MessageKey.OCR_FAILED: Template("tesseract ทำงานผิดพลาด ({detail})",
                                    "tesseract failed: {detail}",
                                    {"detail": "Error opening data file"}),
    MessageKey.OCR_NO_TEXT: Template("OCR ไม่พบข้อความ", "OCR found no text"),
    MessageKey.OCR_LOW_QUALITY: Template("OCR อ่านได้ไม่น่าเชื่อถือ (คุณภาพ {quality:.2f})",
                                         "OCR text is unreliable (quality {quality:.2f})",
                                         {"quality": 0.41}),
    MessageKey.NO_TEXT: Template("ไม่พบข้อความในไฟล์", "no text found"),
    MessageKey.TIMED_OUT: Template(
        "ใช้เวลาอ่านเกิน {seconds:g} วินาที จึงหยุดอ่าน (ให้เวลามากขึ้นได้ด้วย --timeout)",
        "timed out after {seconds:g} s; allow more with --timeout", {"seconds": 120.0}),
    MessageKey.MEMORY_LIMIT: Template("ใช้หน่วยความจำเกิน {memory_mb} MB จึงหยุดอ่าน",
                                      "used more than {memory_mb} MB", {"memory_mb": 2048}),
    MessageKey.OUT_OF_MEMORY: Template("หน่วยความจำไม่พอ", "ran out of memory"),
    MessageKey.WORKER_KILLED_MEMORY: Template(
        "กระบวนการอ่านไฟล์ถูกหยุด (น่าจะใช้หน่วยความจำเกิน {memory_mb} MB)",
        "worker was killed (likely used more than {memory_mb} MB)", {"memory_mb": 2048}),
    MessageKey.WORKER_CRASHED: Template(
        "กระบวนการอ่านไฟล์หยุดทำงานกะทันหัน ({signal}) ขณะอ่านไฟล์นี้",
        "worker crashed ({signal}) while reading this file", {"signal": "SIGSEGV"}),
    MessageKey.WORKER_EXITED: Template(
        "กระบวนการอ่านไฟล์ปิดตัวโดยไม่คาดหมาย (รหัส {status}) ขณะอ่านไฟล์นี้",
        "worker exited unexpectedly (status {status}) while reading this file", {"status": 1}),
    MessageKey.WORK_FAILED: Template("เกิดข้อผิดพลาดภายในโปรแกรม ({error_type}: {detail})",
                                     "internal error ({error_type}: {detail})",
                                     {"error_type": "RuntimeError", "detail": "failed"}),
    MessageKey.DASK_FAILED: Template(
        "เครื่องประมวลผล dask อ่านไฟล์นี้ไม่สำเร็จ ({error_type}: {detail})",
        "dask worker failed on this file ({error_type}: {detail})",
        {"error_type": "KilledWorker", "detail": "worker died"}),
    MessageKey.FAILED: Template("อ่านไม่สำเร็จ", "failed"),
    MessageKey.STANDIN_FORMAT: Template("ตัวอ่านทดแทนไม่อ่านไฟล์รูปแบบ {fmt}",
                                        "format {fmt} is not read by the stand-in",
                                        {"fmt": "doc"}),
    MessageKey.NO_STORE: Template(
        "ไม่พบฐานข้อมูลการตรวจ ให้คัดกรองด้วย evidence-review screen ก่อน หรือตรวจค่า --db",
        "no store here: run `evidence-review screen` first, or check --db"),
    MessageKey.SETTING_INVALID: Template("ค่าตั้ง {variable} ไม่ถูกต้อง ({detail})",
                                         "bad setting {variable}: {detail}",
                                         {"variable": "EVIDENCE_REVIEW_MAX_FILE_MB",
                                          "detail": "not a number"}),
    MessageKey.NO_FILES: Template("ไม่พบไฟล์ที่จะคัดกรอง", "no files to screen"),
    MessageKey.SCREEN_INTERRUPTED: Template(
        "หยุดกลางคัน: เก็บผลของ {done} ไฟล์ที่คัดกรองเสร็จแล้วไว้ เรียกคำสั่งเดิมอีกครั้งเพื่อทำต่อ",
        "interrupted: the {done} files screened so far are kept; run the same command again "
        "to resume", {"done": 3}),
    MessageKey.SAME_NAME: Template(
        "มีโฟลเดอร์ชื่อ {name} อีกโฟลเดอร์ในฐานข้อมูลแล้ว ({other}) โฟลเดอร์นี้จึงใช้รหัส {ident}",
        "another folder named {name} is already in the store ({other}), so this one's id is "
        "{ident}", {"name": "s01", "other": "/a/s01", "ident": "s01-2"}),
    MessageKey.NEXT_STEPS: Template(
        "ขั้นต่อไป: ตรวจยืนยันผลด้วย evidence-review review {ident} "
        "แล้วคิดคะแนนด้วย evidence-review score {ident}",
        "next: confirm with `evidence-review review {ident}`, then "
        "`evidence-review score {ident}`", {"ident": "s01-fisheries"}),
    MessageKey.NEXT_STEPS_DB: Template(
        "ขั้นต่อไป: ตรวจยืนยันผลด้วย evidence-review review {ident} --db {db} "
        "แล้วคิดคะแนนด้วย evidence-review score {ident} --db {db}",
        "next: confirm with `evidence-review review {ident} --db {db}`, then "
        "`evidence-review score {ident} --db {db}`", {"ident": "s01-fisheries", "db": "r.db"}),
    MessageKey.DECISION_STALE: Template("ไม่นับแล้ว: ไฟล์เปลี่ยนไป",
                                        "no longer counts: made on earlier content"),
    MessageKey.SUGGEST_NO_OVERRIDES: Template(
        "ไม่มีการแก้ไขผลของผู้ตรวจในฐานข้อมูล", "no overrides in the store"),
    MessageKey.SUGGEST_COUNTS: Template(
        "การแก้ไขของผู้ตรวจ {total} รายการ: ตรวจพบที่ระบบไม่เสนอ {missed}, "
        "ปฏิเสธที่ระบบเสนอ {rejected}",
        "{total} overrides: {missed} missed, {rejected} rejected",
        {"total": 3, "missed": 2, "rejected": 1}),
    MessageKey.SUGGEST_NONE: Template(
        "ยังไม่มีข้อเสนอ: ไม่มีถ้อยคำที่ซ้ำกันในการแก้ไขมากพอ",
        "no suggestion: no wording recurs across enough overrides"),
    MessageKey.SUGGEST_PHRASE: Template(
        "{subissue} วลีใหม่: '{text}' ({count} เอกสาร)",
        "{subissue} new phrase: '{text}' ({count} documents)",
        {"subissue": "3.1", "text": "เก็บที่อาคารอื่น", "count": 2}),
    MessageKey.SUGGEST_NOT_EVIDENCE: Template(
        "{subissue} ความหมายอื่น ไม่นับ: '{text}' ({count} เอกสาร)",
        "{subissue} other sense, not evidence: '{text}' ({count} documents)",
        {"subissue": "2.3", "text": "ประชาสัมพันธ์สินค้า", "count": 2}),
    MessageKey.SUGGEST_CONCEPT_WORD: Template(
        "{subissue} คำใหม่ในกลุ่มที่ {group} ของแนวคิด '{concept}': '{text}' ({count} เอกสาร)",
        "{subissue} new word in group {group} of the concept '{concept}': '{text}' "
        "({count} documents)",
        {"subissue": "3.2", "group": 2, "concept": "ทดสอบหาช่องโหว่", "text": "โทรจัน",
         "count": 2}),
    MessageKey.SUGGEST_EXAMPLE: Template("เช่น …{text}…", "e.g. …{text}…",
                                         {"text": "สำรองข้อมูลเก็บที่อาคารอื่น"}),
    MessageKey.SUGGEST_INVALID: Template(
        "{path}: ข้อเสนอทำให้เกณฑ์ใช้ไม่ได้ ({detail})",
        "{path}: the suggestions make an invalid rubric ({detail})",
        {"path": "rubric.toml", "detail": "unknown sub-issue '9.9'"}),
    MessageKey.SUGGEST_WRITTEN: Template("เขียนเกณฑ์ที่รวมข้อเสนอแล้ว: {path}",
                                         "merged rubric written: {path}",
                                         {"path": "learned.toml"}),
    MessageKey.SUGGEST_BEFORE: Template("ก่อน", "before"),
    MessageKey.SUGGEST_AFTER: Template("หลัง", "after"),
    MessageKey.PARTS_RECORDED: Template(
        "บันทึกการแบ่งไฟล์ {path} เป็น {ranges} แล้ว จะใช้เมื่อคัดกรองโฟลเดอร์นี้อีกครั้ง "
        "(evidence-review screen FOLDER หรือ evidence-review review FOLDER)",
        "the split of {path} into pages {ranges} is recorded; it applies when the folder is "
        "next screened", {"path": "bound.pdf", "ranges": "1-4, 5-9"}),
    MessageKey.DOC_CHANGED: Template(
        "เนื้อหาไฟล์เปลี่ยนไปหลังการตรวจ ผลการตรวจเดิมไม่นับแล้ว ต้องยืนยันใหม่",
        "changed since it was reviewed: decisions on the earlier content no longer count"),
    MessageKey.FILE_CHANGED: Template(
        "ไฟล์ถูกแก้ไขหลังการคัดกรอง ให้คัดกรองใหม่ด้วย evidence-review screen",
        "file changed since it was screened: run `evidence-review screen` again"),
    MessageKey.NOT_ASSIGNED: Template(
        "ผู้ตรวจ {reviewer} ไม่ได้รับมอบหมายให้ตรวจชุดนี้ (ผู้ตรวจที่ได้รับมอบหมาย: {assigned})",
        "{reviewer} is not assigned to review this submission (assigned: {assigned})",
        {"reviewer": "somchai", "assigned": "malee and udom"}),
    MessageKey.NOT_ADJUDICATOR: Template(
        "ผู้ใช้ {reviewer} ไม่มีสิทธิ์ชี้ขาด (ต้องเป็นบทบาท lead หรือ admin)",
        "{reviewer} may not adjudicate (role lead or admin needed)", {"reviewer": "somchai"}),
    MessageKey.PACK_CHANGED: Template("ชุดหลักฐานถูกแก้ไข: {what}", "evidence pack changed: {what}",
                                      {"what": "report.pdf"}),
    MessageKey.SKIPPED_OUTSIDE_LINK: Template(
        "ข้าม (ลิงก์ชี้ออกนอกโฟลเดอร์ที่ระบุ ไปยัง {target})",
        "skipped (link leads outside the folder given, to {target})", {"target": "/etc"}),
    MessageKey.SKIPPED_FIFO: Template("ข้าม (เป็นช่องสื่อสาร FIFO ไม่ใช่ไฟล์เอกสาร)",
                                      "skipped (a FIFO, not a document)"),
    MessageKey.SKIPPED_DEVICE: Template("ข้าม (เป็นไฟล์อุปกรณ์ ไม่ใช่ไฟล์เอกสาร)",
                                        "skipped (a device, not a document)"),
    MessageKey.SKIPPED_SOCKET: Template("ข้าม (เป็นซ็อกเก็ต ไม่ใช่ไฟล์เอกสาร)",
                                        "skipped (a socket, not a document)"),
    MessageKey.OUTSIDE_LINK: Template(
        "เป็นลิงก์ที่ชี้ออกนอกโฟลเดอร์ที่ระบุ ไปยัง {target} จึงไม่อ่าน",
        "a link leading outside the folder given, to {target}: not read", {"target": "/etc"}),
    MessageKey.TEXT_TOO_LARGE: Template(
        "ไฟล์ข้อความมีขนาด {size_mb:,.1f} MB เกินขนาดสูงสุดของไฟล์ข้อความ {limit_mb:,.0f} MB",
        "text file is {size_mb:,.1f} MB, over the {limit_mb:,.0f} MB limit for text files",
        {"size_mb": 192.0, "limit_mb": 20.0}),
    MessageKey.OUTPUT_EXISTS: Template(
        "มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ (ระบุ --force หากต้องการเขียนทับ)",
        "already exists: not replaced (give --force to replace it)"),
    MessageKey.OUTPUT_IS_FOLDER: Template("เป็นโฟลเดอร์ ต้องระบุชื่อไฟล์",
                                          "is a folder: give a file name"),
    MessageKey.OUTPUT_NOT_FOLDER: Template("ไม่ใช่โฟลเดอร์ (เป็นไฟล์ที่มีอยู่แล้ว) ต้องระบุโฟลเดอร์",
                                           "is not a folder (an existing file): give a folder"),
    MessageKey.OUTPUT_SPECIAL: Template(
        "ไม่ใช่ไฟล์ธรรมดา (เป็นอุปกรณ์ ช่องสื่อสาร หรือซ็อกเก็ต) จึงไม่เขียนผลลงไป",
        "not a regular file (a device, FIFO or socket): nothing written"),
    MessageKey.OUTPUT_IS_DATABASE: Template(
        "เป็นไฟล์ฐานข้อมูล ไม่เขียนทับในทุกกรณี", "is a database: never replaced"),
    MessageKey.OUTPUT_IS_INPUT: Template(
        "เป็นไฟล์ที่กำลังอ่านอยู่ ไม่เขียนทับในทุกกรณี", "is one of the input files: never replaced"),
    MessageKey.OUTPUT_CANNOT_WRITE: Template(
        "เขียนไฟล์ไม่สำเร็จ ({detail}) ไฟล์เดิมไม่ถูกแก้ไข",
        "cannot write ({detail}): nothing was replaced", {"detail": "No space left on device"}),
    MessageKey.NAME_TOO_LONG: Template(
        "ชื่อผู้ตรวจยาว {length:,} อักขระ เกินกำหนด {limit} อักขระ",
        "reviewer name is {length:,} characters, over the {limit}-character limit",
        {"length": 101, "limit": 100}),
    MessageKey.REASON_TOO_LONG: Template(
        "เหตุผลยาว {length:,} อักขระ เกินกำหนด {limit:,} อักขระ",
        "reason is {length:,} characters, over the {limit:,}-character limit",
        {"length": 2001, "limit": 2000}),
    MessageKey.DUPLICATE_KEY: Template("มีคีย์ {name!r} ซ้ำกัน (ระบุได้ครั้งเดียว)",
                                       "duplicate key {name!r} (give it once)", {"name": "3.1"}),
    MessageKey.NESTED_TOO_DEEP: Template("โครงสร้างซ้อนกันลึกเกิน {limit} ชั้น",
                                         "nested deeper than {limit} levels", {"limit": 32}),
    MessageKey.RUBRIC_TEXT_TOO_LONG: Template(
        "ข้อความยาว {length:,} อักขระ เกินกำหนด {limit:,} อักขระ",
        "text is {length:,} characters, over the {limit:,}-character limit",
        {"length": 100000, "limit": 300}),
    MessageKey.RUBRIC_TOO_MANY: Template(
        "มี {count:,} รายการ เกินกำหนด {limit:,} รายการ",
        "{count:,} entries, over the limit of {limit:,}", {"count": 50000, "limit": 5000}),
    MessageKey.RUBRIC_NUMBER_RANGE: Template(
        "ค่าตัวเลขต้องเป็นจำนวนจำกัดไม่เกิน {limit:,}", "must be a finite number up to {limit:,}",
        {"limit": 1000000}),
    MessageKey.CLASSIFY_FAILED: Template(
        "อ่านไฟล์ได้ แต่การจำแนกด้วยเกณฑ์ (rubric) ล้มเหลว เป็นข้อผิดพลาดของเกณฑ์หรือของโปรแกรม "
        "ไม่ใช่ของเอกสาร ({error_type}: {detail})",
        "read, but classifying failed: a fault of the rubric or the tool, not of the document "
        "({error_type}: {detail})", {"error_type": "RecursionError", "detail": "too deep"}),
    MessageKey.NOT_KPI14: Template(
        "ไม่เหมือนเอกสารประกอบตัวชี้วัดที่ 14: ไม่พบสรุปผลการทบทวน แผนปฏิบัติการ หรือรายงานผล "
        "({documents} ไฟล์ เป็นเอกสารอื่นทั้งหมด)",
        "does not look like a KPI-14 submission: no review summary, action plan or progress "
        "report ({documents} file(s), all other documents)", {"documents": 2}),
    # the review workspace and the CLI's left-over English (issue 11)
    MessageKey.SCORED_NOT_RECORDED: Template(
        "คิดคะแนน {submission} แล้ว แต่บันทึกสถานะ \"คิดคะแนนแล้ว\" ลงฐานข้อมูลไม่ได้",
        "{submission} was scored but its status \"scored\" could not be recorded in the store",
        {"submission": "s01"}),
    MessageKey.DECISION_NO_REVIEWER: Template(
        "การตัดสินต้องระบุชื่อผู้ตรวจ", "a decision needs a reviewer name"),
    MessageKey.OVERRIDE_NEEDS_REASON: Template(
        "การเปลี่ยนจากผลที่ระบบเสนอของ {item} ({before} → {after}) ต้องระบุเหตุผล",
        "overriding the proposal for {item} ({before} → {after}) needs a reason",
        {"item": "1.1", "before": "✓", "after": "✗"}),
    MessageKey.CHANGE_NEEDS_REASON: Template(
        "การเปลี่ยนผลที่ยืนยันแล้วของ {item} ({before} → {after}) ต้องระบุเหตุผล",
        "changing the confirmed decision for {item} ({before} → {after}) needs a reason",
        {"item": "1.1", "before": "✓", "after": "✗"}),
    MessageKey.NO_DOCUMENT_ID: Template(
        "ไม่พบเอกสารรหัส {document_id}", "no document with id {document_id}",
        {"document_id": 7}),
    MessageKey.REVIEWER_NAME_EMPTY: Template(
        "ชื่อผู้ตรวจว่างเปล่า", "a reviewer's name is empty"),
    MessageKey.ASSIGN_ONE_OR_TWO: Template(
        "มอบหมายผู้ตรวจได้หนึ่งหรือสองคนที่ไม่ซ้ำกัน", "assign one or two different reviewers"),
    MessageKey.DECISIONS_CANNOT_READ: Template(
        "อ่านไฟล์การตัดสินไม่ได้ ({detail})", "cannot read decisions file ({detail})",
        {"detail": "Permission denied"}),
    MessageKey.DECISIONS_NOT_UTF8: Template(
        "ไฟล์การตัดสินไม่ใช่ข้อความ UTF-8", "decisions file is not UTF-8 text"),
    MessageKey.DECISIONS_NOT_PARSED: Template(
        "ไฟล์การตัดสินไม่ใช่ JSON/YAML ที่ถูกต้อง ({detail})", "not valid JSON/YAML ({detail})",
        {"detail": "Expecting value: line 1 column 1 (char 0)"}),
    MessageKey.DECISIONS_NOT_MAPPING: Template(
        "ไฟล์การตัดสินต้องเป็น mapping ที่มี 'documents' และ/หรือ 'progress'",
        "a decisions file is a mapping with 'documents' and/or 'progress'"),
    MessageKey.PROGRESS_FIGURES_OR_ACCEPT: Template(
        "ให้ระบุ \"activities\" หรือ \"accept: true\" อย่างใดอย่างหนึ่ง",
        "give either \"activities\" or \"accept: true\""),
    MessageKey.TOTALS_ROW_LEFT_OUT: Template(
        "หน้า {page} แถว {row}: แถวผลรวม ({label}) ไม่นับเป็นกิจกรรม",
        "page {page} row {row}: totals row ({label}) left out",
        {"page": 2, "row": 9, "label": "รวม"}),
    MessageKey.REVIEW_STOPPED: Template(
        "หยุดแล้ว: การตัดสิน {count} รายการที่บันทึกในรอบนี้ยังคงอยู่",
        "stopped: {count} decisions recorded this session are kept", {"count": 3}),
    MessageKey.REVIEW_ACCEPTED_ABOVE: Template(
        "ยอมรับผลที่ระบบเสนอ {count} รายการที่มีความเชื่อมั่น ≥ {threshold}",
        "accepted {count} proposals with confidence ≥ {threshold}",
        {"count": 4, "threshold": "0.9"}),
    MessageKey.REVIEW_NOTHING_TO_ACCEPT: Template(
        "ไม่มีผลที่ระบบเสนอให้ยอมรับ: กด [o] เพื่อกำหนดค่าเอง",
        "nothing proposed to accept: use [o]verride to set a value"),
    MessageKey.REVIEW_NOTHING_TO_ACCEPT_FIGURES: Template(
        "ไม่มีตัวเลขที่ระบบเสนอให้ยอมรับ: กด [e] เพื่อแก้ไข",
        "nothing proposed to accept: use [e]dit"),
    MessageKey.REVIEW_UNCHANGED: Template("ไม่เปลี่ยนแปลง", "unchanged"),
    MessageKey.REVIEW_REASON_REQUIRED: Template(
        "ต้องระบุเหตุผลเมื่อเปลี่ยนจากผลที่ระบบเสนอหรือเปลี่ยนผลที่ยืนยันแล้ว",
        "a reason is required to override a proposal or change a decision"),
    MessageKey.REPORT_NEEDS_SUBMISSION: Template(
        "ให้ระบุ SUBMISSION หรือ --all", "give a SUBMISSION or --all"),
    MessageKey.REPORT_ALL_WRITTEN: Template(
        "{count} หน่วยงาน (ยืนยันครบ {done}, ยังไม่ครบ {open}): {xlsx}, {csv}",
        "{count} submissions ({done} confirmed, {open} incomplete): {xlsx}, {csv}",
        {"count": 3, "done": 1, "open": 2, "xlsx": "out/summary.xlsx",
         "csv": "out/summary.csv"}),
    MessageKey.POLICY_DISPLAY: Template(
        "แสดงผล {decimals} ตำแหน่งทศนิยม ปัดเศษแบบ {rounding}",
        "display: {decimals} decimals, rounding {rounding}",
        {"decimals": 4, "rounding": "half up"}),
    MessageKey.POLICY_IMPROVEMENT_CAP: Template(
        "เกณฑ์ที่ 2 ได้ไม่เกินระดับ {cap} เมื่อแผนไม่ระบุส่วนที่พัฒนาเพิ่มเติมจากปีงบประมาณ พ.ศ. 2549 "
        "(missing_improvement_cap)",
        "criterion 2 is capped at level {cap} when the plan does not state what is developed "
        "beyond FY 2549 (missing_improvement_cap)",
        {"cap": 4}),
    MessageKey.POLICY_LEVELS_LINEAR: Template(
        "เกณฑ์ที่ {criterion}: ระดับ 1..5 ที่ {thresholds}; ต่ำกว่าระดับ 1 ได้ {below} คะแนน; "
        "คิดตามสัดส่วนระหว่างระดับ",
        "criterion {criterion}: level 1..5 at {thresholds}; below level 1 scores {below}; "
        "linear between levels",
        {"criterion": "3", "thresholds": "60/70/80/90/100", "below": "0"}),
    MessageKey.POLICY_LEVELS_WHOLE: Template(
        "เกณฑ์ที่ {criterion}: ระดับ 1..5 ที่ {thresholds}; ต่ำกว่าระดับ 1 ได้ {below} คะแนน; "
        "ให้คะแนนเป็นระดับเต็ม",
        "criterion {criterion}: level 1..5 at {thresholds}; below level 1 scores {below}; "
        "whole levels",
        {"criterion": "1", "thresholds": "6/7/8/9/10", "below": "0"}),
    MessageKey.POLICY_MISSING_FIGURES: Template(
        "ไม่มีค่าน้ำหนักกิจกรรม: ใช้น้ำหนักเท่ากัน; ไม่มีร้อยละ: ถือเป็น 0; ไม่ระบุการบรรลุวัตถุประสงค์: ถือว่าไม่บรรลุ",
        "missing activity weight: equal weights; missing percent: 0; missing 'achieved': not "
        "achieved"),
    MessageKey.NO_ACTIVITY_FIGURES: Template(
        "ไม่มีตัวเลขผลการดำเนินงานรายกิจกรรม",
        "no activity figures"),
    MessageKey.WEIGHTS_MISSING_EQUAL: Template(
        "ไม่มีค่าน้ำหนัก {missing} จาก {total} กิจกรรม: ใช้น้ำหนักเท่ากันทุกกิจกรรม",
        "weight missing for {missing} of {total} activities: equal weights used for all activities",
        {"missing": 1, "total": 5}),
    MessageKey.WEIGHTS_ALL_ZERO: Template(
        "ค่าน้ำหนักเป็นศูนย์ทั้งหมด: ใช้น้ำหนักเท่ากันทุกกิจกรรม",
        "all weights are zero: equal weights used for all activities"),
    MessageKey.ACHIEVED_NOT_STATED: Template(
        "'{name}': ไม่ระบุว่าบรรลุวัตถุประสงค์: ถือว่าไม่บรรลุ",
        "'{name}': objective achieved not stated: counted as not achieved",
        {"name": "กิจกรรมที่ 1"}),
    MessageKey.PERCENT_MISSING: Template(
        "'{name}': ไม่มีร้อยละการดำเนินงาน: ถือเป็น 0",
        "'{name}': percent implemented missing: counted as 0",
        {"name": "กิจกรรมที่ 1"}),
    MessageKey.PERCENT_ABOVE_100: Template(
        "'{name}': ร้อยละ {percent} เกิน 100: ถือเป็น 100",
        "'{name}': percent {percent} above 100: counted as 100",
        {"name": "กิจกรรมที่ 1", "percent": "120"}),
    MessageKey.NO_REVIEW_SUMMARY: Template(
        "ไม่มีสรุปผลการทบทวน: นับเป็น 0 ประเด็นย่อย",
        "no review summary: counted as 0 sub-issues"),
    MessageKey.NO_ACTION_PLAN: Template(
        "ไม่มีแผนปฏิบัติการ: นับเป็น 0 ประเด็นย่อย",
        "no action plan: counted as 0 sub-issues"),
    MessageKey.IMPROVEMENT_NOT_STATED_CAPPED: Template(
        "แผนไม่ระบุส่วนที่พัฒนาเพิ่มเติมจากปี 2549: ได้ไม่เกินระดับ {cap} (นโยบาย missing_improvement_cap = "
        "{cap})",
        "what is developed beyond FY 2549 not stated: capped at level {cap} (policy "
        "missing_improvement_cap = {cap})",
        {"cap": "4"}),
    MessageKey.IMPROVEMENT_NOT_CONFIRMED_CAPPED: Template(
        "ส่วนที่พัฒนาเพิ่มเติมจากปี 2549 ยังไม่ได้รับการยืนยัน: ได้ไม่เกินระดับ {cap} (นโยบาย "
        "missing_improvement_cap = {cap})",
        "what is developed beyond FY 2549 not confirmed: capped at level {cap} (policy "
        "missing_improvement_cap = {cap})",
        {"cap": "4"}),
    MessageKey.IMPROVEMENT_NOT_STATED_FINDING: Template(
        "แผนไม่ระบุส่วนที่พัฒนาเพิ่มเติมจากปี 2549 (ข้อสังเกต; ยังไม่ถึงเพดานระดับ {cap})",
        "what is developed beyond FY 2549 not stated (finding; cap {cap} not reached)",
        {"cap": "4"}),
    MessageKey.IMPROVEMENT_NOT_CONFIRMED_FINDING: Template(
        "ส่วนที่พัฒนาเพิ่มเติมจากปี 2549 ยังไม่ได้รับการยืนยัน (ข้อสังเกต; ยังไม่ถึงเพดานระดับ {cap})",
        "what is developed beyond FY 2549 not confirmed (finding; cap {cap} not reached)",
        {"cap": "4"}),
    MessageKey.PROVISIONAL_NOTE: Template(
        "ผลเบื้องต้น: จากข้อเสนอของระบบ ยังไม่ได้รับการยืนยันจากผู้ตรวจ",
        "provisional: from proposals, not confirmed by a reviewer"),
    MessageKey.NEED_PROGRESS_FIGURES: Template(
        "เกณฑ์ 3-4 ต้องมีตัวเลขผลการดำเนินงาน",
        "criteria 3-4 need progress figures"),
    MessageKey.COLUMN_READ_AS_PERCENT: Template(
        "คอลัมน์ '{column}' เป็นร้อยละ: อ่านเป็นร้อยละการดำเนินงาน",
        "column '{column}' holds percents: read as percent implemented",
        {"column": "ผล"}),
    MessageKey.COLUMN_READ_AS_ACHIEVED: Template(
        "คอลัมน์ '{column}' เป็นเครื่องหมายบรรลุ/ไม่บรรลุ: อ่านเป็นการบรรลุวัตถุประสงค์",
        "column '{column}' holds achieved/not achieved marks: read as objective achieved",
        {"column": "ผล"}),
    MessageKey.ROW_WITHOUT_FIGURES: Template(
        "หน้า {page} แถว {row}: '{name}' ไม่มีตัวเลข: ไม่นับ (อาจเป็นหัวข้อกลุ่ม)",
        "page {page} row {row}: '{name}' has no figures: left out (a group heading?)",
        {"page": 2, "row": 4, "name": "ด้านระบบงาน"}),
    MessageKey.ROW_JOINED_ACROSS_PAGES: Template(
        "หน้า {page} แถว {row}: ส่วนที่เหลือของแถวก่อนขึ้นหน้าใหม่: รวมเข้ากับแถวนั้น",
        "page {page} row {row}: the rest of the row before the page break: joined to it",
        {"page": 3, "row": 1}),
    MessageKey.PERCENTS_AS_FRACTIONS: Template(
        "ร้อยละเขียนเป็นเศษส่วน (0..1): คูณด้วย 100",
        "percents written as fractions (0..1): multiplied by 100"),
    MessageKey.NO_WEIGHT_COLUMN: Template(
        "ไม่มีคอลัมน์ค่าน้ำหนัก: ใช้น้ำหนักเท่ากัน",
        "no weight column: equal weights"),
    MessageKey.SOME_WEIGHTS_MISSING: Template(
        "บางกิจกรรมไม่มีค่าน้ำหนัก: จะใช้น้ำหนักเท่ากัน",
        "weight missing for some activities: equal weights will be used"),
    MessageKey.NO_PERCENT_COLUMN: Template(
        "ไม่มีคอลัมน์ร้อยละการดำเนินงาน",
        "no percent-implemented column"),
    MessageKey.NO_ACHIEVED_COLUMN: Template(
        "ไม่มีคอลัมน์การบรรลุวัตถุประสงค์",
        "no objective-achieved column"),
    MessageKey.REVIEW_BULK_QUESTION: Template(
        "ยอมรับทุกข้อเสนอที่มีความเชื่อมั่น ≥ X ก่อนหรือไม่? (X ตั้งแต่ 0 ถึง 1, เว้นว่าง = ไม่)",
        "Accept all proposals with confidence ≥ X first? (X from 0 to 1, blank = no)"),
    MessageKey.REVIEW_KEYS: Template(
        "[a] ยอมรับ [o] แก้ผล [s] ข้าม [b] ย้อนกลับ [n] เอกสารถัดไป [q] ออก",
        "[a]ccept [o]verride [s]kip [b]ack [n]ext document [q]uit"),
    MessageKey.REVIEW_KEYS_CONFIRMED: Template(
        "[k] คงไว้ [c] เปลี่ยน [s] ข้าม [b] ย้อนกลับ [n] เอกสารถัดไป [q] ออก",
        "[k]eep [c]hange [s]kip [b]ack [n]ext document [q]uit"),
    MessageKey.REVIEW_KEYS_FIGURES: Template(
        "[a] ยอมรับ [e] แก้ไข [s] ข้าม [b] ย้อนกลับ [q] ออก",
        "[a]ccept [e]dit [s]kip [b]ack [q]uit"),
    MessageKey.REVIEW_KEYS_FIGURES_CONFIRMED: Template(
        "[k] คงไว้ [e] แก้ไข [s] ข้าม [b] ย้อนกลับ [q] ออก",
        "[k]eep [e]dit [s]kip [b]ack [q]uit"),
    MessageKey.REVIEW_ROLE_LINE: Template(
        "ประเภทเอกสาร — ระบบเสนอ: {proposed} (ความเชื่อมั่น {confidence})   ยืนยันแล้ว: {confirmed}",
        "role — proposed: {proposed} (confidence {confidence})   confirmed: {confirmed}",
        {"proposed": "plan", "confidence": "0.97", "confirmed": "-"}),
    MessageKey.REVIEW_ROLE_PROMPT: Template(
        "ประเภทเอกสาร",
        "role"),
    MessageKey.REVIEW_COVERED_PROMPT: Template(
        "ครอบคลุมหรือไม่?",
        "covered?"),
    MessageKey.REVIEW_STATED_PROMPT: Template(
        "ระบุไว้หรือไม่?",
        "stated?"),
    MessageKey.REVIEW_REASON_PROMPT: Template(
        "เหตุผลของการเปลี่ยน",
        "reason for the change"),
    MessageKey.REVIEW_PLAN_COMPLETE: Template(
        "ความครบถ้วนของแผน: ครบถ้วน",
        "plan completeness: complete"),
    MessageKey.REVIEW_PLAN_FINDINGS: Template(
        "ความครบถ้วนของแผน: พบ {count} ข้อสังเกต",
        "plan completeness: {count} findings",
        {"count": 3}),
    MessageKey.REVIEW_MORE_IN_REPORT: Template(
        "… อีก {count} รายการ (ดูในรายงาน)",
        "… {count} more (in the report)",
        {"count": 2}),
    MessageKey.REVIEW_MORE: Template(
        "… อีก {count} รายการ",
        "… {count} more",
        {"count": 2}),
    MessageKey.REVIEW_PROGRESS_FROM: Template(
        "ตัวเลขผลการดำเนินงาน (เกณฑ์ 3-4) — ระบบเสนอจาก {source}",
        "progress figures (criteria 3-4) — proposed from {source}",
        {"source": "s01/รายงานผล.xlsx"}),
    MessageKey.REVIEW_PROGRESS_NONE: Template(
        "ตัวเลขผลการดำเนินงาน (เกณฑ์ 3-4) — ไม่พบในเอกสาร",
        "progress figures (criteria 3-4) — none found in the documents"),
    MessageKey.REVIEW_CONFIRMED: Template(
        "(ยืนยันแล้ว)",
        "(confirmed)"),
    MessageKey.REVIEW_ADD_ACTIVITY: Template(
        "เพิ่มกิจกรรมหรือไม่?",
        "add an activity?"),
    MessageKey.ACTIVITY_NAME_PROMPT: Template(
        "ชื่อกิจกรรม",
        "name"),
    MessageKey.ACTIVITY_WEIGHT_PROMPT: Template(
        "ค่าน้ำหนัก (เว้นว่าง = ไม่มี)",
        "weight (blank = missing)"),
    MessageKey.ACTIVITY_PERCENT_PROMPT: Template(
        "ร้อยละการดำเนินงาน (เว้นว่าง = ไม่มี)",
        "percent implemented (blank = missing)"),
    MessageKey.ACTIVITY_ACHIEVED_PROMPT: Template(
        "บรรลุวัตถุประสงค์ [y/n/เว้นว่าง = ไม่มี]",
        "objective achieved [y/n/blank = missing]"),
    MessageKey.NO_REVIEW_CONFIRMED: Template(
        "ไม่มีเอกสารที่ยืนยันว่าเป็นสรุปผลการทบทวน",
        "no document confirmed as review summary"),
    MessageKey.NO_PLAN_CONFIRMED: Template(
        "ไม่มีเอกสารที่ยืนยันว่าเป็นแผนปฏิบัติการ",
        "no document confirmed as action plan"),
    MessageKey.SEVERAL_REVIEWS_CONFIRMED: Template(
        "มีเอกสาร {count} ฉบับที่ยืนยันว่าเป็นสรุปผลการทบทวน: นับฉบับที่ครอบคลุมประเด็นย่อยมากที่สุด ({path})",
        "{count} documents confirmed as review summary: the one covering most sub-issues "
        "counts ({path})",
        {"count": 2, "path": "review.docx"}),
    MessageKey.SEVERAL_PLANS_CONFIRMED: Template(
        "มีเอกสาร {count} ฉบับที่ยืนยันว่าเป็นแผนปฏิบัติการ: นับฉบับที่ครอบคลุมประเด็นย่อยมากที่สุด ({path})",
        "{count} documents confirmed as action plan: the one covering most sub-issues counts "
        "({path})",
        {"count": 2, "path": "plan.docx"}),
    MessageKey.PACK_NOT_ZIP: Template(
        "ไม่ใช่ไฟล์ zip ที่อ่านได้ ({detail})", "not a readable zip ({detail})",
        {"detail": "File is not a zip file"}),
    MessageKey.PACK_NO_MANIFEST: Template(
        "ไม่พบ {manifest} ที่อ่านได้ในชุดหลักฐาน", "no readable {manifest}",
        {"manifest": "manifest.json"}),
    MessageKey.PACK_BAD_MANIFEST: Template(
        "{manifest} ไม่ใช่บัญชีรายการของชุดหลักฐาน ({detail})",
        "{manifest} is not a pack manifest ({detail})",
        {"manifest": "manifest.json", "detail": "1 validation error for Manifest"}),
    MessageKey.CANNOT_SCORE_UNCONFIRMED: Template(
        "คิดคะแนน {submission} ไม่ได้: ยังไม่ได้ยืนยัน {count} รายการ:",
        "cannot score {submission}: {count} items not confirmed:",
        {"submission": "s01", "count": 3}),
    MessageKey.CANNOT_REPORT_UNCONFIRMED: Template(
        "ออกรายงาน {submission} ไม่ได้: ยังไม่ได้ยืนยัน {count} รายการ:",
        "cannot report on {submission}: {count} items not confirmed:",
        {"submission": "s01", "count": 3}),
    MessageKey.CANNOT_PACK_UNCONFIRMED: Template(
        "สร้างชุดหลักฐาน {submission} ไม่ได้: ยังไม่ได้ยืนยัน {count} รายการ:",
        "cannot pack {submission}: {count} items not confirmed:",
        {"submission": "s01", "count": 3}),
    MessageKey.CONFIRM_WITH_REVIEW: Template(
        "ยืนยันได้ด้วย `evidence-review review {submission}`",
        "confirm them with `evidence-review review {submission}`",
        {"submission": "s01"}),
    MessageKey.DECISIONS_RECORDED: Template(
        "บันทึกการตัดสิน {count} รายการ (ไม่เปลี่ยน {unchanged}) ของ {submission} โดย {reviewer}",
        "recorded {count} decisions ({unchanged} unchanged) for {submission} by {reviewer}",
        {"count": 26, "unchanged": 0, "submission": "s01", "reviewer": "somchai"}),
    MessageKey.SESSION_RECORDED: Template(
        "บันทึกการตัดสิน {count} รายการของ {submission} โดย {reviewer}",
        "recorded {count} decisions for {submission} by {reviewer}",
        {"count": 2, "submission": "s01", "reviewer": "somchai"}),
    MessageKey.REVIEW_INTERRUPTED: Template(
        "ถูกขัดจังหวะ: การตัดสิน {count} รายการที่บันทึกในรอบนี้ยังคงอยู่",
        "interrupted: {count} decisions recorded this session are kept",
        {"count": 2}),
    MessageKey.PLAN_FINDINGS_OF: Template(
        "ความครบถ้วนของแผน {path}: พบ {count} ข้อสังเกต",
        "plan completeness, {path}: {count} findings",
        {"path": "plan.docx", "count": 1}),
    MessageKey.PLAN_COMPLETE_OF: Template(
        "ความครบถ้วนของแผน {path}: ครบถ้วน",
        "plan completeness, {path}: complete",
        {"path": "plan.docx"}),
    MessageKey.NOT_YET_CONFIRMED: Template(
        "ยังไม่ได้ยืนยัน ({count}):",
        "not yet confirmed ({count}):",
        {"count": 3}),
    MessageKey.ALL_CONFIRMED: Template(
        "ยืนยันครบแล้ว: คิดคะแนนได้ด้วย `evidence-review score {submission}`",
        "all confirmed: `evidence-review score {submission}` can score it",
        {"submission": "s01"}),
    MessageKey.SCREENED_FOR_REVIEW: Template(
        "คัดกรอง {count} ไฟล์ (ไม่เปลี่ยน {unchanged})",
        "screened {count} files ({unchanged} unchanged)",
        {"count": 3, "unchanged": 0}),
    MessageKey.CHANGED_SINCE_SCREENED: Template(
        "เปลี่ยนไปหลังการคัดกรองครั้งก่อน: {path}",
        "changed since last screened: {path}",
        {"path": "s01/plan.docx"}),
    MessageKey.REVIEWER_NAME_PROMPT: Template(
        "ชื่อผู้ตรวจ",
        "Reviewer name"),
    MessageKey.AGENCY_MANUAL: Template(
        "{submission}: ชื่อส่วนราชการในรายงาน: {name} (กำหนดเอง)",
        "{submission}: agency name in the reports: {name} (set by hand)",
        {"submission": "s01", "name": "กรมประมง"}),
    MessageKey.AGENCY_FOUND: Template(
        "{submission}: ชื่อส่วนราชการในรายงาน: {name} (อ่านจากเอกสาร)",
        "{submission}: agency name in the reports: {name} (read from the documents)",
        {"submission": "s01", "name": "กรมประมง"}),
    MessageKey.AGENCY_NONE: Template(
        "{submission}: ไม่พบชื่อส่วนราชการ รายงานจะใช้รหัส {submission}",
        "{submission}: no agency name: the reports name it by its id",
        {"submission": "s01"}),
    MessageKey.AGENCY_NAME_TOO_LONG: Template(
        "ชื่อส่วนราชการยาวเกิน {limit} ตัวอักษร",
        "agency name: at most {limit} characters",
        {"limit": 300}),
    MessageKey.AGENCY_NAME_OR_CLEAR: Template(
        "ให้ระบุ NAME หรือ --clear อย่างใดอย่างหนึ่ง", "give NAME or --clear, not both"),
    MessageKey.WEB_BODY_NOT_JSON: Template(
        "body: ไม่ใช่ JSON ที่ถูกต้อง ({detail})", "body: not valid JSON ({detail})",
        {"detail": "JSONDecodeError"}),
    MessageKey.WEB_BODY_NOT_OBJECT: Template(
        "body ต้องเป็น JSON object: ไฟล์การตัดสินพร้อม \"base_version\"",
        "the body is a JSON object: the decisions file plus \"base_version\""),
    MessageKey.WEB_BASE_VERSION_REQUIRED: Template(
        "base_version: ต้องระบุ (รุ่นของข้อมูลที่ใช้เป็นฐานในการบันทึก)",
        "base_version: required (the version the save is based on)"),
    MessageKey.WEB_BASE_VERSION_INVALID: Template(
        "base_version: ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง {limit} (ค่า \"version\" ที่อ่านมาพร้อมข้อมูล)",
        "base_version: an integer from 0 to {limit} (the \"version\" read with the submission)",
        {"limit": 9223372036854775807}),
    MessageKey.WEB_STALE: Template(
        "stale: ข้อมูลการตรวจเปลี่ยนไปหลัง base_version",
        "stale: the review state changed since base_version"),
    MessageKey.WEB_FIELD_INVALID: Template(
        "{field}: ข้อมูลไม่ถูกต้อง ({detail})", "{field}: {detail}",
        {"field": "documents.a.docx.role", "detail": "Input should be 'plan'"}),
    MessageKey.WEB_NO_DOCUMENT: Template(
        "ไม่พบเอกสาร {document_id} ในชุด {submission}",
        "no document {document_id} in submission {submission}",
        {"document_id": 7, "submission": "s01"}),
    MessageKey.WEB_ROLE_ONE_OF: Template(
        "role: ต้องเป็นค่าใดค่าหนึ่งใน {roles}", "role: one of {roles}",
        {"roles": "action_plan, review_summary, other"}),
    MessageKey.WEB_NO_ITEM: Template(
        "ไม่มีรายการ {item}", "no item {item}", {"item": "'9.9'"}),
    MessageKey.WEB_VALUE_COVERED: Template(
        "{item}: ค่าต้องเป็นครอบคลุม (true) หรือไม่ครอบคลุม (false)",
        "{item}: the value is covered (true) or not (false)", {"item": "1.1"}),
    MessageKey.WEB_OVERRIDE_NEEDS_REASON: Template(
        "{item}: การเปลี่ยนจากผลที่ระบบเสนอต้องระบุเหตุผล",
        "{item}: overriding the proposal needs a reason", {"item": "1.1"}),
    MessageKey.WEB_THRESHOLD: Template(
        "threshold: ต้องเป็นความเชื่อมั่นระหว่าง 0 ถึง 1",
        "threshold: a confidence between 0 and 1"),
    MessageKey.WEB_DOC_ID: Template(
        "doc: ต้องเป็นรหัสเอกสาร", "doc: a document id"),
    MessageKey.WEB_DECISIONS_INVALID: Template(
        "ข้อมูลการตัดสินไม่ถูกต้อง: {detail}", "{detail}",
        {"detail": "body: no document 'a.pdf' in submission 's01'"}),
    MessageKey.USER_NAME_INVALID: Template(
        "{name}: ชื่อผู้ใช้ต้องเป็นคำเดียว ยาวไม่เกิน 255 ตัวอักษร",
        "{name}: a user name is one word of up to 255 characters", {"name": "'a b'"}),
    MessageKey.USER_PASSWORD_EMPTY: Template(
        "{name}: รหัสผ่านว่างเปล่า", "{name}: the password is empty", {"name": "somchai"}),
    MessageKey.USER_NOT_FOUND: Template(
        "{name}: ไม่มีผู้ใช้นี้ (เพิ่มได้ด้วย `users add`)",
        "{name}: no such user (add it with `users add`)", {"name": "somchai"}),
    MessageKey.NOT_YOUR_STREAM: Template(
        "{reviewer} บันทึกการตัดสินในการตรวจของ {owner} ไม่ได้",
        "{reviewer} cannot decide in {owner}'s review", {"reviewer": "somchai", "owner": "malee"}),
    MessageKey.NOT_DOUBLE_REVIEWED: Template(
        "ไม่ได้ตรวจโดยผู้ตรวจสองคน จึงไม่มีสิ่งที่ต้องชี้ขาด",
        "not double-reviewed: nothing to adjudicate"),
    MessageKey.REVIEWERS_NOT_FINISHED: Template(
        "ผู้ตรวจทั้งสอง ({first} และ {second}) ยังตรวจไม่เสร็จทั้งคู่ จึงยังชี้ขาดไม่ได้",
        "the two reviewers ({first} and {second}) have not both finished: nothing to "
        "adjudicate yet", {"first": "malee", "second": "udom"}),
    MessageKey.LEAD_REVIEWED_IT: Template(
        "{lead} เป็นผู้ตรวจเรื่องนี้ จึงชี้ขาดเองไม่ได้",
        "{lead} reviewed it and cannot adjudicate it", {"lead": "malee"}),
    MessageKey.ADJUDICATION_NEEDS_REASON: Template(
        "การชี้ขาดต้องระบุเหตุผล: {items}", "an adjudication needs a reason: {items}",
        {"items": "review.txt: sub-issue 3.4"}),
    MessageKey.NO_DOCUMENT_IN_SUBMISSION: Template(
        "ไม่พบเอกสาร {document} ในชุดเอกสาร {submission} (เอกสารที่มี: {known})",
        "no document {document} in submission {submission} (documents: {known})",
        {"document": "'x.pdf'", "submission": "'s01'", "known": "plan.docx"}),
    MessageKey.NO_SUBISSUE: Template(
        "ไม่มีประเด็นย่อย {subissue} (ประเด็นย่อยที่มี: {known})",
        "no sub-issue {subissue} (sub-issues: {known})",
        {"subissue": "'4.1'", "known": "1.1, 1.2"}),
    MessageKey.NOTHING_PROPOSED_TO_ACCEPT: Template(
        "progress: accept: ระบบไม่ได้เสนอตัวเลขความก้าวหน้าให้ยอมรับ ให้ระบุ \"activities\"",
        "progress: accept: no progress figures were proposed to accept; give \"activities\""),
    MessageKey.FILE_OVERRIDE_NEEDS_REASON: Template(
        "การเปลี่ยนจากผลที่ระบบเสนอ ({before} → {after}) ต้องระบุ \"reason\"",
        "overriding the proposal ({before} → {after}) needs a \"reason\"",
        {"before": "✓", "after": "✗"}),
    MessageKey.FILE_CHANGE_NEEDS_REASON: Template(
        "การเปลี่ยนผลที่ยืนยันแล้ว ({before} → {after}) ต้องระบุ \"reason\"",
        "changing the confirmed decision ({before} → {after}) needs a \"reason\"",
        {"before": "✓", "after": "✗"}),
    MessageKey.SPLIT_NOT_RANGE: Template(
        "{text}: ไม่ใช่ช่วงหน้า เช่น 1-3", "{text}: not a page range such as 1-3",
        {"text": "'a-b'"}),
    MessageKey.SPLIT_EMPTY: Template(
        "{text}: ช่วงหน้าว่างเปล่า", "{text}: the range is empty", {"text": "5-3"}),
    MessageKey.SPLIT_BEYOND_FILE: Template(
        "{text}: ไฟล์มีเพียง {pages} หน้า", "{text}: the file has {pages} pages",
        {"text": "3-9", "pages": 5}),
    MessageKey.SPLIT_OVERLAPS: Template(
        "{text}: ทับซ้อนหรืออยู่ก่อนช่วง {previous}",
        "{text}: overlaps or comes before {previous}", {"text": "3-5", "previous": "1-3"}),
    MessageKey.RUBRIC_UNKNOWN_SUBISSUE: Template(
        "ไม่มีประเด็นย่อย {subissue} ในเกณฑ์", "unknown sub-issue {subissue}",
        {"subissue": "'9.9'"}),
    MessageKey.RUBRIC_UNKNOWN_CONCEPT: Template(
        "{subissue}: ไม่มีแนวคิด {concept} ในเกณฑ์", "{subissue}: unknown concept {concept}",
        {"subissue": "1.1", "concept": "'แผน'"}),
    MessageKey.RUBRIC_CONCEPT_GROUPS: Template(
        "{subissue}: แนวคิด {concept} มี {groups} กลุ่มคำ",
        "{subissue}: concept {concept} has {groups} groups",
        {"subissue": "1.1", "concept": "'แผน'", "groups": 2}),
    MessageKey.ADJUDICATED: Template(
        "บันทึกผลชี้ขาด {recorded} รายการ (ไม่เปลี่ยน {unchanged}) ของ {submission} โดย {lead}",
        "recorded {recorded} final decisions ({unchanged} unchanged) for {submission} by {lead}",
        {"recorded": 2, "unchanged": 0, "submission": "s01", "lead": "lek"}),
    MessageKey.DOUBLE_STATUS: Template(
        "{status} (ผู้ตรวจ {first} และ {second})", "{status} (reviewers {first} and {second})",
        {"status": "in_adjudication", "first": "malee", "second": "udom"}),
    MessageKey.FINAL_VALUE: Template(
        "ผลชี้ขาด {value}", "final {value}", {"value": "✓"}),
    MessageKey.ASSIGN_GIVE_TO: Template(
        "ให้ระบุ --to REVIEWER (หนึ่งหรือสองครั้ง) หรือ --clear",
        "give --to REVIEWER (once or twice), or --clear"),
    MessageKey.ASSIGN_NONE: Template(
        "ไม่ได้มอบหมายผู้ตรวจ (ตรวจคนเดียว)", "no assignment (single review)"),
    MessageKey.ASSIGNED_DOUBLE: Template(
        "มอบหมายให้ {first} และ {second} (ตรวจสองคน)",
        "assigned to {first} and {second} (double review)",
        {"first": "malee", "second": "udom"}),
    MessageKey.ASSIGNED_SINGLE: Template(
        "มอบหมายให้ {name} (ตรวจคนเดียว)", "assigned to {name} (single review)",
        {"name": "malee"}),
    MessageKey.AGREEMENT_HEADER: Template(
        "ผู้ตรวจทั้งสองตัดสิน {items} รายการ (ชุดเอกสารที่ตรวจสองคน {count} ชุด)",
        "{items} items decided by both reviewers ({count} double-reviewed submissions)",
        {"items": 12, "count": 1}),
    MessageKey.NO_SUBMISSION_IN_STORE: Template(
        "ไม่พบชุดเอกสารรหัสนี้ในฐานข้อมูล", "no submission with this id in the store"),
    MessageKey.STORE_WARNING: Template(
        "คำเตือน: {note}", "warning: {note}", {"note": "trigger re-created"}),
    MessageKey.STORE_REVISION: Template(
        "โครงสร้างรุ่น {version}", "schema version {version}", {"version": 12}),
    MessageKey.PACK_WRITTEN: Template(
        "เขียน {path} แล้ว ({count} ไฟล์)", "wrote {path} ({count} members)",
        {"path": "pack.zip", "count": 9}),
    MessageKey.PACK_MEMBER_CHANGED: Template(
        "{member} (ถูกแก้ไข)", "{member} (changed)", {"member": "report.pdf"}),
    MessageKey.PACK_MEMBER_MISSING: Template(
        "{member} (หายไป)", "{member} (missing)", {"member": "report.pdf"}),
    MessageKey.PACK_MEMBER_UNEXPECTED: Template(
        "{member} (ไม่อยู่ใน manifest)", "{member} (not in the manifest)",
        {"member": "extra.txt"}),
    MessageKey.PACK_MANIFEST_MISMATCH: Template(
        "manifest.json (sha256 {digest} ไม่ตรงกับที่บันทึกไว้)",
        "manifest.json (sha256 {digest}, not the one recorded)", {"digest": "ab12"}),
    MessageKey.PACK_INTACT: Template(
        "ครบถ้วนไม่ถูกแก้ไข (manifest sha256 {digest})", "intact (manifest sha256 {digest})",
        {"digest": "ab12"}),
}


@dataclass(frozen=True)
class Bilingual:
    """A rendered message in its two languages; ``str()`` gives ``"ไทย [English]"``.

    >>> str(Bilingual("ไม่พบไฟล์", "no file"))
    'ไม่พบไฟล์ [no file]'
    """

    th: str
    en: str

    def __str__(self) -> str:
        return f"{self.th} [{self.en}]"

    def then(self, other: Bilingual, sep: str = ": ") -> Bilingual:
        """This message followed by ``other``, each language joined with its own.

        >>> str(Bilingual("ก", "a").then(Bilingual("ข", "b")))
        'ก: ข [a: b]'
        """
        return Bilingual(f"{self.th}{sep}{other.th}", f"{self.en}{sep}{other.en}")


class MessageFieldError(TypeError):
    """A message was asked for with missing or unknown fields (a bug in the caller)."""


def template_fields(template: str) -> set[str]:
    """The field names a template takes.

    >>> sorted(template_fields("{pages} pages, over {limit:,}-page limit {limit}"))
    ['limit', 'pages']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _clip(value: Any) -> Any:
    """Field values as given; long or multi-line text flattened and cut (see MAX_FIELD_CHARS).

    >>> _clip("a\\nb"), len(_clip("x" * 500)), _clip(3)
    ('a b', 80, 3)
    """
    if not isinstance(value, str):
        return value
    flat = " ".join(value.split())
    return flat if len(flat) <= MAX_FIELD_CHARS else flat[: MAX_FIELD_CHARS - 1] + "…"


def text(key: MessageKey, **fields: Any) -> Bilingual:
    """The message ``key`` with ``fields`` filled in, in both languages.

    Raises:
        MessageFieldError: a field the message takes is missing, or an unknown one is given.

    >>> text(MessageKey.PAGES_CUT, pages=3, limit=2).th
    'มี 3 หน้า เกินกำหนด 2 หน้า อ่านเฉพาะ 2 หน้าแรก'
    >>> text(MessageKey.PAGES_CUT, pages=3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    evidence_review.messages.MessageFieldError: message 'pages_cut' takes fields ...
    """
    template = TABLE[key]
    wanted = set(template.example)
    if set(fields) != wanted:
        raise MessageFieldError(f"message {key.value!r} takes fields {sorted(wanted)}, "
                                f"got {sorted(fields)}")
    values = {name: _clip(value) for name, value in fields.items()}
    return Bilingual(template.th.format(**values), template.en.format(**values))


def message(key: MessageKey, **fields: Any) -> str:
    """The message ``key`` rendered as one line, ``"ไทย [English]"``.

    >>> message(MessageKey.PDF_PASSWORD)
    'ไฟล์ PDF ถูกตั้งรหัสผ่าน เปิดอ่านไม่ได้ [PDF is password-protected]'
    """
    return str(text(key, **fields))


def os_error(exc: OSError) -> Bilingual:
    """Why a file could not be read, from the operating system's error.

    >>> str(os_error(FileNotFoundError(2, "No such file or directory")))
    'ไม่พบไฟล์ [cannot read file: No such file or directory]'
    >>> os_error(OSError(5, "Input/output error")).en
    'cannot read file: Input/output error'
    """
    if exc.errno == errno.ENOENT:
        return text(MessageKey.FILE_NOT_FOUND)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return text(MessageKey.NO_PERMISSION)
    return text(MessageKey.CANNOT_READ, detail=exc.strerror or str(exc))


__all__ = ["TABLE", "Bilingual", "MessageFieldError", "MessageKey", "Template", "message",
           "os_error", "template_fields", "text"]

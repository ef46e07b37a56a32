"""Messages about files, reading, screening, the store and the command line."""

from __future__ import annotations

from evidence_review.messages.keys import MessageKey
from evidence_review.messages.template import _OFFICE, Template

ENTRIES: dict[MessageKey, Template] = {
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
}

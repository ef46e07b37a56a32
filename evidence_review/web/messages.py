"""The web workspace's words, Thai first with English beside them (the ``lang`` cookie, set by
the ภาษา/Language toggle, picks English). Like :mod:`evidence_review.messages`, one table:
templates and routes never spell a user-facing line themselves.

>>> say("login", "th"), say("login", "en")
('เข้าสู่ระบบ', 'Log in')
>>> say("stale", "en", reviewer="somchai")
'Someone else saved first (somchai): the page shows their change; check it and save again.'
"""

from __future__ import annotations

from typing import Any

WORDS: dict[str, tuple[str, str]] = {
    "app_title": ("ตรวจหลักฐานตัวชี้วัด", "Evidence review"),
    "login": ("เข้าสู่ระบบ", "Log in"),
    "logout": ("ออกจากระบบ", "Log out"),
    "username": ("ชื่อผู้ใช้", "User name"),
    "password": ("รหัสผ่าน", "Password"),
    "login_failed": ("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong user name or password"),
    "login_blocked": ("เข้าสู่ระบบผิดหลายครั้งเกินไป โปรดลองใหม่ภายหลัง",
                      "Too many failed logins; try again later"),
    "submissions": ("รายการหน่วยงาน", "Submissions"),
    "search": ("ค้นหา", "Search"),
    "all_statuses": ("ทุกสถานะ", "All statuses"),
    "status": ("สถานะ", "Status"),
    "status_screened": ("คัดกรองแล้ว", "Screened"),
    "status_in_review": ("กำลังตรวจ", "In review"),
    "status_in_adjudication": ("รอผู้ชี้ขาด", "In adjudication"),
    "status_confirmed": ("ยืนยันครบแล้ว", "Confirmed"),
    "status_scored": ("ให้คะแนนแล้ว", "Scored"),
    "agency": ("หน่วยงาน", "Agency"),
    "documents": ("เอกสาร", "Documents"),
    "unconfirmed": ("ยังไม่ยืนยัน", "Unconfirmed"),
    "no_submissions": ("ยังไม่มีหน่วยงานในระบบ", "No submissions in the store yet"),
    "upload": ("นำเข้าเอกสารหน่วยงาน", "Upload an agency's documents"),
    "upload_help": ("เลือกไฟล์ของหน่วยงานหนึ่งแห่ง หรือไฟล์ zip หนึ่งไฟล์",
                    "Choose one agency's files, or one zip file"),
    "agency_name": ("ชื่อส่วนราชการในรายงาน", "Agency name in the reports"),
    "agency_id": ("รหัสหน่วยงาน", "Agency id"),
    "upload_button": ("นำเข้าและคัดกรอง", "Upload and screen"),
    "upload_queued": ("กำลังคัดกรอง", "Screening"),
    "upload_done": ("คัดกรองเสร็จแล้ว", "Screening done"),
    "upload_failed": ("นำเข้าไม่สำเร็จ", "Upload failed"),
    "review": ("ตรวจ", "Review"),
    "score": ("คะแนน", "Score"),
    "subissues": ("ประเด็นย่อย", "Sub-issues"),
    "proposal": ("ข้อเสนอ", "Proposal"),
    "confidence": ("ความเชื่อมั่น", "Confidence"),
    "phrase": ("ข้อความที่พบ", "Matched phrase"),
    "reason": ("เหตุผล", "Reason"),
    "decision": ("ผลการตรวจ", "Decision"),
    "covered": ("ครอบคลุม", "covered"),
    "not_covered": ("ไม่ครอบคลุม", "not covered"),
    "accept": ("ยอมรับ", "Accept"),
    "override": ("แก้ผล", "Override"),
    "override_reason": ("เหตุผลที่แก้ผล (จำเป็น)", "Reason for the override (required)"),
    "use_selection": ("ใช้ข้อความที่เลือกในหน้าเป็นหลักฐาน", "Use the text selected on the page "
                      "as evidence"),
    "save": ("บันทึก", "Save"),
    "cancel": ("ยกเลิก", "Cancel"),
    "keys_help": ("แป้น: a ยอมรับ · o แก้ผล · j/k รายการถัดไป/ก่อนหน้า · 1–0 ไปประเด็นย่อย · "
                  "n เอกสารถัดไป", "Keys: a accept · o override · j/k next/previous item · "
                  "1–0 jump to a sub-issue · n next document"),
    "bulk_accept": ("ยอมรับทุกข้อเสนอที่ความเชื่อมั่น ≥", "Accept every proposal with confidence ≥"),
    "bulk_button": ("ยอมรับทั้งหมด", "Accept all"),
    "role": ("ประเภทเอกสาร", "Document role"),
    "role_review": ("สรุปผลการทบทวนฯ", "review summary"),
    "role_plan": ("แผนปฏิบัติการ", "action plan"),
    "role_progress": ("รายงานผลการดำเนินงาน", "progress report"),
    "role_other": ("เอกสารประกอบ", "other evidence"),
    "improvement": ("ระบุการพัฒนาเพิ่มเติมจากปี 2549", "States what is developed beyond FY 2549"),
    "progress": ("ผลการดำเนินงานตามแผน", "Progress figures"),
    "activity": ("กิจกรรม", "Activity"),
    "weight": ("น้ำหนัก", "Weight"),
    "percent": ("ร้อยละที่ดำเนินการ", "Percent done"),
    "achieved": ("บรรลุวัตถุประสงค์", "Achieved"),
    "add_row": ("เพิ่มแถว", "Add a row"),
    "confirm_figures": ("ยืนยันตัวเลข", "Confirm the figures"),
    "figures_confirmed": ("ยืนยันแล้ว", "confirmed"),
    "figures_proposed": ("ตัวเลขที่อ่านได้จาก", "figures read from"),
    "plan_findings": ("ความครบถ้วนของแผน", "Plan completeness"),
    "plan_complete": ("แผนครบถ้วน", "the plan is complete"),
    "no_evidence": ("ไม่พบหลักฐานในเอกสาร", "no evidence found in the document"),
    "page": ("หน้า", "page"),
    "pages": ("หน้า", "pages"),
    "not_found_on_page": ("หาตำแหน่งในหน้าไม่พบ", "position not found on the page"),
    "failed_document": ("อ่านเอกสารไม่ได้", "The document could not be read"),
    "missing": ("รายการที่ยังไม่ยืนยัน", "Not yet confirmed"),
    "missing_help": ("ยืนยันรายการเหล่านี้ก่อน จึงจะคำนวณคะแนนได้",
                     "Confirm these first; then the score can be computed"),
    "downloads": ("ดาวน์โหลดรายงาน", "Download the report"),
    "indicator_score": ("ค่าคะแนนที่ได้", "Indicator score"),
    "weighted_score": ("ค่าคะแนนถ่วงน้ำหนัก", "Weighted score"),
    "criterion": ("เกณฑ์", "Criterion"),
    "result": ("ผลการดำเนินงาน", "Result"),
    "saved": ("บันทึกแล้ว", "Saved"),
    "stale": ("มีผู้อื่นบันทึกก่อน ({reviewer}) หน้านี้แสดงการแก้ไขของเขาแล้ว โปรดตรวจสอบแล้วบันทึกอีกครั้ง",
              "Someone else saved first ({reviewer}): the page shows their change; check it and "
              "save again."),
    "forbidden": ("บัญชีนี้ไม่มีสิทธิ์แก้ไข (ผู้ดูเท่านั้น)", "This account may not change "
                  "anything (viewer)"),
    "csrf": ("แบบฟอร์มหมดอายุหรือไม่ถูกต้อง โปรดโหลดหน้าใหม่", "The form expired or is not "
             "valid; reload the page"),
    "doc_changed": ("ไฟล์เปลี่ยนไปหลังการตรวจ ต้องยืนยันใหม่", "The file changed since it was "
                    "reviewed: confirm it again"),
    "not_found": ("ไม่พบหน้าที่ต้องการ", "Not found"),
    "reviewer": ("ผู้ตรวจ", "Reviewer"),
    "viewer_note": ("ผู้ดู: อ่านได้อย่างเดียว", "Viewer: read only"),
    "version": ("ฉบับที่", "version"),
    "next_document": ("เอกสารถัดไป", "Next document"),
    "all_confirmed": ("ยืนยันครบทุกรายการแล้ว", "Everything is confirmed"),
    "go_score": ("ดูคะแนน", "See the score"),
}

LANGS = ("th", "en")


def say(key: str, lang: str = "th", **fields: Any) -> str:
    """The word ``key`` in ``lang`` (Thai unless "en"), with ``fields`` filled in."""
    th, en = WORDS[key]
    text = en if lang == "en" else th
    return text.format(**fields) if fields else text

"""Messages of the web workspace, accounts, bound-file splits and team review."""

from __future__ import annotations

from evidence_review.messages.keys import MessageKey
from evidence_review.messages.template import Template

ENTRIES: dict[MessageKey, Template] = {
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
    MessageKey.AUDIT_NOTHING: Template(
        "ยังไม่มีการตัดสินในฐานข้อมูลนี้ ไม่มีห่วงโซ่ให้ตรวจ (ทริกเกอร์ป้องกันการแก้ไขครบ)",
        "no decisions in this store yet: no chain to check (the append-only triggers are in "
        "place)"),
}

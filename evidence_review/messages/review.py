"""Messages of the review (terminal and decisions files), scoring, reports and packs."""

from __future__ import annotations

from evidence_review.messages.keys import MessageKey
from evidence_review.messages.template import Template

ENTRIES: dict[MessageKey, Template] = {
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
}

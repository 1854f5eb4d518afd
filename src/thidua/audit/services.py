"""Recording business actions."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from .models import ActionLog

StrOrPromise = str | Promise

# Human-readable Vietnamese names of the actions, shown in the log page. Lazy
# translations: the Vietnamese text is the msgid (English in locale/en); the
# context "action log" keeps them apart from the same words used as buttons or
# titles ("Đăng nhập": "Logged in" here, "Log in" on the login page).
# New entries: wrap the label in pgettext_lazy("action log", …) like the others.
ACTION_LABELS: dict[str, StrOrPromise] = {
    "council.members_synced": pgettext_lazy("action log", "Cập nhật thành viên Hội đồng TĐKT"),
    "council.settings_changed": pgettext_lazy(
        "action log", "Thay đổi quy chế xét của Hội đồng TĐKT"
    ),
    "council.meeting_prepared": pgettext_lazy("action log", "Chuẩn bị cuộc họp Hội đồng TĐKT"),
    "council.candidates_added": pgettext_lazy("action log", "Bổ sung người được xét vào cuộc họp"),
    "council.rules_changed": pgettext_lazy(
        "action log", "Thay đổi quy chế biểu quyết của cuộc họp"
    ),
    "council.attendance_recorded": pgettext_lazy("action log", "Điểm danh cuộc họp Hội đồng"),
    "council.conflict_declared": pgettext_lazy("action log", "Khai báo xung đột lợi ích"),
    "council.voting_opened": pgettext_lazy("action log", "Mở biểu quyết"),
    "council.ballot_cast": pgettext_lazy(
        "action log", "Thành viên đã bỏ phiếu (không ghi nội dung)"
    ),
    "council.written_ballot_entered": pgettext_lazy(
        "action log", "Nhập phiếu bằng văn bản của thành viên vắng mặt"
    ),
    "council.hands_entered": pgettext_lazy("action log", "Ghi kết quả biểu quyết giơ tay"),
    "council.ballot_reset": pgettext_lazy("action log", "Cho bỏ phiếu lại"),
    "council.voting_closed": pgettext_lazy("action log", "Kết thúc bỏ phiếu, kiểm phiếu"),
    "council.candidate_decided": pgettext_lazy(
        "action log", "Hội đồng quyết định đề nghị hoặc không đề nghị"
    ),
    "council.ranking_applied": pgettext_lazy(
        "action log", "Áp dụng xếp hạng trong số lượng theo kế hoạch"
    ),
    "council.meeting_closed": pgettext_lazy("action log", "Kết thúc cuộc họp Hội đồng"),
    "council.act_recorded": pgettext_lazy("action log", "Ghi nhận bổ sung sau cuộc họp"),
    "council.list_disclosed": pgettext_lazy(
        "action log", "Công khai danh sách đề nghị khen thưởng"
    ),
    "council.comment_received": pgettext_lazy(
        "action log", "Nhận ý kiến góp ý danh sách công khai"
    ),
    "council.comment_handled": pgettext_lazy("action log", "Xử lý ý kiến góp ý"),
    "council.decision_drafted": pgettext_lazy("action log", "Dự thảo quyết định khen thưởng"),
    "council.decision_approved": pgettext_lazy(
        "action log", "Lãnh đạo duyệt ký quyết định khen thưởng"
    ),
    "council.decision_issued": pgettext_lazy(
        "action log", "Ban hành quyết định khen thưởng, tạo Giấy khen"
    ),
    "council.scan_attached": pgettext_lazy("action log", "Đính kèm bản chụp quyết định đã ký"),
    "council.award_revoked": pgettext_lazy("action log", "Thu hồi khen thưởng"),
    "council.decision_revoked": pgettext_lazy("action log", "Thu hồi quyết định khen thưởng"),
    "council.report_drafted": pgettext_lazy("action log", "Lập báo cáo kết quả phong trào"),
    "council.report_sent": pgettext_lazy(
        "action log", "Gửi báo cáo kết quả phong trào lên cấp trên"
    ),
    "auth.login": pgettext_lazy("action log", "Đăng nhập"),
    "auth.logout": pgettext_lazy("action log", "Đăng xuất"),
    "auth.login_failed": pgettext_lazy("action log", "Đăng nhập thất bại"),
    "auth.locked_out": pgettext_lazy("action log", "Tài khoản bị tạm khóa"),
    "auth.address_locked_out": pgettext_lazy(
        "action log", "Địa chỉ mạng bị tạm dừng đăng nhập vì sai nhiều lần"
    ),
    "auth.password_changed": pgettext_lazy("action log", "Đổi mật khẩu"),
    "auth.unit_switched": pgettext_lazy("action log", "Chuyển đơn vị làm việc"),
    "api.token_created": pgettext_lazy("action log", "Tạo mã truy cập API"),
    "people.imported": pgettext_lazy("action log", "Nhập danh sách cán bộ từ Excel"),
    "people.created": pgettext_lazy("action log", "Thêm cán bộ"),
    "people.updated": pgettext_lazy("action log", "Sửa thông tin cán bộ"),
    "demo.loaded": pgettext_lazy("action log", "Nạp dữ liệu mẫu"),
    "tasks.created": pgettext_lazy("action log", "Thêm nhiệm vụ CCHC"),
    "tasks.updated": pgettext_lazy("action log", "Sửa nhiệm vụ CCHC"),
    "tasks.imported": pgettext_lazy("action log", "Nhập phụ lục nhiệm vụ CCHC từ Excel"),
    "tasks.report_submitted": pgettext_lazy("action log", "Gửi báo cáo tiến độ nhiệm vụ"),
    "tasks.report_accepted": pgettext_lazy("action log", "Chấp nhận báo cáo tiến độ"),
    "tasks.report_returned": pgettext_lazy("action log", "Trả lại báo cáo tiến độ"),
    "tasks.evidence_downloaded": pgettext_lazy("action log", "Tải minh chứng"),
    "tasks.calendar_updated": pgettext_lazy(
        "action log", "Sửa lịch làm việc (ngày nghỉ, ngày làm bù)"
    ),
    "tasks.quality_scale_updated": pgettext_lazy("action log", "Sửa thang chất lượng nhiệm vụ"),
    "tasks.reminders_sent": pgettext_lazy("action log", "Gửi nhắc việc nhiệm vụ CCHC"),
    "scoring.rubric_updated": pgettext_lazy("action log", "Sửa cách tính điểm thi đua"),
    "scoring.exported": pgettext_lazy("action log", "Xuất bảng xếp hạng ra Excel"),
    "plans.import_parsed": pgettext_lazy("action log", "Đọc tệp kế hoạch"),
    "plans.imported": pgettext_lazy("action log", "Tạo kế hoạch từ tệp"),
    "plans.import_updated": pgettext_lazy("action log", "Cập nhật kế hoạch từ tệp"),
    "document.drafted": pgettext_lazy("action log", "Tạo dự thảo văn bản"),
    "document.issued": pgettext_lazy("action log", "Ban hành văn bản (cấp số)"),
    "document.imported": pgettext_lazy("action log", "Nhập văn bản đã ban hành vào sổ"),
    "document.cancelled": pgettext_lazy("action log", "Hủy văn bản"),
    "document.replaced": pgettext_lazy("action log", "Thay thế văn bản"),
    "document.revoked": pgettext_lazy("action log", "Thu hồi văn bản"),
    "incoming.registered": pgettext_lazy("action log", "Vào sổ văn bản đến"),
    "template.uploaded": pgettext_lazy("action log", "Thay mẫu văn bản"),
    "template.removed": pgettext_lazy("action log", "Quay lại mẫu văn bản có sẵn"),
    "certificate.created": pgettext_lazy("action log", "Tạo Giấy khen"),
    "certificate.revoked": pgettext_lazy("action log", "Thu hồi Giấy khen"),
    "certificates.batch_started": pgettext_lazy("action log", "In Giấy khen hàng loạt"),
    "documents.settings_changed": pgettext_lazy(
        "action log", "Thay đổi thiết lập in phôi Giấy khen"
    ),
    "par.started": pgettext_lazy("action log", "Lập bản tự đánh giá Chỉ số CCHC"),
    "par.assigned": pgettext_lazy("action log", "Phân công tiêu chí Chỉ số CCHC cho đơn vị"),
    "par.self_scored": pgettext_lazy("action log", "Tự chấm điểm tiêu chí Chỉ số CCHC"),
    "par.submitted": pgettext_lazy("action log", "Gửi bản tự đánh giá Chỉ số CCHC lên cấp trên"),
    "par.appraised_criterion": pgettext_lazy("action log", "Thẩm định điểm tiêu chí Chỉ số CCHC"),
    "par.appraisal_finished": pgettext_lazy("action log", "Kết thúc thẩm định Chỉ số CCHC"),
    "par.target_set": pgettext_lazy("action log", "Đặt mục tiêu xếp hạng Chỉ số CCHC"),
    "sipas.desk_created": pgettext_lazy("action log", "Thêm quầy khảo sát SIPAS"),
    "sipas.desk_opened": pgettext_lazy("action log", "Mở khảo sát SIPAS tại quầy"),
    "sipas.desk_closed": pgettext_lazy("action log", "Dừng khảo sát SIPAS tại quầy"),
    "sipas.target_set": pgettext_lazy("action log", "Đặt mục tiêu xếp hạng SIPAS"),
    "sipas.paper_imported": pgettext_lazy("action log", "Nhập phiếu khảo sát giấy từ Excel"),
    "nomination.created": pgettext_lazy("action log", "Lập đề nghị khen thưởng"),
    "nomination.rechecked": pgettext_lazy("action log", "Kiểm tra lại điều kiện khen thưởng"),
    "nomination.withdrawn": pgettext_lazy("action log", "Rút đề nghị khen thưởng"),
    "nominations.consolidated_exported": pgettext_lazy(
        "action log", "Xuất danh sách trình Hội đồng TĐKT"
    ),
    "dossier.documents_generated": pgettext_lazy(
        "action log", "Tạo văn bản hồ sơ đề nghị khen thưởng"
    ),
    "dossier.document_edited": pgettext_lazy("action log", "Sửa nội dung văn bản hồ sơ"),
    "dossier.scan_uploaded": pgettext_lazy("action log", "Tải lên bản scan hồ sơ đã ký"),
    "dossier.file_removed": pgettext_lazy("action log", "Xóa tệp khỏi hồ sơ"),
    "dossier.file_downloaded": pgettext_lazy("action log", "Tải về tệp hồ sơ"),
    "dossier.submit_refused": pgettext_lazy("action log", "Gửi hồ sơ bị từ chối (hồ sơ chưa đủ)"),
    "dossier.submitted": pgettext_lazy("action log", "Gửi hồ sơ đề nghị khen thưởng đến Văn phòng"),
    "dossier.resubmitted": pgettext_lazy("action log", "Gửi lại hồ sơ sau khi bổ sung"),
    "dossier.received": pgettext_lazy("action log", "Văn phòng nhận hồ sơ đề nghị khen thưởng"),
    "dossier.returned": pgettext_lazy("action log", "Văn phòng trả lại hồ sơ để bổ sung"),
    "dossier.accepted": pgettext_lazy("action log", "Văn phòng tiếp nhận hồ sơ hợp lệ"),
    "registration.created": pgettext_lazy("action log", "Đăng ký thi đua"),
    "registration.updated": pgettext_lazy("action log", "Sửa nội dung đăng ký thi đua"),
    "registration.exported": pgettext_lazy("action log", "Xuất danh sách đăng ký thi đua"),
    "records.imported": pgettext_lazy("action log", "Nhập hồ sơ xét khen thưởng từ Excel"),
    "records.saved": pgettext_lazy("action log", "Lưu hồ sơ xét khen thưởng"),
    "records.deleted": pgettext_lazy("action log", "Xóa hồ sơ xét khen thưởng"),
    "initiative.submitted": pgettext_lazy("action log", "Gửi sáng kiến"),
    "initiative.recognised": pgettext_lazy("action log", "Công nhận sáng kiến"),
    "initiative.not_recognised": pgettext_lazy("action log", "Không công nhận sáng kiến"),
}


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    organisation=None,
    data: dict[str, Any] | None = None,
) -> ActionLog:
    """Append one entry to the action log.

    ``organisation`` defaults to the object's own organisation, so the entry is
    visible to exactly those who may see the object.
    """
    if organisation is None and obj is not None:
        organisation = getattr(obj, "organisation", None)
        if organisation is None and obj.__class__.__name__ == "Organisation":
            organisation = obj
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return ActionLog.objects.create(
        actor=actor_obj,
        actor_name=actor_obj.get_username() if actor_obj else "",
        organisation=organisation,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        data=_json_safe(data or {}),
    )


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))

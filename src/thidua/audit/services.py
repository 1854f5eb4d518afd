"""Recording business actions."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import ActionLog

# Human-readable Vietnamese names of the actions, shown in the log page.
ACTION_LABELS: dict[str, str] = {
    "council.members_synced": "Cập nhật thành viên Hội đồng TĐKT",
    "council.settings_changed": "Thay đổi quy chế xét của Hội đồng TĐKT",
    "council.meeting_prepared": "Chuẩn bị cuộc họp Hội đồng TĐKT",
    "council.candidates_added": "Bổ sung người được xét vào cuộc họp",
    "council.rules_changed": "Thay đổi quy chế biểu quyết của cuộc họp",
    "council.attendance_recorded": "Điểm danh cuộc họp Hội đồng",
    "council.conflict_declared": "Khai báo xung đột lợi ích",
    "council.voting_opened": "Mở biểu quyết",
    "council.ballot_cast": "Thành viên đã bỏ phiếu (không ghi nội dung)",
    "council.written_ballot_entered": "Nhập phiếu bằng văn bản của thành viên vắng mặt",
    "council.hands_entered": "Ghi kết quả biểu quyết giơ tay",
    "council.ballot_reset": "Cho bỏ phiếu lại",
    "council.voting_closed": "Kết thúc bỏ phiếu, kiểm phiếu",
    "council.candidate_decided": "Hội đồng quyết định đề nghị hoặc không đề nghị",
    "council.ranking_applied": "Áp dụng xếp hạng trong số lượng theo kế hoạch",
    "council.meeting_closed": "Kết thúc cuộc họp Hội đồng",
    "council.act_recorded": "Ghi nhận bổ sung sau cuộc họp",
    "council.list_disclosed": "Công khai danh sách đề nghị khen thưởng",
    "council.comment_received": "Nhận ý kiến góp ý danh sách công khai",
    "council.comment_handled": "Xử lý ý kiến góp ý",
    "council.decision_drafted": "Dự thảo quyết định khen thưởng",
    "council.decision_approved": "Lãnh đạo duyệt ký quyết định khen thưởng",
    "council.decision_issued": "Ban hành quyết định khen thưởng, tạo Giấy khen",
    "council.scan_attached": "Đính kèm bản chụp quyết định đã ký",
    "council.award_revoked": "Thu hồi khen thưởng",
    "council.decision_revoked": "Thu hồi quyết định khen thưởng",
    "council.report_drafted": "Lập báo cáo kết quả phong trào",
    "council.report_sent": "Gửi báo cáo kết quả phong trào lên cấp trên",
    "auth.login": "Đăng nhập",
    "auth.logout": "Đăng xuất",
    "auth.login_failed": "Đăng nhập thất bại",
    "auth.locked_out": "Tài khoản bị tạm khóa",
    "auth.password_changed": "Đổi mật khẩu",
    "auth.unit_switched": "Chuyển đơn vị làm việc",
    "api.token_created": "Tạo mã truy cập API",
    "people.imported": "Nhập danh sách cán bộ từ Excel",
    "people.created": "Thêm cán bộ",
    "people.updated": "Sửa thông tin cán bộ",
    "demo.loaded": "Nạp dữ liệu mẫu",
    "tasks.created": "Thêm nhiệm vụ CCHC",
    "tasks.updated": "Sửa nhiệm vụ CCHC",
    "tasks.imported": "Nhập phụ lục nhiệm vụ CCHC từ Excel",
    "tasks.report_submitted": "Gửi báo cáo tiến độ nhiệm vụ",
    "tasks.report_accepted": "Chấp nhận báo cáo tiến độ",
    "tasks.report_returned": "Trả lại báo cáo tiến độ",
    "tasks.evidence_downloaded": "Tải minh chứng",
    "tasks.calendar_updated": "Sửa lịch làm việc (ngày nghỉ, ngày làm bù)",
    "tasks.quality_scale_updated": "Sửa thang chất lượng nhiệm vụ",
    "tasks.reminders_sent": "Gửi nhắc việc nhiệm vụ CCHC",
    "scoring.rubric_updated": "Sửa cách tính điểm thi đua",
    "scoring.exported": "Xuất bảng xếp hạng ra Excel",
    "plans.import_parsed": "Đọc tệp kế hoạch",
    "plans.imported": "Tạo kế hoạch từ tệp",
    "plans.import_updated": "Cập nhật kế hoạch từ tệp",
    "document.drafted": "Tạo dự thảo văn bản",
    "document.issued": "Ban hành văn bản (cấp số)",
    "document.imported": "Nhập văn bản đã ban hành vào sổ",
    "document.cancelled": "Hủy văn bản",
    "document.replaced": "Thay thế văn bản",
    "incoming.registered": "Vào sổ văn bản đến",
    "template.uploaded": "Thay mẫu văn bản",
    "template.removed": "Quay lại mẫu văn bản có sẵn",
    "certificate.created": "Tạo Giấy khen",
    "certificate.revoked": "Thu hồi Giấy khen",
    "certificates.batch_started": "In Giấy khen hàng loạt",
    "documents.settings_changed": "Thay đổi thiết lập in phôi Giấy khen",
    "par.started": "Lập bản tự đánh giá Chỉ số CCHC",
    "par.assigned": "Phân công tiêu chí Chỉ số CCHC cho đơn vị",
    "par.self_scored": "Tự chấm điểm tiêu chí Chỉ số CCHC",
    "par.submitted": "Gửi bản tự đánh giá Chỉ số CCHC lên cấp trên",
    "par.appraised_criterion": "Thẩm định điểm tiêu chí Chỉ số CCHC",
    "par.appraisal_finished": "Kết thúc thẩm định Chỉ số CCHC",
    "par.target_set": "Đặt mục tiêu xếp hạng Chỉ số CCHC",
    "sipas.desk_created": "Thêm quầy khảo sát SIPAS",
    "sipas.desk_opened": "Mở khảo sát SIPAS tại quầy",
    "sipas.desk_closed": "Dừng khảo sát SIPAS tại quầy",
    "sipas.target_set": "Đặt mục tiêu xếp hạng SIPAS",
    "sipas.paper_imported": "Nhập phiếu khảo sát giấy từ Excel",
    "nomination.created": "Lập đề nghị khen thưởng",
    "nomination.rechecked": "Kiểm tra lại điều kiện khen thưởng",
    "nomination.withdrawn": "Rút đề nghị khen thưởng",
    "nominations.consolidated_exported": "Xuất danh sách trình Hội đồng TĐKT",
    "dossier.documents_generated": "Tạo văn bản hồ sơ đề nghị khen thưởng",
    "dossier.document_edited": "Sửa nội dung văn bản hồ sơ",
    "dossier.scan_uploaded": "Tải lên bản scan hồ sơ đã ký",
    "dossier.file_removed": "Xóa tệp khỏi hồ sơ",
    "dossier.file_downloaded": "Tải về tệp hồ sơ",
    "dossier.submit_refused": "Gửi hồ sơ bị từ chối (hồ sơ chưa đủ)",
    "dossier.submitted": "Gửi hồ sơ đề nghị khen thưởng đến Văn phòng",
    "dossier.resubmitted": "Gửi lại hồ sơ sau khi bổ sung",
    "dossier.received": "Văn phòng nhận hồ sơ đề nghị khen thưởng",
    "dossier.returned": "Văn phòng trả lại hồ sơ để bổ sung",
    "dossier.accepted": "Văn phòng tiếp nhận hồ sơ hợp lệ",
    "registration.created": "Đăng ký thi đua",
    "registration.updated": "Sửa nội dung đăng ký thi đua",
    "registration.exported": "Xuất danh sách đăng ký thi đua",
    "records.imported": "Nhập hồ sơ xét khen thưởng từ Excel",
    "records.saved": "Lưu hồ sơ xét khen thưởng",
    "records.deleted": "Xóa hồ sơ xét khen thưởng",
    "initiative.submitted": "Gửi sáng kiến",
    "initiative.recognised": "Công nhận sáng kiến",
    "initiative.not_recognised": "Không công nhận sáng kiến",
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
    return ACTION_LABELS.get(action, action)

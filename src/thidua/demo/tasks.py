"""Demo of the CCHC tasks: plan 17/KH-UBND of phường Mộ Lao (2023) with a year of
progress, evidence, reviews and reminders; a few tasks of phường Văn Quán for the upper
level's side-by-side view.

Deterministic (outcomes are written out; the few varied numbers come from a seeded
random generator) and idempotent: a task that already has reports is left as it is, so a
second load changes nothing. Reports go through the real services, so the action log,
the notices and the task summaries are what the application itself would have written.
"""

from __future__ import annotations

import datetime
import random
import struct
import zlib
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.orgs.models import Organisation, Person, Unit
from thidua.plans.models import Plan
from thidua.tasks import services
from thidua.tasks.calendar import calendar_for, due_date, seed_organisation
from thidua.tasks.fields import ensure_par_fields
from thidua.tasks.models import ParField, QualityLevel, Recurrence, Task
from thidua.tasks.reminders import create_reminders
from thidua.vn import unaccent

from .data import CCB, DC, DTN, MT, OFFICE, ONE_STOP, PN, QS, TC, TP, VH

D = datetime.date
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
M, Q = Recurrence.MONTHLY, Recurrence.QUARTERLY

# Who reports for a unit of Mộ Lao in the demo: its head where the demo has an account,
# else the Office, which may report for any unit.
MO_LAO_REPORTERS = {ONE_STOP: "truongmotcua", MT: "hoidong2", DTN: "hoidong3", PN: "hoidong4"}

# number, field code, content, lead unit, cooperating units, performers (full names),
# deadline, expected output, recurrence, outcome, quality, times returned.
# Outcome: ("early", n) / ("on_time", 0) / ("late", n) working days, ("overdue", percent).
MO_LAO_TASKS = [
    (
        "1.1",
        "chi-dao",
        "Ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2023 đối với các bộ phận chuyên môn",
        OFFICE,
        [TP],
        ["Phạm Thu Hà"],
        D(2023, 3, 31),
        "Kế hoạch kiểm tra CCHC",
        "none",
        ("early", 6),
        "Tốt",
        0,
    ),
    (
        "1.2",
        "chi-dao",
        "Xây dựng Kế hoạch tuyên truyền CCHC năm 2023; đưa tin trên hệ thống loa truyền thanh và trang thông tin điện tử phường",
        VH,
        [OFFICE, DTN],
        ["Đặng Thị Loan"],
        D(2023, 3, 31),
        "Kế hoạch; tin, bài tuyên truyền hằng quý",
        Q,
        ("on_time", 0),
        "Khá",
        0,
    ),
    (
        "1.3",
        "chi-dao",
        "Báo cáo định kỳ công tác CCHC quý, 6 tháng, năm gửi UBND quận Hà Đông đúng thời hạn",
        OFFICE,
        [],
        ["Bùi Thị Ngọc"],
        D(2023, 12, 15),
        "Báo cáo quý I, 6 tháng, quý III, năm",
        Q,
        ("early", 3),
        "Tốt",
        0,
    ),
    (
        "1.4",
        "chi-dao",
        "Tổ chức Hội thi tìm hiểu về cải cách hành chính cho đoàn viên thanh niên phường",
        DTN,
        [VH],
        [],
        D(2023, 9, 30),
        "Hội thi; báo cáo kết quả",
        "none",
        ("late", 4),
        "Đạt",
        1,
    ),
    (
        "1.5",
        "chi-dao",
        "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính (PAR INDEX) năm 2023 của phường, kèm tài liệu kiểm chứng",
        OFFICE,
        [TP, ONE_STOP, TC],
        ["Phạm Thu Hà", "Bùi Thị Ngọc"],
        D(2023, 11, 30),
        "Báo cáo tự đánh giá và tài liệu kiểm chứng",
        "none",
        ("on_time", 0),
        "Tốt",
        1,
    ),
    (
        "2.1",
        "the-che",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND phường ban hành",
        TP,
        [OFFICE],
        ["Hoàng Thị Yến"],
        D(2023, 6, 30),
        "Danh mục văn bản còn hiệu lực, hết hiệu lực",
        "none",
        ("early", 8),
        "Tốt",
        0,
    ),
    (
        "2.2",
        "the-che",
        "Phổ biến, giáo dục pháp luật về cải cách hành chính cho cán bộ, công chức và Nhân dân",
        TP,
        [MT, PN],
        ["Trịnh Văn Long"],
        D(2023, 10, 31),
        "Hội nghị phổ biến pháp luật; tài liệu",
        "none",
        ("on_time", 0),
        "Khá",
        0,
    ),
    (
        "2.3",
        "the-che",
        "Theo dõi tình hình thi hành pháp luật trên địa bàn phường năm 2023",
        TP,
        [],
        ["Cao Thị Ánh"],
        D(2023, 12, 15),
        "Báo cáo theo dõi thi hành pháp luật",
        "none",
        ("early", 2),
        "Tốt",
        0,
    ),
    (
        "3.1",
        "tthc",
        "Niêm yết công khai đầy đủ, kịp thời thủ tục hành chính tại Bộ phận một cửa và trên trang thông tin điện tử phường",
        ONE_STOP,
        [OFFICE],
        ["Đỗ Minh Tuấn", "Lê Thị Mai"],
        D(2023, 3, 31),
        "Bảng niêm yết; đường dẫn công khai TTHC",
        "none",
        ("early", 10),
        "Tốt",
        0,
    ),
    (
        "3.2",
        "tthc",
        "Rà soát, đề xuất đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch, chứng thực",
        TP,
        [ONE_STOP],
        ["Hoàng Thị Yến", "Trịnh Văn Long"],
        D(2023, 6, 30),
        "Báo cáo rà soát, phương án đơn giản hóa",
        "none",
        ("late", 7),
        "Đạt",
        1,
    ),
    (
        "3.3",
        "tthc",
        "Giải quyết hồ sơ TTHC đúng và trước hạn đạt 100%; thực hiện xin lỗi người dân khi giải quyết quá hạn",
        ONE_STOP,
        [TP, DC],
        ["Lê Thị Mai", "Nguyễn Thị Thu Trang", "Vương Đình Phúc"],
        D(2023, 12, 29),
        "Báo cáo tình hình giải quyết hồ sơ hằng tháng",
        M,
        ("on_time", 0),
        "Tốt",
        0,
    ),
    (
        "3.4",
        "tthc",
        "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
        OFFICE,
        [ONE_STOP],
        ["Bùi Thị Ngọc"],
        D(2023, 12, 29),
        "Sổ theo dõi; báo cáo quý",
        Q,
        ("on_time", 0),
        "Khá",
        0,
    ),
    (
        "3.5",
        "tthc",
        "Triển khai khảo sát sự hài lòng của người dân (SIPAS) bằng mã QR tại Bộ phận một cửa",
        ONE_STOP,
        [OFFICE],
        ["Đỗ Minh Tuấn"],
        D(2023, 6, 30),
        "Mã QR tại quầy; kết quả khảo sát",
        "none",
        ("early", 15),
        "Tốt",
        0,
    ),
    (
        "3.6",
        "tthc",
        "Giám sát việc thực hiện TTHC, tiếp nhận ý kiến của Nhân dân về cải cách hành chính",
        MT,
        [PN, CCB],
        [],
        D(2023, 12, 15),
        "Báo cáo giám sát",
        Q,
        ("on_time", 0),
        "Khá",
        0,
    ),
    (
        "4.1",
        "bo-may",
        "Rà soát, điều chỉnh Quy chế làm việc của UBND phường nhiệm kỳ 2021-2026",
        OFFICE,
        [TP],
        ["Đinh Văn Khải"],
        D(2023, 4, 28),
        "Quyết định ban hành Quy chế làm việc sửa đổi",
        "none",
        ("late", 12),
        "Đạt",
        2,
    ),
    (
        "4.2",
        "bo-may",
        "Rà soát chức năng, nhiệm vụ, phân công công việc của công chức chuyên môn phường",
        OFFICE,
        [],
        ["Phạm Thu Hà"],
        D(2023, 6, 30),
        "Quyết định phân công nhiệm vụ",
        "none",
        ("on_time", 0),
        "Khá",
        0,
    ),
    (
        "4.3",
        "bo-may",
        "Kiện toàn Ban Chỉ huy Quân sự phường và lực lượng dân quân theo Luật Dân quân tự vệ",
        QS,
        [OFFICE],
        [],
        D(2023, 5, 31),
        "Quyết định kiện toàn",
        "none",
        ("early", 4),
        "Khá",
        0,
    ),
    (
        "5.1",
        "cong-vu",
        "Đánh giá, xếp loại chất lượng cán bộ, công chức năm 2023",
        OFFICE,
        [],
        ["Phạm Thu Hà"],
        D(2023, 12, 15),
        "Kết quả đánh giá, xếp loại",
        "none",
        ("overdue", 70),
        None,
        0,
    ),
    (
        "5.2",
        "cong-vu",
        "Cử cán bộ, công chức tham gia bồi dưỡng kỹ năng, nghiệp vụ cải cách hành chính",
        OFFICE,
        [],
        ["Bùi Thị Ngọc"],
        D(2023, 10, 31),
        "Danh sách cử đi bồi dưỡng; giấy chứng nhận",
        "none",
        ("early", 5),
        "Khá",
        0,
    ),
    (
        "5.3",
        "cong-vu",
        "Tăng cường kỷ luật, kỷ cương hành chính; kiểm tra đột xuất việc chấp hành thời giờ làm việc",
        OFFICE,
        [MT],
        ["Đinh Văn Khải"],
        D(2023, 12, 29),
        "Biên bản kiểm tra",
        Q,
        ("on_time", 0),
        "Đạt",
        0,
    ),
    (
        "6.1",
        "tai-chinh",
        "Xây dựng, ban hành Quy chế chi tiêu nội bộ năm 2023",
        TC,
        [OFFICE],
        ["Kiều Thị Oanh"],
        D(2023, 3, 31),
        "Quyết định ban hành Quy chế chi tiêu nội bộ",
        "none",
        ("early", 9),
        "Tốt",
        0,
    ),
    (
        "6.2",
        "tai-chinh",
        "Công khai dự toán, quyết toán ngân sách phường theo quy định",
        TC,
        [],
        ["Kiều Thị Oanh", "Lại Văn Bình"],
        D(2023, 7, 31),
        "Thông báo công khai ngân sách",
        "none",
        ("late", 3),
        "Khá",
        1,
    ),
    (
        "6.3",
        "tai-chinh",
        "Thực hiện thanh toán không dùng tiền mặt khi thu phí, lệ phí tại Bộ phận một cửa",
        TC,
        [ONE_STOP],
        ["Kiều Thị Oanh"],
        D(2023, 9, 29),
        "Mã thanh toán tại quầy; báo cáo tỷ lệ",
        "none",
        ("on_time", 0),
        "Tốt",
        0,
    ),
    (
        "7.1",
        "chinh-quyen-so",
        "Nâng tỷ lệ hồ sơ TTHC nộp trực tuyến toàn trình, một phần lên trên 50%",
        ONE_STOP,
        [OFFICE],
        ["Nguyễn Thị Thu Trang", "Vương Đình Phúc"],
        D(2023, 12, 29),
        "Báo cáo tỷ lệ hồ sơ trực tuyến hằng tháng",
        M,
        ("early", 2),
        "Tốt",
        0,
    ),
    (
        "7.2",
        "chinh-quyen-so",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính (100% hồ sơ tiếp nhận)",
        ONE_STOP,
        [TP],
        ["Lê Thị Mai"],
        D(2023, 11, 30),
        "Kho dữ liệu số hóa; báo cáo",
        "none",
        ("late", 5),
        "Khá",
        1,
    ),
    (
        "7.3",
        "chinh-quyen-so",
        "Sử dụng văn bản điện tử, chữ ký số trong gửi, nhận văn bản giữa các bộ phận",
        OFFICE,
        [],
        ["Bùi Thị Ngọc"],
        D(2023, 6, 30),
        "Báo cáo tỷ lệ văn bản điện tử",
        "none",
        ("early", 12),
        "Tốt",
        0,
    ),
    (
        "7.4",
        "chinh-quyen-so",
        "Thành lập Tổ công nghệ số cộng đồng; hướng dẫn người dân cài đặt VNeID và dịch vụ công trực tuyến",
        DTN,
        [PN, MT, CCB],
        [],
        D(2023, 8, 31),
        "Quyết định thành lập; số lượt hướng dẫn",
        "none",
        ("early", 7),
        "Tốt",
        0,
    ),
    (
        "7.5",
        "chinh-quyen-so",
        "Hướng dẫn hội viên phụ nữ sử dụng dịch vụ công trực tuyến và thanh toán điện tử",
        PN,
        [DTN],
        [],
        D(2023, 10, 31),
        "Báo cáo số hội viên được hướng dẫn",
        "none",
        ("on_time", 0),
        "Khá",
        0,
    ),
    (
        "7.6",
        "chinh-quyen-so",
        "Cập nhật, chuẩn hóa dữ liệu đất đai lên phần mềm quản lý của phường",
        DC,
        [ONE_STOP],
        ["Vũ Đức Thắng", "Ngô Thị Hằng"],
        D(2023, 9, 29),
        "Dữ liệu đất đai đã chuẩn hóa",
        "none",
        ("overdue", 85),
        None,
        0,
    ),
    (
        "7.7",
        "chinh-quyen-so",
        "Tuyên truyền hội viên Cựu chiến binh sử dụng dịch vụ công trực tuyến",
        CCB,
        [VH],
        [],
        D(2023, 9, 29),
        "Báo cáo kết quả tuyên truyền",
        "none",
        ("late", 2),
        "Đạt",
        0,
    ),
]

VAN_QUAN_TASKS = [
    (
        "1",
        "chi-dao",
        "Ban hành Kế hoạch kiểm tra công tác CCHC năm 2023",
        OFFICE,
        [],
        ["Tô Thị Huyền"],
        D(2023, 3, 31),
        "Kế hoạch kiểm tra",
        "none",
        ("on_time", 0),
        "Khá",
        0,
    ),
    (
        "2",
        "tthc",
        "Niêm yết công khai thủ tục hành chính tại Bộ phận một cửa",
        ONE_STOP,
        [],
        ["Mạc Văn Kiên"],
        D(2023, 4, 28),
        "Bảng niêm yết",
        "none",
        ("late", 6),
        "Đạt",
        0,
    ),
    (
        "3",
        "tthc",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        ONE_STOP,
        [TP],
        ["Lã Thị Duyên"],
        D(2023, 11, 30),
        "Dữ liệu số hóa",
        "none",
        ("overdue", 60),
        None,
        0,
    ),
    (
        "4",
        "the-che",
        "Rà soát văn bản quy phạm pháp luật của phường",
        TP,
        [],
        ["Văn Đức Trọng"],
        D(2023, 6, 30),
        "Danh mục văn bản",
        "none",
        ("early", 4),
        "Tốt",
        0,
    ),
    (
        "5",
        "chinh-quyen-so",
        "Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt VNeID",
        DTN,
        [],
        [],
        D(2023, 8, 31),
        "Số lượt hướng dẫn",
        "none",
        ("on_time", 0),
        "Khá",
        0,
    ),
]

RETURN_REASONS = [
    "Báo cáo chưa kèm minh chứng (văn bản, hình ảnh); đề nghị bổ sung bản chụp văn bản đã ban hành.",
    "Số liệu trong báo cáo chưa khớp với phần mềm một cửa; đề nghị rà soát lại và gửi bảng tổng hợp.",
]


def text_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with plain text (the demo's and synth's evidence files; ASCII only)."""
    text = ["BT", "/F1 14 Tf", "50 790 Td", f"({_pdf_escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text += ["0 -20 Td", f"({_pdf_escape(line)}) Tj"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_escape(text: str) -> str:
    ascii_text = unaccent(text).encode("ascii", "replace").decode("ascii")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _png(seed: int) -> bytes:
    """A small striped PNG standing in for a photo of the activity."""
    rng = random.Random(seed)
    width, height = 96, 64
    base = (rng.randrange(60, 200), rng.randrange(60, 200), rng.randrange(60, 200))
    rows = []
    for y in range(height):
        shade = 40 if (y // 8) % 2 else 0
        pixel = bytes(min(255, c + shade) for c in base)
        rows.append(b"\x00" + pixel * width)
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _tasks(
    organisation: Organisation,
    plan: Plan,
    specs: list,
    office_username: str,
    reporters: dict[str, str],
    seed: int,
) -> None:
    User = get_user_model()
    units = {u.name: u for u in Unit.objects.filter(organisation=organisation)}
    people = {p.full_name: p for p in Person.objects.filter(organisation=organisation)}
    fields = {f.code: f for f in ParField.objects.all()}
    quality = {q.name: q for q in QualityLevel.objects.filter(organisation=organisation)}
    calendar = calendar_for(organisation.pk)
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[*reporters.values(), office_username])
    }
    office = users[office_username]
    rng = random.Random(seed)
    for index, spec in enumerate(specs):
        (
            number,
            field,
            content,
            lead,
            coop,
            performers,
            deadline,
            output,
            recurrence,
            outcome,
            quality_name,
            returns,
        ) = spec
        task, _ = Task.objects.update_or_create(
            plan=plan,
            number=number,
            defaults={
                "organisation": organisation,
                "content": content,
                "par_field": fields[field],
                "lead_unit": units[lead],
                "deadline": deadline,
                "due_on": due_date(calendar, deadline),
                "expected_output": output,
                "recurrence": recurrence,
            },
        )
        task.cooperating_units.set([units[u] for u in coop])
        task.performers.set([people[p] for p in performers])
        if task.reports.exists():
            continue  # loaded before: the history stays as it was
        reporter = users.get(reporters.get(lead, ""), office)
        due = task.due_on
        kind, amount = outcome
        # An interim report about two months before the deadline, accepted as is.
        interim_day = max(
            plan.date + datetime.timedelta(days=10), due - datetime.timedelta(days=60)
        )
        interim_day = calendar.add_working_days(
            interim_day, 0 if calendar.is_working_day(interim_day) else 1
        )
        percent = amount if kind == "overdue" else rng.choice([30, 40, 50, 60])
        report = services.submit_report(
            reporter,
            task,
            state="in_progress",
            percent_done=percent,
            completed_on=None,
            text=f"Đã triển khai: {output.lower()}; đang hoàn thiện theo kế hoạch.",
            at=_at(interim_day, 9, rng.randrange(0, 59)),
        )
        review_day = calendar.add_working_days(interim_day, 2)
        services.accept_report(office, report, None, at=_at(review_day, 15))
        if kind == "overdue":
            continue
        if kind == "early":
            completed = calendar.add_working_days(due, -amount)
        elif kind == "late":
            completed = calendar.add_working_days(due, amount)
        else:
            completed = due
        submitted = calendar.add_working_days(completed, 1)
        evidence_name = f"nv-{number.replace('.', '-')}"
        pdf = text_pdf(
            f"{plan.organisation.committee_name} - nhiem vu {number}",
            [content[:90], f"San pham: {output}", f"Hoan thanh ngay {completed:%d/%m/%Y}"],
        )
        text = f"Đã hoàn thành: {output}. Kết quả gửi kèm."
        for attempt in range(returns):
            report = services.submit_report(
                reporter,
                task,
                state="done",
                percent_done=100,
                completed_on=completed,
                text=text if attempt == 0 else text + " Đã bổ sung theo yêu cầu.",
                at=_at(submitted, 10),
            )
            returned_day = calendar.add_working_days(submitted, 2)
            services.return_report(
                office, report, RETURN_REASONS[(index + attempt) % 2], at=_at(returned_day, 14)
            )
            submitted = calendar.add_working_days(returned_day, 2)
        files = [SimpleUploadedFile(f"{evidence_name}-bao-cao.pdf", pdf, "application/pdf")]
        if index % 3 == 0:
            files.append(
                SimpleUploadedFile(f"{evidence_name}-anh.png", _png(seed + index), "image/png")
            )
        report = services.submit_report(
            reporter,
            task,
            state="done",
            percent_done=100,
            completed_on=completed,
            text=text + (" Đã bổ sung minh chứng theo yêu cầu." if returns else ""),
            files=files,
            at=_at(submitted, 10, 30),
        )
        services.accept_report(
            office,
            report,
            quality[quality_name],
            at=_at(calendar.add_working_days(submitted, 2), 16),
        )


def load(orgs: dict[str, Organisation], plans: dict[str, Plan]) -> None:
    """Load (or leave unchanged) the tasks of both wards and the 2023 reminders."""
    ensure_par_fields()
    for code in ("mo-lao", "van-quan"):
        seed_organisation(orgs[code])
    _tasks(orgs["mo-lao"], plans["17/KH-UBND"], MO_LAO_TASKS, "vanphong", MO_LAO_REPORTERS, seed=17)
    _tasks(orgs["van-quan"], plans["25/KH-UBND"], VAN_QUAN_TASKS, "vanquan", {}, seed=25)
    # The reminders of 20/12/2023, as the periodic job would have sent them that morning.
    create_reminders(today=D(2023, 12, 20))

"""Build the built-in .docx templates, one set per legal regime.

Run ``thidua documents build-templates`` (or ``python -m thidua.documents.template_build``)
after changing this file; the output under ``documents/data/templates/<REGIME>/`` is
committed as package data and a test checks that it matches this code byte for byte.

Layout follows Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins 20/20/30/15 mm, Times New
Roman, the two-column header (issuer left; Quốc hiệu and Tiêu ngữ right, each ruled), the
"Số:" line, the italic place-and-date line, the type name and trích yếu, the body, "Nơi
nhận" bottom-left and the signature block bottom-right, page numbers from page 2.

Placeholders are docxtpl/Jinja: the frame (``issuer_name``, ``number_line``,
``date_line``, ``recipients``, ``signature_lines``, ``signer_name``…) comes from the
register, the content (``body``, ``articles``, ``rows``…) from the caller; see
:mod:`thidua.documents.catalog` for every key.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from thidua.regulations import defaults as legal_defaults

from .docx_kit import RED, Sheet

TEMPLATE_DIR = Path(__file__).resolve().parent / "data" / "templates"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TEXT_WIDTH = 16.5  # A4 portrait less 30 mm left and 15 mm right
LEFT_COL, RIGHT_COL = 6.2, 10.3
INDENT = 1.0  # first-line indent of body paragraphs (cm)


# --- shared blocks -----------------------------------------------------------------------


def form_label(s: Sheet, text: str) -> None:
    """The official template number top-right ("Mẫu số 07"), when the regime has one."""
    if text:
        s.p(text, size=12, italic=True, align="right", after=2)


def header(s: Sheet, *, width: float = TEXT_WIDTH) -> None:
    left_w = LEFT_COL * width / TEXT_WIDTH
    right_w = width - left_w
    table = s.table([left_w, right_w], rows=2)
    left, right = table.rows[0].cells
    s.tag("{%p if governing_body %}", left)
    s.p("{{ governing_body }}", container=left, size=13, align="center")
    s.tag("{%p endif %}", left)
    s.p("{{ issuer_name }}", container=left, size=13, bold=True, align="center")
    s.rule(left, width_cm=2.0, box_cm=left_w)
    s.p(QUOC_HIEU, container=right, size=13, bold=True, align="center")
    s.p(TIEU_NGU, container=right, size=14, bold=True, align="center")
    s.rule(right, width_cm=5.5, box_cm=right_w)
    left, right = table.rows[1].cells
    s.p("{{ number_line }}", container=left, size=13, align="center", before=6)
    s.p("{{ date_line }}", container=right, size=14, italic=True, align="center", before=6)


def national_header_centered(s: Sheet) -> None:
    """Quốc hiệu and Tiêu ngữ centred, for a person's own report (no issuing body)."""
    s.p(QUOC_HIEU, size=13, bold=True, align="center")
    s.p(TIEU_NGU, size=14, bold=True, align="center")
    s.rule(None, width_cm=5.5, box_cm=TEXT_WIDTH)
    s.p("{{ date_line }}", italic=True, align="right", before=6)


def title(
    s: Sheet, *, summary: str = "{{ summary }}", rule: bool = True, name: str = "{{ type_name }}"
) -> None:
    s.p(name, bold=True, align="center", before=18, keep_next=True)
    if summary:
        s.p(summary, bold=True, align="center", keep_next=True)
    if rule:
        s.rule(None, width_cm=4.0, box_cm=TEXT_WIDTH, after=6)


def body(s: Sheet, key: str = "body") -> None:
    """The content as a list of blocks: {"kind": "heading|center|italic|para", "text": …}."""
    s.tag(f"{{%p for b in {key} %}}")
    s.tag('{%p if b.kind == "heading" %}')
    s.p("{{ b.text }}", bold=True, first_line_cm=INDENT, before=6, keep_next=True)
    s.tag('{%p elif b.kind == "center" %}')
    s.p("{{ b.text }}", bold=True, align="center", before=6, after=6, keep_next=True)
    s.tag('{%p elif b.kind == "italic" %}')
    s.p("{{ b.text }}", italic=True, first_line_cm=INDENT, before=6)
    # The last paragraph moves with what follows: the signature block never stands alone
    # on the last page (seen in the report upward), an intro stays with its table.
    s.tag("{%p elif loop.last %}")
    s.p("{{ b.text }}", first_line_cm=INDENT, before=6, keep_next=True)
    s.tag("{%p else %}")
    s.p("{{ b.text }}", first_line_cm=INDENT, before=6)
    s.tag("{%p endif %}")
    s.tag("{%p endfor %}")


def labelled(s: Sheet, label: str, value: str) -> None:
    s.p([(label, {"bold": True}), (value, {})], first_line_cm=INDENT, before=6)


def signature(s: Sheet, *, recipients: bool = True) -> None:
    """Nơi nhận bottom-left (12 pt bold italic label, 11 pt entries), signer bottom-right."""
    s.p("", size=6, keep_next=True)
    table = s.table([7.0, TEXT_WIDTH - 7.0], rows=1)
    Sheet.cant_split(table.rows[0])
    left, right = table.rows[0].cells
    if recipients:
        s.p("Nơi nhận:", container=left, size=12, bold=True, italic=True, align="left", before=6)
        s.tag("{%p for line in recipients %}", left)
        s.p("{{ line }}", container=left, size=11, align="left")
        s.tag("{%p endfor %}", left)
    signer_block(s, right)


def signer_block(s: Sheet, cell, *, lines: str = "signature_lines", name: str = "signer_name"):
    s.tag(f"{{%p for line in {lines} %}}", cell)
    s.p("{{ line }}", container=cell, bold=True, align="center")
    s.tag("{%p endfor %}", cell)
    for _ in range(4):  # room for the signature and the seal
        s.p("", container=cell)
    s.p(f"{{{{ {name} }}}}", container=cell, bold=True, align="center")


def two_signatures(s: Sheet, left_title: str, right_title: str, left_name: str, right_name: str):
    """Two signers side by side (minutes: secretary and chair; reports: head and author).
    Names sit in their own row so that they line up whatever the titles' lengths.
    The paragraph before (given ``keep_next``) moves with them, so the signatures never
    stand alone on the last page."""
    s.p("", size=6, keep_next=True)
    table = s.table([TEXT_WIDTH / 2, TEXT_WIDTH / 2], rows=2)
    for row in table.rows:
        Sheet.cant_split(row)
    for cell, heading in zip(table.rows[0].cells, (left_title, right_title), strict=True):
        for line in heading.split("\n"):
            s.p(line, container=cell, bold=True, align="center", keep_next=True)
        for _ in range(4):
            s.p("", container=cell, keep_next=True)
    for cell, name in zip(table.rows[1].cells, (left_name, right_name), strict=True):
        s.p(name, container=cell, bold=True, align="center")


def grid(
    s: Sheet,
    columns: list[tuple[str, float, str, str]],
    rows_key: str,
    *,
    size: float = 12,
    heading_col: int | None = 1,
    footer: list[str] | None = None,
    keep_with_next: bool = False,
) -> None:
    """A ruled table: a header row, one row per item of ``rows_key`` (docxtpl ``{%tr``),
    an optional footer row. Columns are (label, width cm, expression, alignment). Items
    with a non-empty ``heading`` print it bold in ``heading_col`` (section rows such as
    "I. TẬP THỂ")."""
    widths = [column[1] for column in columns]
    s.p("", size=4, keep_next=True)  # a heading above keeps with the table through it
    table = s.table(widths, rows=1, grid=True)
    Sheet.repeat_header(table.rows[0])
    for cell, (label, *_rest) in zip(table.rows[0].cells, columns, strict=True):
        Sheet.cell_valign_center(cell)
        s.p(
            label,
            container=cell,
            size=size,
            bold=True,
            align="center",
            before=2,
            after=2,
            keep_next=keep_with_next,
        )
    row = s.add_row(table, widths)
    s.p(f"{{%tr for r in {rows_key} %}}", container=row.cells[0], size=2)
    row = s.add_row(table, widths)
    # A row that breaks across pages leaves half a decision reference on each (seen in the
    # individual report's awards table): every row stays whole.
    Sheet.cant_split(row)
    for index, (cell, (_label, _width, expr, align)) in enumerate(
        zip(row.cells, columns, strict=True)
    ):
        runs = [(expr, {})]
        if index == heading_col:
            runs = [("{{ r.heading|default('') }}", {"bold": True}), (expr, {})]
        s.p(
            runs,
            container=cell,
            size=size,
            align=align,
            before=2,
            after=2,
            keep_next=keep_with_next,
        )
    row = s.add_row(table, widths)
    s.p("{%tr endfor %}", container=row.cells[0], size=2)
    if footer:
        row = s.add_row(table, widths)
        Sheet.cant_split(row)
        for cell, text, column in zip(row.cells, footer, columns, strict=True):
            s.p(text, container=cell, size=size, bold=True, align=column[3], before=2, after=2)


# --- the templates -------------------------------------------------------------------------


def ke_hoach(regime: dict) -> Sheet:
    s = Sheet()
    header(s)
    title(s)
    body(s)
    signature(s)
    return s


def to_trinh(regime: dict) -> Sheet:
    s = Sheet()
    form_label(s, regime["form_numbers"].get("to_trinh", ""))
    header(s)
    title(s)
    s.p([("Kính gửi: ", {}), ("{{ kinh_gui }}", {})], align="center", before=6, after=6)
    body(s)
    signature(s)
    # The Danh sách trích ngang travels with the proposal, on landscape pages. NĐ 30/2020
    # Phụ lục I allows a table laid across the width of A4 and gives one set of margins
    # for every page (top, bottom 20-25 mm; left 30-35 mm; right 15-20 mm), none other
    # for landscape: the columns below fill the 252 mm left between them.
    s.new_section(landscape=True)
    s.p("DANH SÁCH TRÍCH NGANG", bold=True, align="center")
    s.p("{{ list_title }}", bold=True, align="center")
    s.p(
        "(Kèm theo Tờ trình số {{ number_symbol }} ngày {{ date_short }} của {{ issuer_short }})",
        italic=True,
        align="center",
        after=8,
    )
    grid(
        s,
        [
            ("STT", 1.3, "{{ r.stt }}", "center"),
            ("Tên tập thể, họ và tên cá nhân", 4.9, "{{ r.name }}", "left"),
            ("Năm sinh\n(Nam/Nữ)", 2.4, "{{ r.birth }}", "center"),
            ("Chức vụ, đơn vị công tác", 4.7, "{{ r.position }}", "left"),
            ("Tóm tắt thành tích", 7.1, "{{ r.achievement }}", "left"),
            ("Hình thức đề nghị", 2.6, "{{ r.form }}", "center"),
            ("Ghi chú", 2.2, "{{ r.note }}", "left"),
        ],
        "list_rows",
    )
    return s


def _minutes_head(s: Sheet, council: bool) -> None:
    header(s)
    title(s)
    labelled(s, "Thời gian: ", "{{ meeting.start }}")
    labelled(s, "Địa điểm: ", "{{ meeting.place }}")
    labelled(s, "Chủ trì: ", "{{ meeting.chair }}")
    labelled(s, "Thư ký: ", "{{ meeting.secretary }}")
    if council:
        labelled(
            s,
            "Thành phần: ",
            "{{ meeting.present_count }}/{{ meeting.members_total }} thành viên Hội đồng "
            "có mặt: {{ meeting.present }}",
        )
    else:
        labelled(s, "Thành phần tham dự: ", "{{ meeting.present }}")
    labelled(s, "Vắng mặt: ", "{{ meeting.absent }}")


def _vote_table(s: Sheet) -> None:
    grid(
        s,
        [
            ("STT", 1.3, "{{ r.stt }}", "center"),
            ("Tên tập thể, họ và tên cá nhân", 5.6, "{{ r.name }}", "left"),
            ("Hình thức", 3.2, "{{ r.form }}", "center"),
            ("Số phiếu đồng ý", 2.1, "{{ r.votes }}", "center"),
            ("Tỷ lệ (%)", 2.4, "{{ r.percent }}", "center"),
            ("Kết quả", 2.0, "{{ r.result }}", "center"),
        ],
        "vote_rows",
    )


def bien_ban_hop(council: bool) -> Callable[[dict], Sheet]:
    def build(regime: dict) -> Sheet:
        s = Sheet()
        _minutes_head(s, council)
        s.p("NỘI DUNG CUỘC HỌP", bold=True, align="center", before=12, after=6)
        body(s)
        labelled(s, "Hình thức biểu quyết: ", "{{ meeting.voting_method }}")
        s.p("Kết quả biểu quyết:", bold=True, first_line_cm=INDENT, before=6, after=6)
        _vote_table(s)
        labelled(s, "Kết luận: ", "{{ meeting.conclusion }}")
        s.p(
            "Cuộc họp kết thúc vào hồi {{ meeting.end }} cùng ngày. Biên bản đã được thông qua "
            "trước cuộc họp và được các thành viên dự họp nhất trí./.",
            first_line_cm=INDENT,
            before=6,
            keep_next=True,
        )
        if council:
            two_signatures(
                s,
                "THƯ KÝ HỘI ĐỒNG",
                "TM. HỘI ĐỒNG\nCHỦ TỊCH",
                "{{ meeting.secretary_name }}",
                "{{ meeting.chair_name }}",
            )
        else:
            two_signatures(
                s, "THƯ KÝ", "CHỦ TRÌ", "{{ meeting.secretary_name }}", "{{ meeting.chair_name }}"
            )
        return s

    return build


def bien_ban_kiem_phieu(regime: dict) -> Sheet:
    """The count of a secret ballot, laid out as the usual Biên bản kiểm phiếu: ballots
    issued, returned, valid and invalid, then for / against / abstain per candidate with
    the share of the candidate's denominator and the result."""
    s = Sheet()
    header(s)
    title(s)
    labelled(s, "Thời gian: ", "{{ meeting.start }}")
    labelled(s, "Địa điểm: ", "{{ meeting.place }}")
    labelled(s, "Ban kiểm phiếu gồm: ", "{{ ballot.tellers }}")
    labelled(s, "Quy chế: ", "{{ ballot.rule }}")
    s.p("Kết quả kiểm phiếu:", bold=True, first_line_cm=INDENT, before=6)
    s.p("- Tổng số thành viên Hội đồng: {{ ballot.members_total }}", first_line_cm=INDENT)
    s.p("- Số phiếu phát ra: {{ ballot.issued }}", first_line_cm=INDENT)
    s.p("- Số phiếu thu vào: {{ ballot.returned }}", first_line_cm=INDENT)
    s.p("- Số phiếu hợp lệ: {{ ballot.valid }}", first_line_cm=INDENT)
    s.p("- Số phiếu không hợp lệ: {{ ballot.invalid }}", first_line_cm=INDENT)
    s.p(
        "Số phiếu đối với từng tập thể, cá nhân:",
        bold=True,
        first_line_cm=INDENT,
        before=6,
        keep_next=True,
    )
    grid(
        s,
        [
            ("STT", 1.2, "{{ r.stt }}", "center"),
            ("Tên tập thể, họ và tên cá nhân", 4.3, "{{ r.name }}", "left"),
            ("Đồng ý", 1.6, "{{ r.votes_for }}", "center"),
            ("Không đồng ý", 1.7, "{{ r.votes_against }}", "center"),
            ("Không biểu quyết", 1.9, "{{ r.votes_abstain }}", "center"),
            ("Số thành viên tính tỷ lệ", 1.9, "{{ r.base }}", "center"),
            ("Tỷ lệ đồng ý (%)", 1.7, "{{ r.percent }}", "center"),
            ("Kết quả", 2.2, "{{ r.result }}", "center"),
        ],
        "vote_rows",
    )
    body(s)
    s.p(
        "Biên bản kiểm phiếu được lập hồi {{ meeting.end }} cùng ngày, đã được đọc công khai "
        "trước Hội đồng./.",
        first_line_cm=INDENT,
        before=6,
        keep_next=True,
    )
    # The chair who supervised the count signs beside the head of the count.
    two_signatures(
        s,
        "CHỦ TRÌ CUỘC HỌP",
        "TRƯỞNG BAN KIỂM PHIẾU",
        "{{ ballot.supervisor_name }}",
        "{{ ballot.head_name }}",
    )
    return s


def _awards_table(s: Sheet) -> None:
    grid(
        s,
        [
            ("Năm", 2.0, "{{ r.year }}", "center"),
            ("Hình thức khen thưởng", 6.5, "{{ r.form }}", "left"),
            (
                "Số, ngày, tháng, năm của quyết định; cơ quan ban hành",
                8.0,
                "{{ r.decision }}",
                "left",
            ),
        ],
        "awards_received",
        heading_col=None,
        # The report's last table: its rows move with the signatures that follow, which
        # otherwise stood alone on the last page.
        keep_with_next=True,
    )


def _results_table(s: Sheet, key: str = "results") -> None:
    grid(
        s,
        [
            ("STT", 1.3, "{{ r.stt }}", "center"),
            ("Chỉ tiêu, nhiệm vụ", 7.3, "{{ r.target }}", "left"),
            ("Kế hoạch", 2.6, "{{ r.planned }}", "center"),
            ("Kết quả", 2.6, "{{ r.achieved }}", "center"),
            ("Tỷ lệ (%)", 2.8, "{{ r.percent }}", "center"),
        ],
        key,
    )


def bao_cao_thanh_tich(kind: str) -> Callable[[dict], Sheet]:
    """Achievement reports: collective (NĐ 91 Mẫu 01), individual (Mẫu 02), themed
    movement (Mẫu 07) — numbers per regime from thidua.regulations.defaults."""

    def build(regime: dict) -> Sheet:
        s = Sheet()
        form_label(s, regime["form_numbers"].get(f"bao_cao_thanh_tich_{kind}", ""))
        if kind == "ca_nhan":
            national_header_centered(s)
        else:
            header(s)
        title(s, name="BÁO CÁO THÀNH TÍCH", rule=kind != "chuyen_de")
        if kind == "chuyen_de":
            s.p("(Khen thưởng theo chuyên đề)", italic=True, align="center")
            s.rule(None, width_cm=4.0, box_cm=TEXT_WIDTH, after=6)
        if kind == "ca_nhan":
            s.p("I. SƠ LƯỢC LÝ LỊCH", bold=True, before=6)
            for label, key in (
                ("Họ và tên: ", "person.name"),
                ("Sinh ngày, tháng, năm: ", "person.birth"),
                ("Giới tính: ", "person.gender"),
                ("Quê quán: ", "person.hometown"),
                ("Trú quán: ", "person.residence"),
                ("Đơn vị công tác: ", "person.unit"),
                ("Chức vụ (Đảng, chính quyền, đoàn thể): ", "person.position"),
                ("Trình độ chuyên môn, nghiệp vụ: ", "person.education"),
            ):
                s.p([(label, {}), (f"{{{{ {key} }}}}", {})], first_line_cm=INDENT, before=3)
            s.p("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, before=8)
        elif kind == "tap_the":
            labelled(s, "Tên tập thể: ", "{{ collective.name }}")
            labelled(s, "Địa chỉ: ", "{{ collective.address }}")
            s.p("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True, before=8)
            s.p("{{ collective.situation }}", first_line_cm=INDENT, before=6)
            s.p("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, before=8)
        else:
            labelled(s, "Tên đơn vị hoặc cá nhân: ", "{{ subject.name }}")
            labelled(s, "Chức vụ, đơn vị công tác: ", "{{ subject.position }}")
            s.p("I. THÀNH TÍCH ĐẠT ĐƯỢC TRONG PHONG TRÀO THI ĐUA", bold=True, before=8)
        body(s)
        s.p("Kết quả thực hiện các chỉ tiêu, nhiệm vụ:", italic=True, before=6, after=6)
        _results_table(s)
        roman = "II" if kind == "chuyen_de" else "III"
        s.p(
            f"{roman}. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
            bold=True,
            before=8,
            after=6,
            keep_next=True,
        )
        _awards_table(s)
        if kind == "ca_nhan":
            two_signatures(
                s,
                "THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ",
                "NGƯỜI BÁO CÁO THÀNH TÍCH",
                "{{ head_name }}",
                "{{ signer_name }}",
            )
        else:
            two_signatures(
                s,
                "XÁC NHẬN CỦA CẤP\nTRÌNH KHEN THƯỞNG",
                "THỦ TRƯỞNG ĐƠN VỊ",
                "{{ head_name }}",
                "{{ signer_name }}",
            )
        return s

    return build


def quyet_dinh_khen_thuong(regime: dict) -> Sheet:
    s = Sheet()
    header(s)
    title(s, rule=True)
    s.p("{{ authority_line }}", bold=True, align="center", before=6, after=6)
    s.tag("{%p for line in legal_bases %}")
    s.p("{{ line }}", italic=True, first_line_cm=INDENT, before=4)
    s.tag("{%p endfor %}")
    s.p("QUYẾT ĐỊNH:", bold=True, align="center", before=12, after=6)
    s.tag("{%p for a in articles %}")
    s.p([("{{ a.label }}", {"bold": True}), (" {{ a.text }}", {})], first_line_cm=INDENT, before=6)
    s.tag("{%p endfor %}")
    signature(s)
    s.page_break()
    s.p("DANH SÁCH", bold=True, align="center")
    s.p("{{ annex.title }}", bold=True, align="center")
    s.p(
        "(Kèm theo Quyết định số {{ number_symbol }} ngày {{ date_short }} của {{ annex.issuer }})",
        italic=True,
        align="center",
    )
    s.rule(None, width_cm=4.0, box_cm=TEXT_WIDTH, after=8)
    grid(
        s,
        [
            ("STT", 1.3, "{{ r.stt }}", "center"),
            ("Tên tập thể, họ và tên, chức vụ, đơn vị", 11.0, "{{ r.name }}", "left"),
            ("Số tiền thưởng (đồng)", 4.2, "{{ r.amount_text }}", "right"),
        ],
        "annex.rows",
        size=13,
        footer=["", "Tổng cộng", "{{ annex.total_text }}"],
    )
    s.p(
        [("Bằng chữ: ", {"bold": True}), ("{{ annex.total_words }}", {"italic": True})],
        before=6,
    )
    return s


def thong_bao_cong_khai(regime: dict) -> Sheet:
    s = Sheet()
    header(s)
    title(s)
    body(s, "intro")
    grid(
        s,
        [
            ("STT", 1.3, "{{ r.stt }}", "center"),
            ("Tên tập thể, họ và tên cá nhân", 6.0, "{{ r.name }}", "left"),
            ("Chức vụ, đơn vị", 5.8, "{{ r.position }}", "left"),
            ("Hình thức", 3.5, "{{ r.form }}", "center"),
        ],
        "list_rows",
    )
    body(s)
    signature(s)
    return s


def bao_cao_ket_qua(regime: dict) -> Sheet:
    """The report upward: the targets' results, then the awards with the list of awardees
    (the upper level checks names and money, not only counts), then the closing."""
    s = Sheet()
    header(s)
    title(s)
    s.p([("Kính gửi: ", {}), ("{{ kinh_gui }}", {})], align="center", before=6, after=6)
    body(s, "intro")
    _results_table(s)
    body(s, "awards_intro")
    s.tag("{%p if awards.rows %}")
    grid(
        s,
        [
            ("STT", 1.2, "{{ r.stt }}", "center"),
            ("Tên tập thể, họ và tên cá nhân", 5.7, "{{ r.name }}", "left"),
            ("Hình thức khen thưởng", 2.9, "{{ r.form }}", "center"),
            ("Quyết định", 3.5, "{{ r.decision }}", "center"),
            ("Tiền thưởng (đồng)", 3.2, "{{ r.amount_text }}", "right"),
        ],
        "awards.rows",
        footer=["", "Tổng cộng", "", "", "{{ awards.total_text }}"],
    )
    s.tag("{%p endif %}")
    body(s)
    signature(s)
    return s


def giay_moi(regime: dict) -> Sheet:
    s = Sheet()
    header(s)
    title(s)
    s.p(
        [("{{ issuer_short }} trân trọng kính mời: ", {}), ("{{ invitee }}", {"bold": True})],
        first_line_cm=INDENT,
        before=12,
    )
    labelled(s, "Thời gian: ", "{{ meeting.start }}")
    labelled(s, "Địa điểm: ", "{{ meeting.place }}")
    labelled(s, "Nội dung: ", "{{ meeting.agenda }}")
    body(s)
    signature(s)
    return s


def giay_khen(regime: dict) -> Sheet:
    """The certificate on plain paper: A4 landscape, border, red title lines."""
    s = Sheet(landscape=True, margins_mm=(16, 14, 22, 22), page_numbers=False)
    s.page_border()
    width = 29.7 - 4.4
    # The Office's Quốc huy, centred at the top, takes the space above the Quốc hiệu;
    # without one, a spacer keeps the layout as it was.
    s.tag("{%p if emblem %}")
    s.p("{{ emblem }}", align="center", before=2, after=4)
    s.tag("{%p else %}")
    s.p(" ", size=1, align="center", before=14)
    s.tag("{%p endif %}")
    s.p(QUOC_HIEU, size=14, bold=True, align="center")
    s.p(TIEU_NGU, size=14, bold=True, align="center")
    s.rule(None, width_cm=5.5, box_cm=width, after=10)
    s.p("{{ awarding_title }}", size=18, bold=True, color=RED, align="center", before=14)
    s.p("TẶNG", size=15, bold=True, align="center", before=12)
    s.p("GIẤY KHEN", size=48, bold=True, color=RED, align="center", before=4, after=4)
    s.p("{{ awardee_name }}", size=24, bold=True, align="center", before=10)
    s.p("{{ awardee_detail }}", size=16, align="center", before=6)
    s.p(
        "{{ achievement }}",
        size=16,
        italic=True,
        align="center",
        before=10,
        after=14,
        left_cm=1.5,
        right_cm=1.5,
    )
    table = s.table([width / 2, width / 2], rows=1)
    left, right = table.rows[0].cells
    s.p("Quyết định số {{ decision_symbol }}", container=left, size=13, align="center")
    s.p("ngày {{ decision_date }}", container=left, size=13, align="center")
    s.p("Số sổ vàng: {{ golden_book }}", container=left, size=13, align="center", after=4)
    s.p("{{ qr }}", container=left, align="center")
    s.p("Mã xác minh: {{ verification_code }}", container=left, size=9, align="center")
    s.p("{{ date_line }}", container=right, size=14, italic=True, align="center")
    signer_block(s, right)
    return s


def giay_khen_phoi(regime: dict) -> Sheet:
    """Only the variable text, on exact-height rows that sit on a pre-printed blank (phôi)
    whose Quốc hiệu, Tiêu ngữ, emblem, "GIẤY KHEN" and border are already printed.
    The Office shifts the whole print with the offsets in its document settings."""
    s = Sheet(landscape=True, margins_mm=(0, 0, 0, 0), page_numbers=False)
    width = 29.7
    heights = [4.6, 1.2, 3.6, 1.5, 1.0, 2.0, 5.9]
    table = s.table([width], rows=len(heights), heights_cm=heights, exact=True)
    cells = [row.cells[0] for row in table.rows]
    s.p("", container=cells[0])
    s.p("{{ awarding_title }}", container=cells[1], size=18, bold=True, color=RED, align="center")
    s.p("", container=cells[2])
    s.p("{{ awardee_name }}", container=cells[3], size=22, bold=True, align="center")
    s.p("{{ awardee_detail }}", container=cells[4], size=15, align="center")
    s.p(
        "{{ achievement }}",
        container=cells[5],
        size=15,
        italic=True,
        align="center",
        left_cm=3,
        right_cm=3,
    )
    bottom = s.table([3.0, 11.0, 12.7, 3.0], rows=1, container=cells[6])
    left, right = bottom.rows[0].cells[1], bottom.rows[0].cells[2]
    s.p("Quyết định số {{ decision_symbol }}", container=left, size=13, align="center")
    s.p("ngày {{ decision_date }}", container=left, size=13, align="center")
    s.p("Số sổ vàng: {{ golden_book }}", container=left, size=13, align="center", after=4)
    s.p("{{ qr }}", container=left, align="center")
    s.p("{{ date_line }}", container=right, size=14, italic=True, align="center")
    signer_block(s, right)
    return s


BUILDERS: dict[str, Callable[[dict], Sheet]] = {
    "ke_hoach": ke_hoach,
    "to_trinh": to_trinh,
    "bien_ban_hop_don_vi": bien_ban_hop(council=False),
    "bien_ban_hop_hoi_dong": bien_ban_hop(council=True),
    "bien_ban_kiem_phieu": bien_ban_kiem_phieu,
    "bao_cao_thanh_tich_tap_the": bao_cao_thanh_tich("tap_the"),
    "bao_cao_thanh_tich_ca_nhan": bao_cao_thanh_tich("ca_nhan"),
    "bao_cao_thanh_tich_chuyen_de": bao_cao_thanh_tich("chuyen_de"),
    "quyet_dinh_khen_thuong": quyet_dinh_khen_thuong,
    "thong_bao_cong_khai": thong_bao_cong_khai,
    "bao_cao_ket_qua": bao_cao_ket_qua,
    "giay_moi": giay_moi,
    "giay_khen": giay_khen,
    "giay_khen_phoi": giay_khen_phoi,
}


def build_all() -> dict[Path, bytes]:
    """Every template of every regime, as {path: bytes}."""
    out: dict[Path, bytes] = {}
    for regime in legal_defaults.REGIMES:
        for key, builder in BUILDERS.items():
            out[TEMPLATE_DIR / regime["code"] / f"{key}.docx"] = builder(regime).to_bytes()
    return out


def write_all() -> list[Path]:
    written = []
    for path, data in build_all().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(path)
    return written


if __name__ == "__main__":
    changed = write_all()
    sys.stdout.write(f"{len(changed)} template(s) written under {TEMPLATE_DIR}\n")

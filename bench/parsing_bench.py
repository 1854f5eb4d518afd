"""Plan parsing benchmarks, registered in bench/run.py: parse time per plan for the seed
(20/KH-UBND, about 1,000 words, three A4 pages) and for a ten-page plan made from it.

The ten-page plan is the seed with its "1. Nội dung" section grown into the subsections a
ward's plan really has (one per CCHC area, each with its bullets and sub-bullets), to about
4,300 words — ten A4 pages in Nghị định 30 layout (Times New Roman 13–14, ~420 words a
page). Its parse must give the seed's own number, date, award forms, quotas and signer, so
the benchmark measures a parse that works, not one that gave up early.

Baseline, measured in the same run on the same bytes: what any reader of the file must do
at least — decode it, split it into lines and fold each line for matching (thidua.vn's
``search_key``). The ratio says how much the actual extraction costs on top of that.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "thidua" / "demo" / "files" / "20-KH-UBND-Mo-Lao-2023.txt"
WORDS_PER_PAGE = 420  # A4, Times New Roman 14, NĐ 30 margins
TARGET_MS = 50.0

# The CCHC areas of a ward's yearly plan, with what each asks of the units: the sections
# that make a real plan long.
AREAS = [
    (
        "Thi đua thực hiện cải cách thể chế",
        [
            "Rà soát, kiến nghị sửa đổi, bổ sung các văn bản quy phạm pháp luật không còn "
            "phù hợp; thực hiện tốt công tác kiểm tra, xử lý văn bản theo quy định.",
            "Nâng cao chất lượng công tác xây dựng, ban hành văn bản; bảo đảm đúng thẩm "
            "quyền, đúng thể thức và kỹ thuật trình bày theo Nghị định số 30/2020/NĐ-CP.",
        ],
    ),
    (
        "Thi đua thực hiện cải cách thủ tục hành chính",
        [
            "Công khai đầy đủ, kịp thời các thủ tục hành chính thuộc thẩm quyền giải quyết "
            "của phường tại Bộ phận tiếp nhận và trả kết quả và trên Cổng thông tin điện tử.",
            "Giải quyết hồ sơ đúng hạn, trước hạn; không để xảy ra tình trạng hồ sơ quá hạn "
            "không có văn bản xin lỗi tổ chức, công dân.",
            "Tiếp nhận, xử lý kịp thời phản ánh, kiến nghị của cá nhân, tổ chức về quy định "
            "hành chính.",
        ],
    ),
    (
        "Thi đua thực hiện cải cách tổ chức bộ máy",
        [
            "Rà soát chức năng, nhiệm vụ của các bộ phận chuyên môn; sắp xếp, bố trí công "
            "chức đúng vị trí việc làm đã được phê duyệt.",
            "Thực hiện nghiêm quy chế làm việc, quy chế dân chủ ở cơ sở trong cơ quan.",
        ],
    ),
    (
        "Thi đua thực hiện cải cách chế độ công vụ",
        [
            "Nâng cao chất lượng đội ngũ cán bộ, công chức; tăng cường kỷ luật, kỷ cương "
            "hành chính, văn hóa công vụ trong thực thi nhiệm vụ.",
            "Đánh giá, xếp loại chất lượng cán bộ, công chức gắn với kết quả thực hiện "
            "nhiệm vụ được giao và mức độ hài lòng của người dân.",
        ],
    ),
    (
        "Thi đua thực hiện cải cách tài chính công",
        [
            "Thực hiện công khai dự toán, quyết toán ngân sách; quản lý, sử dụng tài sản "
            "công tiết kiệm, hiệu quả, đúng quy định.",
            "Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về sử dụng biên chế và kinh phí "
            "quản lý hành chính.",
        ],
    ),
    (
        "Thi đua xây dựng và phát triển chính quyền điện tử, chính quyền số",
        [
            "Tăng tỷ lệ hồ sơ trực tuyến toàn trình, một phần; số hóa hồ sơ, kết quả giải "
            "quyết thủ tục hành chính theo quy định.",
            "Sử dụng chữ ký số trong gửi, nhận văn bản điện tử; vận hành hiệu quả hệ thống "
            "quản lý văn bản và điều hành.",
            "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến.",
        ],
    ),
]
DETAIL = [
    "Bộ phận chủ trì xây dựng kế hoạch chi tiết, phân công cụ thể người thực hiện và thời "
    "hạn hoàn thành từng nội dung.",
    "Định kỳ hằng quý báo cáo kết quả thực hiện về Văn phòng UBND phường để tổng hợp.",
]


def ten_page_plan() -> str:
    """The seed, its "1. Nội dung" grown with one subsection per CCHC area until ten pages."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    anchor = next(i for i, line in enumerate(lines) if line.strip() == "2. Đối tượng thi đua")
    words = len(" ".join(lines).split())
    extra: list[str] = []
    round_ = 0
    while words + len(" ".join(extra).split()) < 10 * WORDS_PER_PAGE:
        for title, bullets in AREAS:
            letter = chr(ord("a") + len([x for x in extra if x[1:3] == ") "]) % 26)
            suffix = "" if round_ == 0 else f" (giai đoạn {round_ + 1})"
            extra += [f"{letter}) {title}{suffix}", ""]
            for bullet in bullets:
                extra += [f"- {bullet}", ""]
                extra += [f"+ {DETAIL[len(extra) % len(DETAIL)]}", ""]
        round_ += 1
    return "\n".join(lines[:anchor] + extra + lines[anchor:]) + "\n"


def _best_ms(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and best of ``rounds`` timed calls, in ms, after one warm call."""
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def parsing_benchmarks() -> list[dict]:
    from common import result

    from thidua.plans.parsing.core import parse_plan_bytes
    from thidua.vn import search_key

    seed = SEED.read_bytes()
    big_text = ten_page_plan()
    big = big_text.encode("utf-8")
    pages = len(big_text.split()) / WORDS_PER_PAGE

    expected = parse_plan_bytes(seed, "seed.txt")
    check = parse_plan_bytes(big, "ten-pages.txt")
    for key in ("number", "date", "award_forms", "quotas", "signer", "year"):
        assert check[key] == expected[key], (key, check[key], expected[key])

    def baseline(data: bytes) -> Callable[[], object]:
        return lambda: [search_key(line) for line in data.decode("utf-8").splitlines()]

    out = []
    rows = (
        ("seed plan 20/KH-UBND", seed, 60, len(SEED.read_text("utf-8").split())),
        (f"{pages:.0f}-page plan", big, 30, len(big_text.split())),
    )
    for label, data, rounds, words in rows:
        parse_ms, _ = _best_ms(lambda data=data: parse_plan_bytes(data, "plan.txt"), rounds)
        base_ms, _ = _best_ms(baseline(data), rounds)
        out.append(
            result(
                f"plan parsing, {label}: ms per parse (p50)",
                parse_ms,
                "ms",
                base_ms,
                f"{words} words, {len(data.splitlines())} lines; baseline: decode + split "
                "lines + fold each line (the least any reader does)",
            )
        )
    out.append(
        result(
            f"plan parsing, {pages:.0f}-page plan against the 50 ms target",
            out[-1]["value"],
            "ms",
            TARGET_MS,
            "baseline: the issue's target; ratio < 1 meets it",
        )
    )
    return out

"""Put the parts together: bytes → text → lines → header, body, tail → result dictionary.

The document is cut into three zones before anything is interpreted:

* the **header** (issuer, number, place and date, type name, title) — :mod:`.header`;
* the **tail** (Nơi nhận, signature) — :mod:`.tail`;
* the **body** between them, rebuilt into paragraphs (:mod:`.lines`): its opening
  paragraphs hold the legal bases (:mod:`.references`), the rest is the section tree
  (:mod:`.sections`) in which the award forms, targets, criteria, quotas, dossier and
  timeline are looked up by their headings.

Nothing is invented: what the text lacks is null, what it garbles is null plus a warning
quoting it. Every value records the lines it came from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from thidua.plans.parsing.awards import award_scope, find_award_forms, split_by_target
from thidua.plans.parsing.dossier import find_dossier
from thidua.plans.parsing.errors import ParseError
from thidua.plans.parsing.extracted import Extracted
from thidua.plans.parsing.header import Header, parse_header
from thidua.plans.parsing.limits import MAX_INPUT_BYTES, MAX_TEXT_CHARS, Deadline
from thidua.plans.parsing.lines import HEADING_KINDS, Block, Line, build_blocks, build_lines
from thidua.plans.parsing.quotas import find_quotas
from thidua.plans.parsing.reading import read_document
from thidua.plans.parsing.references import (
    is_basis_block,
    malformed_date_warnings,
    parse_references,
)
from thidua.plans.parsing.result import PlanResult
from thidua.plans.parsing.sections import (
    Node,
    best_sections,
    blocks_under,
    build_tree,
    find_sections,
    iter_nodes,
    node_span,
    tree_to_json,
)
from thidua.plans.parsing.tail import find_tail
from thidua.plans.parsing.textutil import fold, normalise_org
from thidua.plans.parsing.timeline import find_timeline

__all__ = ["parse_plan_bytes", "parse_plan_file", "parse_plan_text"]


def parse_plan_bytes(data: bytes, filename: str | None = None) -> dict[str, Any]:
    """Parse a plan (or any administrative document) given as the bytes of a file.

    Raises :class:`ParseError` — and nothing else — when there is nothing readable.
    """
    deadline = Deadline()
    extracted = read_document(bytes(data), filename, deadline)
    return _analyse(extracted, deadline)


def parse_plan_file(path: str | Path) -> dict[str, Any]:
    """Parse the file at ``path`` (see :func:`parse_plan_bytes`)."""
    file_path = Path(path)
    try:
        if file_path.is_dir():
            raise ParseError("not_found", f"Đây là thư mục, không phải tệp: {file_path}")
        size = file_path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ParseError(
                "too_large",
                f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB, giới hạn "
                f"{MAX_INPUT_BYTES // 1024 // 1024} MB).",
            )
        with file_path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except ParseError:
        raise
    except FileNotFoundError as exc:
        raise ParseError("not_found", f"Không tìm thấy tệp: {file_path}") from exc
    except PermissionError as exc:
        raise ParseError("not_found", f"Không có quyền đọc tệp: {file_path}") from exc
    except OSError as exc:
        raise ParseError("not_found", f"Không đọc được tệp {file_path}: {exc.strerror}") from exc
    return parse_plan_bytes(data, file_path.name)


def parse_plan_text(text: str) -> dict[str, Any]:
    """Parse text that is already decoded (e.g. pasted into a form)."""
    deadline = Deadline()
    if not text.strip():
        raise ParseError("empty", "Văn bản rỗng: không có nội dung để đọc.")
    return _analyse(Extracted(text, "txt", None, []), deadline)


def _analyse(extracted: Extracted, deadline: Deadline) -> dict[str, Any]:
    """Run the analysis; a bug must surface as :class:`ParseError`, never as a traceback."""
    try:
        return _analyse_text(extracted, deadline)
    except ParseError:
        raise
    except Exception as exc:  # the promise to callers: only ParseError escapes
        raise ParseError(
            "internal",
            f"Lỗi khi phân tích văn bản ({type(exc).__name__}); hãy gửi tệp này cho quản trị viên.",
        ) from exc


_ISSUER_IN_BODY_RE = re.compile(
    r"(?:^|[,;.:]\s*)(?P<org>(?:ubnd|uy ban nhan dan|hoi dong|so|phong|ban|van phong|dang uy|"
    r"cong an|chu tich)\b[^,;.:]{0,80}?)\s+(?P<verb>(?:xay dung|ban hanh|trien khai|phat dong|"
    r"to chuc|lap|de ra)\s+(?:ke hoach|chuong trinh|huong dan|phong trao))"
)
_MAIN_CLAUSE_RE = re.compile(
    r"(?:xay dung|ban hanh|trien khai|phat dong)\s+(?:ke hoach|chuong trinh|huong dan)"
    r"(?P<x>[^;]{0,240}?)\bnhu sau\b"
)
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_MULTI_YEAR_RE = re.compile(
    r"giai doan|den nam|nam hoc|nhiem ky|(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}(?!\d)"
)
# The paragraph after the last section that closes the plan ("Trên đây là Kế hoạch …").
_CLOSING_OPENERS = ("tren day", "yeu cau cac", "de nghi cac")
_ENACTING_RE = re.compile(r"^(?:quyet dinh|quyet nghi|chi thi)\s*:?\s*$")


def _analyse_text(extracted: Extracted, deadline: Deadline) -> dict[str, Any]:
    """Cut the text into header, body and tail and read every field (see the module doc)."""
    warnings: list[str] = list(extracted.warnings)
    text = extracted.text
    truncated = False
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        truncated = True
    lines, cut_lines = build_lines(text)
    truncated = truncated or cut_lines
    if truncated:
        warnings.append(
            f"Văn bản quá dài: chỉ phân tích {len(lines)} dòng đầu; phần sau bị bỏ qua."
        )
    if not lines or not any(ch.isalpha() for ln in lines[:200] for ch in ln.text):
        raise ParseError("empty", "Tệp không có chữ nào để đọc.")
    deadline.check()

    header = parse_header(lines)
    warnings.extend(header.warnings)
    tail = find_tail(lines, header.body_start)
    deadline.check()
    blocks = build_blocks(lines[header.body_start : tail.start])
    deadline.check()

    intro, body = _split_intro(blocks)
    annex = _annexed_plan(lines, tail.end)
    if annex is not None:
        # A decision that issues a plan, with the plan attached after its signature: the
        # plan's content is the attachment's; the legal bases are the decision's.
        annex_header, annex_blocks = annex
        annex_intro, body = _split_intro(annex_blocks)
        intro = intro + annex_intro
        blocks = blocks + annex_blocks
        warnings.append(
            f"Kế hoạch được ban hành kèm theo văn bản {header.number or ''} (dòng "
            f"{lines[tail.end].no}); nội dung kế hoạch lấy từ phần kèm theo.".replace("  ", " ")
        )
    closing: Block | None = None
    if body and body[-1].label is None and body[-1].fold.startswith(_CLOSING_OPENERS):
        closing = body.pop()
    elif not body and intro and intro[-1].fold.startswith(_CLOSING_OPENERS):
        closing = intro.pop()
    tree = build_tree(body)
    deadline.check()

    sources: dict[str, list[int]] = {}
    details: dict[str, Any] = {}

    def source(key: str, span: tuple[int, int] | None) -> None:
        """Record the line span of ``key`` (nothing when the value is absent)."""
        if span is not None:
            sources[key] = [span[0], span[1]]

    for key in ("number", "type_name", "place", "date", "title", "governing_body"):
        source(key, header.spans.get(key))
    if header.doc_type:
        source("doc_type", header.spans.get("number") or header.spans.get("type_name"))

    # Issuer: the header's; else the body's "UBND phường X xây dựng kế hoạch", with a warning.
    issuer = header.issuer
    source("issuer", header.spans.get("issuer"))
    if issuer is None:
        found = _issuer_from_body(intro or blocks[:5])
        if found:
            issuer, span, quote = found
            source("issuer", span)
            warnings.append(
                "Phần đầu văn bản không ghi cơ quan ban hành; lấy từ nội dung: "
                f'"{quote}" (dòng {span[0]}).'
            )

    year, year_span = _movement_year(header, intro)
    source("year", year_span)

    basis = [b for b in intro if is_basis_block(b)]
    refs = parse_references(basis)
    references = [{"number": r.number, "date": r.date, "issuer": r.issuer} for r in refs]
    details["references"] = [{"type": r.kind, "text": r.text} for r in refs]
    for i, r in enumerate(refs):
        source(f"references[{i}]", (r.start, r.end))
    if refs:
        source("references", (refs[0].start, refs[-1].end))

    warnings.extend(malformed_date_warnings(blocks))
    deadline.check()

    scope, precise = award_scope(tree, body)
    forms = find_award_forms(scope, wide=not precise)
    award_forms = [{"form": f.form, "by": f.by} for f in forms]
    details["award_forms"] = [{"proposed": f.proposed} for f in forms]
    for i, f in enumerate(forms):
        source(f"award_forms[{i}]", (f.start, f.end))
    if forms:
        source("award_forms", (min(f.start for f in forms), max(f.end for f in forms)))

    quota_blocks = _quota_scope(tree)
    quota_list = find_quotas(quota_blocks)
    quotas = [
        {"target": q.target, "min": q.min, "max": q.max, "percent_max": q.percent_max}
        for q in quota_list
    ]
    details["quotas"] = [{"text": q.text} for q in quota_list]
    for i, q in enumerate(quota_list):
        source(f"quotas[{i}]", (q.start, q.end))
    if quota_list:
        source("quotas", (min(q.start for q in quota_list), max(q.end for q in quota_list)))

    target_groups = _targets(tree, "targets", "target_groups", fill_both=False, source=source)
    criteria = _targets(tree, "criteria", "criteria", fill_both=True, source=source)

    dossier = find_dossier(tree, body)
    for i, item in enumerate(dossier.items):
        source(f"dossier[{i}]", (item.start, item.end))
    if dossier.items:
        source("dossier", (dossier.items[0].start, dossier.items[-1].end))
    source("dossier_destination", dossier.destination_span)
    source("dossier_deadline", dossier.deadline_span)
    details["dossier"] = [{"copies": item.copies} for item in dossier.items]

    events = find_timeline(body)
    timeline = [{"event": e.event, "date": e.date, "text": e.text} for e in events]
    for i, e in enumerate(events):
        source(f"timeline[{i}]", (e.start, e.end))
    if dossier.deadline is None:
        deadline_event = next(
            (e for e in events if e.event == "dossier_deadline" and len(e.date) == 10), None
        )
        if deadline_event:
            dossier.deadline = deadline_event.date
            source("dossier_deadline", (deadline_event.start, deadline_event.end))

    recipients = [r.text for r in tail.recipients]
    details["recipients"] = [{"name": r.name, "purpose": r.purpose} for r in tail.recipients]
    for i, recipient in enumerate(tail.recipients):
        source(f"recipients[{i}]", (recipient.line, recipient.line))
    source("recipients", tail.recipients_span)

    signer = tail.signer
    for key, span in signer.spans.items():
        source(f"signer.{key}", span)
    if signer.spans:
        source(
            "signer",
            (
                min(s[0] for s in signer.spans.values()),
                max(s[1] for s in signer.spans.values()),
            ),
        )
    details["signer"] = {"authority": signer.authority}

    if tree:
        first, last = node_span(tree[0])[0], max(node_span(n)[1] for n in tree)
        source("sections", (first, last))
    if closing is not None:
        source("closing", (closing.start, closing.end))

    if not tail.recipients and signer.name is None and (header.number or header.type_name):
        warnings.append(
            "Không thấy phần Nơi nhận và người ký: văn bản có thể không đầy đủ (bị cắt)."
        )

    is_plan = _is_emulation_plan(header, blocks) or (
        annex is not None and _is_emulation_plan(annex[0], annex[1])
    )
    warnings.extend(_kind_warnings(header, is_plan, refs, tree, issuer))

    result: PlanResult = {
        "number": header.number,
        "doc_type": header.doc_type,
        "issuer": issuer,
        "place": header.place,
        "date": header.date,
        "title": header.title,
        "year": year,
        "references": references,  # type: ignore[typeddict-item]
        "award_forms": award_forms,  # type: ignore[typeddict-item]
        "quotas": quotas,  # type: ignore[typeddict-item]
        "target_groups": target_groups,  # type: ignore[typeddict-item]
        "criteria": criteria,  # type: ignore[typeddict-item]
        "dossier": [item.text for item in dossier.items],
        "dossier_destination": dossier.destination,
        "dossier_deadline": dossier.deadline,
        "timeline": timeline,  # type: ignore[typeddict-item]
        "recipients": recipients,
        "signer": {"name": signer.name, "title": signer.title, "mode": signer.mode},
        "sections": tree_to_json(tree),  # type: ignore[typeddict-item]
        "warnings": list(dict.fromkeys(warnings)),
        "sources": sources,
        "type_name": header.type_name,
        "governing_body": header.governing_body,
        "is_emulation_plan": is_plan,
        "closing": closing.text if closing is not None else None,
        "details": details,
        "input": {
            "format": extracted.format,
            "encoding": extracted.encoding,
            "lines": lines[-1].no if lines else 0,
            "truncated": truncated,
        },
    }
    return dict(result)


def _annexed_plan(lines: list[Line], start: int) -> tuple[Header, list[Block]] | None:
    """The plan attached after the signature ("KẾ HOẠCH (Ban hành kèm theo …)"), if any."""
    if start >= len(lines) or lines[start].fold.rstrip(" :") != "ke hoach":
        return None
    annex_lines = lines[start:]
    annex_header = parse_header(annex_lines)
    annex_tail = find_tail(annex_lines, annex_header.body_start)
    body = annex_lines[annex_header.body_start : annex_tail.start]
    # "(Ban hành kèm theo Quyết định số …)" under the title is not content.
    while body and body[0].text.startswith("(") and "kem theo" in body[0].fold:
        body = body[1:]
    return annex_header, build_blocks(body)


def _split_intro(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The opening paragraphs (legal bases, purpose) and the sectioned body after them."""
    blocks = [b for b in blocks if not _ENACTING_RE.match(b.fold)]
    first_heading = next(
        (i for i, b in enumerate(blocks) if b.label and b.label.kind in HEADING_KINDS), None
    )
    if first_heading is None:
        first_heading = next((i for i, b in enumerate(blocks) if b.label), None)
    if first_heading is None:
        # No labels at all (a letter): the legal bases are the leading basis paragraphs,
        # and every paragraph after the salutation is the body — in a letter the "Thực
        # hiện …" paragraph usually carries the request itself.
        end = 0
        for i, block in enumerate(blocks[:12]):
            if is_basis_block(block):
                end = i + 1
        return blocks[:end], [b for b in blocks if not b.fold.startswith("kinh gui")]
    return blocks[:first_heading], blocks[first_heading:]


def _issuer_from_body(blocks: list[Block]) -> tuple[str, tuple[int, int], str] | None:
    """ "…, UBND phường Mộ Lao xây dựng kế hoạch …" → ("UBND phường Mộ Lao", span, quote)."""
    found = None
    for block in blocks:
        for m in _ISSUER_IN_BODY_RE.finditer(block.fold):
            org = block.text[m.start("org") : m.end("org")].strip()
            quote = block.text[m.start("org") : m.end("verb")].strip()
            found = (normalise_org(org), (block.start, block.end), quote)
    return found


def _year_of(text: str) -> tuple[bool, int | None]:
    """(whether ``text`` speaks of a period, the single year it names)."""
    folded = fold(text)
    years = set(_YEAR_RE.findall(folded))
    if not years:
        return False, None
    if _MULTI_YEAR_RE.search(folded) or len(years) > 1:
        return True, None
    return True, int(years.pop())


def _movement_year(header: Header, intro: list[Block]) -> tuple[int | None, tuple[int, int] | None]:
    """The one year the movement covers: from the title, else from the plan's main clause."""
    if header.title:
        speaks, year = _year_of(header.title)
        if speaks:
            return year, header.spans.get("title") if year else None
    for block in intro:
        m = _MAIN_CLAUSE_RE.search(block.fold)
        if m:
            speaks, year = _year_of(block.text[m.start("x") : m.end("x")])
            if speaks:
                return year, (block.start, block.end) if year else None
    return None, None


def _quota_scope(tree: list[Node]) -> list[Block]:
    """Blocks that state quotas: the "Số lượng" section, else the award section(s)."""
    for subject in ("quotas", "awards", "reward"):
        blocks = blocks_under(best_sections(tree, subject))
        if blocks:
            return blocks
    return []


def _targets(
    tree: list[Node], subject: str, key: str, *, fill_both: bool, source: Any
) -> dict[str, str | None]:
    """The collective/individual split of the most specific ``subject`` section."""
    sections = find_sections(tree, subject)
    if not sections:
        return {"collective": None, "individual": None}
    split = split_by_target(sections[0], fill_both=fill_both)
    source(f"{key}.collective", split.collective_span)
    source(f"{key}.individual", split.individual_span)
    spans = [s for s in (split.collective_span, split.individual_span) if s]
    if spans:
        source(key, (min(s[0] for s in spans), max(s[1] for s in spans)))
    return {"collective": split.collective, "individual": split.individual}


def _is_emulation_plan(header: Header, blocks: list[Block]) -> bool:
    """A plan (KH) about an emulation movement ("thi đua" in its title or opening)."""
    is_plan = header.doc_type == "KH" or fold(header.type_name or "") == "ke hoach"
    if not is_plan:
        return False
    if header.title and "thi dua" in fold(header.title):
        return True
    return any("thi dua" in b.fold for b in blocks[:40])


def _kind_warnings(
    header: Header, is_plan: bool, refs: list[Any], tree: list[Node], issuer: str | None
) -> list[str]:
    """A warning saying what the document is when it is not an emulation plan."""
    if is_plan:
        return []
    recognised = any([header.number, header.type_name, header.date, issuer, refs])
    if not recognised and not any(n.is_heading for n in iter_nodes(tree)):
        return [
            "Không nhận ra văn bản hành chính: không thấy số, ký hiệu, tên loại, ngày ban "
            "hành hay cơ quan ban hành."
        ]
    if header.doc_type == "KH" or fold(header.type_name or "") == "ke hoach":
        return ["Kế hoạch này không phải kế hoạch tổ chức phong trào thi đua."]
    kind = header.type_name or header.doc_type or ("công văn" if header.number else "không rõ")
    return [f"Văn bản không phải kế hoạch thi đua (loại văn bản: {kind})."]

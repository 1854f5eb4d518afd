"""Loading criteria sets and questionnaires from the versioned data files.

A file is loaded again only when its ``version`` changed; criteria are matched by
code, so scores and answers already given keep pointing at the same rows. A file that
would remove a criterion already scored or answered is refused as a whole.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import F

from .models import (
    SIPAS_MIN_SAMPLE,
    Method,
    OverallMethod,
    ParCriterion,
    ParFramework,
    ParScore,
    SipasAnswer,
    SipasCriterion,
    SipasFactor,
    SipasQuestionnaire,
    SuggestionSource,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataFileError(ValueError):
    """A data file that cannot be loaded; the message says which file and what to fix."""


def data_files(directory: Path = DATA_DIR) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml", ".json"})


def read(path: Path) -> dict[str, Any]:
    try:
        # YAML is a superset of JSON, so one reader takes both kinds of files.
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path.name}: không đọc được tệp ({exc}).") from exc
    if not isinstance(content, dict) or content.get("kind") not in {
        "par_framework",
        "sipas_questionnaire",
    }:
        raise DataFileError(
            f"{path.name}: thiếu dòng “kind: par_framework” hoặc “kind: sipas_questionnaire”."
        )
    for key in ("code", "version", "title", "source"):
        if not str(content.get(key, "")).strip():
            raise DataFileError(f"{path.name}: thiếu trường “{key}”.")
    return content


def load_file(path: Path) -> tuple[str, bool]:
    """Load one file. Returns (code, changed)."""
    content = read(path)
    if content["kind"] == "par_framework":
        return load_par_framework(content, path.name)
    return load_sipas_questionnaire(content, path.name)


def load_all(directory: Path = DATA_DIR) -> list[tuple[str, bool]]:
    return [load_file(path) for path in data_files(directory)]


# --- PAR ---------------------------------------------------------------------------------


CRITERION_KEYS = {
    "code",
    "title",
    "max",
    "min",
    "method",
    "guidance",
    "source",
    "min_sample",
    "children",
}
FACTOR_KEYS = {"code", "title", "criteria"}
SIPAS_CRITERION_KEYS = {"code", "text"}


def _known_keys(node: Any, allowed: set[str], where: str) -> None:
    """Refuse unknown keys: an unquoted comma in a YAML flow mapping ("{text: a, b}")
    silently cuts a text in two, and this is where it shows."""
    if not isinstance(node, dict):
        raise DataFileError(f"{where}: mỗi mục phải là một bảng khóa: giá trị.")
    unknown = sorted(str(k) for k in node if k not in allowed)
    if unknown:
        raise DataFileError(
            f"{where}: khóa không hợp lệ {', '.join(unknown)} (văn bản có dấu phẩy cần đặt "
            "trong ngoặc kép)."
        )


def _points(value: Any, where: str) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise DataFileError(f"{where}: điểm “{value}” không phải là số.") from exc


def _suggestion(node: dict, method: str, where: str) -> dict[str, Any]:
    """``source: sipas`` (and an optional ``min_sample``) on a survey-based leaf."""
    source = str(node.get("source") or "")
    if source not in SuggestionSource.values:
        raise DataFileError(f"{where}: “source” chỉ nhận giá trị sipas (hoặc bỏ trống).")
    if source and method != Method.SURVEY:
        raise DataFileError(
            f"{where}: chỉ tiêu chí điều tra xã hội học (method: survey) mới có “source”."
        )
    if "min_sample" not in node:
        return {"source": source}
    if not source:
        raise DataFileError(f"{where}: “min_sample” chỉ dùng cùng “source: sipas”.")
    minimum = node["min_sample"]
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 1:
        raise DataFileError(f"{where}: “min_sample” phải là số nguyên dương, ví dụ 100.")
    return {"source": source, "min_sample": minimum}


def _flatten(nodes: list[dict], file_name: str) -> list[dict]:
    """The tree as rows in reading order, with max points of branches summed from leaves."""
    rows: list[dict] = []

    def walk(node: dict, parent: str | None, root: str | None, depth: int) -> Decimal:
        code = str(node.get("code", "")).strip()
        where = f"{file_name}, tiêu chí {code or '(không mã)'}"
        _known_keys(node, CRITERION_KEYS, where)
        if not code or not str(node.get("title", "")).strip():
            raise DataFileError(f"{where}: mỗi tiêu chí cần “code” và “title”.")
        row = {
            "code": code,
            "title": str(node["title"]).strip(),
            "parent": parent,
            "root": root or code,
            "depth": depth,
            "guidance": str(node.get("guidance", "")).strip(),
        }
        rows.append(row)
        children = node.get("children") or []
        if children:
            total = sum(
                (walk(child, code, root or code, depth + 1) for child in children), Decimal(0)
            )
            leaf_methods = {r["method"] for r in rows if r["parent"] == code and "method" in r}
            row.update(
                is_leaf=False,
                max_points=total if leaf_methods != {Method.BONUS} else Decimal(0),
                min_points=Decimal(0),
                method=Method.BONUS if leaf_methods == {Method.BONUS} else Method.SELF,
            )
            if "max" in node and _points(node["max"], where) != row["max_points"]:
                raise DataFileError(
                    f"{where}: điểm tối đa ghi {node['max']} khác tổng các tiêu chí con "
                    f"({row['max_points']})."
                )
            return row["max_points"]
        method = node.get("method")
        if method not in Method.values:
            raise DataFileError(f"{where}: “method” phải là self, survey hoặc bonus.")
        if "max" not in node:
            raise DataFileError(f"{where}: thiếu điểm tối đa (“max”).")
        row.update(
            is_leaf=True,
            method=method,
            max_points=_points(node["max"], where),
            min_points=_points(node.get("min", 0), where),
            **_suggestion(node, method, where),
        )
        if row["min_points"] > row["max_points"]:
            raise DataFileError(f"{where}: điểm thấp nhất lớn hơn điểm tối đa.")
        # Bonus/penalty points come on top of the 100: they do not raise the maximum.
        return Decimal(0) if method == Method.BONUS else row["max_points"]

    for node in nodes:
        walk(node, None, None, 0)
    codes = [r["code"] for r in rows]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise DataFileError(f"{file_name}: mã tiêu chí bị trùng: {', '.join(duplicates)}.")
    return rows


@transaction.atomic
def load_par_framework(content: dict[str, Any], file_name: str) -> tuple[str, bool]:
    code = str(content["code"])
    existing = ParFramework.objects.filter(code=code).first()
    if existing is not None and existing.version == str(content["version"]):
        return code, False
    for key in ("province", "year"):
        if not content.get(key):
            raise DataFileError(f"{file_name}: thiếu trường “{key}”.")
    rows = _flatten(content.get("criteria") or [], file_name)
    if not rows:
        raise DataFileError(f"{file_name}: chưa có tiêu chí nào (“criteria”).")
    framework, _ = ParFramework.objects.update_or_create(
        code=code,
        defaults={
            "version": str(content["version"]),
            "province_code": str(content["province"]),
            "level": str(content.get("level", "commune")),
            "year": int(content["year"]),
            "title": str(content["title"]).strip(),
            "source": str(content["source"]).strip(),
            "placeholder": bool(content.get("placeholder", False)),
            "placeholder_note": str(content.get("placeholder_note", "")).strip(),
            "max_points": sum(
                (r["max_points"] for r in rows if r["depth"] == 0 and r["method"] != Method.BONUS),
                Decimal(0),
            ),
            "data_file": file_name,
        },
    )
    kept = {r["code"] for r in rows}
    gone = ParCriterion.objects.filter(framework=framework).exclude(code__in=kept)
    scored = ParScore.objects.filter(criterion__in=gone).exclude(
        self_points__isnull=True, appraised_points__isnull=True
    )
    if scored.exists():
        raise DataFileError(
            f"{file_name}: không thể bỏ tiêu chí đã được chấm điểm "
            f"({', '.join(sorted({s.criterion.code for s in scored.select_related('criterion')}))})."
        )
    gone.delete()
    by_code: dict[str, ParCriterion] = {}
    for position, row in enumerate(rows):
        criterion, _ = ParCriterion.objects.update_or_create(
            framework=framework,
            code=row["code"],
            defaults={
                "parent": by_code.get(row["parent"]) if row["parent"] else None,
                "root": by_code.get(row["root"]) if row["root"] != row["code"] else None,
                "title": row["title"],
                "max_points": row["max_points"],
                "min_points": row["min_points"],
                "method": row["method"],
                "guidance": row["guidance"],
                "source": row.get("source", ""),
                "min_sample": row.get("min_sample", SIPAS_MIN_SAMPLE),
                "position": position,
                "depth": row["depth"],
                "is_leaf": row["is_leaf"],
            },
        )
        by_code[row["code"]] = criterion
    # A field is its own root, so "per field" totals group by one column.
    ParCriterion.objects.filter(framework=framework, depth=0, root__isnull=True).update(
        root_id=F("id")
    )
    return code, True


# --- SIPAS -------------------------------------------------------------------------------


def _date(value: Any, where: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DataFileError(f"{where}: ngày “{value}” phải viết dạng 2023-01-01.") from exc


@transaction.atomic
def load_sipas_questionnaire(content: dict[str, Any], file_name: str) -> tuple[str, bool]:
    code = str(content["code"])
    existing = SipasQuestionnaire.objects.filter(code=code).first()
    if existing is not None and existing.version == str(content["version"]):
        return code, False
    scale = content.get("scale") or []
    if len(scale) != 5:
        raise DataFileError(f"{file_name}: thang đo (“scale”) phải có đúng 5 mức.")
    overall = content.get("overall") or {}
    method = overall.get("method", OverallMethod.MEAN_OF_FACTORS)
    if method not in OverallMethod.values or not overall.get("text"):
        raise DataFileError(
            f"{file_name}: “overall” cần “text” và “method” (mean_of_factors hoặc "
            "overall_question)."
        )
    factors = content.get("factors") or []
    if not factors or not all(f.get("criteria") for f in factors):
        raise DataFileError(f"{file_name}: mỗi yếu tố (“factors”) cần ít nhất một tiêu chí.")
    valid_from = _date(content.get("valid_from"), file_name)
    if valid_from is None:
        raise DataFileError(f"{file_name}: thiếu ngày áp dụng (“valid_from”).")
    questionnaire, _ = SipasQuestionnaire.objects.update_or_create(
        code=code,
        defaults={
            "version": str(content["version"]),
            "province_code": str(content.get("province") or ""),
            "title": str(content["title"]).strip(),
            "source": str(content["source"]).strip(),
            "valid_from": valid_from,
            "valid_to": _date(content.get("valid_to"), file_name),
            "scale": [str(s) for s in scale],
            "satisfied_min": int(content.get("satisfied_min", 4)),
            "overall_text": str(overall["text"]).strip(),
            "overall_method": method,
            "profile": content.get("profile") or [],
            "data_file": file_name,
        },
    )
    kept_criteria: list[int] = []
    kept_factors: list[int] = []
    for spec in factors:
        _known_keys(spec, FACTOR_KEYS, f"{file_name}, yếu tố {spec.get('code', '')}")
        for item in spec["criteria"]:
            _known_keys(item, SIPAS_CRITERION_KEYS, f"{file_name}, tiêu chí {item.get('code', '')}")
    for f_position, spec in enumerate(factors):
        factor, _ = SipasFactor.objects.update_or_create(
            questionnaire=questionnaire,
            code=str(spec["code"]),
            defaults={"title": str(spec["title"]).strip(), "position": f_position},
        )
        kept_factors.append(factor.pk)
        for c_position, item in enumerate(spec["criteria"]):
            criterion, _ = SipasCriterion.objects.update_or_create(
                factor=factor,
                code=str(item["code"]),
                defaults={"text": str(item["text"]).strip(), "position": c_position},
            )
            kept_criteria.append(criterion.pk)
    gone = SipasCriterion.objects.filter(factor__questionnaire=questionnaire).exclude(
        pk__in=kept_criteria
    )
    if SipasAnswer.objects.filter(criterion__in=gone).exists():
        raise DataFileError(
            f"{file_name}: không thể bỏ tiêu chí đã có người trả lời; hãy tạo mẫu phiếu mới "
            "(mã mới) thay vì sửa mẫu đang dùng."
        )
    gone.delete()
    SipasFactor.objects.filter(questionnaire=questionnaire).exclude(pk__in=kept_factors).delete()
    return code, True

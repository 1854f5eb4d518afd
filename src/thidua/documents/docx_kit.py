"""A small kit over python-docx for writing Nghị định 30/2020 layouts.

Used by :mod:`thidua.documents.template_build` to generate the built-in .docx templates
(the generated files are committed as package data; the build is reproducible: the
same code gives the same bytes). Jinja tags of docxtpl are written as plain text.
"""

from __future__ import annotations

import datetime
import io
import math
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
# The free metric twin of Times New Roman, named in the font table so that a machine
# without Times New Roman (LibreOffice on Linux) lays the text out identically.
FALLBACK_FONT = "Liberation Serif"
RED = RGBColor(0xC0, 0x00, 0x00)
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
FIXED_TIME = datetime.datetime(2025, 1, 1, 0, 0, 0)

Run = tuple[str, dict[str, Any]]


def _set_run_fonts(rpr, font: str = FONT) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), font)


class Sheet:
    """One document being built: page setup, styles and helpers for paragraphs and tables."""

    def __init__(
        self,
        *,
        landscape: bool = False,
        margins_mm: tuple[float, float, float, float] = (20, 20, 30, 15),
        page_numbers: bool = True,
        body_size: float = 14,
    ) -> None:
        self.doc = new_document()
        self.body_size = body_size
        # Strong references: lxml proxies keep their identity only while referenced.
        self._claimed: list = []
        self._setup_styles()
        section = self.doc.sections[0]
        self._page(section, landscape, margins_mm)
        if page_numbers:
            self._page_numbers(section)

    # --- page and styles -------------------------------------------------------------

    @staticmethod
    def _page(section, landscape: bool, margins_mm: tuple[float, float, float, float]) -> None:
        top, bottom, left, right = margins_mm
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        )

        # Whole twips, rounded up, so that 15 mm never becomes 14.99 mm.
        def mm(value: float) -> Twips:
            return Twips(math.ceil(value * 1440 / 25.4))

        section.top_margin, section.bottom_margin = mm(top), mm(bottom)
        section.left_margin, section.right_margin = mm(left), mm(right)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(self.body_size)
        _set_run_fonts(normal.element.get_or_add_rPr())
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        normal.element.get_or_add_rPr().append(lang)
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        # Document defaults too, so that table styles and headers never fall back to the
        # theme font (Cambria/Calibri in python-docx's default template).
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
            if rpr is not None:
                _set_run_fonts(rpr)
        self._font_table_alt_name()

    def _font_table_alt_name(self) -> None:
        from lxml import etree

        for rel in self.doc.part.rels.values():
            if rel.reltype.endswith("/fontTable"):
                part = rel.target_part
                root = etree.fromstring(part.blob)
                for font in root.iter(qn("w:font")):
                    if font.get(qn("w:name")) == FONT and font.find(qn("w:altName")) is None:
                        alt = etree.SubElement(font, qn("w:altName"))
                        alt.set(qn("w:val"), FALLBACK_FONT)
                        font.remove(alt)
                        font.insert(0, alt)
                part._blob = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )

    def _page_numbers(self, section) -> None:
        """Page numbers centred at the top, from page 2 on (NĐ 30/2020 Phụ lục I)."""
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "26")
        rpr.append(size)
        run.append(rpr)
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    def new_section(self, *, landscape: bool, margins_mm=(20, 20, 30, 15)) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape, margins_mm)
        section.different_first_page_header_footer = False

    # --- paragraphs ------------------------------------------------------------------

    def _new_paragraph(self, container) -> Paragraph:
        if isinstance(container, _Cell):
            first = container.paragraphs[0]
            if not first.runs and not any(first._p is el for el in self._claimed):
                self._claimed.append(first._p)
                return first
            return container.add_paragraph()
        return (container or self.doc).add_paragraph()

    def p(
        self,
        content: str | Sequence[Run] = "",
        *,
        container=None,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        color: RGBColor | None = None,
        align: str = "justify",
        first_line_cm: float | None = None,
        left_cm: float | None = None,
        right_cm: float | None = None,
        before: float = 0,
        after: float = 0,
        line: float | None = None,
        keep_next: bool = False,
    ) -> Paragraph:
        """A paragraph of one run (a string) or several runs ((text, format) pairs)."""
        paragraph = self._new_paragraph(container)
        fmt = paragraph.paragraph_format
        paragraph.alignment = ALIGN[align]
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if line:
            fmt.line_spacing = line
        if first_line_cm is not None:
            fmt.first_line_indent = Cm(first_line_cm)
        if left_cm is not None:
            fmt.left_indent = Cm(left_cm)
        if right_cm is not None:
            fmt.right_indent = Cm(right_cm)
        if keep_next:
            fmt.keep_with_next = True
        runs: Iterable[Run] = (
            [(content, {})] if isinstance(content, str) else content  # type: ignore[list-item]
        )
        base = {"size": size, "bold": bold, "italic": italic, "color": color}
        for text, own in runs:
            if not text:
                continue
            style = {**base, **own}
            run = paragraph.add_run(text)
            run.font.size = Pt(style["size"] or self.body_size)
            run.font.bold = style["bold"] or None
            run.font.italic = style["italic"] or None
            if style["color"] is not None:
                run.font.color.rgb = style["color"]
        return paragraph

    def tag(self, tag: str, container=None) -> Paragraph:
        """A paragraph holding only a docxtpl paragraph tag ("{%p for … %}")."""
        return self.p(tag, container=container, align="left", size=2)

    def rule(self, container, *, width_cm: float, box_cm: float, after: float = 0) -> Paragraph:
        """A short horizontal rule centred in a box of ``box_cm`` (under the issuer,
        under the Tiêu ngữ, under the trích yếu): a paragraph with a top border,
        narrowed by indents."""
        side = max(0.0, (box_cm - width_cm) / 2)
        paragraph = self.p(
            "", container=container, left_cm=side, right_cm=side, size=2, before=3, after=after
        )
        ppr = paragraph._p.get_or_add_pPr()
        # The paragraph mark's size sets the empty line's height: keep it tiny.
        mark = OxmlElement("w:rPr")
        mark_size = OxmlElement("w:sz")
        mark_size.set(qn("w:val"), "4")
        mark.append(mark_size)
        ppr.append(mark)
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
            top.set(qn(f"w:{key}"), value)
        borders.append(top)
        # pBdr must come before spacing/ind/jc in the schema order.
        ppr.insert(0, borders) if ppr.find(qn("w:pStyle")) is None else ppr.insert(1, borders)
        run = paragraph.add_run("")
        run.font.size = Pt(2)
        return paragraph

    def page_break(self) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    # --- tables ----------------------------------------------------------------------

    def table(
        self,
        widths_cm: Sequence[float],
        rows: int = 1,
        *,
        grid: bool = False,
        container=None,
        heights_cm: Sequence[float] | None = None,
        exact: bool = False,
    ) -> Table:
        parent = container or self.doc
        table = parent.add_table(rows=rows, cols=len(widths_cm))
        if grid:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            # 1 mm in layout tables (the header columns need the width), 1.5 mm in ruled ones.
            el.set(qn("w:w"), "85" if grid else "57")
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tbl_pr.append(margins)
        grid_el = table._tbl.tblGrid
        for col, width in zip(grid_el.findall(qn("w:gridCol")), widths_cm, strict=True):
            col.set(qn("w:w"), str(int(width * 567)))
        for row_index, row in enumerate(table.rows):
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)
            if heights_cm is not None:
                self.row_height(row, heights_cm[row_index], exact=exact)
        return table

    @staticmethod
    def row_height(row, height_cm: float, *, exact: bool) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(int(height_cm * 567)))
        height.set(qn("w:hRule"), "exact" if exact else "atLeast")
        tr_pr.append(height)

    def add_row(self, table: Table, widths_cm: Sequence[float]):
        row = table.add_row()
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
        return row

    @staticmethod
    def cant_split(row) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))

    @staticmethod
    def repeat_header(row) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)

    @staticmethod
    def cell_valign_center(cell: _Cell) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        valign = OxmlElement("w:vAlign")
        valign.set(qn("w:val"), "center")
        tc_pr.append(valign)

    # --- page border (certificates) ------------------------------------------------------

    def page_border(self, *, color: str = "B8860B") -> None:
        sect_pr = self.doc.sections[0]._sectPr
        borders = OxmlElement("w:pgBorders")
        borders.set(qn("w:offsetFrom"), "page")
        for side in ("top", "left", "bottom", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "thinThickThinMediumGap")
            el.set(qn("w:sz"), "24")
            el.set(qn("w:space"), "24")
            el.set(qn("w:color"), color)
            borders.append(el)
        # pgBorders goes after pgMar in CT_SectPr's sequence.
        pg_mar = sect_pr.find(qn("w:pgMar"))
        pg_mar.addnext(borders)

    # --- saving ----------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The .docx bytes, reproducible: fixed properties and zip timestamps."""
        props = self.doc.core_properties
        props.author = "thidua"
        props.last_modified_by = "thidua"
        props.created = FIXED_TIME
        props.modified = FIXED_TIME
        props.revision = 1
        props.title = ""
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a .docx zip with fixed timestamps and sorted-stable order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()

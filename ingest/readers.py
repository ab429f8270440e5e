"""Readers: a document file -> its raw text. .txt (encoding detected), .docx (paragraphs and
tables, tables as tab-separated rows), .html/.htm (text without scripts, menus, headers and
footers), .pdf (text layer). Failures raise InputError naming the file. Cost: one read."""

from __future__ import annotations

import html.parser
import logging
import re
import zipfile
from itertools import islice
from pathlib import Path

from policygraph.errors import InputError

SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CELL_BREAK = "\x1e"  # a line break inside an HTML table cell, while the page is being read
# A line opening with a heading numeral starts a paragraph even after a full-width line.
_HEADING_START = re.compile(
    r"\s*([一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．]|[(（]\d{1,2}[)）]|——)"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _plausible(text: str) -> bool:
    """Decoded text that reads as Chinese prose: some CJK, (almost) no control characters."""
    if not text.strip():
        return True
    if len(_CONTROL.findall(text)) > len(text) // 1000:
        return False
    needed = min(20, len(text) // 20)
    return sum(1 for _ in islice(_CJK.finditer(text), needed)) >= needed


def decode_text(data: bytes, path) -> str:
    """Text of a .txt file's bytes: BOMs honoured (UTF-8, UTF-16), else UTF-8, UTF-16 without BOM,
    GB18030 (covers GBK/GB2312), else charset-normalizer's guess; refuses binary data."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        if not data[3:].strip():
            raise InputError(path, "empty file (only a byte-order mark)")
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"broken UTF-16 text ({exc.reason})") from None
    candidates = ["utf-8", "gb18030"]
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 == 0 and even + odd and min(even, odd) * 10 <= max(even, odd):
        # UTF-16 without a BOM: ASCII characters (newlines, digits) put their zero byte on one side.
        candidates = ["utf-16-le" if odd > even else "utf-16-be"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8":
                _refuse_damaged_utf8(data, exc, path)
            continue
        # Valid UTF-8 is unambiguous; other decodings must also read as Chinese.
        if (encoding == "utf-8" and not _CONTROL.search(text)) or _plausible(text):
            return text
    if b"\x00" in data:
        raise InputError(path, "binary file, not text (expected UTF-8, GB18030/GBK or UTF-16 text)")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - detection library failure is treated as undetected
        best = None
    if best is not None and _plausible(str(best)):
        return str(best)
    raise InputError(path, "unknown text encoding (save it as UTF-8 and try again)")


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError, path) -> None:
    """UTF-8 text with a few broken bytes (a damaged or mixed-encoding file) would decode as
    GB18030 mojibake: say so instead of guessing."""
    lenient = data.decode("utf-8", errors="replace")
    prefix = data[: exc.start].decode("utf-8")
    # A few broken bytes, or a long stretch of Chinese read as UTF-8 before the break (a file
    # pasted together from differently encoded parts: GB18030 would misread that stretch).
    if (lenient.count("\ufffd") * 50 <= len(lenient) and _plausible(lenient)) or len(
        _CJK.findall(prefix[:4000])
    ) >= 20:
        raise InputError(
            path, f"invalid UTF-8 at byte {exc.start} (damaged or mixed encoding; re-save it as UTF-8)"
        )


def _joined_cell_lines(lines: list[str]) -> str:
    """One table cell's lines as one string: short lines (units one per line) joined with 、,
    longer ones (a paragraph broken up) run together."""
    parts = [line.strip() for line in lines if line.strip()]
    short = all(len(p) <= 24 and not p.endswith(("。", "；", ";")) for p in parts)
    return ("、" if short and len(parts) > 1 else "").join(parts).replace("\t", " ")


def _cell_text(cell) -> str:
    return _joined_cell_lines([p.text for p in cell.paragraphs])


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_DIGITS = "零一二三四五六七八九"


def _chinese_number(n: int) -> str:
    if n < 10:
        return _CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" + (_CHINESE_DIGITS[ones] if ones else "")


def _format_number(n: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japanese")):
        return _chinese_number(n)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(n)


class _ListNumbers:
    """Word's automatic numbering rendered as text (一、 / （一） / 1.), so numbered headings
    and items written with list styles read like typed ones."""

    def __init__(self, document):
        self.levels: dict[int, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[int, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return

        def value(lvl, tag, default=""):
            node = lvl.find(_W + tag)
            return node.get(_W + "val") if node is not None else default

        abstract = {}
        for item in root.findall(_W + "abstractNum"):
            abstract[item.get(_W + "abstractNumId")] = {
                int(lvl.get(_W + "ilvl")): (
                    value(lvl, "numFmt", "decimal"),
                    value(lvl, "lvlText"),
                    int(value(lvl, "start", "1") or 1),
                )
                for lvl in item.findall(_W + "lvl")
            }
        for num in root.findall(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                self.levels[int(num.get(_W + "numId"))] = abstract.get(ref.get(_W + "val"), {})

    def label(self, paragraph) -> str:
        """The number Word shows before `paragraph` ('' when it is not numbered)."""
        num_pr = None
        if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
            num_pr = paragraph._p.pPr.numPr
        elif paragraph.style is not None and paragraph.style.element.pPr is not None:
            num_pr = paragraph.style.element.pPr.numPr
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = num_pr.numId.val
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        levels = self.levels.get(num_id, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        fmt, text, _start = levels[level]
        if fmt in ("bullet", "none"):
            return ""

        def render(m):
            k = int(m.group(1)) - 1
            k_fmt, _, k_start = levels.get(k, ("decimal", "", 1))
            return _format_number(counters.get(k, k_start), k_fmt)

        return re.sub(r"%(\d)", render, text)


def _misnamed_or_damaged(path: Path, magic: bytes) -> str:
    """Why a container file failed to open: another kind of file under this suffix, or a damaged one."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        return "unreadable"
    if not head.strip():
        return "empty file"
    return "damaged or truncated" if magic in head else f"some other kind of file named {path.suffix}"


def read_docx(path: Path) -> str:
    """Paragraphs in body order (automatic list numbers written out); each table row as one line
    of tab-separated cells."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except zipfile.BadZipFile:
        raise InputError(
            path,
            f"not a readable .docx file ({_misnamed_or_damaged(path, b'PK')}; re-save it from Word as .docx)",
        ) from None
    except (PackageNotFoundError, KeyError, ValueError):
        problem = (
            "a zip archive without a Word document in it"
            if zipfile.is_zipfile(path)
            else _misnamed_or_damaged(path, b"PK")
        )
        raise InputError(
            path, f"not a readable .docx file ({problem}; re-save it from Word as .docx)"
        ) from None
    numbers = _ListNumbers(document)
    lines = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            lines.append(numbers.label(paragraph) + paragraph.text)
        elif tag == "tbl":
            for row in Table(element, document).rows:
                cells, previous = [], None
                for cell in row.cells:
                    if cell._tc is previous:  # a horizontally merged cell repeats
                        continue
                    previous = cell._tc
                    cells.append(_cell_text(cell))
                # A row merged across the table (a group heading) stays a row of the table.
                lines.append("\t".join(cells) + ("\t" if len(cells) == 1 and len(row.cells) > 1 else ""))
    return "\n".join(lines)


class _HTMLText(html.parser.HTMLParser):
    """Visible text of a page without scripts, styles, menus, headers, footers and forms."""

    SKIP = frozenset(
        {
            "title",
            "script",
            "style",
            "nav",
            "header",
            "footer",
            "aside",
            "noscript",
            "form",
            "select",
            "button",
            "iframe",
        }
    )
    BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "section",
            "article",
            "ul",
            "ol",
            "dd",
            "dt",
        }
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.first_cell = True
        self.in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in ("td", "th"):
            if not self.first_cell:
                self.parts.append("\t")
            self.first_cell = False
            self.in_cell = True
        elif tag in self.BLOCK:
            # Inside a cell a break (units listed one per line) must not end the table row.
            self.parts.append(_CELL_BREAK if self.in_cell and tag not in ("tr", "table") else "\n")
            if tag == "tr":
                self.first_cell = True
                self.in_cell = False

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in ("td", "th"):
            self.in_cell = False
        elif tag in self.BLOCK:
            self.parts.append(_CELL_BREAK if self.in_cell and tag not in ("tr", "table") else "\n")
            if tag in ("tr", "table"):
                self.in_cell = False

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))

    def text(self) -> str:
        return "\n".join(
            "\t".join(_joined_cell_lines(cell.split(_CELL_BREAK)) for cell in line.split("\t"))
            for line in "".join(self.parts).split("\n")
        )


def read_html(path: Path) -> str:
    data = path.read_bytes()
    declared = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    text = None
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode_text(data, path)
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return parser.text()


def _unwrap(page_text: str) -> str:
    """Rejoin a PDF page's wrapped lines: a line filled to (nearly) the page's widest line, not
    ending a sentence, continues on the next line."""
    lines = page_text.split("\n")
    widest = max((len(line.rstrip()) for line in lines), default=0)
    out: list[str] = []
    joining = False
    for line in lines:
        line = line.rstrip()
        if joining and out and not _HEADING_START.match(line):
            out[-1] += line.lstrip()
        else:
            out.append(line)
        joining = len(line) >= widest * 0.9 and widest >= 20 and not line.endswith(("。", "：", ":", "；"))
    return "\n".join(out)


def read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        # pypdf logs repairs of damaged files ("EOF marker not found") to stderr: the one-line
        # InputError below says it instead.
        logging.getLogger("pypdf").setLevel(logging.CRITICAL)
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise InputError(path, "encrypted PDF (remove the password first)")
        text = "\n".join(_unwrap(page.extract_text() or "") for page in reader.pages)
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        problem = _misnamed_or_damaged(path, b"%PDF")
        raise InputError(
            path,
            f"not a readable PDF ({problem}: {exc})"
            if problem == "damaged or truncated"
            else f"not a readable PDF ({problem})",
        ) from None
    if not _CJK.search(text):
        raise InputError(path, "PDF has no text layer (a scan?): run OCR on it first")
    return text


def read_document(path) -> str:
    """Raw text of one document, by its suffix (unknown suffixes are read as text)."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory")
    try:
        suffix = path.suffix.lower()
        if suffix == ".docx":
            return read_docx(path)
        if suffix in (".html", ".htm"):
            return read_html(path)
        if suffix == ".pdf":
            return read_pdf(path)
        return decode_text(path.read_bytes(), path)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"wrong text encoding ({exc.reason})") from None

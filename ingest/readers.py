"""Readers: a document file -> its raw text. .txt (encoding detected), .docx (paragraphs and
tables, tables as tab-separated rows), .html/.htm (text without scripts, menus, headers and
footers), .pdf (text layer). Failures raise InputError naming the file. Cost: one read.

Only regular files are read (a FIFO, a device or a folder is refused before it is opened for
reading, so nothing hangs), and no more than the size limit: MAX_FILE_MB megabytes, or the
environment variable POLICYGRAPH_MAX_FILE_MB. A .docx is also refused when its parts unpack to
more than that limit, or one part unpacks at a ratio no document reaches (a zip bomb), before
anything in it is parsed."""

from __future__ import annotations

import html.parser
import logging
import os
import re
import stat
import zipfile
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from policygraph.errors import InputError, PolicygraphError
from policygraph.ingest.segment import HEADING_START

SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf")
MAX_FILE_MB = 50  # default size limit, for a file and for a .docx's unpacked parts
MAX_FILE_MB_VARIABLE = "POLICYGRAPH_MAX_FILE_MB"
# Word's own XML packs at 5:1 to 30:1; a part unpacking at more than this (and to more than
# ZIP_BOMB_MIN_BYTES) is made to exhaust memory, whatever the size limit says.
ZIP_BOMB_RATIO = 200
ZIP_BOMB_MIN_BYTES = 4 * 1024 * 1024
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CELL_BREAK = "\x1e"  # a line break inside an HTML table cell, while the page is being read
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Characters a Chinese plan is written in: ASCII, Latin-1 signs, pinyin letters, punctuation,
# arrows, maths, circled numbers, box drawing, shapes, CJK punctuation, bopomofo, the unified
# ideographs, CJK compatibility and small forms, full-width forms. A wrong decoding (Big5 read
# as GB18030, UTF-8 read as UTF-16) turns much of a text into kana, Greek, Cyrillic, Hangul,
# private-use or control characters instead.
_LIKELY_RUN = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u024f\u02c7-\u02d9\u2000-\u206f\u2100-\u27bf\u3000-\u303f"
    r"\u3100-\u312f\u4e00-\u9fff\ufe30-\ufe6f\ufeff\uff00-\uffef]+"
)
# A decoding is accepted when at most this share of its characters is unlikely; between the
# candidates, the one with the fewest unlikely characters wins, ties going to the earlier one.
MAX_UNLIKELY_SHARE = 0.05
_SAMPLE_CHARS = 65536  # characters scored from each of the start, middle and end of a text
_BYTES_PER_MB = 1024 * 1024


def max_file_bytes() -> int:
    """The size limit in bytes: POLICYGRAPH_MAX_FILE_MB (a positive number of megabytes), else MAX_FILE_MB."""
    value = os.environ.get(MAX_FILE_MB_VARIABLE, "").strip()
    if not value:
        return MAX_FILE_MB * _BYTES_PER_MB
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = 0.0  # refused below (a float, as float() answers)
    if not megabytes > 0:
        raise PolicygraphError(
            f"{MAX_FILE_MB_VARIABLE} must be a positive number of megabytes, not {value!r}"
        )
    return int(megabytes * _BYTES_PER_MB)


def _megabytes(size: int) -> str:
    if size < _BYTES_PER_MB:
        return f"{size / 1024:,.1f} KB"
    return f"{size / _BYTES_PER_MB:,.1f} MB"


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str:
    """Why a file of this mode is not read ('' for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "is a folder, not a document"
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    return f"not a regular file: {kind}"


def open_document(path: Path, limit: int | None = None) -> BinaryIO:
    """The file at `path` opened for reading, once it is known to be a regular file of at most
    `limit` bytes (default: max_file_bytes()). Never blocks: FIFOs and devices are refused from
    their metadata, and the open itself does not wait for a writer."""
    limit = max_file_bytes() if limit is None else limit
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file (or a link to nothing)") from None
    problem = _not_regular(before.st_mode)
    if problem.startswith("is a folder"):
        problem = _folder_problem(path)
    if problem:
        raise InputError(path, problem)
    # O_NONBLOCK: if the name was swapped for a FIFO since the stat, opening it must not wait.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    handle = os.fdopen(descriptor, "rb")
    try:
        after = os.fstat(descriptor)
        problem = _not_regular(after.st_mode)
        if problem:
            raise InputError(path, problem)
        if after.st_size > limit:
            raise InputError(path, _too_big(after.st_size, limit))
    except BaseException:
        handle.close()
        raise
    return handle


def _too_big(size: int, limit: int) -> str:
    return f"{_megabytes(size)}, larger than the {_megabytes(limit)} limit ({MAX_FILE_MB_VARIABLE})"


def _read_bounded(handle: BinaryIO, path: Path, limit: int) -> bytes:
    """All of a file's bytes, but never more than `limit` (a file can grow after its size was checked)."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(path, _too_big(len(data), limit))
    return data


def _unlikely_share(text: str) -> float:
    """Share of characters outside what Chinese plans are written in, over up to three samples."""
    if len(text) > 3 * _SAMPLE_CHARS:
        middle = len(text) // 2
        text = (
            text[:_SAMPLE_CHARS]
            + text[middle - _SAMPLE_CHARS // 2 : middle + _SAMPLE_CHARS // 2]
            + text[-_SAMPLE_CHARS:]
        )
    if not text:
        return 0.0
    return len(_LIKELY_RUN.sub("", text)) / len(text)


def _plausible(text: str) -> bool:
    """Decoded text that reads as Chinese prose: some CJK, (almost) no control characters."""
    if not text.strip():
        return True
    if len(_CONTROL.findall(text)) > len(text) // 1000:
        return False
    needed = min(20, len(text) // 20)
    return sum(1 for _ in islice(_CJK.finditer(text), needed)) >= needed


def _candidate_encodings(data: bytes) -> list[str]:
    """Encodings to try, in order of preference. UTF-16 without a BOM only when there are zero
    bytes (every ASCII character, newlines included, has one); Big5 (Windows' cp950) after
    GB18030, since short GB texts sometimes decode as Big5 too."""
    encodings = ["utf-8"]
    if b"\x00" in data and len(data) % 2 == 0:
        encodings += ["utf-16-le", "utf-16-be"]
    return [*encodings, "gb18030", "cp950"]


def decode_text(data: bytes, path) -> str:
    """Text of a .txt file's bytes: BOMs honoured (UTF-8, UTF-16); else whichever of UTF-8,
    UTF-16 LE/BE without BOM, GB18030 (covers GBK/GB2312) and Big5 yields the fewest characters
    no plan is written in; else charset-normalizer's guess. Refuses binary data and text that
    decodes only to unlikely characters. NUL characters are removed."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        if not data[3:].strip():
            raise InputError(path, "empty file (only a byte-order mark)")
        return data[3:].decode("utf-8", errors="strict").replace("\x00", "")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").replace("\x00", "")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"broken UTF-16 text ({exc.reason})") from None
    best: tuple[float, str] | None = None  # (unlikely share, text)
    for encoding in _candidate_encodings(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8":
                _refuse_damaged_utf8(data, exc, path)
            continue
        if encoding != "utf-8" and not _plausible(text.replace("\x00", "")):
            continue
        share = _unlikely_share(text)
        # Valid UTF-8 that reads as text is taken at once; others must beat what came before
        # by a clear margin (a GB18030 text that also decodes as Big5 stays GB18030).
        if encoding == "utf-8" and share <= MAX_UNLIKELY_SHARE / 5:
            return text.replace("\x00", "")
        if best is None or share < best[0] - 0.01:
            best = (share, text)
        if best[0] < 0.01:
            break  # no later candidate can beat it by the margin
    if best is not None and best[0] <= MAX_UNLIKELY_SHARE:
        return best[1].replace("\x00", "")
    if b"\x00" in data:
        raise InputError(path, "binary file, not text (expected UTF-8, GB18030/GBK, Big5 or UTF-16 text)")
    if best is not None:
        raise InputError(
            path,
            f"unknown text encoding: read in any supported encoding, {best[0]:.0%} of its characters "
            "are ones no plan is written in (kana, private-use, control characters)",
        )
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
    except Exception:  # pragma: no cover - detection library failure is treated as undetected
        guess = None
    if guess is not None and _plausible(str(guess)) and _unlikely_share(str(guess)) <= MAX_UNLIKELY_SHARE:
        return str(guess).replace("\x00", "")
    raise InputError(path, "unknown text encoding (expected UTF-8, GB18030/GBK, Big5 or UTF-16 text)")


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError, path) -> None:
    """UTF-8 text with a few broken bytes (a damaged or mixed-encoding file) would decode as
    GB18030 mojibake: say so instead of guessing."""
    prefix = data[: exc.start].decode("utf-8")
    # A few broken bytes, or a long stretch of Chinese read as UTF-8 before the break (a file
    # pasted together from differently encoded parts: GB18030 would misread that stretch).
    if len(_CJK.findall(prefix[:4000])) >= 20 or (
        (lenient := _mostly_utf8(data)) is not None and _plausible(lenient)
    ):
        raise InputError(
            path, f"invalid UTF-8 at byte {exc.start} (damaged or mixed encoding; re-save it as UTF-8)"
        )


def _lenient_utf8(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _mostly_utf8(data: bytes) -> str | None:
    """`data` read as UTF-8 when at most one character in 50 is a broken byte sequence (U+FFFD),
    else None. Text in another encoding (GB18030) breaks often in its first part already (512
    bytes and a twentieth of it): their count decides without decoding the rest (a sequence cut
    at the end of that piece may be whole in the text: the piece counts one more at most)."""
    piece = data[: 512 + len(data) // 20]
    if len(piece) < len(data) and (_lenient_utf8(piece).count("\ufffd") - 1) * 50 > len(data):
        return None  # the whole text, no longer in characters than in bytes, has more
    lenient = _lenient_utf8(data)
    return lenient if lenient.count("\ufffd") * 50 <= len(lenient) else None


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


def _misnamed_or_damaged(head: bytes, magic: bytes, suffix: str) -> str:
    """Why a container file failed to open, from its first bytes: another kind of file under
    this suffix, or a damaged one."""
    if not head.strip():
        return "empty file"
    return "damaged or truncated" if magic in head else f"some other kind of file named {suffix}"


def _head(handle: BinaryIO) -> bytes:
    handle.seek(0)
    head = handle.read(1024)
    handle.seek(0)
    return head


def _first_line(exc: BaseException) -> str:
    """An exception's message as one short line (lxml appends '(<string>, line 1)')."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = re.sub(r"\s*\(<string>, line \d+\)$", "", text)
    return text if len(text) <= 160 else text[:157] + "..."


def _check_unpacked_sizes(archive: zipfile.ZipFile, path: Path, limit: int) -> None:
    """Refuse a .docx whose parts would unpack to more than `limit` bytes, or one part of which
    unpacks at a zip bomb's ratio, before anything is decompressed. The sizes are the archive's
    own claims; zipfile never unpacks more than a part claims (it stops there and fails the CRC)."""
    parts = archive.infolist()
    total = sum(part.file_size for part in parts)
    if total > limit:
        raise InputError(
            path,
            f"its parts unpack to {_megabytes(total)}, more than the {_megabytes(limit)} limit "
            f"({MAX_FILE_MB_VARIABLE})",
        )
    for part in parts:
        if part.file_size > ZIP_BOMB_MIN_BYTES and part.file_size > ZIP_BOMB_RATIO * max(
            part.compress_size, 1
        ):
            raise InputError(
                path,
                f"{part.filename} unpacks from {_megabytes(part.compress_size)} to {_megabytes(part.file_size)} "
                f"(more than {ZIP_BOMB_RATIO} times: a zip bomb, not a Word document)",
            )


def read_docx(path: Path, handle: BinaryIO | None = None, limit: int | None = None) -> str:
    """Paragraphs in body order (automatic list numbers written out); each table row as one line
    of tab-separated cells. Sizes are checked first (see _check_unpacked_sizes); python-docx's
    XML parser resolves no entities and keeps libxml2's limits (no huge_tree), and any XML
    error in a part is a one-line InputError."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    if handle is None:
        with open_document(path, limit) as opened:
            return read_docx(path, opened, limit)
    limit = max_file_bytes() if limit is None else limit
    head = _head(handle)
    has_document = False
    try:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        with zipfile.ZipFile(handle) as archive:
            _check_unpacked_sizes(archive, path, limit)
            has_document = any(name.startswith("word/") for name in archive.namelist())
        handle.seek(0)
        document = docx.Document(handle)
    except zipfile.BadZipFile as exc:
        problem = _misnamed_or_damaged(head, b"PK", path.suffix)
        if problem == "damaged or truncated" and "CRC" in str(exc):
            problem = f"damaged: {_first_line(exc)}"
        raise InputError(
            path, f"not a readable .docx file ({problem}; re-save it from Word as .docx)"
        ) from None
    except etree.LxmlError as exc:
        raise InputError(path, f"not a readable .docx file (broken XML inside: {_first_line(exc)})") from None
    except (PackageNotFoundError, KeyError, ValueError):
        problem = (
            "a zip archive without a Word document in it" if not has_document else "damaged or truncated"
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


def read_html(path: Path, handle: BinaryIO | None = None, limit: int | None = None) -> str:
    if handle is None:
        with open_document(path, limit) as opened:
            return read_html(path, opened, limit)
    data = _read_bounded(handle, path, max_file_bytes() if limit is None else limit)
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
        # A line opening with a heading numeral starts a paragraph even after a full-width line.
        if joining and out and not HEADING_START.match(line):
            out[-1] += line.lstrip()
        else:
            out.append(line)
        joining = len(line) >= widest * 0.9 and widest >= 20 and not line.endswith(("。", "：", ":", "；"))
    return "\n".join(out)


def read_pdf(path: Path, handle: BinaryIO | None = None) -> str:
    if handle is None:
        with open_document(path) as opened:
            return read_pdf(path, opened)
    head = _head(handle)
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        # pypdf logs repairs of damaged files ("EOF marker not found") to stderr: the one-line
        # InputError below says it instead.
        logging.getLogger("pypdf").setLevel(logging.CRITICAL)
        reader = PdfReader(handle)
        if reader.is_encrypted:
            raise InputError(path, "encrypted PDF (remove the password first)")
        text = "\n".join(_unwrap(page.extract_text() or "") for page in reader.pages)
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        problem = _misnamed_or_damaged(head, b"%PDF", path.suffix)
        raise InputError(
            path,
            f"not a readable PDF ({problem}: {_first_line(exc)})"
            if problem == "damaged or truncated"
            else f"not a readable PDF ({problem})",
        ) from None
    if not _CJK.search(text):
        raise InputError(path, "PDF has no text layer (a scan?): run OCR on it first")
    return text


def _folder_problem(path: Path) -> str:
    """What reading a folder as a document says: whether its documents could be listed at all."""
    try:
        with os.scandir(path):
            pass
    except PermissionError:
        return "folder not readable (permission denied): the documents in it were not read"
    except OSError as exc:
        return f"folder not readable ({exc.strerror or exc}): the documents in it were not read"
    return "is a folder, not a document"


def document_paths(folder) -> list[Path]:
    """Every document under `folder`, in sorted order: entries whose suffix is in SUFFIXES and
    whose name does not start with '.', whatever kind of file they are (reading a FIFO or a
    device then fails in one line instead of it being skipped unseen), plus every sub-folder
    that could not be listed, as an entry of its own (reading it says so in one line). Links to
    folders are not followed. Cost: one directory listing per folder."""
    found: list[Path] = []
    pending = [Path(folder)]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError:
            found.append(current)
            continue
        for entry in listed:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                pending.append(Path(entry.path))
            elif entry.name.lower().endswith(SUFFIXES) and not entry.name.startswith("."):
                found.append(Path(entry.path))
    return sorted(found)


def read_document(path) -> str:
    """Raw text of one document, by its suffix (unknown suffixes are read as text). Any failure
    to read it, whatever library raised it, is an InputError naming the file."""
    path = Path(path)
    limit = max_file_bytes()
    try:
        with open_document(path, limit) as handle:
            suffix = path.suffix.lower()
            if suffix == ".docx":
                text = read_docx(path, handle, limit)
            elif suffix in (".html", ".htm"):
                text = read_html(path, handle, limit)
            elif suffix == ".pdf":
                text = read_pdf(path, handle)
            else:
                text = decode_text(_read_bounded(handle, path, limit), path)
    except InputError:
        raise
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a document") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"wrong text encoding ({exc.reason})") from None
    except MemoryError:
        raise InputError(path, "too large to read in the memory available") from None
    except OSError as exc:
        raise InputError(path, f"could not be read ({exc.strerror or _first_line(exc)})") from None
    except Exception as exc:  # a reader library's own error: this file fails, the batch goes on
        raise InputError(path, f"could not be read ({type(exc).__name__}: {_first_line(exc)})") from None
    # NUL characters are never data in a plan, and the engine's query text cannot carry them.
    return text.replace("\x00", "")

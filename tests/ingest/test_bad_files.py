"""Real bad files, as users produce them: each gives one line naming the file and the problem,
a directory batch goes on past them, and the command exits 1."""

from __future__ import annotations

import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from policygraph.errors import InputError
from policygraph.ingest import parse_file

UNSEEN = Path(__file__).parents[1] / "fixtures" / "unseen"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17) + b"IDAT" + zlib.compress(bytes(2000))


def _zip_of_other_things(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.md", "not a Word document")
        archive.writestr("data.csv", "a,b\n1,2\n")


def _mixed_encodings(path: Path) -> None:
    text = (UNSEEN / "01_hunan_one_line_labels.txt").read_text(encoding="utf-8")
    half = len(text) // 2
    path.write_bytes(text[:half].encode("utf-8") + text[half:].encode("gb18030"))


BAD_FILES = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty file"),
    "bom_only.txt": (lambda p: p.write_bytes(b"\xef\xbb\xbf\r\n"), "empty file"),
    "picture.txt": (lambda p: p.write_bytes(PNG), "binary file"),
    "picture.docx": (lambda p: p.write_bytes(PNG), "some other kind of file named .docx"),
    "archive.docx": (_zip_of_other_things, "a zip archive without a Word document"),
    "truncated.docx": (
        lambda p: p.write_bytes((UNSEEN / "08_yinzhou_docx_table.docx").read_bytes()[:1500]),
        "damaged or truncated",
    ),
    "truncated.pdf": (
        lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"),
        "damaged or truncated",
    ),
    "picture.pdf": (lambda p: p.write_bytes(PNG), "some other kind of file named .pdf"),
    "mixed.txt": (_mixed_encodings, "mixed encoding"),
    "chrome_only.html": (
        lambda p: p.write_text(
            "<html><body><p>当前位置：首页 > 政务公开</p><p>扫一扫在手机打开当前页</p></body></html>",
            encoding="utf-8",
        ),
        "no text left",
    ),
    "prose.txt": (
        lambda p: p.write_text("本文是一段说明，没有列出任何具体任务，也没有分工。\n", encoding="utf-8"),
        "no tasks found",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_one_line_naming_it(tmp_path, name):
    make, problem = BAD_FILES[name]
    path = tmp_path / name
    make(path)
    with pytest.raises(InputError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert name in message and problem in message and "\n" not in message


def test_a_directory_with_bad_files_among_good_ones_goes_on_and_exits_1(tmp_path):
    for name, (make, _problem) in BAD_FILES.items():
        make(tmp_path / name)
    for good in ("01_hunan_one_line_labels.txt", "07_horqin_gbk.txt", "08_yinzhou_docx_table.docx"):
        (tmp_path / good).write_bytes((UNSEEN / good).read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "policygraph", "parse", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 3  # the three good plans, one JSON object each
    listed = [
        line for line in result.stderr.splitlines() if line.startswith("  ")
    ]  # the failures, at the end
    assert sorted(line.split(": ")[0].rsplit("/", 1)[1] for line in listed) == sorted(BAD_FILES)
    assert f"3 parsed, {len(BAD_FILES)} failed" in result.stderr
    # Nothing but these lines on stderr: no tracebacks, no library warnings.
    assert all(
        line.startswith(("error: ", "parsed ", "  ", "3 parsed")) for line in result.stderr.splitlines()
    )

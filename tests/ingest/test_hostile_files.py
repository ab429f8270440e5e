"""Hostile and odd files, all made here: broken or booby-trapped .docx, zip bombs, FIFOs and
devices, files over the size limit, BOM-less UTF-16, Big5, NUL bytes, text in no supported
encoding, unreadable sub-folders. Each gives its file one line; nothing hangs or eats memory."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from policygraph.errors import InputError
from policygraph.ingest import iter_documents, parse_file, readers
from policygraph.ingest.readers import decode_text, read_document

# Written for these tests, in traditional characters (Big5 cannot hold simplified ones).
TRADITIONAL_PLAN = (
    "江城市推動科學普及工作實施方案\n"
    "一、重點任務\n"
    "（一）建設科普場館。改造展廳，充實展品。（牽頭單位：市科協，配合單位：市財政局、市教育局）\n"
    "（二）開展科普活動。每年舉辦科技活動週。（牽頭單位：市科技局）\n"
    "（三）培育科普人才隊伍。（牽頭單位：市人力資源和社會保障局，配合單位：市科協）\n"
)
# Simplified, with many 一 (U+4E00) and ideographic spaces (U+3000): their UTF-16 has a zero
# byte on the side where ASCII characters have theirs.
SIMPLIFIED_PLAN = (
    "江城市全民科学素质提升实施方案\n"
    "一、重点任务\n"
    "（一）建设一批科普场馆。\u3000\u3000改造一批展厅，统一更新展品。（牵头单位：市科协，配合单位：市财政局）\n"
    "（二）开展一系列科普活动。\u3000\u3000每年举办一次科技活动周。（牵头单位：市科技局）\n"
    "（三）培育一支科普人才队伍。\u3000\u3000（牵头单位：市人力资源和社会保障局，配合单位：市科协）\n"
)


def _word_file(
    path: Path, paragraphs=("江城市测试实施方案", "一、重点任务", "1.建设科普馆。（牵头单位：市科协）")
):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _replace_part(path: Path, name: str, content: bytes) -> None:
    """Rewrite one part of a .docx, keeping the others."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def make_cut_docx(path: Path) -> Path:
    """word/document.xml cut off in the middle of an element."""
    _word_file(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml")
    _replace_part(path, "word/document.xml", xml[: xml.index(b"<w:body>") + 40])
    return path


def make_entity_bomb_docx(path: Path) -> Path:
    """A billion-laughs bomb: ten levels of entities, each ten of the one below."""
    _word_file(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    entities = '<!ENTITY e0 "laugh">' + "".join(
        f'<!ENTITY e{level} "{f"&e{level - 1};" * 10}">' for level in range(1, 10)
    )
    declaration, body = xml.split("?>", 1)
    bomb = f"{declaration}?><!DOCTYPE w:document [{entities}]>{body.replace('江城市测试实施方案', '&e9;')}"
    _replace_part(path, "word/document.xml", bomb.encode("utf-8"))
    return path


def make_zip_bomb_docx(path: Path, unpacked_mb: int = 300) -> Path:
    """A .docx whose document.xml unpacks to `unpacked_mb` MB of paragraphs (about 1 MB packed)."""
    _word_file(path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    paragraph = "<w:p><w:r><w:t>江城市重点任务（牵头单位：市科协）</w:t></w:r></w:p>".encode() * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w") as part:
            part.write(
                b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
                b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(unpacked_mb * 1024 * 1024 // len(paragraph)):
                part.write(paragraph)
            part.write(b"</w:body></w:document>")
    return path


def _one_line_error(path, match: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message, message
    assert match in message, message
    return caught.value


def _policygraph(*args, timeout=60, memory_mb=None, **kwargs) -> subprocess.CompletedProcess:
    """Run the command line; `memory_mb` caps its address space, so a reader that would read
    without bound fails fast instead of taking the machine's memory."""

    def limit():
        import resource

        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return subprocess.run(
        [sys.executable, "-m", "policygraph", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit if memory_mb else None,
        **kwargs,
    )


# -- 1. any error while reading one file is that file's one-line failure ---------------------


def test_a_docx_cut_mid_element_is_one_line(tmp_path):
    _one_line_error(make_cut_docx(tmp_path / "cut.docx"), "broken XML inside")


def test_an_entity_bomb_docx_is_one_line_and_quick(tmp_path):
    _one_line_error(make_entity_bomb_docx(tmp_path / "laughs.docx"), "not a readable .docx file")


def test_a_batch_goes_on_past_broken_word_files(tmp_path):
    make_cut_docx(tmp_path / "a_cut.docx")
    make_entity_bomb_docx(tmp_path / "b_laughs.docx")
    _word_file(tmp_path / "c_good.docx")
    results = list(iter_documents([tmp_path]))
    assert [(d.path.name, d.error is None) for d in results] == [
        ("a_cut.docx", False),
        ("b_laughs.docx", False),
        ("c_good.docx", True),
    ]
    assert results[2].plan.tasks[0].lead == ["市科协"]


# -- 2. limits: sizes checked before reading, only regular files ------------------------------


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked(tmp_path):
    bomb = make_zip_bomb_docx(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 5 * 1024 * 1024
    error = _one_line_error(
        bomb, f"more than the {readers.MAX_FILE_MB:.1f} MB limit (POLICYGRAPH_MAX_FILE_MB)"
    )
    assert "unpack to 300" in error.problem


def test_a_zip_bomb_is_refused_by_its_ratio_whatever_the_limit(tmp_path, monkeypatch):
    bomb = make_zip_bomb_docx(tmp_path / "bomb.docx", unpacked_mb=40)
    monkeypatch.setenv("POLICYGRAPH_MAX_FILE_MB", "5000")
    _one_line_error(bomb, "zip bomb")


def test_the_size_limit_is_documented_and_can_be_changed(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_text(SIMPLIFIED_PLAN * 20, encoding="utf-8")  # about 14 KB
    assert parse_file(path).tasks
    monkeypatch.setenv("POLICYGRAPH_MAX_FILE_MB", "0.005")
    _one_line_error(path, "larger than the 5.1 KB limit (POLICYGRAPH_MAX_FILE_MB)")
    monkeypatch.setenv("POLICYGRAPH_MAX_FILE_MB", "lots")
    with pytest.raises(Exception, match="POLICYGRAPH_MAX_FILE_MB must be a positive number"):
        read_document(path)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "POLICYGRAPH_MAX_FILE_MB" in readme and f"{readers.MAX_FILE_MB} MB" in readme


def test_a_fifo_named_txt_does_not_hang(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    result = _policygraph("parse", str(fifo), timeout=30)
    assert result.returncode == 1
    assert f"  {fifo}: not a regular file: a named pipe (FIFO)" in result.stderr.splitlines()


def test_a_device_is_not_read(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    result = _policygraph("parse", "/dev/zero", str(link), timeout=30, memory_mb=2048)
    assert result.returncode == 1, result.stderr[-500:]
    lines = result.stderr.splitlines()
    assert "  /dev/zero: not a regular file: a character device" in lines
    assert f"  {link}: not a regular file: a character device" in lines


def test_a_folder_named_like_a_document_is_one_line(tmp_path):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    _one_line_error(folder, "is a folder, not a document")


# -- 3. encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(SIMPLIFIED_PLAN.encode(encoding))
    assert read_document(path) == SIMPLIFIED_PLAN
    assert [t.lead for t in parse_file(path).tasks] == [["市科协"], ["市科技局"], ["市人力资源和社会保障局"]]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_every_seed_reads_as_utf16_without_a_bom(seeds_dir, encoding):
    for seed in sorted(seeds_dir.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        assert decode_text(text.encode(encoding), seed.name) == text, seed.name


@pytest.mark.parametrize("nuls", [1, 2, 7])
def test_nul_bytes_in_utf8_are_removed_not_read_as_utf16(tmp_path, nuls):
    lines = SIMPLIFIED_PLAN.splitlines(keepends=True)
    damaged = "".join(line + "\x00" * (i < nuls) for i, line in enumerate(lines)) + "\x00" * max(
        0, nuls - len(lines)
    )
    path = tmp_path / "plan.txt"
    path.write_bytes(damaged.encode("utf-8"))
    text = read_document(path)
    assert "\x00" not in text and text == SIMPLIFIED_PLAN
    plan = parse_file(path)
    assert plan.title.startswith("江城市") and len(plan.tasks) == 3
    assert all("\x00" not in t.text for t in plan.tasks)


def test_nul_bytes_never_reach_the_engine(tmp_path, store_with):
    path = tmp_path / "plan.txt"
    path.write_bytes(
        SIMPLIFIED_PLAN.replace("建设", "建\x00设").replace("开展", "开\x00\x00展").encode("utf-8")
    )
    store = store_with([parse_file(path)])
    texts = [row[0] for row in store.run("MATCH (t:Task) RETURN t.text ORDER BY t.path").rows]
    assert len(texts) == 3 and not any("\x00" in t for t in texts)
    assert "建设一批科普场馆" in texts[0] and "开展一系列科普活动" in texts[2]


def test_big5_is_read_as_traditional_text(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(TRADITIONAL_PLAN.encode("big5"))
    assert read_document(path) == TRADITIONAL_PLAN
    plan = parse_file(path)
    assert plan.title == "江城市推動科學普及工作實施方案"
    assert [(t.lead, t.support) for t in plan.tasks] == [
        (["市科協"], ["市財政局", "市教育局"]),
        (["市科技局"], []),
        (["市人力資源和社會保障局"], ["市科協"]),
    ]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8"])
def test_simplified_text_is_not_mistaken_for_big5(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(SIMPLIFIED_PLAN.encode(encoding))
    assert read_document(path) == SIMPLIFIED_PLAN


def make_damaged_big5(path: Path) -> Path:
    """Big5 with one pair Big5 has no character for: only GB18030 still decodes it, as kana,
    Cyrillic and private-use characters (玡竚...)."""
    data = TRADITIONAL_PLAN.encode("big5")
    cut = data.index("。".encode("big5"))
    path.write_bytes(data[:cut] + b"\xc8\x80" + data[cut:])
    return path


def test_text_that_decodes_only_to_unlikely_characters_is_refused(tmp_path):
    error = _one_line_error(make_damaged_big5(tmp_path / "plan.txt"), "unknown text encoding")
    assert "of its characters are ones no plan is written in" in error.problem


# -- 6. no quiet skips ------------------------------------------------------------------------


def _without_root_overrides():
    """In the child only: drop the capabilities that let root read any folder, so a folder
    with mode 000 is unreadable there too (no effect for other users)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_an_unreadable_sub_folder_is_listed_and_reads_as_one_line(tmp_path):
    (tmp_path / "a_good.txt").write_text(SIMPLIFIED_PLAN, encoding="utf-8")
    locked = tmp_path / "b_locked"
    locked.mkdir()
    (locked / "hidden_plan.txt").write_text(SIMPLIFIED_PLAN, encoding="utf-8")
    (tmp_path / "c" / "d").mkdir(parents=True)
    (tmp_path / "c" / "d" / "deep.txt").write_text(SIMPLIFIED_PLAN, encoding="utf-8")
    locked.chmod(0)
    script = (
        "import sys\n"
        "from policygraph.errors import InputError\n"
        "from policygraph.ingest.readers import document_paths, read_document\n"
        "for path in document_paths(sys.argv[1]):\n"
        "    try:\n"
        "        read_document(path)\n"
        "        print(f'{path}: ok')\n"
        "    except InputError as error:\n"
        "        print(error)\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=_without_root_overrides,
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'a_good.txt'}: ok",
        f"{locked}: folder not readable (permission denied): the documents in it were not read",
        f"{tmp_path / 'c' / 'd' / 'deep.txt'}: ok",
    ]


def test_document_paths_lists_what_a_folder_walk_found_plus_what_it_could_not_read(tmp_path):
    for name in (
        "b.txt",
        "a.docx",
        "notes.md",
        ".hidden.txt",
        "sub/c.html",
        "sub/deeper/d.PDF",
        ".git/e.txt",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in readers.document_paths(tmp_path)]
    # Hidden folders are searched (as before), hidden files and linked folders are not; a FIFO
    # is listed, so reading it reports it instead of it vanishing.
    assert found == [".git/e.txt", "a.docx", "b.txt", "pipe.txt", "sub/c.html", "sub/deeper/d.PDF"]

"""Reading real files: encodings, formats, and one-line errors naming the file for bad input."""

from __future__ import annotations

import pytest

from policygraph.errors import InputError
from policygraph.ingest import iter_documents, parse_file
from policygraph.ingest.readers import read_document

PLAN = "江城市测试实施方案（2024—2025年）\n一、重点任务\n1.建设科普馆。改造展厅。（牽頭單位：市科協，責任單位：市財政局）\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_text_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / f"plan_{encoding}.txt"
    path.write_bytes(PLAN.encode(encoding))
    plan = parse_file(path)
    assert plan.jurisdiction == "江城市" and plan.tasks[0].lead == ["市科協"]
    assert (
        plan.tasks[0].support == ["市財政局"]
        and plan.tasks[0].assignments[0].unit.canonical == "市科学技术协会"
    )


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (bytes(range(256)) * 8, "binary file"),
        ("café au lait, naïve résumé ".encode("latin-1") * 10, "unknown text encoding"),
    ],
)
def test_bad_text_files_give_one_line_errors_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and problem in message


def test_no_tasks_unreadable_and_missing_files(tmp_path):
    prose = tmp_path / "prose.txt"
    prose.write_text("关于开展科普活动的通知\n各单位：请认真组织。\n", encoding="utf-8")
    with pytest.raises(InputError, match="no tasks found"):
        parse_file(prose)
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "missing.txt")
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"not a readable \.docx"):
        parse_file(fake)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(InputError, match="PDF"):
        parse_file(broken)


def test_pdf_without_text_layer_says_to_ocr_it(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(InputError, match="no text layer"):
        parse_file(path)


def test_a_directory_batch_goes_on_past_bad_files_in_sorted_order(tmp_path):
    (tmp_path / "b_good.txt").write_bytes(PLAN.encode("gb18030"))
    (tmp_path / "a_empty.txt").write_bytes(b"")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c_good.txt").write_text(PLAN, encoding="utf-8")
    (sub / "notes.md").write_text("not a plan", encoding="utf-8")
    results = list(iter_documents([tmp_path]))
    assert [p.name for p, _ in results] == ["a_empty.txt", "b_good.txt", "c_good.txt"]
    assert isinstance(results[0][1], InputError) and not isinstance(results[1][1], Exception)
    assert len(results[2][1].tasks) == 1


def test_html_reader_drops_scripts_menus_and_chrome(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>站点</title><script>var x='一、假标题';</script></head><body>"
        "<nav><li>首页</li></nav><div>当前位置：首页 &gt; 通知</div><h1>江城市测试方案</h1>"
        "<p>一、重点任务</p><p>1.建设科普馆。（牵头单位：市科协）</p><div>扫一扫在手机打开当前页</div>"
        "<footer>版权所有</footer></body></html>",
        encoding="utf-8",
    )
    text = read_document(path)
    assert "var x" not in text and "版权所有" not in text
    plan = parse_file(path)
    assert plan.title == "江城市测试方案" and "当前位置" not in plan.cleaned_text
    assert plan.tasks[0].lead == ["市科协"]


def test_sample_docx_table_and_pdf_text_layer(samples_dir):
    docx_plan = parse_file(samples_dir / "jiangcheng_infrastructure_plan.docx")
    assert [t.path for t in docx_plan.tasks] == ["二.1", "二.2", "二.3", "二.4", "二.5"]
    assert docx_plan.tasks[0].support == ["市发改委", "市财政局", "市住建局"]
    assert (
        docx_plan.tasks[1].vague == ("各县（市、区）人民政府",)
        and docx_plan.tasks[0].deadline == "2025年12月"
    )
    assert docx_plan.doc_number == "江科普发〔2024〕3号"
    pdf_plan = parse_file(samples_dir / "jiangcheng_emergency_plan.pdf")
    assert [(t.lead, t.support) for t in pdf_plan.tasks] == [
        (["市应急管理局", "市科协"], ["市卫健委", "市气象局"]),
        (["市应急管理局"], ["市科协", "市消防救援支队"]),
        (["市科协"], ["市应急管理局", "市融媒体中心"]),
    ]


def test_documents_unpack_as_pairs_and_name_their_plan_or_error(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(PLAN, encoding="utf-8")
    bad, good = iter_documents([tmp_path])
    path, result = good
    assert path.name == "b.txt" and good.plan is result and good.error is None
    assert bad.plan is None and isinstance(bad.error, InputError)


def test_damaged_utf8_is_refused_not_read_as_mojibake(tmp_path):
    path = tmp_path / "damaged.txt"
    data = (PLAN * 3).encode("utf-8")
    path.write_bytes(data[:40] + b"\xff\xfe\xfd" + data[40:])
    with pytest.raises(InputError, match="invalid UTF-8 at byte 40"):
        parse_file(path)


def test_docx_automatic_list_numbers_are_written_out(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("江城市测试实施方案")
    document.add_paragraph("一、重点任务")
    document.add_paragraph("建设科技馆。（牵头单位：市科协）", style="List Number")
    document.add_paragraph("开展科普日。（牵头单位：市科技局）", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.path, t.title, t.lead) for t in plan.tasks] == [
        ("一.1", "建设科技馆", ["市科协"]),
        ("一.2", "开展科普日", ["市科技局"]),
    ]


def test_html_task_table_keeps_empty_cells_in_their_columns(tmp_path):
    path = tmp_path / "table.html"
    path.write_text(
        "<html><body><h1>江城市测试方案</h1><p>二、任务分工</p><table>"
        "<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>"
        "<tr><td>1</td><td>建设科技馆。</td><td>市科协</td><td></td><td>2025年</td></tr>"
        "<tr><td>2</td><td>开展科普日。</td><td>市科技局</td><td>市教育局</td><td>2024年</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    plan = parse_file(path)
    assert [(t.path, t.lead, t.support, t.deadline) for t in plan.tasks] == [
        ("二.1", ["市科协"], [], "2025年"),
        ("二.2", ["市科技局"], ["市教育局"], "2024年"),
    ]

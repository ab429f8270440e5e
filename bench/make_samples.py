"""Write the sample plans in samples/ (our own invented text about fictional places).

Each file shows one way real plans assign work; together the 江城市 plans share departments so
`policygraph demo` has a small but connected network. Run from the repo root:

    .venv/bin/python bench/make_samples.py

Needs python-docx (a dependency) and reportlab (only for the PDF; skipped with a note if absent).
"""

from __future__ import annotations

import argparse
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# 工作要点 (UTF-8 .txt): goals-chapter item with 牵头单位, （牵头单位：X，责任单位：Y）, （X牵头，Y按职责分工负责）,
# 由X会同Y负责, 责任领导 (a person), a placeholder, a unit name wrapped across lines, scrape noise.
WORK_POINTS = """\
江城市2024年全民科学素质工作要点

为贯彻落实《江城市全民科学素质行动规划纲要实施方案（2021—2025年）》，做好2024年全市公民科学素质建设工作，制定本要点。

一、年度目标
1.全市公民具备科学素质的比例达到14%以上。（牵头单位：市科协，责任单位：市统计局）
2.新建社区科普活动室20个，科普志愿者注册人数突破1.5万人。
二、重点工作
（一）强化青少年科学教育
1.推进中小学科学教育提质。在全市中小学开设科学实践课程，每校至少配备1名专职科技辅导员。（牵头单位：市教育局，责任单位：市科协、市科技局）
2.开展青少年科学调查体验活动。组织学生走进科研院所和企业实验室，全年开展活动不少于30场。（市科协牵头，市教育局、团市委按职责分工负责）
[bookmark: _GoBack]3.办好第十届江城青少年科技创新大赛。力口强赛事组织和评审管理，提升参赛作品质量。（牵头单位：市科协；配合单位：市教育局、市科技局；责任领导：周明副市长）
（二）提升科普服务能力
1.建设“科普江城”数字平台。由市科协会同市大数据局、市委网信办负责，年底前上线运行。
2.推进科普基地提档升级。新认定市级科普 教育基地10家，对运行不达标的基地限期整改。（牵头单位：市科技局，责任单位：市科协、市文化和
旅游局、各县（市、区）人民政府）
3.开展全国科普日江城主场活动。（市科协、市委宣传部、市科技局按职责分工负责）
- 2 -
三、工作要求
各成员单位要明确分管领导和联络员，于12月10日前报送年度工作总结。
"""

# 实施方案 (GB18030 .txt): section-level 分工 after the measures, 牵头单位：X；配合单位：Y lines,
# 任务:/措施: dash bullets, and a measure nobody was assigned (a responsibility gap).
YOUTH_PLAN = """\
江城市青少年科学素质提升实施方案（2024—2026年）

根据《江城市全民科学素质行动规划纲要实施方案（2021—2025年）》，结合我市实际，制定本方案。

一、总体要求
以激发青少年好奇心和想象力为重点，到2026年，全市中小学科学教育质量明显提升。

二、主要任务
（一）夯实学校科学教育
1.配齐配强科学教师。将科学教师培训纳入教师继续教育必修内容，三年内轮训一遍。
2.改善实验教学条件。推进中小学实验室标准化建设，农村学校实验开出率达到95%以上。
3.推进馆校合作。支持学校利用科技馆、博物馆开展课程化学习。
分工：由市教育局、团市委牵头，市科协、市科技局、市财政局等单位配合。
（二）拓展校外科学实践
1.建设青少年科学工作室。依托高校和企业建设工作室15个。
牵头单位：市科协；配合单位：市教育局、市工信局
2.开展科学家精神进校园活动。每年组织科学家报告会不少于20场。
牵头单位：市科协；配合单位：市委宣传部、市教育局、市妇联
3.建设校外研学线路。推出自然科普、工业科普研学线路各5条。
（三）关注农村和困难青少年
任务：
——缩小城乡青少年科学素质差距。
措施：
——实施农村学校科普大篷车巡展。每年巡展覆盖全部乡镇中心学校。
——开展留守儿童科学陪伴活动。组织科技志愿者结对帮扶。
分工：由市科技局牵头，市科协、市教育局、市民政局等单位。

三、保障措施
各有关部门要加强协作，确保各项任务落到实处。
"""

# 分工方案 (UTF-16 .txt): 排在首位的为牵头单位（下同）, 牵头责任单位:/协同责任单位: lines, and a table
# flattened one cell per line.
DISTRICT_PLAN = """\
临江区科学素质建设重点任务分工方案

为落实《江城市全民科学素质行动规划纲要实施方案（2021—2025年）》，现将我区重点任务分工如下（每项任务排在首位的为牵头单位，下同）。

一、重点任务
1.建设区科普馆。改造区文化中心二楼为科普展厅，2025年开馆。
责任单位：区科协、区文化和旅游局、区财政局
2.开展社区科普大讲堂。每个社区每季度至少举办1场。
责任单位：区科协、区民政局、区卫生健康委员会
3.打造“科普临江”融媒体栏目。
牵头责任单位：区融媒体中心
协同责任单位：区委宣传部、区科协
二、年度重点项目
序号
重点任务
责任单位
完成时限
1
建设中小学科学实验室
区教育体育局、区财政局
2024年12月
2
举办临江区科技活动周
区科协、区科技局、团区委
2024年5月
三、保障措施
各成员单位要按照分工抓好落实。
"""

# 實施方案 in traditional characters (UTF-8 .txt): markers matched in both scripts, names kept as written.
TRADITIONAL_PLAN = """\
雲嶺省全民科學素質行動實施方案（2021—2025年）

根據《全民科學素質行動規劃綱要（2021—2035年）》，結合本省實際，制定本方案。

一、指導思想
堅持科普與科技創新同等重要，推動全省公民科學素質整體提升。

二、重點任務
（一）實施青少年科學素質提升行動
1.提升基礎教育階段科學教育水平。完善科學課程教學，建設科學教育實驗區。（牽頭單位：省教育廳；配合單位：省科技廳、省科協）
2.實施科技創新後備人才培育計劃。舉辦全省青少年科技創新大賽。（省科協、省教育廳按職責分工負責）
（二）實施農民科學素質提升行動
1.開展高素質農民培育。每年培訓新型農業經營主體帶頭人5000人。
2.推進鄉村科普陣地建設。建設鄉村科普e站1000個。
分工：由省農業農村廳、省科協牽頭，省委宣傳部、省文化和旅遊廳、團省委等單位配合。

三、組織實施
各地各部門要加強組織領導，抓好任務落實。
"""

# 行动方案 behind site chrome (.html): (牵头部门:X) once per action, (A、B按职责分工负责) per measure,
# and a bare （A、B） list.
HEALTH_PLAN = [
    "江城市卫生健康科普行动方案（2024—2025年）",
    "为贯彻落实《“健康江城2030”规划纲要》，提升全市居民健康素养，制定本方案。",
    "一、工作目标",
    "到2025年，全市居民健康素养水平达到30%以上。",
    "二、重点行动",
    "（一）健康知识普及行动",
    "围绕慢性病防治、传染病防控、心理健康等主题，持续开展健康知识普及。(牵头部门:市卫健委)",
    "1.组建健康科普专家库。遴选医疗卫生专业人员200名入库。（市卫健委、市科协按职责分工负责）",
    "2.开展健康科普进校园。每学期为中小学生开设健康教育课不少于4课时。（市卫健委、市教育局、团市委按职责分工负责）",
    "3.推进医保政策科普。（市医保局、市卫健委）",
    "（二）应急救护能力提升行动",
    "普及应急救护知识和技能，提升群众自救互救能力。(牵头部门:市红十字会)",
    "1.开展应急救护培训进社区。全年培训持证救护员5000人。（市红十字会、市民政局、市卫健委按职责分工负责）",
    "2.在公共场所配置自动体外除颤器。（市卫健委、市财政局、市红十字会按职责分工负责）",
    "三、保障措施",
    "各有关单位要加强协作，确保行动取得实效。",
]

# 工作方案 with a PDF text layer: 由A、B牵头，C等单位配合 inside brackets, and the same without 配合.
EMERGENCY_PLAN = [
    "江城市应急科普工作方案",
    "为贯彻落实《江城市全民科学素质行动规划纲要实施方案（2021—2025年）》，做好应急科普工作，制定本方案。",
    "一、重点任务",
    "（一）完善应急科普机制",
    "1.建立应急科普协同机制。明确突发事件状态下科普信息发布流程。（由市应急管理局、市科协牵头，市卫健委、市气象局等单位配合）",
    "2.建设应急科普专家队伍。遴选各领域专家100名。由市应急管理局牵头，市科协、市消防救援支队等单位。",
    "（二）丰富应急科普资源",
    "1.开发应急科普资源包。制作防灾减灾短视频50部。（由市科协牵头，市应急管理局、市融媒体中心等单位配合）",
    "二、保障措施",
    "各有关单位要落实经费保障，确保工作顺利开展。",
]

DOCX_PARAGRAPHS = [
    "江城市科普基础设施建设三年行动计划（2024—2026年）",
    "江科普发〔2024〕3号",
    "根据《江城市全民科学素质行动规划纲要实施方案（2021—2025年）》，为加快补齐全市科普基础设施短板，制定本行动计划。",
    "一、总体目标",
    "到2026年，建成布局合理、功能完善的科普基础设施体系。",
    "二、重点任务分工",
    "各项重点任务及分工见下表。",
]
DOCX_TABLE = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    [
        "1",
        "建设江城科技馆新馆。完成主体工程并对外开放。",
        "市科协",
        ["市发改委", "市财政局", "市住建局"],
        "2025年12月",
    ],
    ["2", "推进县级科普场馆全覆盖。", "市科协", "各县（市、区）人民政府", "2026年6月"],
    ["3", "建设一批社区科普e站。", "市科协、市民政局", "市财政局", "2024年底"],
    ["4", "建设自然教育基地。", "市林业局", "市教育局、市文化和旅游局", "2025年"],
    ["5", "推动企业科技展厅向公众开放。", "市工信局", "市科技局、市科协", "长期"],
]
DOCX_AFTER = ["三、保障措施", "各牵头单位要制定年度推进计划，按季度报送进展。"]

HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_江城市人民政府</title>
<script>var siteStats = "track";</script><style>.nav{{color:#333}}</style></head>
<body>
<header><div class="logo">江城市人民政府</div></header>
<nav><ul><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></nav>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>
<div class="article">
<h1>{title}</h1>
<div class="info">发布时间：2024-03-15 来源：江城市卫生健康委员会 浏览次数：</div>
<div class="font">字体：[ 大 中 小 ]</div>
{body}
</div>
<div class="share">扫一扫在手机打开当前页</div>
<div class="pager"><p>上一篇：江城市2024年爱国卫生工作要点</p><p>下一篇：关于开展“世界急救日”宣传活动的通知</p></div>
<footer>主办：江城市人民政府办公室</footer>
</body></html>
"""


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for text in DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(DOCX_TABLE[0]))
    table.style = "Table Grid"
    for values in DOCX_TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            lines = value if isinstance(value, list) else [value]
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for text in DOCX_AFTER:
        document.add_paragraph(text)
    document.core_properties.title = DOCX_PARAGRAPHS[0]
    document.save(str(path))


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def write_pdf(path: Path) -> bool:
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas
    except ImportError:
        print(f"reportlab not installed: {path.name} not regenerated")
        return False
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path))
    page.setTitle(EMERGENCY_PLAN[0])
    y = 800
    for paragraph in EMERGENCY_PLAN:
        page.setFont("STSong-Light", 14 if paragraph is EMERGENCY_PLAN[0] else 11)
        for line in _wrap(paragraph, 40):
            page.drawString(50, y, line)
            y -= 18
        y -= 4
    page.save()
    return True


def main(argv=None) -> None:
    argparse.ArgumentParser(
        description=f"Write the sample plans into {SAMPLES} (overwriting them); needs reportlab for the PDF."
    ).parse_args(argv)
    SAMPLES.mkdir(exist_ok=True)
    (SAMPLES / "jiangcheng_2024_work_points.txt").write_text(WORK_POINTS, encoding="utf-8")
    (SAMPLES / "jiangcheng_youth_plan_gb18030.txt").write_bytes(YOUTH_PLAN.encode("gb18030"))
    (SAMPLES / "linjiang_task_division_utf16.txt").write_bytes(DISTRICT_PLAN.encode("utf-16"))
    (SAMPLES / "yunling_plan_traditional.txt").write_text(TRADITIONAL_PLAN, encoding="utf-8-sig")
    body = "\n".join(f"<p>{line}</p>" for line in HEALTH_PLAN[1:])
    (SAMPLES / "jiangcheng_health_plan.html").write_text(
        HTML_TEMPLATE.format(title=HEALTH_PLAN[0], body=body), encoding="utf-8"
    )
    write_docx(SAMPLES / "jiangcheng_infrastructure_plan.docx")
    write_pdf(SAMPLES / "jiangcheng_emergency_plan.pdf")
    print(f"samples written to {SAMPLES}")


if __name__ == "__main__":
    main()

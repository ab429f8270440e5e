"""The unit stage: names as plans write them -> Units, with the knowledge files as they ship."""

from __future__ import annotations

from policygraph.ingest import parse_text
from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.meta import jurisdiction_of, level_of
from policygraph.ingest.units import inherit_prefix, normalize_unit, split_name, stands_alone


def test_a_national_plan_gives_its_units_no_prefix():
    names = ["人力资源社会保障部", "科技部", "财政部", "住房城乡建设部", "市场监管总局"]
    assert inherit_prefix(names, "全国") == names
    assert inherit_prefix(names) == names  # a list opened by an unprefixed unit gives no prefix
    plan = parse_text(
        "国务院关于做好就业工作的若干意见\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "一、支持企业稳定岗位\n（一）加大稳岗支持力度。（人力资源社会保障部、财政部、市场监管总局负责）\n"
    )
    assert (plan.jurisdiction, plan.level) == ("全国", "national")
    assert plan.tasks[0].joint == ["人力资源社会保障部", "财政部", "市场监管总局"]
    units = [a.unit for a in plan.tasks[0].assignments]
    assert [u.canonical for u in units] == ["人力资源和社会保障部", "财政部", "国家市场监督管理总局"]
    assert [u.unit_type for u in units] == ["human_resources", "finance", "market_regulation"]


def test_a_short_form_reads_at_the_plans_level():
    assert normalize_unit("发展改革委", "全国").canonical == "国家发展和改革委员会"
    assert normalize_unit("市发展改革委", "宜春市").canonical == "市发展和改革委员会"
    assert normalize_unit("医保局", "全国").canonical == "国家医疗保障局"
    assert normalize_unit("县医保局", "灵璧县").canonical == "县医疗保障局"
    # forms only a national body has are national anywhere and never prefixed
    assert normalize_unit("教育部", "宜春市").canonical == "教育部"
    assert inherit_prefix(["市教育局", "教育部", "全国总工会", "中央统战部"], "宜春市") == [
        "市教育局",
        "教育部",
        "全国总工会",
        "中央统战部",
    ]


def test_prefix_characters_that_open_a_word_are_not_prefixes():
    assert stands_alone("市场监管局") and stands_alone("市场监管总局")
    assert normalize_unit("市市场监管局", "宜春市").canonical == "市市场监督管理局"
    assert normalize_unit("市场监管总局", "全国").canonical == "国家市场监督管理总局"


def test_places_towns_and_named_zones_stand_alone_in_a_list():
    listed = [
        "区发改局",
        "南沙区政府",
        "古林镇",
        "石碶街道",
        "海曙自然资源规划分局",
        "医药高新区管委会",
        "经开区管委会",
    ]
    assert inherit_prefix(listed, "海曙区") == [
        "区发改局",
        "南沙区政府",
        "古林镇",
        "石碶街道",
        "海曙自然资源规划分局",
        "医药高新区管委会",
        "经开区管委会",  # a zone's body names its zone: no prefix (as dev gold writes 经济开发区管委会)
    ]
    assert normalize_unit("海曙自然资源规划分局", "宁波市海曙区").canonical == "区自然资源和规划分局"
    assert normalize_unit("东胜区教育局", "东胜区").canonical == "区教育局"


def test_residue_and_aliases():
    assert split_name("商务部等和各有关省级人民政府").unit == "商务部"
    assert split_name("市卫健委等部门单位") == ("市卫健委", "", "等部门单位")
    assert split_name("高等学校").unit == "高等学校"
    unit = normalize_unit("省发改委（省能源局）", "广东省")
    assert (unit.name, unit.canonical, unit.alias) == (
        "省发改委（省能源局）",
        "省发展和改革委员会",
        "省能源局",
    )
    assert normalize_unit("各县(市、区)", "宜春市").alias == ""


def test_former_departments_map_to_their_successors():
    assert normalize_unit("市卫计委", "宜春市").current == "市卫生健康委员会"
    assert normalize_unit("县环保局", "灵璧县").current == "县生态环境局"
    assert normalize_unit("扶贫办", "全国").current == "国家乡村振兴局"
    assert normalize_unit("银保监会", "全国").current == "国家金融监督管理总局"
    assert normalize_unit("市教育局", "宜春市").current == ""


def test_every_national_body_and_department_row_is_well_formed():
    k = knowledge()
    types = {e.unit_type for e in k.units.values()} | {b.unit_type for b in k.national_bodies.values()}
    officials = {b.official for b in k.national_bodies.values()}
    kinds = {b.kind for b in k.national_bodies.values()}
    assert kinds <= {
        "council_ministry",
        "council_special",
        "council_agency",
        "council_office",
        "council_institution",
        "bureau",
        "party",
        "people_org",
        "judiciary",
        "legislature",
        "state_firm",
        "coordination",
    }
    assert "unknown" not in types and all(t.isascii() and t.islower() for t in types)
    # every body has its official name as a written form too
    assert officials <= set(k.national_bodies) | {"中共中央党校（国家行政学院）"}
    assert len(k.national_bodies) > 250 and len(k.units) > 400


def test_the_gazetteer_gives_jurisdiction_and_level():
    assert level_of("上海市") == "province"
    assert level_of("海曙区") == "district"
    assert level_of("大理白族自治州") == "city"
    assert len(knowledge().divisions) > 3000
    # a verb before a place is not part of it; page metadata names the issuer
    assert jurisdiction_of("加快西宁市建设实施方案", "", "") == "西宁市"
    head = "发布机构：下陆区政府办公室\n区人民政府办公室关于印发2020年区政府重点工作责任分解的通知\n"
    assert jurisdiction_of("关于印发2020年区政府重点工作责任分解的通知", head, head) == "下陆区"


def test_every_type_in_the_data_files_is_in_the_readme_vocabulary():
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "ingest" / "data" / "README.md").read_text(encoding="utf-8")
    vocabulary = set(re.findall(r"`([a-z_]+)`", readme[readme.index("### Type vocabulary") :]))
    k = knowledge()
    used = (
        {e.unit_type for e in k.units.values()}
        | {b.unit_type for b in k.national_bodies.values()}
        | {t for _, t in k.suffix_types}
    )
    assert used <= vocabulary, sorted(used - vocabulary)


def test_the_name_grammar_reads_units_the_data_does_not_list():
    # a department inside a known body takes the body's type
    assert normalize_unit("教育部科技司", "全国").unit_type == "education"
    unit = normalize_unit("市公安局交警支队", "南昌市")
    assert (unit.canonical, unit.unit_type) == ("市公安局交警支队", "public_security")
    # a compound name no file lists is typed by its first known word
    assert normalize_unit("区文化广电旅游体育局", "天河区").unit_type == "culture_tourism"
    assert normalize_unit("县某某产业发展处", "新竹县").unit_type == "industry_it"
    # places and their governments, Party committees
    assert normalize_unit("盘州市人民政府", "六盘水市").unit_type == "government"
    assert normalize_unit("县政府", "灵璧县").unit_type == "government"
    assert normalize_unit("市委", "宜春市").unit_type == "party_committee"
    # words alone do not make a unit of something that does not end like one
    assert normalize_unit("加强宣传教育", "宜春市").unit_type == "unknown"


def test_jurisdiction_guards():
    national_head = (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现就支持雄安新区建设提出以下意见。\n"
    )
    assert jurisdiction_of("国务院关于支持雄安新区建设的意见", national_head, national_head) == "全国"
    assert jurisdiction_of("关于支持雄安新区建设的若干措施", national_head, national_head) == "全国"
    head = "发布机构区政府办公室\n关于印发重点工作责任分解的通知\n"
    assert jurisdiction_of("关于印发重点工作责任分解的通知", head, head) == ""
    # a district's plan is the district's, even where its city is named first
    head = "宁波市海曙区人民政府办公室\n根据《宁波市优化营商环境条例》，结合我区实际，制定本方案。\n"
    assert jurisdiction_of("优化营商环境实施方案", head, head) == "海曙区"


def test_the_plans_own_units_tell_which_named_place_issued_it():
    head = "根据《宁波市优化营商环境条例》和海曙区工作部署，制定本方案。\n"
    body = head + "一、重点任务\n1.优化审批。（牵头单位：区发改局，责任单位：区财政局、区市场监管局）\n"
    assert jurisdiction_of("优化营商环境实施方案", head, body) == "海曙区"
    city = head + "一、重点任务\n1.优化审批。（牵头单位：市发改委，责任单位：市财政局、市市场监管局）\n"
    assert jurisdiction_of("优化营商环境实施方案", head, city) == "宁波市"


def test_an_unprefixed_department_in_a_local_plan_is_the_plans_own():
    assert normalize_unit("建设局", "新昌县").canonical == normalize_unit("县建设局", "新昌县").canonical
    assert normalize_unit("市场监管局", "宜春市").canonical == "市市场监督管理局"
    assert normalize_unit("教体局", "").canonical == "教育体育局"  # no plan place: no prefix to give


def test_page_metadata_names_the_issuer():
    head = "索 引 号：000014349/2020-105482\n发 文 机 关：湖南省人民政府办公厅\n标　　题：关于印发重点工作分工方案的通知\n"
    assert jurisdiction_of("关于印发重点工作分工方案的通知", head, head) == "湖南省"
    head = "文章来源：灵璧县卫生健康委员会 发表时间：2021-05-07\n县卫健委2021年政府工作报告任务分解\n"
    assert jurisdiction_of("县卫健委2021年政府工作报告任务分解", head, head) == "灵璧县"

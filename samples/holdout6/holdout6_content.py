"""Content pools for the randomized sixth held-out corpus, in canonical text (SPEC.md).

Everything here is invented. `draw_project(rng, newer)` returns one project as canonical
values; the generator decides how each value is *printed* (codes, full-width digits, spaces,
label synonyms) and checks that the printed form canonicalises back to these values.
"""
from __future__ import annotations

import re

# ---------------------------------------------------------------- canonical text (SPEC rules)

_FW = {chr(0xFF10 + i): str(i) for i in range(10)}
_FW.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FW.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FW["％"] = "%"
_CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’"


def canonical(text):
    """SPEC canonical text; None / blank → None."""
    if text is None:
        return None
    t = "".join(_FW.get(ch, ch) for ch in text)
    t = re.sub(r"(?<=\d)\n(?=\d)", "", t)
    t = re.sub(rf"\s+(?=[{_CJK}])", "", t)
    t = re.sub(rf"(?<=[{_CJK}])\s+", "", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t or None


def to_fullwidth_digits(text: str) -> str:
    return "".join(chr(0xFF10 + int(ch)) if ch.isdigit() and ch.isascii() else ("％" if ch == "%" else ch)
                   for ch in text)


# ---------------------------------------------------------------- departments and projects

DEPARTMENTS = [
    ("泾源县教育体育局", ["泾源县第一小学", "泾源县教育体育局本级", "泾源县高级中学"], ["基础教育股", "计划财务股"],
     ["农村义务教育学校校舍维修改造项目", "学生营养改善计划补助资金", "中小学教师全员培训经费",
      "县域校园足球特色学校建设经费"]),
    ("贺兰县卫生健康局", ["贺兰县人民医院", "贺兰县疾病预防控制中心", "贺兰县卫生健康局本级"], ["医政医管股", "公共卫生股"],
     ["基本公共卫生服务项目", "乡村医生补助经费", "重大传染病防控经费", "县域医共体信息化建设项目"]),
    ("永宁县农业农村局", ["永宁县农业技术推广服务中心", "永宁县农业农村局本级"], ["种植业管理股", "农村经营管理股"],
     ["高标准农田建设项目配套资金", "农作物病虫害统防统治补助", "农村人居环境整治提升项目",
      "设施农业提质增效奖补资金"]),
    ("灵武市民政局", ["灵武市社会福利院", "灵武市民政局本级", "灵武市殡葬服务中心"], ["社会救助股", "养老服务股"],
     ["城乡居民最低生活保障资金", "特困人员救助供养经费", "居家和社区养老服务改革试点经费"]),
    ("青铜峡市水务局", ["青铜峡市水利工程管理站", "青铜峡市水务局本级"], ["水利工程股", "水资源管理股"],
     ["农村饮水安全巩固提升工程", "小型水库安全运行管护经费", "河湖长制工作经费"]),
    ("红寺堡区文化旅游广电局", ["红寺堡区文化馆", "红寺堡区图书馆", "红寺堡区文化旅游广电局本级"], ["公共服务股", "文物保护股"],
     ["公共文化服务体系建设经费", "乡村文化振兴“村晚”活动经费", "文物安全巡查保护经费"]),
    ("西吉县自然资源局", ["西吉县不动产登记中心", "西吉县自然资源局本级"], ["国土空间规划股", "耕地保护股"],
     ["耕地保护与质量提升补助资金", "国土空间总体规划编制经费", "地质灾害防治项目"]),
    ("中卫市沙坡头区城市管理局", ["沙坡头区环境卫生服务中心", "沙坡头区城市管理局本级"], ["市容环卫科", "综合执法科"],
     ["城区环卫保洁市场化服务经费", "城市照明设施维护经费", "背街小巷改造提升工程"]),
]

PROJECT_TYPES = ["一年期项目", "经常性项目", "延续性项目", "新增项目", "一次性项目"]
DURATIONS = ["1年", "2025年", "2025年1-12月", "3年", "2025年1月-2025年12月"]
PEOPLE = ["马文斌", "李建国", "王秀兰", "杨志强", "海丽娟", "田晓东"]

GOAL_PARTS = [
    "按照年度工作计划分批次组织实施",
    "确保项目资金及时足额拨付到位",
    "进一步提升公共服务保障能力",
    "全面完成上级下达的各项目标任务",
    "建立健全长效管护机制",
    "切实提高资金使用效益",
    "惠及群众1.2万人",
    "项目区群众满意度达到90%以上",
    "推动相关工作提质增效",
    "严格执行政府采购和财务管理制度",
]

LENGTHEN = ["（含乡镇及村级站点）", "及相关配套设施运行维护", "（按季度统计并报送）", "完成情况",
            "，按照年度工作计划组织实施", "（以验收报告为准）"]

# level-2 category → [(level3, [targets])]
POOLS = {
    "数量指标": [("开展业务培训次数", ["≥6次", "6次"]), ("覆盖行政村数量", ["≥45个", "45个"]),
             ("维修改造校舍面积", ["≥3200平方米"]), ("补助资金发放人数", ["1260人", "≥1200人"]),
             ("采购设备数量", ["38台（套）"]), ("新建服务站点数量", ["12个"]), ("巡查检查次数", ["≥24次"])],
    "质量指标": [("项目验收合格率", ["100%", "≥95%", "90%以上"]), ("资金发放准确率", ["100%"]),
             ("设备运行完好率", ["≥98%"]), ("工程质量", ["定性：优良", "合格"]), ("培训考核合格率", ["≥90%"])],
    "时效指标": [("资金拨付及时率", ["100%"]), ("问题处置时限", ["≤5个工作日"]),
             ("项目完成时间", ["2025年12月31日前", "2025年11月底前"]), ("补助资金发放时间", ["每季度末前"])],
    "成本指标": [("人均培训成本", ["≤800元/人"]), ("专家评审费", ["每次6667元"]), ("项目总成本", ["≤45万元"])],
    "经济成本指标": [("项目预算控制数", ["≤120万元"]), ("单位面积改造成本", ["≤650元/平方米"]),
               ("专家评审费", ["每次6667元"])],
    "社会成本指标": [("对群众生产生活的影响", ["无明显影响"])],
    "生态环境成本指标": [("施工期间扬尘污染", ["符合环保标准"])],
    "经济效益": [("带动群众增收", ["≥300万元"]), ("节约运行成本", ["≥12万元"])],
    "社会效益": [("群众办事便利程度", ["效果明显", "明显提升"]), ("政策知晓率", ["≥90%", "90%以上"]),
             ("公共服务水平", ["有效提升"])],
    "生态效益": [("生活垃圾无害化处理率", ["≥95%"]), ("项目区绿化覆盖率", ["≥40%"])],
    "可持续影响": [("长效管护机制", ["建立健全"]), ("项目持续发挥作用年限", ["≥5年"])],
    "服务对象满意度指标": [("服务对象满意度", ["≥90%", "90%以上"]), ("群众满意度", ["≥95%"]),
                  ("受益学生家长满意度", ["≥92%"])],
}

OLDER = [("1", "产出指标", [("11", "数量指标"), ("12", "质量指标"), ("13", "时效指标"), ("14", "成本指标")]),
         ("2", "效益指标", [("21", "经济效益"), ("22", "社会效益"), ("23", "生态效益"), ("24", "可持续影响")]),
         ("3", "满意度指标", [("31", "服务对象满意度指标")])]
NEWER = [("1", "产出指标", [("11", "数量指标"), ("12", "质量指标"), ("13", "时效指标")]),
         ("2", "成本指标", [("21", "经济成本指标"), ("22", "社会成本指标"), ("23", "生态环境成本指标")]),
         ("3", "效益指标", [("31", "经济效益"), ("32", "社会效益"), ("33", "生态效益"), ("34", "可持续影响")]),
         ("4", "满意度指标", [("41", "服务对象满意度指标")])]

# how many level-3 rows a level-2 group gets: (min, max); 0 means the group may be printed empty
ROWS = {"数量指标": (1, 3), "质量指标": (1, 2), "时效指标": (1, 2), "成本指标": (0, 1), "经济成本指标": (1, 1),
        "社会成本指标": (0, 1), "生态环境成本指标": (0, 1), "经济效益": (0, 1), "社会效益": (1, 2),
        "生态效益": (0, 1), "可持续影响": (0, 1), "服务对象满意度指标": (1, 2)}


def _amount(rng):
    return rng.choice([4, 12.5, 45, 68, 120, 260, 486.3, 1234.5, 2150.75, 36.8])


def draw_project(rng, newer: bool, empty_groups: bool, long_texts: float, department=None) -> dict:
    """One project; `department` (an entry of DEPARTMENTS) is the file's, as in a real 附件."""
    dept, units, offices, names = department or rng.choice(DEPARTMENTS)
    goal = "，".join(rng.sample(GOAL_PARTS, rng.randint(1, 5))) + "。"
    indicators = []
    for c1, n1, groups in (NEWER if newer else OLDER):
        for c2, n2 in groups:
            lo, hi = ROWS[n2]
            k = rng.randint(lo, hi)
            if k == 0:
                if empty_groups and rng.random() < 0.7:
                    indicators.append(dict(level1_code=c1, level1=n1, level2_code=c2, level2=n2,
                                           level3=None, target=None))
                continue
            for l3, targets in rng.sample(POOLS[n2], min(k, len(POOLS[n2]))):
                if rng.random() < long_texts:
                    l3 += rng.choice(LENGTHEN)
                indicators.append(dict(level1_code=c1, level1=n1, level2_code=c2, level2=n2,
                                       level3=l3, target=rng.choice(targets)))
    return dict(project_name=rng.choice(names), department=dept, implementing_unit=rng.choice(units),
                project_type=rng.choice(PROJECT_TYPES), duration=rng.choice(DURATIONS),
                managing_office=rng.choice(offices), annual_amount=_amount(rng), overall_goal=goal,
                indicators=indicators, person=rng.choice(PEOPLE),
                code="6404" + "".join(str(rng.randint(0, 9)) for _ in range(13)))

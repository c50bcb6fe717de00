"""The truth behind every generated sample: departments, projects and indicators.

All strings here are in the SPEC.md canonical text (unified ideographs, ASCII digits,
no stray spaces), so the expected JSON is read straight from this module. Renderers may
print a distorted form (Kangxi radicals, full-width digits, wrapped lines); the data does
not change.

An indicator's level-1 / level-2 labels are stored as printed (`1-产出指标`, or `产出指标`
when the table prints no code); the code and the name are split off when the expected
JSON is written. `annual_amount` is stored as printed (`12.5`, `1,860.00`); the expected
number is parsed from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Indicator:
    level1: str  # printed level-1 label, e.g. "1-产出指标"
    level2: str  # printed level-2 label, e.g. "11-数量指标"
    level3: str | None
    target: str | None
    # other indicator columns (指标性质, 度量单位, 权重 …) as (column head, value), in print order
    extra: tuple[tuple[str, str], ...] = ()


I = Indicator

# The printed label for each header key; a project may swap in a regional synonym.
STANDARD_LABELS = {
    "project_name": "项目名称",
    "department": "主管部门",
    "implementing_unit": "实施单位",
    "project_type": "项目属性",
    "duration": "项目期限",
    "managing_office": "项目主管处室",
    "annual_amount": "项目年度金额",
    "overall_goal": "年度总体绩效目标",
}


@dataclass(frozen=True)
class Project:
    project_name: str
    project_type: str
    duration: str
    annual_amount: str  # as printed
    overall_goal: str
    indicators: tuple[Indicator, ...]
    department: str = ""  # "" = the department's own value (filled in by Department)
    implementing_unit: str = ""
    managing_office: str = ""
    labels: dict = field(default_factory=dict)  # key -> synonym label printed instead
    extra_fields: tuple[tuple[str, str], ...] = ()  # (label, value) printed in the header
    table_title: str = "部门项目支出预算绩效目标表"

    def label(self, key: str) -> str:
        return self.labels.get(key, STANDARD_LABELS[key])


@dataclass(frozen=True)
class Department:
    key: str
    title: str  # the document title line printed above the first table
    department: str
    implementing_unit: str
    managing_office: str
    amount_unit: str  # "万元" or "元"
    projects: tuple[Project, ...]

    def project_value(self, project: Project, key: str) -> str:
        own = getattr(project, key)
        return own if own else getattr(self, key)


PINGLUO = Department(
    key="pingluo",
    title="附件2：平罗县人民代表大会常务委员会办公室项目支出预算绩效目标表",
    department="平罗县人民代表大会常务委员会办公室",
    implementing_unit="平罗县人民代表大会常务委员会办公室本级",
    managing_office="行财室",
    amount_unit="万元",
    projects=(
        Project(
            project_name='常委会议工作经费',
            project_type='一年期项目',
            duration='1年',
            annual_amount='4',
            overall_goal='县人大常委会每2月召开一次常委会会议，听取和审议县人民政府相关工作报告，审查县人民政府相关议案，履行人事任免权和重大事项决定权，充分发挥人大监督职能，倾听代表建议意见，接受人民监督，坚实保障全县的高质量发展',
            indicators=(
                I('1-产出指标', '11-数量指标', '召开县人大常委会会议，听取和审议专项工作', '全年召开6次会议、听取审议7项工作'),
                I('1-产出指标', '12-质量指标', '根据组织法的相关规定', '100%'),
                I('1-产出指标', '13-时效指标', '每2月召开一次', '1-12月'),
                I('1-产出指标', '14-成本指标', '人大常委会会议办公耗材', '每次6667元'),
                I('2-效益指标', '21-经济效益', None, None),
                I('2-效益指标', '22-社会效益', '提高人大常委会履职水平，更好服务于经济社会发展', '效果明显'),
                I('2-效益指标', '23-生态效益', None, None),
                I('2-效益指标', '24-可持续影响', '保持和人民的密切联系，提升为人民服务的水平', '有所提高'),
                I('3-满意度指标', '31-服务对象满意度', '人大代表满意度', '≥90%'),
            ),
        ),
        Project(
            project_name='人大代表培训、考察学习经费',
            project_type='经常性项目',
            duration='99年',
            annual_amount='8',
            overall_goal='通过培训、考察学习，充分发挥了人大代表的专业特长，开展代表联络工作。提高人大常委会履职水平，更好服务于经济社会发展。',
            indicators=(
                I('1-产出指标', '11-数量指标', '召开人大代表联系会议', '2次'),
                I('1-产出指标', '12-质量指标', '提高人大代表履职水平，更好服务于经济社会发展。', '≥98%'),
                I('1-产出指标', '13-时效指标', '每年召开2次', '2025年'),
                I('1-产出指标', '14-成本指标', '组织人大代表培训、考察学习等费用', '每次40000元'),
                I('2-效益指标', '21-经济效益', None, None),
                I('2-效益指标', '22-社会效益', '提高人大代表业务水平，充分发挥代表履职能力', '有所提高'),
                I('2-效益指标', '23-生态效益', None, None),
                I('2-效益指标', '24-可持续影响', '发挥人大代表的监督职能。倾听代表建议意见，接受人民群众监督。', '效果明显'),
                I('3-满意度指标', '31-服务对象满意度', '人民群众满意度', '≥90%'),
            ),
        ),
        Project(
            project_name='县人大常委会预决算审查咨询委员会工作经费',
            project_type='一年期项目',
            duration='1年',
            annual_amount='5',
            overall_goal='县人大常委会财政经济工作委员会组织县人大常委会预决算审查咨询委员会开展财政议案审查、预决算审查、预算联网监督系统运行等工作，召开预决算草案及预算调整方案审查会议，对预算联网系统进行维护，日常监督财政预算执行情况，对预决算草案质量进行把关，对预决算审查咨询委员会委员进行培训、考察学习交流，宣传、设备更新等',
            indicators=(
                I('1-产出指标', '11-数量指标', '召开预决算草案及预算调整方案审查会议', '2次'),
                I('1-产出指标', '11-数量指标', '组织预决算审查培训', '20人次'),
                I('1-产出指标', '12-质量指标', '预决算审查培训合格率', '100%'),
                I('1-产出指标', '13-时效指标', '按规定时间完成', '2025年'),
                I('1-产出指标', '14-成本指标', '预决算审查培训、考察学习等', '每次25000元'),
                I('2-效益指标', '21-经济效益', None, None),
                I('2-效益指标', '22-社会效益', '进一步优化财政资金支出结构，提升资金使用绩效', '有效优化'),
                I('2-效益指标', '23-生态效益', None, None),
                I('2-效益指标', '24-可持续影响', '提升资金使用效率，保障民生工程项目支出', '有效发展'),
                I('3-满意度指标', '31-服务对象满意度', '服务对象满意度', '≥95%'),
            ),
        ),
        Project(
            project_name='乡镇人大工作经费',
            project_type='一年期项目',
            duration='1年',
            annual_amount='20',
            overall_goal='拨付给全县各乡镇人大全年办公、代表培训费等各项工作所需经费，督促乡镇人大工作程序更加规范，代表履职能力有所提高，服务人民群众的水平和质量得到有效提升。',
            indicators=(
                I('1-产出指标', '11-数量指标', '保障乡镇人大办公购买耗材、纸张等各项工作时所需经费', '13个'),
                I('1-产出指标', '12-质量指标', '乡镇人大各项工作的合格率', '98%'),
                I('1-产出指标', '13-时效指标', '按规定时间完成', '2025年'),
                I('1-产出指标', '14-成本指标', '乡镇人大工作经费', '城关镇2万元/年,其他各乡镇1.5万元/年,共计20万元'),
                I('2-效益指标', '21-经济效益', None, None),
                I('2-效益指标', '22-社会效益', '全年各乡镇工作完成情况', '更加规范'),
                I('2-效益指标', '23-生态效益', None, None),
                I('2-效益指标', '24-可持续影响', '乡镇人大服务人民群众的水平和质量', '有效提升'),
                I('3-满意度指标', '31-服务对象满意度', '乡镇人大代表和人民群众的满意度', '≥95%'),
            ),
        ),
        Project(
            project_name='人大代表教科文卫界联络工作经费',
            project_type='一年期项目',
            duration='1年',
            annual_amount='4',
            overall_goal='县人大常委会组织相关人大代表开展调研、培训、考察学习、监督检查等履职工作，打造“大文化”联络站工作阵地，充分发挥教科文卫界代表的专业特长，开展代表联络工作，充分发挥人大代表监督职能。',
            indicators=(
                I('1-产出指标', '11-数量指标', '召开人大代表教科文卫界联络会议', '每年召开4次'),
                I('1-产出指标', '12-质量指标', '确保开展的活动能够高质量完成', '90%以上'),
                I('1-产出指标', '13-时效指标', '每年召开4次', '1-12月份'),
                I('1-产出指标', '14-成本指标', '组织代表培训、考察学习、调研、督查、座谈等活动', '平均每次1万元，一年4次'),
                I('2-效益指标', '21-经济效益', None, None),
                I('2-效益指标', '22-社会效益', '提高人大代表业务水平，充分发挥代表履职能力', '效果明显'),
                I('2-效益指标', '23-生态效益', None, None),
                I('2-效益指标', '24-可持续影响', '进一步提高代表履职能力，提升为人民服务的水平', '有所提高'),
                I('3-满意度指标', '31-服务对象满意度', '人大代表满意度', '≥90%'),
            ),
        ),
        Project(
            project_name='市人大常委会基层立法联系点工作经费',
            project_type='一年期项目',
            duration='1年',
            annual_amount='15',
            overall_goal='完善市人大常委会基层立法联系点基础设施建设，打造全过程人民民主实践基地，支持各乡镇信息采集点建设，强化立法联系工作队伍建设，加强对基层立法联系点的观摩、宣传及信息采集点人员培训（考察学习）交流力度等，提升履职能力，更好发挥立法联系点功能作用。',
            indicators=(
                I('1-产出指标', '11-数量指标', '召开基层立法联系点工作会议及座谈会', '8次以上'),
                I('1-产出指标', '12-质量指标', '确保基层立法联系点建设能够高质量完成', '≥95%'),
                I('1-产出指标', '13-时效指标', '每年召开8次以上', '2025年1-12月'),
                I('1-产出指标', '14-成本指标', '基层立法联系点的宣传及提升改造及建设，组织人大代表及立法信息采集点工作人员考察、培训学习交流及观摩等；支持乡镇基层立法信息采集点建设', '15万元'),
                I('2-效益指标', '21-经济效益', None, None),
                I('2-效益指标', '22-社会效益', '强化立法联系工作队伍建设，增强履职能力，更好的发挥立法联系点桥梁纽带作用', '效果明显'),
                I('2-效益指标', '23-生态效益', None, None),
                I('2-效益指标', '24-可持续影响', '进一步提高基层立法联系点影响力和提升工作质量及效率', '有所提高'),
                I('3-满意度指标', '31-服务对象满意度', '人民群众满意度', '≥98%'),
            ),
        ),
    ),
)

# Older layout (14-成本指标 under 1-产出指标), amounts in 元, 其中：财政拨款 in the header.
EDUCATION = Department(
    key="education",
    title="附件3：平罗县教育局项目支出预算绩效目标表",
    department="平罗县教育局",
    implementing_unit="平罗县教育局本级",
    managing_office="计划财务股",
    amount_unit="元",
    projects=(
        Project(
            project_name="学前教育保教费补助资金",
            project_type="一年期项目",
            duration="1年",
            annual_amount="1250000.00",
            extra_fields=(("其中：财政拨款", "1250000.00"),),
            managing_office="基础教育股",
            overall_goal="对全县公办幼儿园和普惠性民办幼儿园在园幼儿按每生每年1000元标准给予保教费补助，"
            "对家庭经济困难幼儿给予生活补助，减轻幼儿家庭经济负担，保障适龄幼儿平等接受学前教育的权利，"
            "巩固提高学前三年毛入园率。",
            indicators=(
                I("1-产出指标", "11-数量指标", "享受保教费补助幼儿人数", "≥6200人"),
                I("1-产出指标", "11-数量指标", "补助公办及普惠性民办幼儿园数量", "38所"),
                I("1-产出指标", "11-数量指标", "资助家庭经济困难幼儿人数", "≥450人"),
                I("1-产出指标", "12-质量指标", "补助资金发放准确率", "100%"),
                I("1-产出指标", "13-时效指标", "资金拨付及时率", "2025年12月底前"),
                I("1-产出指标", "14-成本指标", "生均保教费补助标准", "每生每年1000元"),
                I("2-效益指标", "21-经济效益", None, None),
                I("2-效益指标", "22-社会效益", "减轻幼儿家庭经济负担，保障适龄幼儿平等接受学前教育的权利", "明显减轻"),
                I("2-效益指标", "23-生态效益", None, None),
                I("2-效益指标", "24-可持续影响", "学前三年毛入园率", "≥92%"),
                I("3-满意度指标", "31-服务对象满意度", "幼儿家长满意度", "≥95%"),
            ),
        ),
        Project(
            project_name="农村义务教育学生营养改善计划",
            project_type="经常性项目",
            duration="99年",
            annual_amount="3862500.00",
            extra_fields=(("其中：财政拨款", "3862500.00"),),
            overall_goal="按照每生每天5元标准为全县农村义务教育阶段学生提供营养膳食补助，"
            "严格落实食品安全校长负责制和陪餐制度，规范食堂管理和食材采购，"
            "改善农村学生营养健康状况，提高学生体质健康水平，促进教育公平。",
            indicators=(
                I("1-产出指标", "11-数量指标", "受益农村义务教育阶段学生人数", "≥15450人"),
                I("1-产出指标", "11-数量指标", "实施营养改善计划学校数量", "52所"),
                I("1-产出指标", "12-质量指标", "学校食堂食品安全事故发生次数", "0次"),
                I("1-产出指标", "12-质量指标", "学生营养膳食供餐覆盖率", "100%"),
                I("1-产出指标", "13-时效指标", "按学期足额拨付营养膳食补助资金", "2025年春秋两学期"),
                I("1-产出指标", "14-成本指标", "营养膳食补助标准", "每生每天5元"),
                I("2-效益指标", "21-经济效益", None, None),
                I("2-效益指标", "22-社会效益", "农村学生营养健康状况和体质健康水平，学生身高、体重等指标较上年有所改善",
                  "逐步提高"),
                I("2-效益指标", "23-生态效益", None, None),
                I("2-效益指标", "24-可持续影响", "营养改善计划长效管理机制", "持续完善"),
                I("3-满意度指标", "31-服务对象满意度", "学生及家长满意度", "≥90%"),
            ),
        ),
        Project(
            project_name="中小学校舍维修改造项目",
            project_type="一年期项目",
            duration="1年",
            annual_amount="800000.00",
            extra_fields=(("其中：财政拨款", "500000.00"), ("其中：其他资金", "300000.00")),
            managing_office="规划建设股",
            overall_goal="对全县6所中小学校存在安全隐患的校舍屋面、门窗及供暖管网进行维修改造，"
            "消除校舍安全隐患，改善师生教学和生活条件。",
            indicators=(
                I("1-产出指标", "11-数量指标", "维修改造学校数量", "6所"),
                I("1-产出指标", "11-数量指标", "维修改造校舍面积", "≥4800平方米"),
                I("1-产出指标", "12-质量指标", "工程验收合格率", "100%"),
                I("1-产出指标", "13-时效指标", "项目完工时间", "2025年8月31日前"),
                I("1-产出指标", "14-成本指标", "校舍维修改造平均成本", "≤167元/平方米"),
                I("2-效益指标", "21-经济效益", None, None),
                I("2-效益指标", "22-社会效益", "消除校舍安全隐患，改善办学条件", "有效改善"),
                I("2-效益指标", "23-生态效益", None, None),
                I("2-效益指标", "24-可持续影响", "校舍使用年限", "≥15年"),
                I("3-满意度指标", "31-服务对象满意度", "师生满意度", "≥90%"),
            ),
        ),
    ),
)

# Newer layout (4-成本指标 with 41/42/43 as level-1), regional synonyms 年度资金总额 and
# 年度绩效目标, 资金来源 in the header, an amount of 12.5 and one with a thousands separator.
AGRICULTURE = Department(
    key="agriculture",
    title="附件4：平罗县农业农村局项目支出预算绩效目标表",
    department="平罗县农业农村局",
    implementing_unit="平罗县农业技术推广服务中心",
    managing_office="种植业管理股",
    amount_unit="万元",
    projects=(
        Project(
            project_name="农作物重大病虫害统防统治补助",
            project_type="一年期项目",
            duration="1年",
            annual_amount="12.5",
            labels={"annual_amount": "年度资金总额", "overall_goal": "年度绩效目标"},
            extra_fields=(("资金来源", "自治区财政农业生产发展资金"),),
            overall_goal="组织专业化防治服务组织对小麦、玉米、水稻等主要农作物重大病虫害开展统防统治，"
            "统防统治面积不少于5万亩，病虫害危害损失率控制在5%以内，保障全县粮食生产安全。",
            indicators=(
                I("1-产出指标", "11-数量指标", "开展统防统治面积", "≥5万亩"),
                I("1-产出指标", "11-数量指标", "发放高效低毒防治药剂", "≥20吨"),
                I("1-产出指标", "12-质量指标", "病虫害危害损失率", "≤5%"),
                I("1-产出指标", "13-时效指标", "防治作业完成时间", "2025年9月底前"),
                I("4-成本指标", "41-经济成本指标", "每亩统防统治补助标准", "≤25元/亩"),
                I("4-成本指标", "42-社会成本指标", None, None),
                I("4-成本指标", "43-生态环境成本指标", None, None),
                I("2-效益指标", "21-经济效益", "挽回粮食产量损失", "≥1500吨"),
                I("2-效益指标", "22-社会效益", "保障粮食生产安全和重要农产品有效供给", "有效保障"),
                I("2-效益指标", "23-生态效益", "化学农药使用量较上年减少", "≥3%"),
                I("3-满意度指标", "31-服务对象满意度", "种植户满意度", "≥90%"),
            ),
        ),
        Project(
            project_name="高标准农田建设项目",
            project_type="一年期项目",
            duration="1年",
            annual_amount="1,860.00",
            labels={"annual_amount": "年度资金总额", "overall_goal": "年度绩效目标"},
            extra_fields=(("资金来源", "中央及自治区农田建设补助资金、县级配套资金"),),
            managing_office="农田建设管理股",
            overall_goal="在姚伏镇、通伏乡等4个乡镇新建高标准农田1.2万亩，完成土地平整、灌溉排水、"
            "田间道路和农田防护林网等工程建设，亩均节水20%以上，提高耕地质量和农业综合生产能力。",
            indicators=(
                I("1-产出指标", "11-数量指标", "新建高标准农田面积", "1.2万亩"),
                I("1-产出指标", "11-数量指标", "新建及改造灌溉排水渠道", "≥35公里"),
                I("1-产出指标", "12-质量指标", "工程质量验收合格率", "100%"),
                I("1-产出指标", "13-时效指标", "项目完工时间", "2025年11月底前"),
                I("2-效益指标", "21-经济效益", "项目区亩均粮食产能提高", "≥50公斤"),
                I("2-效益指标", "22-社会效益", "项目区农业综合生产能力", "明显提升"),
                I("2-效益指标", "23-生态效益", "项目区亩均节水率", "≥20%"),
                I("3-满意度指标", "31-服务对象满意度", "项目区群众满意度", "≥92%"),
                I("4-成本指标", "41-经济成本指标", "高标准农田亩均建设成本", "≤1550元/亩"),
                I("4-成本指标", "42-社会成本指标", None, None),
                I("4-成本指标", "43-生态环境成本指标", "施工期扬尘及水土流失控制", "达到环保要求"),
            ),
        ),
    ),
)

# Newer layout, 项目资金 as the amount label, small projects (several fit on one page);
# the third prints its indicator labels without codes.
HEALTH = Department(
    key="health",
    title="附件5：平罗县卫生健康局项目支出预算绩效目标表",
    department="平罗县卫生健康局",
    implementing_unit="平罗县卫生健康局本级",
    managing_office="基层卫生股",
    amount_unit="万元",
    projects=(
        Project(
            project_name="基本公共卫生服务县级配套资金",
            project_type="经常性项目",
            duration="99年",
            annual_amount="86.4",
            labels={"annual_amount": "项目资金"},
            overall_goal="落实基本公共卫生服务项目县级配套资金，为城乡居民免费提供健康档案管理、"
            "慢性病患者健康管理等基本公共卫生服务。",
            indicators=(
                I("1-产出指标", "11-数量指标", "居民电子健康档案建档率", "≥90%"),
                I("1-产出指标", "12-质量指标", "高血压患者规范管理率", "≥65%"),
                I("1-产出指标", "13-时效指标", "资金拨付时间", "2025年12月底前"),
                I("2-效益指标", "22-社会效益", "城乡居民公共卫生服务差距", "逐步缩小"),
                I("3-满意度指标", "31-服务对象满意度", "城乡居民满意度", "≥85%"),
                I("4-成本指标", "41-经济成本指标", "人均基本公共卫生服务经费县级配套标准", "3.6元/人"),
            ),
        ),
        Project(
            project_name="家庭医生签约服务补助",
            project_type="一年期项目",
            duration="1年",
            annual_amount="32",
            labels={"annual_amount": "项目资金"},
            overall_goal="对乡村医生开展家庭医生签约服务给予补助，重点人群签约服务覆盖率达到75%以上。",
            indicators=(
                I("1-产出指标", "11-数量指标", "重点人群家庭医生签约服务覆盖率", "≥75%"),
                I("1-产出指标", "12-质量指标", "签约居民履约服务率", "≥90%"),
                I("2-效益指标", "22-社会效益", "基层首诊、分级诊疗格局", "逐步形成"),
                I("3-满意度指标", "31-服务对象满意度", "签约居民满意度", "≥90%"),
                I("4-成本指标", "41-经济成本指标", "签约服务补助标准", "每人每年10元"),
            ),
        ),
        Project(
            project_name="免费孕前优生健康检查",
            project_type="一年期项目",
            duration="1年",
            annual_amount="18.75",
            labels={"annual_amount": "项目资金"},
            managing_office="妇幼健康股",
            overall_goal="为计划怀孕的农村夫妇免费提供孕前优生健康检查，降低出生缺陷发生风险。",
            indicators=(
                I("产出指标", "数量指标", "免费孕前优生健康检查人数", "≥1500对"),
                I("产出指标", "质量指标", "高风险人群随访率", "100%"),
                I("效益指标", "社会效益", "出生缺陷发生风险", "有效降低"),
                I("满意度指标", "服务对象满意度", "受检夫妇满意度", "≥90%"),
                I("成本指标", "经济成本指标", "每对夫妇检查费用", "250元"),
            ),
        ),
    ),
)

# Older layout with long texts; used by the drawn traps (rotation, missing top rule,
# phantom rectangles, no ruling lines).
NATURAL_RESOURCES = Department(
    key="natural_resources",
    title="附件6：平罗县自然资源局项目支出预算绩效目标表",
    department="平罗县自然资源局",
    implementing_unit="平罗县自然资源局本级",
    managing_office="地质勘查股",
    amount_unit="万元",
    projects=(
        Project(
            project_name="地质灾害防治及隐患点监测项目",
            project_type="一年期项目",
            duration="1年",
            annual_amount="46.8",
            extra_fields=(("其中：财政拨款", "46.8"),),
            overall_goal="对全县贺兰山东麓及沿黄区域已查明的地质灾害隐患点开展汛期巡查和专业监测，"
            "更新地质灾害隐患点防灾预案和群测群防员信息，组织开展地质灾害应急演练和防灾知识宣传培训，"
            "对受威胁群众发放防灾明白卡和避险明白卡，最大限度减少地质灾害造成的人员伤亡和财产损失。",
            indicators=(
                I("1-产出指标", "11-数量指标", "地质灾害隐患点汛期巡查和专业监测覆盖数量", "27处"),
                I("1-产出指标", "11-数量指标", "组织开展地质灾害应急演练及防灾知识宣传培训", "≥3场次"),
                I("1-产出指标", "11-数量指标", "发放防灾明白卡和避险明白卡", "≥600份"),
                I("1-产出指标", "12-质量指标", "隐患点防灾预案和群测群防员信息更新率", "100%"),
                I("1-产出指标", "13-时效指标", "汛期巡查监测时间", "2025年5月至9月"),
                I("1-产出指标", "14-成本指标", "单个隐患点年度专业监测费用", "≤1.2万元"),
                I("2-效益指标", "21-经济效益", None, None),
                I("2-效益指标", "22-社会效益", "地质灾害造成人员伤亡，受威胁群众生命财产安全得到有效保障",
                  "零伤亡"),
                I("2-效益指标", "23-生态效益", "地质灾害隐患点周边生态环境", "逐步改善"),
                I("2-效益指标", "24-可持续影响", "群测群防体系和地质灾害监测预警能力", "持续提升"),
                I("3-满意度指标", "31-服务对象满意度", "受威胁群众满意度", "≥90%"),
            ),
        ),
        Project(
            project_name="国土空间规划编制经费",
            project_type="一年期项目",
            duration="1年",
            annual_amount="120",
            managing_office="国土空间规划股",
            overall_goal="完成平罗县国土空间总体规划成果报批及13个乡镇国土空间规划编制，"
            "划定落实耕地和永久基本农田、生态保护红线、城镇开发边界三条控制线，"
            "建设县级国土空间基础信息平台，实现规划“一张图”管理。",
            indicators=(
                I("1-产出指标", "11-数量指标", "完成乡镇国土空间规划编制数量", "13个"),
                I("1-产出指标", "11-数量指标", "划定三条控制线", "3条"),
                I("1-产出指标", "12-质量指标", "规划成果通过自治区审查", "一次性通过"),
                I("1-产出指标", "13-时效指标", "规划成果报批时间", "2025年10月底前"),
                I("1-产出指标", "14-成本指标", "乡镇国土空间规划平均编制费用", "≤8.5万元/个"),
                I("2-效益指标", "21-经济效益", None, None),
                I("2-效益指标", "22-社会效益", "为项目落地和用地审批提供规划依据", "有效保障"),
                I("2-效益指标", "23-生态效益", "生态保护红线内生态空间", "得到有效保护"),
                I("2-效益指标", "24-可持续影响", "国土空间规划“一张图”实施监督", "持续发挥作用"),
                I("3-满意度指标", "31-服务对象满意度", "乡镇政府及相关部门满意度", "≥90%"),
            ),
        ),
    ),
)



def X(nature: str, unit: str, weight: str) -> tuple[tuple[str, str], ...]:
    """The extra indicator columns of the civil-affairs tables (empty values left out)."""
    return tuple((k, v) for k, v in (("指标性质", nature), ("度量单位", unit), ("权重", weight)) if v)


# Newer layout with three more indicator columns after 绩效值 (指标性质, 度量单位, 权重):
# the target is the bare value, the unit sits in its own column.
CIVIL_AFFAIRS = Department(
    key="civil_affairs",
    title="附件7：平罗县民政局项目支出预算绩效目标表",
    department="平罗县民政局",
    implementing_unit="平罗县民政局本级",
    managing_office="社会救助股",
    amount_unit="万元",
    projects=(
        Project(
            project_name="城乡最低生活保障资金",
            project_type="经常性项目",
            duration="99年",
            annual_amount="2386.5",
            extra_fields=(("其中：中央补助资金", "1980.00"), ("其中：县级配套资金", "406.50")),
            overall_goal="按照城市低保每人每月620元、农村低保每人每年5880元的标准，"
            "按月足额发放城乡最低生活保障金，做到应保尽保、应退尽退，切实保障困难群众基本生活。",
            indicators=(
                I("1-产出指标", "11-数量指标", "城市低保保障人数", "3200", X("≥", "人", "10")),
                I("1-产出指标", "11-数量指标", "农村低保保障人数", "9800", X("≥", "人", "10")),
                I("1-产出指标", "12-质量指标", "低保对象认定准确率", "95", X("≥", "%", "10")),
                I("1-产出指标", "13-时效指标", "低保金按月足额发放", "12", X("=", "月", "10")),
                I("2-效益指标", "21-经济效益", None, None),
                I("2-效益指标", "22-社会效益", "困难群众基本生活", "有效保障", X("定性", "", "30")),
                I("3-满意度指标", "31-服务对象满意度", "低保对象满意度", "90", X("≥", "%", "10")),
                I("4-成本指标", "41-经济成本指标", "城市低保月人均补助标准", "620", X("≤", "元/人·月", "20")),
                I("4-成本指标", "42-社会成本指标", None, None),
                I("4-成本指标", "43-生态环境成本指标", None, None),
            ),
        ),
        Project(
            project_name="特困人员救助供养资金",
            project_type="经常性项目",
            duration="99年",
            annual_amount="642.8",
            extra_fields=(("其中：中央补助资金", "560.00"), ("其中：县级配套资金", "82.80")),
            managing_office="社会福利股",
            overall_goal="为全县分散供养和集中供养特困人员发放基本生活费和照料护理费，"
            "提升敬老院集中供养服务质量，保障特困人员基本生活。",
            indicators=(
                I("1-产出指标", "11-数量指标", "分散供养特困人员人数", "760", X("≥", "人", "15")),
                I("1-产出指标", "11-数量指标", "集中供养特困人员人数", "85", X("≥", "人", "15")),
                I("1-产出指标", "12-质量指标", "照料护理费发放准确率", "100", X("=", "%", "10")),
                I("1-产出指标", "13-时效指标", "供养资金发放时间", "每月10日前", X("定性", "", "10")),
                I("2-效益指标", "22-社会效益", "特困人员基本生活和照料服务", "得到有效保障", X("定性", "", "20")),
                I("3-满意度指标", "31-服务对象满意度", "供养对象满意度", "92", X("≥", "%", "10")),
                I("4-成本指标", "41-经济成本指标", "集中供养人员年人均供养标准", "1.26", X("≤", "万元", "20")),
            ),
        ),
    ),
)

DEPARTMENTS = {d.key: d for d in (PINGLUO, EDUCATION, AGRICULTURE, HEALTH, NATURAL_RESOURCES, CIVIL_AFFAIRS)}

# A non-target table printed before the agriculture projects (it goes to `tables`).
AGRICULTURE_BUDGET_TABLE = (
    ("项目名称", "合计", "一般公共预算", "政府性基金预算", "其他资金"),
    ("农作物重大病虫害统防统治补助", "12.50", "12.50", "0.00", "0.00"),
    ("高标准农田建设项目", "1860.00", "1620.00", "0.00", "240.00"),
    ("合计", "1872.50", "1632.50", "0.00", "240.00"),
)
AGRICULTURE_BUDGET_TABLE_TITLE = "项目支出预算表"

"""Projects of the fourth held-out corpus, in canonical text (SPEC.md).

Invented content: 兴庆区, 金凤区, 西夏区, 平罗县, 石嘴山市 and 惠农区 departments not used by the
other sets (教育局, 民政局, 自然资源局, 发展和改革局, 气象局, 妇女联合会, 图书馆, 疾病预防控制中心,
消防救援大队, 信访局, 机关事务管理局, 工业和信息化局).

A project is a dict of the SPEC header keys (None = value cell left empty) and `indicators`, a list
of (level1_code, level1, level2_code, level2, level3, target). `measured` projects carry
(…, level3, number, unit) rows instead: the number is printed in the target column and the unit in
its own 计量单位 column.
"""

PRODUCT = ("1", "产出指标")
BENEFIT = ("2", "效益指标")
SATISF = ("3", "满意度指标")


def ind(l1, l2code, l2, l3, target):
    return (l1[0], l1[1], l2code, l2, l3, target)


EDU = dict(
    project_name="学前教育保教费补助资金", department="兴庆区教育局",
    implementing_unit="兴庆区第一幼儿园", project_type="经常性项目", duration="1年",
    managing_office="基础教育科", annual_amount=186.5,
    overall_goal="按标准落实公办幼儿园保教费补助政策，减轻幼儿家庭负担，巩固学前教育普及普惠成果。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "受助幼儿人数", "≥1200人"),
        ind(PRODUCT, "11", "数量指标", "补助幼儿园数量", "8所"),
        ind(PRODUCT, "12", "质量指标", "补助标准执行准确率", "100%"),
        ind(PRODUCT, "13", "时效指标", "资金拨付时间", "2025年9月底前"),
        ind(BENEFIT, "22", "社会效益", "学前三年毛入园率", "≥92%"),
        ind(SATISF, "31", "服务对象满意度", "幼儿家长满意度", "≥90%"),
    ])

CIVIL = dict(
    project_name="城乡特困人员救助供养资金", department="金凤区民政局",
    implementing_unit="金凤区社会救助服务中心", project_type="经常性项目", duration="1年",
    managing_office="社会救助科", annual_amount=243.8,
    overall_goal="保障城乡特困人员基本生活，按时足额发放救助供养金，落实分散供养照料服务。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "救助供养人数", "326人"),
        ind(PRODUCT, "12", "质量指标", "救助对象认定准确率", "≥98%"),
        ind(PRODUCT, "13", "时效指标", "供养金按月发放", "每月10日前"),
        ind(PRODUCT, "14", "成本指标", "分散供养标准", "1280元/人·月"),
        ind(BENEFIT, "22", "社会效益", "特困人员基本生活", "有效保障"),
        ind(SATISF, "31", "服务对象满意度", "救助对象满意度", "≥95%"),
    ])

LAND = dict(
    project_name="国土空间规划编制经费", department="西夏区自然资源局",
    implementing_unit="西夏区自然资源局本级", project_type="一次性项目", duration="2年",
    managing_office="国土空间规划科", annual_amount=95.0,
    overall_goal="完成西夏区国土空间总体规划成果编制和审查报批，划定三条控制线，为国土空间开发保护提供依据。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "规划成果数量", "1套"),
        ind(PRODUCT, "11", "数量指标", "专题研究报告", "6项"),
        ind(PRODUCT, "12", "质量指标", "成果审查通过率", "100%"),
        ind(PRODUCT, "13", "时效指标", "成果报批时间", "2025年10月31日前"),
        ind(BENEFIT, "23", "生态效益", "生态保护红线面积", "不减少"),
        ind(BENEFIT, "24", "可持续影响", "规划实施管控", "长期有效"),
        ind(SATISF, "31", "服务对象满意度", "相关部门满意度", "≥90%"),
    ])

DRC = dict(
    project_name="重点项目前期工作经费", department="平罗县发展和改革局",
    implementing_unit="平罗县重点项目服务中心", project_type="经常性项目", duration="1年",
    managing_office="投资科", annual_amount=60.0,
    overall_goal="开展重点项目谋划储备和前期论证，提高项目申报质量，争取中央预算内投资和专项债券资金支持。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "储备重点项目数量", "≥40个"),
        ind(PRODUCT, "12", "质量指标", "项目申报成功率", "≥60%"),
        ind(PRODUCT, "13", "时效指标", "前期工作完成时间", "2025年11月底前"),
        ind(BENEFIT, "21", "经济效益", "争取上级资金", "≥3亿元"),
        ind(BENEFIT, "22", "社会效益", "项目带动就业", "明显增加"),
        ind(SATISF, "31", "服务对象满意度", "项目单位满意度", "≥90%"),
    ])

METEO = dict(
    project_name="人工影响天气作业经费", department="石嘴山市气象局",
    implementing_unit="石嘴山市人工影响天气中心", project_type="经常性项目", duration="1年",
    managing_office="业务科", annual_amount=48.6,
    overall_goal="开展人工增雨防雹作业，减轻冰雹灾害损失，增加水资源供给，保障农业生产安全。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "增雨防雹作业次数", "≥30次"),
        ind(PRODUCT, "11", "数量指标", "作业点维护数量", "12个"),
        ind(PRODUCT, "12", "质量指标", "作业安全事故", "0起"),
        ind(PRODUCT, "13", "时效指标", "作业响应时间", "≤30分钟"),
        ind(BENEFIT, "21", "经济效益", "减少冰雹灾害损失", "≥500万元"),
        ind(SATISF, "31", "服务对象满意度", "农户满意度", "≥85%"),
    ])

WOMEN = dict(
    project_name="妇女儿童维权服务经费", department="惠农区妇女联合会",
    implementing_unit="惠农区妇女联合会本级", project_type="经常性项目", duration="1年",
    managing_office="权益部", annual_amount=12.0,
    overall_goal="开展妇女儿童法律维权宣传和心理疏导服务，接待处理信访投诉，维护妇女儿童合法权益。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "法律宣传活动", "≥20场"),
        ind(PRODUCT, "11", "数量指标", "心理疏导服务人次", "≥300人次"),
        ind(PRODUCT, "12", "质量指标", "投诉办结率", "≥95%"),
        ind(BENEFIT, "22", "社会效益", "妇女儿童维权意识", "明显提升"),
        ind(SATISF, "31", "服务对象满意度", "服务对象满意度", "≥90%"),
    ])

LIBRARY = dict(
    project_name="公共图书馆免费开放补助", department="兴庆区文化旅游广电局",
    implementing_unit="兴庆区图书馆", project_type="经常性项目", duration="1年",
    managing_office="公共服务科", annual_amount=35.0,
    overall_goal="保障图书馆免费开放，更新馆藏图书，开展全民阅读推广活动，提升公共文化服务水平。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "新增馆藏图书", "≥8000册"),
        ind(PRODUCT, "11", "数量指标", "阅读推广活动", "≥24场"),
        ind(PRODUCT, "12", "质量指标", "免费开放时间", "每周≥56小时"),
        ind(BENEFIT, "22", "社会效益", "年接待读者人次", "≥15万人次"),
        ind(SATISF, "31", "服务对象满意度", "读者满意度", "≥92%"),
    ])

CDC = dict(
    project_name="重大传染病防控经费", department="金凤区卫生健康局",
    implementing_unit="金凤区疾病预防控制中心", project_type="经常性项目", duration="1年",
    managing_office="疾病预防控制科", annual_amount=78.4,
    overall_goal="落实艾滋病、结核病等重大传染病防控措施，开展监测检测和健康教育，降低传染病发病率。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "艾滋病检测人次", "≥2.5万人次"),
        ind(PRODUCT, "11", "数量指标", "结核病患者筛查", "≥3000人"),
        ind(PRODUCT, "12", "质量指标", "传染病报告及时率", "≥95%"),
        ind(PRODUCT, "13", "时效指标", "疫情处置响应时间", "≤2小时"),
        ind(BENEFIT, "22", "社会效益", "甲乙类传染病发病率", "低于全区平均水平"),
        ind(SATISF, "31", "服务对象满意度", "群众满意度", "≥90%"),
    ])

FIRE = dict(
    project_name="消防装备购置经费", department="西夏区消防救援大队",
    implementing_unit="西夏区消防救援大队本级", project_type="一次性项目", duration="1年",
    managing_office="战训科", annual_amount=120.0,
    overall_goal="购置灭火救援和个人防护装备，补齐消防装备短板，提升火灾扑救和应急救援能力。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "购置个人防护装备", "150套"),
        ind(PRODUCT, "11", "数量指标", "购置破拆救援器材", "20件"),
        ind(PRODUCT, "12", "质量指标", "装备验收合格率", "100%"),
        ind(PRODUCT, "13", "时效指标", "采购完成时间", "2025年8月底前"),
        ind(BENEFIT, "22", "社会效益", "应急救援能力", "显著提升"),
        ind(SATISF, "31", "服务对象满意度", "指战员满意度", "≥95%"),
    ])

PETITION = dict(
    project_name="信访积案化解专项经费", department="平罗县信访局",
    implementing_unit="平罗县人民来访接待中心", project_type="经常性项目", duration="1年",
    managing_office="督查科", annual_amount=25.0,
    overall_goal="开展信访积案化解攻坚，落实领导接访下访制度，推动信访事项依法及时就地解决。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "化解信访积案", "≥30件"),
        ind(PRODUCT, "12", "质量指标", "信访事项按期办结率", "≥95%"),
        ind(PRODUCT, "13", "时效指标", "初信初访受理时间", "3个工作日内"),
        ind(BENEFIT, "22", "社会效益", "重复信访率", "明显下降"),
        ind(SATISF, "31", "服务对象满意度", "信访群众满意度", "≥85%"),
    ])

OFFICE = dict(
    project_name="办公用房维修改造经费", department="石嘴山市机关事务管理局",
    implementing_unit="石嘴山市机关事务服务中心", project_type="一次性项目", duration="1年",
    managing_office="房产管理科", annual_amount=210.0,
    overall_goal="对市级机关办公楼屋面防水和供暖管网进行维修改造，消除安全隐患，保障机关正常运转。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "屋面防水维修面积", "4200平方米"),
        ind(PRODUCT, "11", "数量指标", "更换供暖管网长度", "1.8公里"),
        ind(PRODUCT, "12", "质量指标", "工程验收合格率", "100%"),
        ind(PRODUCT, "13", "时效指标", "工程完工时间", "2025年10月15日前"),
        ind(BENEFIT, "24", "可持续影响", "办公用房使用年限", "延长10年以上"),
        ind(SATISF, "31", "服务对象满意度", "入驻单位满意度", "≥90%"),
    ])

INDUSTRY = dict(
    project_name="中小企业数字化转型补助", department="惠农区工业和信息化局",
    implementing_unit="惠农区中小企业服务中心", project_type="经常性项目", duration="1年",
    managing_office="产业发展科", annual_amount=150.0,
    overall_goal="支持中小企业上云用数赋智，培育数字化转型示范企业，提高企业生产效率和市场竞争力。",
    indicators=[
        ind(PRODUCT, "11", "数量指标", "补助企业数量", "≥25家"),
        ind(PRODUCT, "12", "质量指标", "补助资金使用合规率", "100%"),
        ind(PRODUCT, "13", "时效指标", "补助资金兑现时间", "2025年12月20日前"),
        ind(BENEFIT, "21", "经济效益", "企业生产效率提升", "≥10%"),
        ind(SATISF, "31", "服务对象满意度", "企业满意度", "≥90%"),
    ])


def measured(l1, l2code, l2, l3, number, unit):
    return (l1[0], l1[1], l2code, l2, l3, number, unit)


# projects whose targets are numbers with the unit in a 计量单位 column (unit None = empty cell)
ROADS_M = dict(
    project_name="农村公路养护补助资金", department="西夏区交通运输局",
    implementing_unit="西夏区公路养护中心", project_type="经常性项目", duration="1年",
    managing_office="公路管理科", annual_amount=132.0,
    overall_goal="落实农村公路日常养护，及时修复路面病害，保持农村公路安全畅通。",
    indicators=[
        measured(PRODUCT, "11", "数量指标", "日常养护里程", "356", "公里"),
        measured(PRODUCT, "11", "数量指标", "路面病害修复面积", "12000", "平方米"),
        measured(PRODUCT, "12", "质量指标", "优良中等路比例", "≥85", "%"),
        measured(PRODUCT, "13", "时效指标", "病害修复时限", "≤15", "天"),
        measured(BENEFIT, "22", "社会效益", "群众出行条件", "明显改善", None),
        measured(SATISF, "31", "服务对象满意度", "沿线群众满意度", "90", "%"),
    ])

SCHOOL_M = dict(
    project_name="义务教育学生营养改善计划", department="平罗县教育局",
    implementing_unit="平罗县学生资助管理中心", project_type="经常性项目", duration="1年",
    managing_office="计划财务科", annual_amount=512.3,
    overall_goal="为农村义务教育阶段学生提供营养膳食补助，改善学生营养健康状况。",
    indicators=[
        measured(PRODUCT, "11", "数量指标", "受益学生人数", "10650", "人"),
        measured(PRODUCT, "11", "数量指标", "供餐天数", "200", "天"),
        measured(PRODUCT, "12", "质量指标", "食品安全事故", "0", "起"),
        measured(PRODUCT, "14", "成本指标", "补助标准", "5", "元/生·天"),
        measured(BENEFIT, "22", "社会效益", "学生营养健康状况", "持续改善", None),
        measured(SATISF, "31", "服务对象满意度", "家长满意度", "≥90", "%"),
    ])

"""Pages without ruling lines: the form's table is rebuilt by the unruled reader, any other
table by the text-aligned grid."""
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from fujian.pipeline import convert_file

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def _draw(path, title, rows, x=(60, 180, 300, 420)):
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    c.drawString(200, 800, title)
    for i, r in enumerate(rows):
        for j, t in enumerate(r):
            if t:
                c.drawString(x[j], 760 - i * 24, t)
    c.save()


def test_unruled_list_table_keeps_its_columns(tmp_path):
    pdf = tmp_path / "list.pdf"
    _draw(pdf, "部门收支总表", [["收入", "金额", "支出", "金额"], ["一般公共预算", "120.00", "一般公共服务", "100.00"],
                              ["", "", "其他支出", "20.00"], ["合计", "120.00", "合计", "120.00"]])
    doc = convert_file(pdf)
    assert doc["projects"] == [] and doc["tables"] == []
    (table,) = doc["budget_tables"]  # a standard budget table, read as one (two-sided)
    assert (table["kind"], table["title"]) == ("summary", "部门收支总表")
    rows = {(r["side"], r["name"]): r["values"]["amount"] for r in table["rows"]}
    assert rows[("expenditure", "其他支出")] == 20.0 and rows[("revenue", "一般公共预算")] == 120.0


def test_unruled_performance_table(tmp_path):
    pdf = tmp_path / "form.pdf"
    _draw(pdf, "部门项目支出预算绩效目标表", [
        ["项目名称", "会议经费", "", ""], ["主管部门", "某局", "实施单位", "某局本级"],
        ["项目主管处室", "办公室", "项目年度金额", "4"], ["一级指标", "二级指标", "三级指标", "绩效值"],
        ["1-产出指标", "11-数量指标", "召开会议", "6次"], ["", "12-质量指标", "合格率", "100%"],
        ["2-效益指标", "21-经济效益", "", ""]])
    p = convert_file(pdf)["projects"][0]
    assert (p["project_name"], p["implementing_unit"], p["annual_amount"]) == ("会议经费", "某局本级", 4)
    assert [(i["level1_code"], i["level2_code"], i["level3"], i["target"]) for i in p["indicators"]] == [
        ("1", "11", "召开会议", "6次"), ("1", "12", "合格率", "100%"), ("2", "21", None, None)]
    assert all(i["bbox"] for i in p["indicators"] if i["level3"])  # text boxes as provenance

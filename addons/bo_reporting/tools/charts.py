# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Server-side charts for the PDF reports, drawn with reportlab (shipped with Odoo).

Charts are returned as base64 PNG so that wkhtmltopdf embeds them as images
(no JavaScript, readable in print: dark bars, large labels).
"""

import base64

from reportlab.graphics import renderPM
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

PALETTE = [colors.HexColor("#1f4e79"), colors.HexColor("#9dc3e6"), colors.HexColor("#c55a11")]


def _png(drawing):
    return base64.b64encode(renderPM.drawToString(drawing, fmt="PNG", dpi=110)).decode()


def bar_chart(title, labels, series, horizontal=False, width=520, height=230):
    """Bar chart as base64 PNG.

    :param labels: category labels (x axis, or y axis when ``horizontal``)
    :param series: list of ``(name, values)``, values aligned on ``labels``
    """
    drawing = Drawing(width, height)
    drawing.add(String(10, height - 16, title, fontName="Helvetica-Bold", fontSize=11))
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (150, 20) if horizontal else (50, 45)
    chart.width = width - chart.x - 20
    chart.height = height - chart.y - (55 if len(series) > 1 else 30)
    chart.data = [tuple(float(v or 0.0) for v in values) or (0.0,) for _name, values in series]
    chart.categoryAxis.categoryNames = [str(label)[:22] for label in labels] or [""]
    chart.categoryAxis.labels.fontSize = 7
    if not horizontal:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.forceZero = True
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 200, height - 14
        legend.columnMaximum = 1
        legend.deltax = 90
        legend.fontSize = 8
        legend.alignment = "right"
        legend.colorNamePairs = [
            (PALETTE[i % len(PALETTE)], name) for i, (name, _values) in enumerate(series)
        ]
        drawing.add(legend)
    return _png(drawing)

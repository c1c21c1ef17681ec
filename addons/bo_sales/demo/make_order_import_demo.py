# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Write demo/ordini_agente_demo.xls, the agent's spreadsheet of the demo.

Run once with the project's virtualenv (xlwt is installed there); the output
is committed. It uses the demo customers (VAT numbers with and without the
IT prefix, a name) and products (internal references and an EAN) of
res_partner_demo.xml and product_demo.xml, the way an agent fills a sheet:
a title row, Italian headers, decimal commas, dates typed as text or as dates.
"""

import datetime
import pathlib

import xlwt

ROWS = [
    # Cliente, P. IVA, Rif. cliente, Articolo, Qtà, Prezzo, Sconto, Data consegna, Note
    (
        "Ferramenta Emiliana S.r.l.",
        "IT79123110581",
        "ORD-2026-118",
        "UT-TRP-18V",
        4,
        "",
        "",
        datetime.date(2026, 12, 15),
        "",
    ),
    (
        "Ferramenta Emiliana S.r.l.",
        "IT79123110581",
        "ORD-2026-118",
        "FE-VIT-4X40",
        "20",
        "13,90",
        "",
        datetime.date(2026, 12, 15),
        "Confezioni da 200 pezzi",
    ),
    (
        "Ferramenta Emiliana S.r.l.",
        "IT79123110581",
        "ORD-2026-118",
        "8031234002494",
        50,
        "",
        "5",
        datetime.date(2026, 12, 15),
        "",
    ),
    ("Edilcasa Reggio S.p.A.", "99546820251", "", "AN-GUA-NIT", 100, "9,50", "", "20/12/2026", ""),
    ("Edilcasa Reggio S.p.A.", "99546820251", "", "AN-SCA-S3", 6, "", "10", "20/12/2026", ""),
    (
        "Utensileria Felsinea S.n.c.",
        "IT 868 840 10611",
        "PO 4471",
        "UT-SMR-125",
        2,
        "96,00",
        "",
        "",
        "",
    ),
    (
        "Utensileria Felsinea S.n.c.",
        "IT 868 840 10611",
        "PO 4471",
        "UT-MET-5M",
        "1.000",
        "6,90",
        "12,5",
        "",
        "Consegna al magazzino di via Emilia",
    ),
]
HEADERS = [
    "Cliente",
    "Partita IVA",
    "Rif. cliente",
    "Codice articolo",
    "Qtà",
    "Prezzo",
    "Sconto %",
    "Data consegna",
    "Note",
]


def main():
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Ordini")
    bold = xlwt.easyxf("font: bold on")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    sheet.write(0, 0, "Ordini agente Marco Bianchi - settimana 48", bold)
    for column, header in enumerate(HEADERS):
        sheet.write(2, column, header, bold)
    for index, row in enumerate(ROWS, start=3):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write(index, column, value, date_style)
            elif value != "":
                sheet.write(index, column, value)
    book.save(str(pathlib.Path(__file__).with_name("ordini_agente_demo.xls")))


if __name__ == "__main__":
    main()

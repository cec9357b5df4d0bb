#!/usr/bin/python3
"""Workbooks for the .xlsx import tests, written by tools other than ours.

Usage: /usr/bin/python3 make_xlsx.py OUTDIR   (Debian's python, where python3-openpyxl is)

  contacts.xlsx / contacts.csv  the same CRM-style export written by openpyxl (real date cells,
                                number formats, shared strings, an empty row, a second sheet)
                                and by Python's csv module, so the test can compare analyses
  minimal.xlsx                  hand-written XML the way other writers do it: inline strings, a
                                namespace prefix, rich-text runs, the 1904 date system, a hidden
                                first sheet
"""
import csv
import datetime as dt
import os
import random
import sys
import zipfile

from openpyxl import Workbook

STAGES = ["Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer"]
SOURCES = ["Organic Search", "Paid Social", "Referrals", "Email Marketing", "Direct Traffic"]
HEADER = ["Record ID", "First Name", "Email", "Lifecycle Stage", "Create Date", "Original Source",
          "Became a Customer Date", "Amount", "Score", "Opted out", "Notes"]


def contacts(out):
    rng = random.Random(7)
    rows = []
    start = dt.datetime(2024, 1, 1, 9, 0)
    for i in range(400):
        stage = min(int(rng.expovariate(0.7)), len(STAGES) - 1)
        created = start + dt.timedelta(days=rng.randrange(0, 240), minutes=rng.randrange(0, 600))
        won = created + dt.timedelta(days=rng.randrange(5, 90)) if STAGES[stage] == "Customer" else None
        amount = round(rng.uniform(500, 20000), 2) if won else None
        note = rng.choice(["", "called twice", 'said "maybe"', "Q3 & Q4 <budget>", "line one\nline two"])
        if i == 300:
            created = "someday"  # a cell that is not a date: the warning must name the same row
        rows.append([1000 + i, f"Person{i}", f"p{i}@example.com", STAGES[stage], created,
                     rng.choice(SOURCES), won.date() if won else None, amount, rng.randrange(0, 100) / 100,
                     rng.random() < 0.1, note])

    wb = Workbook()
    ws = wb.active
    ws.title = "Contacts"
    ws.append(HEADER)
    for n, r in enumerate(rows):
        if n == 200:
            ws.append([])  # an empty row in the middle, as people leave them
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        if not isinstance(row[4].value, str):
            row[4].number_format = "yyyy-mm-dd hh:mm"
        row[6].number_format = "dd/mm/yyyy"
        row[7].number_format = '"$"#,##0.00'
        row[8].number_format = "0%"
    notes = wb.create_sheet("Notes")
    notes.append(["This sheet is not the data"])
    wb.save(os.path.join(out, "contacts.xlsx"))

    def text(v):
        if v is None:
            return ""
        if isinstance(v, bool):
            return "TRUE" if v else "FALSE"
        if isinstance(v, dt.datetime):
            return v.strftime("%Y-%m-%d %H:%M")
        if isinstance(v, dt.date):
            return v.strftime("%Y-%m-%d")
        return str(v)

    with open(os.path.join(out, "contacts.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for n, r in enumerate(rows):
            if n == 200:
                f.write("\r\n")
            w.writerow([text(v) for v in r])


def minimal(out):
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": f'<?xml version="1.0"?><x:workbook {ns} {rel}><x:workbookPr date1904="1"/><x:sheets>'
                           '<x:sheet name="Old" sheetId="1" state="hidden" r:id="rId9"/>'
                           '<x:sheet name="Deals &amp; more" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      '<Relationship Id="rId9" Target="/xl/worksheets/old.xml" Type="ws"/>'
                                      '<Relationship Id="rId2" Target="worksheets/deals.xml" Type="ws"/></Relationships>',
        "xl/styles.xml": f'<?xml version="1.0"?><x:styleSheet {ns}><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="[$-409]d\\-mmm\\-yy;@"/></x:numFmts>'
                         '<x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="170" applyNumberFormat="1"/><x:xf numFmtId="4"/></x:cellXfs></x:styleSheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><x:sst {ns} count="3" uniqueCount="3">'
                                '<x:si><x:t>Stage</x:t></x:si>'
                                '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Deal </x:t></x:r><x:r><x:t>value</x:t></x:r></x:si>'
                                '<x:si><x:t>Won</x:t><x:rPh sb="0" eb="1"><x:t>ウォン</x:t></x:rPh></x:si></x:sst>',
        "xl/worksheets/old.xml": f'<?xml version="1.0"?><x:worksheet {ns}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>hidden</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
        # 1904 system: serial 43525 = 2023-03-02 (1900 system: 2019-03-01).
        "xl/worksheets/deals.xml": f'<?xml version="1.0"?><x:worksheet {ns}><x:sheetData>'
            '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Created</x:t></x:is></x:c>'
            '<x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t xml:space="preserve">Source</x:t></x:is></x:c></x:row>'
            '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Lead</x:t></x:is></x:c><x:c r="B2" s="1"><x:v>43525</x:v></x:c>'
            '<x:c r="D2" t="inlineStr"><x:is><x:t>Web &amp; ads</x:t></x:is></x:c></x:row>'
            '<x:row r="4"><x:c r="A4" t="s"><x:v>2</x:v></x:c><x:c r="B4" s="1"><x:v>43526.5</x:v></x:c>'
            '<x:c r="C4" s="2"><x:v>1234.5</x:v></x:c><x:c r="D4" t="e"><x:v>#N/A</x:v></x:c></x:row>'
            '<x:row r="5"><x:c r="A5" t="str"><x:v>Lead</x:v></x:c><x:c r="B5" t="inlineStr"><x:is><x:t>not a date</x:t></x:is></x:c></x:row>'
            '</x:sheetData></x:worksheet>',
    }
    with zipfile.ZipFile(os.path.join(out, "minimal.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in files.items():
            z.writestr(name, body)


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    contacts(out)
    minimal(out)

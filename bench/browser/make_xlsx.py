#!/usr/bin/python3
"""A CRM-style workbook for the .xlsx benchmark, written by openpyxl, and the same rows as CSV.

Usage: /usr/bin/python3 bench/browser/make_xlsx.py ROWS OUT.xlsx OUT.csv
"""
import csv
import datetime as dt
import random
import sys

from openpyxl import Workbook

rows, xlsx, csv_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
header = ["Record ID", "First Name", "Email", "Lifecycle Stage", "Create Date", "Original Source", "Score"]
stages = ["Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer"]
rng = random.Random(1)
wb = Workbook(write_only=True)
ws = wb.create_sheet("Contacts")
ws.append(header)
with open(csv_path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    for i in range(rows):
        created = dt.datetime(2024, 1, 1) + dt.timedelta(minutes=rng.randrange(0, 400000))
        r = [i, f"P{i}", f"p{i}@example.com", stages[min(int(rng.expovariate(0.7)), 5)], created,
             rng.choice(["Organic Search", "Paid Social", "Referrals"]), round(rng.random(), 2)]
        ws.append(r)
        w.writerow(r[:4] + [created.strftime("%Y-%m-%d %H:%M")] + r[5:])
wb.save(xlsx)

#!/bin/sh
# Regenerate the `pdftotext -layout` dumps of some committed sample PDFs (poppler-utils).
# Each dump's expected output is the PDF's: samples/pdf/<name>.expected.json.
set -e
cd "$(dirname "$0")"
for name in word_education_landscape excel_pingluo_break_repeated_header excel_pingluo_break_no_repeated_header \
            drawn_health_several_projects_per_page drawn_no_ruling_lines drawn_civil_affairs_extra_indicator_columns; do
  pdftotext -layout "../pdf/$name.pdf" "$name.layout.txt"
done

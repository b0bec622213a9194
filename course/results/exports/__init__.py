"""Files a trainer takes away from a workshop, all built from the same group results:
a CSV for French Excel, an XLSX workbook, xAPI statements for a learning record store, a GIFT
file of any quiz for Moodle, and a zip of the certificates of those who completed the course.

Streamlit-free: each function returns bytes (or text) for the page's download buttons and for
`python -m course export`.
"""

"""Paper for real workshops: the participant's handout and the paper quiz sheet (fpdf2).

sheet_codes.py holds the conventions a printed sheet and the answers typed back share (letters,
numbers, the sheet code); files.py builds each PDF once per loaded course (content version).
"""

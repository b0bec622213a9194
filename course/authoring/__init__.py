"""Questions written elsewhere (Moodle's GIFT, a spreadsheet) turned into a quiz file."""

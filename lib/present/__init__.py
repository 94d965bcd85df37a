"""Presentation: the report API notebooks show content through, the sentences, the charts, the index page, and the
Word (.docx), PDF, Excel and iCalendar writers. Imports only from the layers below."""

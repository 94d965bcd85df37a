"""Presentation: the report API notebooks show content through, the sentences, the charts, the index page, and the
Word, Excel and iCalendar writers. Imports only from the layers below."""

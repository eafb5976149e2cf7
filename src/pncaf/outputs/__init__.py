"""What pncaf produces for people: documents, messages, calendar, export, dashboard."""

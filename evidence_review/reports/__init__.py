"""Reports: pre-screen Markdown, the official-form report in md/html/xlsx/json/pdf, batch summaries.

Modules are imported by name (no heavy imports here)."""

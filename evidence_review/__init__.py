"""evidence-review: pre-screen, review and score agency submissions for OPDC KPI 14 (FY 2550).

The data flow, one package per stage::

    intake (IntakeRecord) -> extractors (Document) -> classifiers (proposals)
        -> review (decisions, in store) -> scoring (Score) -> reports

This package holds what the stages share: settings, the CLI and the pipeline glue.
"""

__version__ = "0.1.0"
